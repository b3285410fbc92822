"""Fixtures for the supplier register: logged-in clients and a supplier builder.

Organisations, members by role and ``actor`` come from ``tests/conftest.py``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from django.test import Client

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, Role, User
from ketenwacht.suppliers import services
from tests.factories import make_member, verified_client

_seq = itertools.count(1)


@pytest.fixture
def editor_client(editor: User) -> Client:
    return verified_client(editor)


@pytest.fixture
def auditor_client(org: Organisation) -> Client:
    return verified_client(make_member(org, Role.AUDITOR))


@pytest.fixture
def make_supplier(actor: Actor, org: Organisation) -> Callable[..., object]:
    def make(organisation: Organisation | None = None, **fields: object):  # noqa: ANN202
        fields.setdefault("name", f"Leverancier {next(_seq)}")
        fields.setdefault("country", "NL")
        return services.supplier_create(organisation=organisation or org, actor=actor, **fields)

    return make
