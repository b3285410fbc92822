"""Tenant isolation and roles, for every API operation.

``OPERATIONS`` lists each operation of the supplier register's API with a request against
organisation B's rows; ``test_every_operation_is_covered`` fails when the OpenAPI document gains
an operation under these resources that is not listed here, so a new endpoint cannot skip these
tests. (Other areas test their own resources the same way.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from ketenwacht.core.models import Membership, Role
from ketenwacht.core.services import api_token_create
from ketenwacht.suppliers.models import Contact, Service, Supplier
from tests.api.conftest import OrgData
from tests.factories import make_membership as make_member
from tests.factories import token_client

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Op:
    method: str
    template: str  # as in the OpenAPI document
    path: Callable[[OrgData], str]
    body: Callable[[OrgData], dict[str, Any] | None] = lambda d: None


OPERATIONS = [
    Op("get", "/api/v1/suppliers", lambda d: "/api/v1/suppliers"),
    Op("post", "/api/v1/suppliers", lambda d: "/api/v1/suppliers", lambda d: {"name": "Nieuwe leverancier"}),
    Op("get", "/api/v1/suppliers/{id}", lambda d: f"/api/v1/suppliers/{d.supplier.pk}"),
    Op("patch", "/api/v1/suppliers/{id}", lambda d: f"/api/v1/suppliers/{d.supplier.pk}", lambda d: {"city": "Mol"}),
    Op("delete", "/api/v1/suppliers/{id}", lambda d: f"/api/v1/suppliers/{d.supplier.pk}"),
    Op("post", "/api/v1/suppliers/{id}/status", lambda d: f"/api/v1/suppliers/{d.supplier.pk}/status",
       lambda d: {"status": "screening"}),
    Op("get", "/api/v1/services", lambda d: "/api/v1/services"),
    Op("post", "/api/v1/services", lambda d: "/api/v1/services",
       lambda d: {"supplier": d.supplier.pk, "name": "Back-up"}),
    Op("get", "/api/v1/services/{id}", lambda d: f"/api/v1/services/{d.service.pk}"),
    Op("patch", "/api/v1/services/{id}", lambda d: f"/api/v1/services/{d.service.pk}", lambda d: {"purpose": "x"}),
    Op("delete", "/api/v1/services/{id}", lambda d: f"/api/v1/services/{d.service.pk}"),
    Op("get", "/api/v1/contacts", lambda d: "/api/v1/contacts"),
    Op("post", "/api/v1/contacts", lambda d: "/api/v1/contacts",
       lambda d: {"supplier": d.supplier.pk, "name": "Jan", "role": "dpo", "email": "jan@example.org"}),
    Op("get", "/api/v1/contacts/{id}", lambda d: f"/api/v1/contacts/{d.contact.pk}"),
    Op("patch", "/api/v1/contacts/{id}", lambda d: f"/api/v1/contacts/{d.contact.pk}", lambda d: {"hours": "24/7"}),
    Op("delete", "/api/v1/contacts/{id}", lambda d: f"/api/v1/contacts/{d.contact.pk}"),
]
RESOURCES = ("/api/v1/suppliers", "/api/v1/services", "/api/v1/contacts")
WRITES = [op for op in OPERATIONS if op.method != "get"]
OP_IDS = [f"{op.method.upper()} {op.template}" for op in OPERATIONS]
WRITE_IDS = [f"{op.method.upper()} {op.template}" for op in WRITES]


def call(client: APIClient, op: Op, data: OrgData) -> Any:
    body = op.body(data)
    if body is None:
        return getattr(client, op.method)(op.path(data))
    return getattr(client, op.method)(op.path(data), body, format="json")


def state(data: OrgData) -> tuple:
    """Everything of organisation B that a request could change."""
    org = data.organisation
    return (
        list(Supplier.objects.filter(organisation=org).order_by("pk").values()),
        list(Service.objects.filter(organisation=org).order_by("pk").values()),
        list(Contact.objects.filter(organisation=org).order_by("pk").values()),
    )


def test_every_operation_is_covered(editor_a: APIClient) -> None:
    document = editor_a.get("/api/v1/openapi.json").json()
    in_schema = {(method, path) for path, item in document["paths"].items() for method in item
                 if method in {"get", "post", "put", "patch", "delete"} and path.startswith(RESOURCES)}
    listed = {(op.method, op.template) for op in OPERATIONS}
    assert in_schema == listed


@pytest.mark.parametrize("op", OPERATIONS, ids=OP_IDS)
def test_member_of_a_never_sees_or_changes_b(op: Op, org_a: OrgData, org_b: OrgData, editor_a: APIClient) -> None:
    before = state(org_b)
    response = call(editor_a, op, org_b)
    body = response.json() if response.content else None
    if op.method == "get" and "{id}" not in op.template:
        assert response.status_code == 200
        ids = {row["id"] for row in body["results"]}
        theirs = {org_b.supplier.pk, org_b.service.pk, org_b.contact.pk}
        ours = {org_a.supplier.pk, org_a.service.pk, org_a.contact.pk}
        assert ids & ours  # the list works and shows A's own row …
        assert not ids & theirs - ours  # … and none of B's (ids differ per table, so compare per table)
        resource = op.template.rsplit("/", 1)[1]
        b_row = {"suppliers": org_b.supplier, "services": org_b.service, "contacts": org_b.contact}[resource]
        assert b_row.pk not in ids
    elif op.method == "post" and "{id}" not in op.template:
        # Creating is scoped to A: a supplier lands in A; a child naming B's supplier is refused.
        if op.template.endswith("/suppliers"):
            assert response.status_code == 201
            assert Supplier.objects.get(pk=body["id"]).organisation_id == org_a.organisation.pk
        else:
            assert response.status_code == 400
            assert [p["name"] for p in body["invalidParams"]] == ["supplier"]
    else:
        assert response.status_code == 404, response.content
        assert response["Content-Type"] == "application/problem+json"
    assert state(org_b) == before


@pytest.mark.parametrize("collection", ["/api/v1/services", "/api/v1/contacts"])
def test_filter_by_other_organisations_supplier_finds_nothing(
    collection: str, org_a: OrgData, org_b: OrgData, editor_a: APIClient
) -> None:
    response = editor_a.get(f"{collection}?supplier={org_b.supplier.pk}")
    assert response.status_code == 200
    assert response.json()["results"] == []
    own = editor_a.get(f"{collection}?supplier={org_a.supplier.pk}").json()["results"]
    assert len(own) == 1


@pytest.mark.parametrize("op", WRITES, ids=WRITE_IDS)
def test_auditor_can_change_nothing(op: Op, org_a: OrgData, auditor_a: APIClient) -> None:
    before = state(org_a)
    response = call(auditor_a, op, org_a)
    assert response.status_code == 403, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert state(org_a) == before


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.method == "get"],
                         ids=[i for i, op in zip(OP_IDS, OPERATIONS, strict=True) if op.method == "get"])
def test_auditor_reads(op: Op, org_a: OrgData, auditor_a: APIClient) -> None:
    assert call(auditor_a, op, org_a).status_code == 200


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EDITOR, Role.POLICY_OFFICER])
def test_writing_roles_may_write(role: str, org_a: OrgData) -> None:
    client = token_client(make_member(org_a.organisation, role))
    response = client.patch(f"/api/v1/suppliers/{org_a.supplier.pk}", {"city": "Hasselt"}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("op", OPERATIONS, ids=OP_IDS)
def test_token_is_bound_to_its_organisation_not_to_the_user(
    op: Op, org_a: OrgData, org_b: OrgData
) -> None:
    """A user in both organisations, with a token of A: B's rows stay out of reach."""
    membership_a = make_member(org_a.organisation, Role.ADMIN)
    Membership.objects.create(user=membership_a.user, organisation=org_b.organisation, role=Role.ADMIN)
    _token, key = api_token_create(membership=membership_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    before = state(org_b)
    response = call(client, op, org_b)
    if "{id}" in op.template:
        assert response.status_code == 404
    assert state(org_b) == before
