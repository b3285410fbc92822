"""One world for the whole crawl package: built once, rolled back when the package is done.

Building the demo takes seconds, so the data is made once inside an outer transaction that is
rolled back after the last crawl test; each test still runs in its own savepoint (pytest-django's
``db``), so nothing a test does leaks into the next or into other packages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.crawl.world import World, build_org_a, build_org_b


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:  # noqa: ANN001
    data_dir = tmp_path_factory.mktemp("crawl-data")
    # Argon2 is slow on purpose; the demo hashes several passwords.
    fast_hash = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        DATA_DIR=data_dir, FILES_DIR=data_dir / "files",
    )
    # Thousands of refused requests and failed log-ins would each log a warning; errors still show.
    quiet = [logging.getLogger(name) for name in ("django.request", "axes")]
    levels = [log.level for log in quiet]
    for log in quiet:
        log.setLevel(logging.ERROR)
    with django_db_blocker.unblock(), fast_hash, translation.override("en"):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org_a, users_a, questionnaire_url = build_org_a()
            org_b, users_b = build_org_b()
            yield World(org_a=org_a, org_b=org_b, users_a=users_a, users_b=users_b,
                        questionnaire_url=questionnaire_url)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            for log, level in zip(quiet, levels, strict=True):
                log.setLevel(level)
