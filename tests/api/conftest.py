"""Fixtures for the REST API: two organisations with data, token clients of members by role.

Members and token clients are built with ``tests/factories.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, Role
from ketenwacht.suppliers import services
from ketenwacht.suppliers.models import Contact, Service, Supplier
from tests.factories import make_membership, make_organisation, token_client


@dataclass
class OrgData:
    """One organisation with a supplier that has a service and a contact."""

    organisation: Organisation
    supplier: Supplier
    service: Service
    contact: Contact


def make_org_data(slug: str) -> OrgData:
    organisation = make_organisation(slug=slug, name=f"Gemeente {slug}")
    actor = Actor.system()
    supplier = services.supplier_create(organisation=organisation, actor=actor, name=f"Leverancier {slug}",
                                        country="NL", criticality="critical")
    service = services.service_create(supplier=supplier, actor=actor, name=f"Hosting {slug}")
    contact = services.contact_create(supplier=supplier, actor=actor, name=f"Servicedesk {slug}",
                                      role="incident_contact", phone="+32 2 123 45 67")
    return OrgData(organisation, supplier, service, contact)


@pytest.fixture
def org_a(db) -> OrgData:  # noqa: ANN001
    return make_org_data("a")


@pytest.fixture
def org_b(db) -> OrgData:  # noqa: ANN001
    return make_org_data("b")


@pytest.fixture
def client_for(db) -> Callable[[Organisation, str], APIClient]:  # noqa: ANN001
    """``client_for(organisation, role)``: an API client with a token of a new member."""

    def make(organisation: Organisation, role: str = Role.EDITOR) -> APIClient:
        return token_client(make_membership(organisation, role))

    return make


@pytest.fixture
def editor_a(org_a: OrgData, client_for: Callable[..., APIClient]) -> APIClient:
    return client_for(org_a.organisation, Role.EDITOR)


@pytest.fixture
def auditor_a(org_a: OrgData, client_for: Callable[..., APIClient]) -> APIClient:
    return client_for(org_a.organisation, Role.AUDITOR)
