"""API responses: the ``API-Version`` header (Dutch API Design Rules, API-57) and problem+json.

DRF turns errors inside API views into problems (``ketenwacht.api.errors``). Errors that arise
before a view runs (an unknown URL such as one with a trailing slash, a body too large for
Django, a failure in other middleware) come back as Django's HTML pages; under ``/api/`` this
middleware replaces them with a problem of the same status, so a client sees one error format.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from ketenwacht.api.errors import PROBLEM_CONTENT_TYPE, plain_problem_response

API_PREFIX = "/api/"
_JSON_TYPES = ("application/json", PROBLEM_CONTENT_TYPE)



def _detail_for(status_code: int) -> str:
    if status_code == 404:
        return _("There is no API resource at this address. API paths have no trailing slash.")
    if status_code == 405:
        return _("This method is not allowed here.")
    if status_code == 413:
        return _("The request body is too large.")
    if status_code == 400:
        return _("The request could not be read.")
    if status_code == 403:
        return _("You may not do this.")
    if status_code >= 500:
        return _("Something went wrong on our side; the error has been logged.")
    return _("The request could not be handled.")


class ApiVersionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if response.status_code >= 400 and content_type not in _JSON_TYPES:
            response = plain_problem_response(response.status_code, _detail_for(response.status_code),
                                              request.get_full_path())
        response["API-Version"] = settings.API_VERSION
        return response
