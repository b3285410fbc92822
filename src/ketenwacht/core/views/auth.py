"""Log-in (password step), lock-out, log-out and setting a password from a one-time link."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ketenwacht.core import twofactor
from ketenwacht.core.forms import LoginForm
from ketenwacht.core.models import User


def safe_next(request: HttpRequest, default: str = "core:dashboard") -> str:
    """The ``next`` parameter when it points into this site, else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default)


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def after_password_url(user: User, next_url: str) -> str:
    """Where the password step leads: the code check, mandatory enrolment, or straight on."""
    if twofactor.has_confirmed_device(user):
        return with_next("core:otp_verify", next_url)
    if twofactor.enrolment_required(user):
        return with_next("core:otp_setup", next_url)
    return next_url


class LoginView(auth_views.LoginView):
    """Step one: e-mail address and password (django-axes counts the failures)."""

    template_name = "core/login.html"
    form_class = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:
        auth_login(self.request, form.get_user())
        return HttpResponseRedirect(after_password_url(self.request.user, safe_next(self.request)))


def lockout_minutes() -> int:
    return max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """Shown instead of the log-in result while an account is locked after too many failures."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    # An unbound form: binding would try the password again and count another failure.
    form = LoginForm(request, initial={"username": username})
    message = _(
        "Too many failed log-in attempts for this account. It is locked for %(minutes)d minutes; "
        "try again later or ask an administrator."
    ) % {"minutes": lockout_minutes()}
    return render(request, "core/login.html", {"form": form, "lockout_message": message}, status=403)


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("core:login")


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """A new member chooses their password through the one-time link from the members page."""

    template_name = "core/password_set.html"
    success_url = reverse_lazy("core:login")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. You can log in now."))
        return response
