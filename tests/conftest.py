"""Test set-up shared by every test.

Database tests run on SQLite by default and on a throwaway PostgreSQL server when
``KETENWACHT_TEST_DATABASE=postgresql`` (``make test`` runs both). Pure-package tests
(``tests/sla``, ``tests/catalogs``) need neither.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connections
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("KETENWACHT_DATA_DIR", tempfile.mkdtemp(prefix="ketenwacht-test-data-"))

from ketenwacht.core.audit import Actor  # noqa: E402
from ketenwacht.core.models import Organisation, Role, User  # noqa: E402
from tests import factories  # noqa: E402
from tests.support import pgserver  # noqa: E402  (after the data dir is chosen)

# Property tests check correctness, not speed: on a loaded CI machine a single example may take a
# second, which must not fail the run (speed is measured in tests/bench, never in tests).
hypothesis_settings.register_profile(
    "ketenwacht", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
hypothesis_settings.load_profile("ketenwacht")

USE_POSTGRES = os.environ.get("KETENWACHT_TEST_DATABASE", "sqlite") == "postgresql"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None):  # noqa: ANN201
    """Point Django at the throwaway PostgreSQL server before the test database is created."""
    if not USE_POSTGRES:
        yield
        return

    server = pgserver.start_server()
    pgserver.wait_ready(server)
    new = server.django_settings()
    connections["default"].close()
    # Update in place: Django's connection handler already holds this dict with its defaults filled in.
    for conn_settings in (settings.DATABASES["default"], connections["default"].settings_dict):
        test_settings = {**conn_settings.get("TEST", {}), **new["TEST"]}
        conn_settings.update(new, TEST=test_settings)
    del connections["default"]  # the next access builds a PostgreSQL connection from the new settings
    try:
        yield
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def english_by_default(settings):  # noqa: ANN001, ANN201
    """Tests read English messages unless they ask for Dutch; the product's default stays Dutch.

    ``tests/core/test_i18n.py`` checks that an untouched request gets the Dutch interface.
    """
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def database_vendor() -> str:
    return "postgresql" if USE_POSTGRES else "sqlite"


# Organisations and members shared by the areas' tests; the builders are in tests/factories.py.
# An area whose fixture differs in substance (tests/core: other slugs) overrides it in its conftest.


@pytest.fixture
def org(db: None) -> Organisation:
    return factories.make_organisation(slug="gemeente-a", name="Gemeente A")


@pytest.fixture
def other_org(db: None) -> Organisation:
    return factories.make_organisation(slug="gemeente-b", name="Gemeente B")


@pytest.fixture
def make_member(db: None) -> Callable[..., User]:
    """``make_member(organisation, role=Role.EDITOR)``: a new user with that role."""
    return factories.make_member


@pytest.fixture
def editor(org: Organisation) -> User:
    return factories.make_member(org, Role.EDITOR)


@pytest.fixture
def officer(org: Organisation) -> User:
    return factories.make_member(org, Role.POLICY_OFFICER)


@pytest.fixture
def auditor(org: Organisation) -> User:
    return factories.make_member(org, Role.AUDITOR)


@pytest.fixture
def actor(editor: User) -> Actor:
    return Actor(user=editor, via="web")
