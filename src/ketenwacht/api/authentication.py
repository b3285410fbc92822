"""API authentication: a bearer token bound to one membership, or the web session."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from ketenwacht.core.models import ApiToken, User


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>`` (or ``Bearer``). Sets ``request.membership`` from the token."""

    keywords = ("token", "bearer")

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid Authorization header: expected 'Token <key>'.")
        token = (
            ApiToken.objects.select_related("membership__user", "membership__organisation")
            .filter(key_hash=ApiToken.hash_key(header[1]), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.membership.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        request._request.membership = token.membership
        request._request.organisation = token.membership.organisation
        return token.membership.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Token"


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The web session, with CSRF; writing roles need a second factor as in the web app."""

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        membership = getattr(request._request, "membership", None)
        if membership is not None and membership.can_write and not result[0].is_verified():
            raise exceptions.AuthenticationFailed("Two-factor verification required.")
        return result
