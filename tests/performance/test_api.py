"""The REST API for contracts, SLA versions, incidents, outages, breaches and the SLA report."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from ketenwacht.cli import main
from ketenwacht.core.models import Role
from ketenwacht.performance.models import Incident
from tests.contracts.helpers import make_service, make_supplier
from tests.factories import make_membership
from tests.factories import make_organisation as make_org
from tests.factories import token_client as membership_token_client
from tests.performance.test_report_known_answers import AS_OF, small_contract  # noqa: F401 (fixture)


def token_client(organisation, role: str = Role.EDITOR) -> APIClient:  # noqa: ANN001
    return membership_token_client(make_membership(organisation, role))


SLA_BODY = {
    "label": "SLA 2025", "validFrom": "2025-01-01", "timezone": "Europe/Amsterdam",
    "availabilityTargetPercent": 99.5, "availabilityPeriod": "year", "maintenance": "excluded",
    "downtimeDefinition": "partial_weighted", "partialWeight": 0.5,
    "supportHours": {"weekly": {"mon": [["08:00", "17:00"]]}, "publicHolidays": {"country": "NL"}},
    "creditTiers": [{"belowPercent": 99.5, "creditPercent": 10}],
    "priorityTargets": [{"priority": "P1", "name": "Kritiek", "responseValue": 1, "responseUnit": "business_hours",
                         "resolutionValue": 8, "resolutionUnit": "business_hours"}],
}


@pytest.mark.django_db
def test_contract_and_sla_roundtrip(org) -> None:  # noqa: ANN001
    client = token_client(org)
    supplier = make_supplier(org, "Hostco")
    service = make_service(supplier, "Mail")
    created = client.post("/api/v1/contracts", {"supplier": supplier.pk, "reference": "C-9", "title": "Mail",
                                                 "startDate": "2025-01-01", "endDate": "2026-12-31",
                                                 "noticePeriodValue": 2, "noticePeriodUnit": "months",
                                                 "services": [service.pk], "valuePerMonth": 800}, format="json")
    assert created.status_code == 201, created.json()
    contract_id = created.json()["id"]
    assert created.json()["noticeDeadline"] == "2026-10-31"
    version = client.post("/api/v1/sla-versions", {"contract": contract_id, **SLA_BODY}, format="json")
    assert version.status_code == 201, version.json()
    body = version.json()
    assert body["supportHours"] == {"weekly": {"mon": [["08:00", "17:00"]]}, "publicHolidays": {"country": "NL"}}
    assert body["priorityTargets"][0]["resolutionValue"] == 8
    assert body["measurability"]["measurable"] is False
    # 0.5 % of 365.25 days = 43.83 hours = 1 day, 19 hours and 50 minutes.
    assert "1 dag, 19 uur en 50 minuten" in body["allowedDowntime"]["nl"]
    listed = client.get("/api/v1/contracts", {"period": "2025-Q2"}).json()
    assert [c["reference"] for c in listed["results"]] == ["C-9"]
    assert listed["results"][0]["slaVersions"][0]["label"] == "SLA 2025"
    assert client.get("/api/v1/contracts", {"period": "2024"}).json()["count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field"), [
    ({"availabilityTargetPercent": 100.5}, "availabilityTargetPercent"),
    ({"validUntil": "2024-01-01"}, "validUntil"),
    ({"priorityTargets": [{"priority": "P1", "responseValue": 4, "responseUnit": "clock",
                           "resolutionValue": 2, "resolutionUnit": "clock"}]}, "priorityTargets.0.resolutionValue"),
])
def test_impossible_sla_terms_name_the_field(org, change, field) -> None:  # noqa: ANN001
    client = token_client(org)
    supplier = make_supplier(org)
    contract = client.post("/api/v1/contracts", {"supplier": supplier.pk, "reference": "C-1", "title": "x",
                                                  "startDate": "2025-01-01"}, format="json").json()
    response = client.post("/api/v1/sla-versions", {"contract": contract["id"], **SLA_BODY, **change}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in [p["name"] for p in response.json()["invalidParams"]]


@pytest.mark.django_db
def test_incident_resolved_before_reported_is_refused(small_contract) -> None:  # noqa: F811, ANN001
    client = token_client(small_contract.organisation)
    response = client.post("/api/v1/incidents", {
        "contract": small_contract.pk, "priority": "P2", "reportedAt": "2025-03-10T10:00:00+01:00",
        "resolvedAt": "2025-03-10T09:00:00+01:00", "externalReference": "X-1"}, format="json")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["resolvedAt"]
    assert not Incident.objects.filter(external_reference="X-1").exists()


@pytest.mark.django_db
def test_incidents_filtered_by_contract_and_period(small_contract) -> None:  # noqa: F811, ANN001
    client = token_client(small_contract.organisation, Role.AUDITOR)
    march = client.get("/api/v1/incidents", {"contract": small_contract.pk, "period": "2025-03"}).json()
    assert sorted(i["externalReference"] for i in march["results"]) == ["INC-1", "INC-2", "INC-3", "INC-4"]
    inc1 = next(i for i in march["results"] if i["externalReference"] == "INC-1")
    assert inc1["pauses"] == [{"startedAt": "2025-03-04T08:00:00Z", "endedAt": "2025-03-04T09:00:00Z", "reason": ""}]
    april = client.get("/api/v1/incidents", {"period": "2025-04"}).json()
    assert [i["externalReference"] for i in april["results"]] == ["INC-5"]
    outages = client.get("/api/v1/outages", {"contract": small_contract.pk, "period": "2025-03"}).json()
    assert outages["count"] == 5  # the outage from 28 February overlaps March
    assert client.post("/api/v1/incidents", {}, format="json").status_code == 403  # auditors only read
    assert client.get("/api/v1/incidents", {"period": "2025-13"}).status_code == 400


@pytest.mark.django_db
def test_sla_report_api_equals_cli_json(small_contract, tmp_path, monkeypatch) -> None:  # noqa: F811, ANN001
    monkeypatch.setattr("ketenwacht.performance.reporting.build.djtz.now", lambda: AS_OF)
    client = token_client(small_contract.organisation, Role.AUDITOR)
    api = client.get(f"/api/v1/contracts/{small_contract.pk}/sla-report", {"period": "2025-03"})
    assert api.status_code == 200
    out = tmp_path / "report.json"
    assert main(["report", "sla", "--org", small_contract.organisation.slug, "--contract",
                 small_contract.reference, "--period", "2025-03", "--format", "json", "--out", str(out)]) == 0
    cli = json.loads(out.read_text())
    assert api.json() == cli
    for key in ("availabilityPercent", "targetPercent", "downtimeSeconds", "allowedDowntimeSeconds", "met",
                "creditPercent", "creditAmount"):
        assert key in cli
    assert cli["priorities"]["P1"]["resolution"]["met"] == 1
    assert cli["priorities"]["P1"]["resolution"]["breached"] == 1
    assert client.get(f"/api/v1/contracts/{small_contract.pk}/sla-report", {"period": "maart"}).status_code == 400
    other = token_client(make_org("elders"))
    assert other.get(f"/api/v1/contracts/{small_contract.pk}/sla-report", {"period": "2025-03"}).status_code == 404
