"""Resolve the active organisation for each request and activate its time zone."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ketenwacht.core.models import Membership

SESSION_KEY = "ketenwacht_organisation_id"


class ActiveOrganisationMiddleware:
    """Sets ``request.membership`` and ``request.organisation`` (or ``None``) for session users.

    The active organisation is the one chosen in the session, if the user is still a member,
    else their first membership. API requests authenticate later (DRF) and resolve their own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None
        request.organisation = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            memberships = Membership.objects.filter(user=user).select_related("organisation")
            chosen = request.session.get(SESSION_KEY)
            membership = None
            if chosen is not None:
                membership = memberships.filter(organisation_id=chosen).first()
            if membership is None:
                membership = memberships.order_by("organisation__name").first()
            if membership is not None:
                request.membership = membership
                request.organisation = membership.organisation
                timezone.activate(membership.organisation.timezone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
