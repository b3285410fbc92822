"""API authentication: a bearer token bound to one membership, or the web session."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from ketenwacht.core.models import ApiToken, User
from ketenwacht.core.permissions import needs_second_factor

# Writing ``last_used_at`` on every call would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION_SECONDS = 60


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>`` (or ``Bearer``). Sets ``request.membership`` from the token."""

    keywords = ("token", "bearer")

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid Authorization header: expected 'Token <key>'."))
        token = (
            ApiToken.objects.select_related("membership__user", "membership__organisation")
            .filter(key_hash=ApiToken.hash_key(header[1]), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.membership.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        request._request.membership = token.membership
        request._request.organisation = token.membership.organisation
        return token.membership.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Token"


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The web session, with CSRF on writes; the same second-factor rule as the web app.

    The active organisation comes from the session (``ActiveOrganisationMiddleware``).
    """

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        if needs_second_factor(request._request):
            raise exceptions.PermissionDenied(_("Two-factor verification required: verify in the web app first."))
        return result
