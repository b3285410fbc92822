"""Step two of log-in, enrolment of an authenticator app, recovery codes, the security page."""

from __future__ import annotations

from typing import Any

import django_otp
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.core import twofactor
from ketenwacht.core.forms import OTPConfirmForm, OTPTokenForm
from ketenwacht.core.permissions import VerifiedLoginRequiredMixin
from ketenwacht.core.selectors import user_has_write_role
from ketenwacht.core.views.auth import safe_next, with_next

NEW_CODES_SESSION_KEY = "ketenwacht_new_recovery_codes"


def _mark_verified(request: HttpRequest, device: Any) -> None:
    # A new session key at the privilege change, like Django does at log-in.
    request.session.cycle_key()
    django_otp.login(request, device)


class OTPVerifyView(LoginRequiredMixin, FormView):
    """Step two: a code from the authenticator app, or a recovery code."""

    template_name = "core/otp_verify.html"
    form_class = OTPTokenForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            if request.user.is_verified():
                return HttpResponseRedirect(safe_next(request))
            if not twofactor.has_confirmed_device(request.user):
                if twofactor.enrolment_required(request.user):
                    return HttpResponseRedirect(with_next("core:otp_setup", safe_next(request)))
                return HttpResponseRedirect(safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(next=safe_next(self.request), **kwargs)

    def form_valid(self, form: OTPTokenForm) -> HttpResponse:
        user = self.request.user
        token = form.cleaned_data["otp_token"]
        device = twofactor.verify(user=user, token=token)
        if device is None:
            if twofactor.throttled(user=user, token=token):
                form.add_error("otp_token", _("Too many wrong codes. Wait a few seconds and try again."))
            else:
                form.add_error("otp_token", _("This code is not correct or has expired."))
            return self.form_invalid(form)
        _mark_verified(self.request, device)
        if isinstance(device, StaticDevice):
            left = twofactor.recovery_codes_left(user=user)
            messages.warning(
                self.request,
                _("You used a recovery code; %(count)d left. Make new ones on the security page.")
                % {"count": left},
            )
        return HttpResponseRedirect(safe_next(self.request))


class OTPSetupView(LoginRequiredMixin, FormView):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code."""

    template_name = "core/otp_setup.html"
    form_class = OTPConfirmForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # With a device already, only a verified session may replace it: a password alone
        # must never be enough to add a second factor.
        if (
            request.user.is_authenticated
            and not request.user.is_verified()
            and twofactor.has_confirmed_device(request.user)
        ):
            return HttpResponseRedirect(with_next("core:otp_verify", safe_next(request)))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        device = twofactor.totp_device_pending(user=self.request.user)
        return super().get_context_data(
            qr_svg=twofactor.qr_svg(device, label=_("QR code for your authenticator app")),
            secret=twofactor.totp_secret(device),
            mandatory=twofactor.enrolment_required(self.request.user),
            replacing=twofactor.has_confirmed_device(self.request.user),
            next=safe_next(self.request),
            **kwargs,
        )

    def form_valid(self, form: OTPConfirmForm) -> HttpResponse:
        user = self.request.user
        device = twofactor.totp_device_pending(user=user)
        codes = twofactor.totp_device_confirm(user=user, device=device, token=form.cleaned_data["otp_token"])
        if codes is None:
            form.add_error(
                "otp_token", _("This code is not correct. Check the time on your phone and try again.")
            )
            return self.form_invalid(form)
        _mark_verified(self.request, TOTPDevice.objects.get(pk=device.pk))
        self.request.session[NEW_CODES_SESSION_KEY] = codes
        messages.success(self.request, _("Two-factor authentication is set up."))
        return HttpResponseRedirect(with_next("core:recovery_codes", safe_next(self.request)))


class RecoveryCodesView(VerifiedLoginRequiredMixin, View):
    """Shows new recovery codes once (GET); makes a new set, voiding the old one (POST)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
        context = {
            "codes": codes,
            "codes_left": twofactor.recovery_codes_left(user=request.user),
            "has_device": twofactor.has_confirmed_device(request.user),
            "next": safe_next(request),
        }
        return render(request, "core/recovery_codes.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            messages.error(request, _("Set up an authenticator app first."))
            return HttpResponseRedirect(with_next("core:otp_setup", safe_next(request)))
        request.session[NEW_CODES_SESSION_KEY] = twofactor.recovery_codes_regenerate(user=request.user)
        messages.success(request, _("New recovery codes are made; the old ones no longer work."))
        return HttpResponseRedirect(with_next("core:recovery_codes", safe_next(request)))


class SecurityView(VerifiedLoginRequiredMixin, TemplateView):
    """The user's own two-factor settings."""

    template_name = "core/security.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        return super().get_context_data(
            app_device=app,
            codes_left=twofactor.recovery_codes_left(user=user),
            write_role=user_has_write_role(user=user),
            **kwargs,
        )
