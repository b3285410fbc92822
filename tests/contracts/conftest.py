"""Fixtures for contracts and SLA terms."""

from __future__ import annotations

import pytest

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, Role, User
from tests.contracts.helpers import make_member, make_org


@pytest.fixture
def org(db) -> Organisation:  # noqa: ANN001
    return make_org("gemeente-a")


@pytest.fixture
def other_org(db) -> Organisation:  # noqa: ANN001
    return make_org("gemeente-b")


@pytest.fixture
def editor(org: Organisation) -> User:
    return make_member(org, Role.EDITOR)


@pytest.fixture
def auditor(org: Organisation) -> User:
    return make_member(org, Role.AUDITOR)


@pytest.fixture
def actor(editor: User) -> Actor:
    return Actor(user=editor, via="web")
