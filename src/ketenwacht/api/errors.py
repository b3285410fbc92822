"""Errors as ``application/problem+json`` (RFC 9457), 400 with per-field detail for validation.

Every error an API client can meet has this shape: validation errors, authentication and
permission failures, unknown URLs, unsupported media types, oversized bodies and even an
unexpected failure (500, logged, never with a traceback in the body).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from ketenwacht.api.casing import to_camel
from ketenwacht.api.exceptions import Conflict, RequestTooLarge

logger = logging.getLogger("ketenwacht.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("Invalid input"),
    401: _("Not authenticated"),
    403: _("Forbidden"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    409: _("Conflict"),
    413: _("Request too large"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
    500: _("Internal server error"),
}


def _field_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error detail into ``[{name, code, reason}]`` with camelCase paths."""
    out: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = to_camel(str(key)) if key not in ("non_field_errors", "__all__") else "nonFieldErrors"
            out += _field_errors(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        if all(isinstance(v, exceptions.ErrorDetail | str) for v in detail):
            for v in detail:
                out.append({"name": prefix or "nonFieldErrors", "code": getattr(v, "code", "invalid"), "reason": str(v)})
        else:
            for i, v in enumerate(detail):
                out += _field_errors(v, f"{prefix}.{i}" if prefix else str(i))
    else:
        out.append({"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"), "reason": str(detail)})
    return out


def problem_body(status_code: int, detail: str, invalid_params: list[dict[str, str]] | None = None,
                 instance: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, _("Error"))),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalidParams"] = invalid_params
    return body


def problem_response(status_code: int, detail: str, invalid_params: list[dict[str, str]] | None = None,
                     instance: str = "") -> Response:
    response = Response(problem_body(status_code, detail, invalid_params, instance), status=status_code)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def plain_problem_response(status_code: int, detail: str, instance: str = "") -> HttpResponse:
    """A problem outside DRF's views (unknown URL, failure in middleware): plain Django response."""
    body = json.dumps(problem_body(status_code, detail, None, instance), ensure_ascii=False)
    return HttpResponse(body.encode(), status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def _django_validation_detail(exc: DjangoValidationError) -> dict[str, Any]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"non_field_errors": exc.messages}


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_detail(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, IntegrityError):
        # A service checks uniqueness first; this is the race where two writes collide.
        logger.warning("Integrity error in the API at %s: %s", instance, exc)
        exc = Conflict()
    response = exception_handler(exc, context)
    if response is None:
        # Unexpected: log it with its traceback for the operator; the client gets a plain problem.
        logger.error("Unhandled exception in the API at %s", instance, exc_info=exc)
        set_rollback()
        return problem_response(
            status.HTTP_500_INTERNAL_SERVER_ERROR,
            str(_("Something went wrong on our side; the error has been logged.")),
            None,
            instance,
        )
    if isinstance(exc, exceptions.ValidationError):
        params = _field_errors(exc.detail)
        detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params[:5])
        problem = problem_response(status.HTTP_400_BAD_REQUEST, detail, params, instance)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        problem = problem_response(response.status_code, str(detail), None, instance)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
