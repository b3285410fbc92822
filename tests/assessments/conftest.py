"""Fixtures for assessments: an organisation with members by role, a supplier, a tiny catalog."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.assessments import services
from ketenwacht.assessments.models import Assessment, CatalogVersion
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Membership, Organisation, Role, User
from ketenwacht.suppliers.models import Supplier

_seq = itertools.count(1)

# A two-section catalog small enough to score by hand.
TINY_CATALOG = """
schema_version: 1
id: tiny
version: "1.0"
title: {nl: Kleine lijst, en: Tiny list}
description: {nl: Voor tests, en: For tests}
sections:
  - id: T-1
    title: {nl: Eerste, en: First}
    items:
      - id: T-1.1
        text: {nl: Vraag een, en: Question one}
        weight: 2
        blocking: true
      - id: T-1.2
        text: {nl: Vraag twee, en: Question two}
        weight: 1
  - id: T-2
    title: {nl: Tweede, en: Second}
    items:
      - id: T-2.1
        text: {nl: Vraag drie, en: Question three}
        weight: 3
"""


@pytest.fixture
def org(db) -> Organisation:  # noqa: ANN001
    return Organisation.objects.create(slug="gemeente-a", name="Gemeente A")


@pytest.fixture
def other_org(db) -> Organisation:  # noqa: ANN001
    return Organisation.objects.create(slug="gemeente-b", name="Gemeente B")


@pytest.fixture
def make_member(db) -> Callable[..., User]:  # noqa: ANN001
    def make(organisation: Organisation, role: str = Role.EDITOR) -> User:
        user = User.objects.create_user(email=f"member{next(_seq)}@example.org", password=None)
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def editor(org: Organisation, make_member: Callable[..., User]) -> User:
    return make_member(org, Role.EDITOR)


@pytest.fixture
def officer(org: Organisation, make_member: Callable[..., User]) -> User:
    return make_member(org, Role.POLICY_OFFICER)


@pytest.fixture
def supplier(org: Organisation) -> Supplier:
    return Supplier.objects.create(organisation=org, name="Hosting BV", criticality="critical")


@pytest.fixture
def as_editor(editor: User) -> Actor:
    return Actor(user=editor)


@pytest.fixture
def as_officer(officer: User) -> Actor:
    return Actor(user=officer)


def verified_client(user: User) -> Client:
    client = Client()
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def files_dir(settings, tmp_path: Path) -> Path:  # noqa: ANN001
    """Evidence files go to a fresh directory per test."""
    settings.FILES_DIR = tmp_path / "files"
    return settings.FILES_DIR


@pytest.fixture
def clear_cache() -> Iterator[None]:
    """The questionnaire rate limit counts in the cache: start every test from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tiny(org: Organisation, as_editor: Actor) -> CatalogVersion:
    return services.catalog_import(organisation=org, actor=as_editor, source=TINY_CATALOG)


@pytest.fixture
def assessment(org: Organisation, as_editor: Actor, supplier: Supplier, tiny: CatalogVersion) -> Assessment:
    return services.assessment_create(organisation=org, actor=as_editor, supplier=supplier, catalog_versions=[tiny])


def answer_all(assessment: Assessment, actor: Actor, version: CatalogVersion, status: str = "met") -> None:
    for item in version.catalog.items:
        services.answer_set(assessment=assessment, actor=actor, catalog_version=version, item_id=item.id,
                            status=status)
