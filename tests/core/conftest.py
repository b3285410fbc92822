"""Small helpers for core tests: organisations, users with a role, logged-in clients."""

from __future__ import annotations

import base64
import re

import pyotp
import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.core.models import Membership, Organisation, User

PASSWORD = "correct horse battery staple 42"


def make_org(slug: str = "gent", name: str | None = None) -> Organisation:
    return Organisation.objects.create(slug=slug, name=name or slug.title())


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


def verified_client(user: User) -> Client:
    """A client logged in as ``user`` whose session passed two-factor verification."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or add_totp(user)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def password_login(client: Client, email: str, password: str = PASSWORD, **extra: str):  # noqa: ANN201
    return client.post("/login/", {"username": email, "password": password, **extra})


def secret_from_page(html: str) -> str:
    match = re.search(r'id="otp-secret"[^>]*>([A-Z2-7]+)<', html)
    assert match, "the enrolment page shows the key as text"
    return match.group(1)


@pytest.fixture
def org(db: None) -> Organisation:
    return make_org("gent", "Stad Gent")


@pytest.fixture
def other_org(db: None) -> Organisation:
    return make_org("brugge", "Stad Brugge")
