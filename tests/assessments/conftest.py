"""Fixtures for assessments: a supplier, a tiny catalog, actors by role, files and cache.

Organisations and members by role (``org``, ``editor``, ``officer`` …) come from ``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from ketenwacht.assessments import services
from ketenwacht.assessments.models import Assessment, CatalogVersion
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, User
from ketenwacht.suppliers.models import Supplier

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
def supplier(org: Organisation) -> Supplier:
    return Supplier.objects.create(organisation=org, name="Hosting BV", criticality="critical")


@pytest.fixture
def as_editor(actor: Actor) -> Actor:
    """The shared ``actor`` (the editor, via the web) under this area's name."""
    return actor


@pytest.fixture
def as_officer(officer: User) -> Actor:
    return Actor(user=officer)


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
