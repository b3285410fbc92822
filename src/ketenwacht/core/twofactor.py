"""Two-factor authentication: an authenticator app (TOTP) plus one-time recovery codes.

Devices come from django-otp; this module decides how they are created, confirmed and
checked, so the views stay thin.
"""

from __future__ import annotations

import base64
import re

import segno
from django.db import transaction
from django.http import HttpRequest
from django.utils.html import escape
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.core.models import User
from ketenwacht.core.selectors import user_has_write_role

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"
_TOTP_PATTERN = re.compile(r"^\d{6}$")


def has_confirmed_device(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def enrolment_required(user: User) -> bool:
    """Members who change data must have a second factor; auditors may choose."""
    return user_has_write_role(user=user) and not has_confirmed_device(user)


def session_needs_verification(request: HttpRequest) -> bool:
    """The user has a second factor but this session has not passed it yet."""
    return not request.user.is_verified() and has_confirmed_device(request.user)


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator device to enrol, created once and reused on reload.

    Reusing it keeps the QR code stable while the person is scanning it.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The secret in base32, as authenticator apps expect it for manual entry."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(device: TOTPDevice, *, label: str) -> str:
    """The device's ``otpauth://`` URL as an inline SVG QR code (no external requests).

    ``label`` names the image for screen readers.
    """
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def normalise_token(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending device with a code from the app.

    On success the user's other authenticator devices are removed, fresh recovery codes are
    made and returned (to be shown once). ``None`` when the code is wrong.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    # No throttling here: the person already sees the secret, so guessing gains nothing, and a
    # typo followed by a quick retry must not be refused.
    device.throttle_reset(commit=False)
    if not device.verify_token(normalise_token(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return recovery_codes_regenerate(user=user)


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones; returns them (only stored as tokens)."""
    # Keep the device itself: a session verified with a recovery code refers to it.
    device = StaticDevice.objects.filter(user=user).order_by("id").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(*, user: User, token: str) -> Device | None:
    """Check a 6-digit app code or a recovery code; returns the device that accepted it.

    App codes go only to the app, recovery codes only to the recovery device, so a typo in
    one does not slow down the other (django-otp throttles each device after failures).
    """
    token = normalise_token(token)
    if not token:
        return None
    wants_totp = bool(_TOTP_PATTERN.match(token))
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, TOTPDevice) != wants_totp:
                continue
            if device.verify_token(token):
                return device
    return None


def throttled(*, user: User, token: str) -> bool:
    """Whether the device that would check ``token`` refuses attempts for now after failures."""
    wants_totp = bool(_TOTP_PATTERN.match(normalise_token(token)))
    return any(
        not device.verify_is_allowed()[0]
        for device in devices_for_user(user, confirmed=True)
        if isinstance(device, TOTPDevice) == wants_totp
    )
