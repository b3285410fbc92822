"""Builders shared by the database tests: organisations, members by role, logged-in clients.

Plain functions, so tests and area helpers can call them directly; the matching pytest fixtures
(``org``, ``other_org``, ``make_member``, the role fixtures) live in ``tests/conftest.py``.
"""

from __future__ import annotations

import itertools
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from ketenwacht.core.models import Membership, Organisation, Role, User
from ketenwacht.core.services import api_token_create

# One counter for every generated slug and e-mail address, so they never collide within a test.
_seq = itertools.count(1)


def make_organisation(slug: str | None = None, name: str | None = None, **fields: Any) -> Organisation:
    """An organisation; without a slug a fresh one, without a name the slug in title case.

    Other model fields (``timezone``, ``holiday_country`` …) keep the model's defaults unless given.
    """
    slug = slug or f"org-{next(_seq)}"
    return Organisation.objects.create(slug=slug, name=name or slug.title(), **fields)


def make_membership(organisation: Organisation, role: str = Role.EDITOR) -> Membership:
    """A new user (no password) with ``role`` in ``organisation``; returns the membership."""
    user = User.objects.create_user(email=f"user{next(_seq)}@example.org", password=None)
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def make_member(organisation: Organisation, role: str = Role.EDITOR) -> User:
    """A new user (no password) with ``role`` in ``organisation``; returns the user."""
    return make_membership(organisation, role).user


def verified_client(user: User) -> Client:
    """A test client logged in as ``user`` whose session passed two-factor verification.

    Reuses the user's confirmed TOTP device when there is one (tests of enrolment add their own),
    otherwise creates one.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def token_client(membership: Membership) -> APIClient:
    """An API client that sends a fresh token of ``membership``."""
    _token, key = api_token_create(membership=membership, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
