"""The supplier endpoints: create, read, change, status, delete, filters and pagination."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from ketenwacht.core.models import AuditEvent
from ketenwacht.suppliers.models import Supplier, SupplierStatusChange
from tests.api.conftest import OrgData

pytestmark = pytest.mark.django_db

UTC_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def names(response) -> list[str]:  # noqa: ANN001
    return [row["name"] for row in response.json()["results"]]


def test_create_returns_camel_case_detail_with_location(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.post(
        "/api/v1/suppliers",
        {"name": "Cloudbedrijf", "country": "BE", "enterpriseNumber": "0403.170.701",
         "incidentRelevant": True, "processesPersonalData": True, "dataCountries": "be,nl"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Cloudbedrijf"
    assert body["incidentRelevant"] is True
    assert body["dataCountries"] == "BE, NL"  # normalised by the service
    assert body["status"] == "prospect"
    assert body["onCrisisList"] is True
    assert body["services"] == [] and body["contacts"] == []
    assert body["servicesCount"] == 0
    assert response["Location"] == f"/api/v1/suppliers/{body['id']}"
    assert "incident_relevant" not in body


def test_create_is_audited_as_api(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.post("/api/v1/suppliers", {"name": "Nieuw"}, format="json")
    event = AuditEvent.objects.get(object_type="suppliers.supplier", object_id=str(response.json()["id"]))
    assert event.via == "api"
    assert event.action == "create"


def test_timestamps_are_utc_with_z_whatever_the_organisation_zone(org_a: OrgData, editor_a: APIClient) -> None:
    org_a.organisation.timezone = "Europe/Amsterdam"
    org_a.organisation.save()
    body = editor_a.get(f"/api/v1/suppliers/{org_a.supplier.pk}").json()
    for key in ("createdAt", "updatedAt", "statusChangedAt"):
        assert UTC_Z.match(body[key]), body[key]
    assert UTC_Z.match(body["statusChanges"][0]["changedAt"])
    assert UTC_Z.match(body["services"][0]["createdAt"])


def test_detail_nests_services_and_contacts(org_a: OrgData, editor_a: APIClient) -> None:
    body = editor_a.get(f"/api/v1/suppliers/{org_a.supplier.pk}").json()
    assert [s["id"] for s in body["services"]] == [org_a.service.pk]
    assert [c["id"] for c in body["contacts"]] == [org_a.contact.pk]
    assert body["contacts"][0]["role"] == "incident_contact"
    assert body["servicesCount"] == 1 and body["contactsCount"] == 1
    assert body["allowedStatuses"]  # from prospect the lifecycle allows several steps
    assert "prospect" not in body["allowedStatuses"]


def test_patch_changes_named_fields_only(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.patch(f"/api/v1/suppliers/{org_a.supplier.pk}", {"city": "Gent"}, format="json")
    assert response.status_code == 200, response.content
    org_a.supplier.refresh_from_db()
    assert org_a.supplier.city == "Gent"
    assert org_a.supplier.criticality == "critical"
    event = AuditEvent.objects.filter(object_type="suppliers.supplier", action="update").get()
    assert event.changes == {"city": ["", "Gent"]}
    assert event.via == "api"


def test_patch_refuses_status_and_points_to_the_action(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.patch(f"/api/v1/suppliers/{org_a.supplier.pk}", {"status": "active"}, format="json")
    assert response.status_code == 400
    params = response.json()["invalidParams"]
    assert [p["name"] for p in params] == ["status"]
    assert "/status" in params[0]["reason"]
    org_a.supplier.refresh_from_db()
    assert org_a.supplier.status == "prospect"


def test_status_action_changes_status_with_reason(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.post(
        f"/api/v1/suppliers/{org_a.supplier.pk}/status", {"status": "screening", "reason": "Offerte ontvangen"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "screening"
    change = SupplierStatusChange.objects.filter(supplier=org_a.supplier).latest("changed_at")
    assert (change.from_status, change.to_status, change.reason) == ("prospect", "screening", "Offerte ontvangen")


def test_status_action_refusal_names_status(org_a: OrgData, editor_a: APIClient) -> None:
    # prospect → prospect is no change; the lifecycle refuses it.
    response = editor_a.post(f"/api/v1/suppliers/{org_a.supplier.pk}/status", {"status": "prospect"}, format="json")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["status"]


def test_delete_removes_supplier_with_children(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.delete(f"/api/v1/suppliers/{org_a.supplier.pk}")
    assert response.status_code == 204
    assert not Supplier.objects.filter(pk=org_a.supplier.pk).exists()
    assert editor_a.get(f"/api/v1/suppliers/{org_a.supplier.pk}").status_code == 404


def test_duplicate_name_is_400_on_name(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.post("/api/v1/suppliers", {"name": org_a.supplier.name.upper()}, format="json")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["name"]


def test_service_errors_name_camel_case_fields_and_write_nothing(org_a: OrgData, editor_a: APIClient) -> None:
    before = Supplier.objects.count()
    response = editor_a.post(
        "/api/v1/suppliers",
        {"name": "Half", "country": "BE", "enterpriseNumber": "0123.456.789", "dpaStatus": "signed"},
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    fields = {p["name"] for p in response.json()["invalidParams"]}
    assert fields == {"enterpriseNumber", "dpaSignedOn"}
    assert Supplier.objects.count() == before


class TestListFilters:
    @pytest.fixture
    def suppliers(self, org_a: OrgData, editor_a: APIClient) -> APIClient:
        rows = [
            {"name": "Alfa", "criticality": "low", "city": "Zwolle"},
            {"name": "Bravo", "criticality": "high", "processesPersonalData": True, "city": "Antwerpen"},
            {"name": "Charlie", "criticality": "medium", "incidentRelevant": True},
        ]
        for row in rows:
            assert editor_a.post("/api/v1/suppliers", row, format="json").status_code == 201
        return editor_a

    def test_list_has_counts(self, org_a: OrgData, suppliers: APIClient) -> None:
        response = suppliers.get("/api/v1/suppliers")
        body = response.json()
        assert body["count"] == 4 and response["X-Total-Count"] == "4"
        row = next(r for r in body["results"] if r["id"] == org_a.supplier.pk)
        assert (row["servicesCount"], row["contactsCount"]) == (1, 1)
        assert "services" not in row

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("criticality=high", ["Bravo"]),
            ("criticality=high,low", ["Alfa", "Bravo"]),
            ("criticality=high&criticality=low", ["Alfa", "Bravo"]),
            ("processesPersonalData=true", ["Bravo"]),
            ("incidentRelevant=true", ["Charlie"]),
            ("search=antwerpen", ["Bravo"]),
            ("serviceKind=service", ["Leverancier a"]),
            ("status=active", []),
            ("ordering=-name&criticality=low,high,medium", ["Charlie", "Bravo", "Alfa"]),
            ("ordering=city&criticality=low,high", ["Bravo", "Alfa"]),
        ],
    )
    def test_filters(self, suppliers: APIClient, query: str, expected: list[str]) -> None:
        response = suppliers.get(f"/api/v1/suppliers?{query}")
        assert response.status_code == 200, response.content
        result = names(response)
        assert result == expected if "ordering" in query else sorted(result) == sorted(expected)

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("criticality=urgent", "criticality"),
            ("status=active,bogus", "status"),
            ("incidentRelevant=perhaps", "incidentRelevant"),
            ("processesPersonalData=2", "processesPersonalData"),
            ("serviceKind=software", "serviceKind"),
            ("ordering=price", "ordering"),
            ("search=" + "x" * 201, "search"),
            ("search=a%00b", "search"),
            ("colour=red", "colour"),
            ("search=a&search=b", "search"),
            ("page=0", "page"),
            ("page=abc", "page"),
            ("pageSize=-1", "pageSize"),
            ("pageSize=100000", "pageSize"),
        ],
    )
    def test_bad_query_is_400_naming_the_parameter(self, suppliers: APIClient, query: str, field: str) -> None:
        response = suppliers.get(f"/api/v1/suppliers?{query}")
        assert response.status_code == 400, response.content
        assert response["Content-Type"] == "application/problem+json"
        assert field in [p["name"] for p in response.json()["invalidParams"]]

    def test_pagination(self, suppliers: APIClient) -> None:
        first = suppliers.get("/api/v1/suppliers?pageSize=3").json()
        assert first["count"] == 4 and len(first["results"]) == 3
        assert first["previous"] is None
        assert "page=2" in first["next"] and "pageSize=3" in first["next"]
        second = suppliers.get(first["next"]).json()
        assert len(second["results"]) == 1 and second["next"] is None
        assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})
        beyond = suppliers.get("/api/v1/suppliers?pageSize=3&page=3")
        assert beyond.status_code == 404
        assert beyond["Content-Type"] == "application/problem+json"
