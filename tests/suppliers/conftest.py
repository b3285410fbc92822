"""Fixtures for the supplier register: organisations, members by role, logged-in clients."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Membership, Organisation, Role, User
from ketenwacht.suppliers import services

_seq = itertools.count(1)


@pytest.fixture
def org(db) -> Organisation:  # noqa: ANN001
    return Organisation.objects.create(slug="gemeente-a", name="Gemeente A")


@pytest.fixture
def other_org(db) -> Organisation:  # noqa: ANN001
    return Organisation.objects.create(slug="gemeente-b", name="Gemeente B")


@pytest.fixture
def make_member(db) -> Callable[..., User]:  # noqa: ANN001
    def make(organisation: Organisation, role: str = Role.EDITOR) -> User:
        user = User.objects.create_user(email=f"user{next(_seq)}@example.org", password=None)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def editor(org: Organisation, make_member: Callable[..., User]) -> User:
    return make_member(org, Role.EDITOR)


@pytest.fixture
def actor(editor: User) -> Actor:
    return Actor(user=editor, via="web")


def verified_client(user: User) -> Client:
    """A test client logged in as ``user`` with a verified second factor."""
    client = Client()
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def editor_client(editor: User) -> Client:
    return verified_client(editor)


@pytest.fixture
def auditor_client(org: Organisation, make_member: Callable[..., User]) -> Client:
    return verified_client(make_member(org, Role.AUDITOR))


@pytest.fixture
def make_supplier(actor: Actor, org: Organisation) -> Callable[..., object]:
    def make(organisation: Organisation | None = None, **fields: object):  # noqa: ANN202
        fields.setdefault("name", f"Leverancier {next(_seq)}")
        fields.setdefault("country", "NL")
        return services.supplier_create(organisation=organisation or org, actor=actor, **fields)

    return make
