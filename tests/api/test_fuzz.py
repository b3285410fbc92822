"""No input produces a server error: random JSON for every writable field, and random query strings.

Each request must end in a success or a 4xx problem naming what was wrong; never a 500.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from ketenwacht.api.casing import to_camel
from ketenwacht.suppliers import services
from tests.api.conftest import OrgData

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any character, including lone surrogates and NUL, which JSON can carry but databases refuse.
any_text = st.text(st.characters(exclude_categories=()), max_size=40)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False),
    any_text, st.text(max_size=3000), st.sampled_from(["", " ", "0", "true", "2024-02-30", "BE", "critical",
                                                      "x" * 600, "NL123456789B01", "0403.170.701"]),
)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


def payloads(fields: frozenset[str] | list[str], extra: dict[str, Any] | None = None) -> st.SearchStrategy:
    names = [to_camel(f) for f in sorted(fields)]
    body = st.dictionaries(st.sampled_from(names + ["unknownField", "id"]), json_values, max_size=6)
    return body.map(lambda d: {**(extra or {}), **d})


def check(response: Any) -> None:
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
        body = json.loads(response.content)
        if response.status_code == 400 and "invalidParams" in body:
            assert all(p["name"] for p in body["invalidParams"])


def send(client: APIClient, method: str, path: str, body: Any) -> Any:
    raw = json.dumps(body)  # escapes lone surrogates as \\udxxx, as a client library would
    return getattr(client, method)(path, raw, content_type="application/json")


@FUZZ
@given(body=payloads(services.SUPPLIER_FIELDS))
def test_supplier_create(org_a: OrgData, editor_a: APIClient, body: dict[str, Any]) -> None:
    check(send(editor_a, "post", "/api/v1/suppliers", body))


@FUZZ
@given(body=payloads(services.SUPPLIER_FIELDS - {"status"}))
def test_supplier_patch(org_a: OrgData, editor_a: APIClient, body: dict[str, Any]) -> None:
    check(send(editor_a, "patch", f"/api/v1/suppliers/{org_a.supplier.pk}", body))


@FUZZ
@given(body=payloads(["status", "reason"]))
def test_supplier_status(org_a: OrgData, editor_a: APIClient, body: dict[str, Any]) -> None:
    check(send(editor_a, "post", f"/api/v1/suppliers/{org_a.supplier.pk}/status", body))


@FUZZ
@given(body=payloads(services.SERVICE_FIELDS | {"supplier"}), use_own=st.booleans())
def test_service_create(org_a: OrgData, editor_a: APIClient, body: dict[str, Any], use_own: bool) -> None:
    if use_own:
        body["supplier"] = org_a.supplier.pk
    check(send(editor_a, "post", "/api/v1/services", body))


@FUZZ
@given(body=payloads(services.CONTACT_FIELDS | {"supplier"}), use_own=st.booleans())
def test_contact_create(org_a: OrgData, editor_a: APIClient, body: dict[str, Any], use_own: bool) -> None:
    if use_own:
        body["supplier"] = org_a.supplier.pk
    check(send(editor_a, "post", "/api/v1/contacts", body))


@FUZZ
@given(body=payloads(services.CONTACT_FIELDS))
def test_contact_patch(org_a: OrgData, editor_a: APIClient, body: dict[str, Any]) -> None:
    check(send(editor_a, "patch", f"/api/v1/contacts/{org_a.contact.pk}", body))


@FUZZ
@given(body=payloads(services.SERVICE_FIELDS))
def test_service_patch(org_a: OrgData, editor_a: APIClient, body: dict[str, Any]) -> None:
    check(send(editor_a, "patch", f"/api/v1/services/{org_a.service.pk}", body))


QUERY_NAMES = ["status", "criticality", "incidentRelevant", "processesPersonalData", "serviceKind", "search",
               "ordering", "page", "pageSize", "supplier", "other"]


@FUZZ
@given(params=st.lists(st.tuples(st.sampled_from(QUERY_NAMES), any_text), max_size=5),
       collection=st.sampled_from(["suppliers", "services", "contacts"]))
def test_list_query_strings(org_a: OrgData, editor_a: APIClient, params: list[tuple[str, str]],
                            collection: str) -> None:
    query = urlencode([(k, v.encode("utf-8", "surrogatepass")) for k, v in params])
    check(editor_a.get(f"/api/v1/{collection}?{query}"))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_raw_bodies(org_a: OrgData, editor_a: APIClient, raw: bytes) -> None:
    check(editor_a.post("/api/v1/suppliers", raw, content_type="application/json"))
