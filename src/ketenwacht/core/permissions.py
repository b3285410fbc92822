"""Who may do what, for the web views. The API and CLI use the same rules (see ``roles``).

Views inherit one of the mixins; each checks membership of the active organisation and,
for roles that change data, that the session passed two-factor verification.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from ketenwacht.core.models import Membership, Role


def needs_second_factor(request: HttpRequest) -> bool:
    """Members with a writing role must be OTP-verified; auditors only if they enrolled a device."""
    membership: Membership | None = getattr(request, "membership", None)
    user = request.user
    if membership is None:
        return False
    if user.is_verified():  # set by django_otp's middleware
        return False
    if membership.can_write:
        return True
    return user_has_device(user)


def redirect_to_second_factor(request: HttpRequest) -> HttpResponseRedirect:
    """To the verify page (which sends people without a device on to enrolment), then back here."""
    url = reverse("core:otp_verify")
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)


class VerifiedLoginRequiredMixin(LoginRequiredMixin):
    """Logged in, and past the second factor if the user has one (pages about one's own account)."""

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.is_authenticated and not request.user.is_verified() and user_has_device(request.user):
            return redirect_to_second_factor(request)
        return super().dispatch(request, *args, **kwargs)


class MemberRequiredMixin(AccessMixin):
    """Any member of the active organisation (reading)."""

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if getattr(request, "membership", None) is None:
            return redirect("core:no_organisation")
        if needs_second_factor(request):
            return redirect_to_second_factor(request)
        if not self.has_role(request.membership):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def has_role(self, membership: Membership) -> bool:
        return True


class WriterRequiredMixin(MemberRequiredMixin):
    """Admins, editors and policy officers: they change domain data."""

    def has_role(self, membership: Membership) -> bool:
        return membership.can_write


class AdminRequiredMixin(MemberRequiredMixin):
    """Organisation administrators: members and settings."""

    def has_role(self, membership: Membership) -> bool:
        return membership.is_admin


class PolicyOfficerRequiredMixin(MemberRequiredMixin):
    """Sign-offs and policy overrides."""

    def has_role(self, membership: Membership) -> bool:
        return membership.can_sign_off


class AuditReaderRequiredMixin(MemberRequiredMixin):
    """The organisation-wide audit trail: administrators and auditors."""

    def has_role(self, membership: Membership) -> bool:
        return membership.role in (Role.ADMIN, Role.AUDITOR)
