"""Small helpers for core tests: users with a password and a role, TOTP codes, password login.

Organisations and verified clients are built with ``tests/factories.py``.
"""

from __future__ import annotations

import base64
import re

import pyotp
import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.core.models import Membership, Organisation, User
from tests.factories import make_organisation

PASSWORD = "correct horse battery staple 42"


def make_user(email: str, org: Organisation | None = None, role: str | None = None) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    if org is not None and role is not None:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def add_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_now(device: TOTPDevice) -> str:
    """The current code, computed independently of django-otp (RFC 6238 via pyotp)."""
    return pyotp.TOTP(base64.b32encode(device.bin_key).decode()).now()


def password_login(client: Client, email: str, password: str = PASSWORD, **extra: str):  # noqa: ANN201
    return client.post("/login/", {"username": email, "password": password, **extra})


def secret_from_page(html: str) -> str:
    match = re.search(r'id="otp-secret"[^>]*>([A-Z2-7]+)<', html)
    assert match, "the enrolment page shows the key as text"
    return match.group(1)


# Core's organisations are Flemish cities whose slugs and names the tests check; they replace the
# shared ``org`` and ``other_org`` of tests/conftest.py.


@pytest.fixture
def org(db: None) -> Organisation:
    return make_organisation("gent", "Stad Gent")


@pytest.fixture
def other_org(db: None) -> Organisation:
    return make_organisation("brugge", "Stad Brugge")
