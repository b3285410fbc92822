"""The REST API for catalogs, assessments, answers and the sign-off workflow; isolation and roles."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ketenwacht.assessments import services
from ketenwacht.assessments.models import Answer, Assessment, AssessmentStatus, CatalogVersion
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent, Membership, Organisation, Role, User
from ketenwacht.suppliers.models import Supplier
from tests.assessments.conftest import TINY_CATALOG, answer_all
from tests.factories import token_client

pytestmark = pytest.mark.django_db


def api_client(user: User, organisation: Organisation) -> APIClient:
    return token_client(Membership.objects.get(user=user, organisation=organisation))


@pytest.fixture
def editor_api(org, editor) -> APIClient:  # noqa: ANN001
    return api_client(editor, org)


@pytest.fixture
def officer_api(org, officer) -> APIClient:  # noqa: ANN001
    return api_client(officer, org)


@pytest.fixture
def auditor_api(org, make_member) -> APIClient:  # noqa: ANN001
    return api_client(make_member(org, Role.AUDITOR), org)


@pytest.fixture
def outsider_api(other_org, make_member) -> APIClient:  # noqa: ANN001
    return api_client(make_member(other_org, Role.POLICY_OFFICER), other_org)


def test_catalogs_list_shipped_and_own_but_not_other_organisations(org, other_org, editor_api, tiny) -> None:  # noqa: ANN001
    theirs = services.catalog_import(organisation=other_org, actor=Actor.cli(),
                                     source=TINY_CATALOG.replace("id: tiny", "id: their-own"))
    response = editor_api.get("/api/v1/catalogs?pageSize=500")
    assert response.status_code == 200
    rows = response.json()["results"]
    by_id = {row["catalogId"]: row for row in rows}
    assert "dtc-sla" in by_id and by_id["dtc-sla"]["own"] is False and by_id["dtc-sla"]["itemCount"] == 32
    assert by_id["tiny"]["own"] is True and by_id["tiny"]["checksum"] == tiny.checksum
    assert "their-own" not in by_id
    detail = editor_api.get(f"/api/v1/catalogs/{tiny.pk}").json()
    items = [item["id"] for section in detail["snapshot"]["sections"] for item in section["items"]]
    assert items == ["T-1.1", "T-1.2", "T-2.1"]
    assert editor_api.get(f"/api/v1/catalogs/{theirs.pk}").status_code == 404
    assert editor_api.get("/api/v1/catalogs?color=red").status_code == 400


def test_create_assessment_and_answer_items(org, editor_api, supplier, tiny) -> None:  # noqa: ANN001
    response = editor_api.post("/api/v1/assessments", {"supplier": supplier.pk, "catalogs": [tiny.pk]}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/assessments/{body['id']}"
    assert body["status"] == "draft" and body["supplier"] == supplier.pk
    assert body["catalogs"] == [{"id": tiny.pk, "catalogId": "tiny", "version": "1.0", "checksum": tiny.checksum}]
    assert body["scores"][0]["answered"] == 0 and body["scores"][0]["blockingUnmet"] == ["T-1.1"]
    base = f"/api/v1/assessments/{body['id']}"

    created = editor_api.post(f"{base}/answers", {"itemId": "T-1.1", "status": "met",
                                                  "clauseReference": "SLA 3.1"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["clauseReference"] == "SLA 3.1" and created.json()["catalog"] == "tiny"
    changed = editor_api.post(f"{base}/answers", {"itemId": "T-1.1", "status": "partly"}, format="json")
    assert changed.status_code == 200 and changed.json()["clauseReference"] == ""
    put = editor_api.put(f"{base}/answers/T-2.1", {"status": "not_met", "evidence": "no SLA"}, format="json")
    assert put.status_code == 201, put.content
    listed = editor_api.get(f"{base}/answers").json()
    assert [(a["itemId"], a["status"]) for a in listed] == [("T-1.1", "partly"), ("T-2.1", "not_met")]
    scores = editor_api.get(base).json()["scores"][0]
    # T-1.1 partly (1 of 2), T-1.2 open (0 of 1), T-2.1 not met (0 of 3): 1 of 6 → 16.7 %
    assert scores["earned"] == 1 and scores["maximum"] == 6 and scores["percent"] == 16.7
    assert AuditEvent.objects.filter(object_type="assessments.answer", via="api").count() == 3


@pytest.mark.parametrize(("body", "field"), [
    ({"itemId": "T-9.9", "status": "met"}, "itemId"),
    ({"itemId": "T-1.1", "status": "maybe"}, "status"),
    ({"itemId": "T-1.1", "status": "met", "catalog": "dtc-sla"}, "catalog"),
    ({"itemId": "T-1.1", "status": "met", "answeredBy": "me"}, "answeredBy"),
    ({"status": "met"}, "itemId"),
])
def test_bad_answers_are_refused_naming_the_field(editor_api, assessment, body, field) -> None:  # noqa: ANN001
    response = editor_api.post(f"/api/v1/assessments/{assessment.pk}/answers", body, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in [p["name"] for p in response.json()["invalidParams"]]
    assert not Answer.objects.exists()


@pytest.mark.parametrize(("body", "field"), [
    ({"catalogs": [1]}, "supplier"),
    ({"supplier": "x", "catalogs": [1]}, "supplier"),
    ({"supplier": None, "catalogs": []}, "catalogs"),
    ({"supplier": None, "catalogs": [99999]}, "catalogs"),
    ({"supplier": None, "catalogs": [1], "status": "signed_off"}, "status"),
])
def test_bad_assessments_are_refused(editor_api, supplier, tiny, body, field) -> None:  # noqa: ANN001
    body = {**body, "catalogs": [tiny.pk if c == 1 else c for c in body["catalogs"]]}
    if "supplier" in body and body["supplier"] is None:
        body["supplier"] = supplier.pk
    response = editor_api.post("/api/v1/assessments", body, format="json")
    assert response.status_code == 400, response.content
    assert field in [p["name"] for p in response.json()["invalidParams"]]
    assert not Assessment.objects.exists()


def test_cannot_use_another_organisations_supplier_or_catalog(other_org, editor_api, supplier, tiny) -> None:  # noqa: ANN001
    their_supplier = Supplier.objects.create(organisation=other_org, name="Hun leverancier")
    their_catalog = services.catalog_import(organisation=other_org, actor=Actor.cli(),
                                            source=TINY_CATALOG.replace("id: tiny", "id: theirs"))
    for body, field in [({"supplier": their_supplier.pk, "catalogs": [tiny.pk]}, "supplier"),
                        ({"supplier": supplier.pk, "catalogs": [their_catalog.pk]}, "catalogs")]:
        response = editor_api.post("/api/v1/assessments", body, format="json")
        assert response.status_code == 400
        assert [p["name"] for p in response.json()["invalidParams"]] == [field]
    assert not Assessment.objects.exists()


def test_workflow_with_roles(editor_api, officer_api, as_editor, assessment, tiny) -> None:  # noqa: ANN001
    base = f"/api/v1/assessments/{assessment.pk}"
    refused = editor_api.post(f"{base}/submit")
    assert refused.status_code == 400 and refused.json()["invalidParams"][0]["name"] == "answers"
    answer_all(assessment, as_editor, tiny, status="not_met")
    submitted = editor_api.post(f"{base}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert editor_api.post(f"{base}/sign-off", {}, format="json").status_code == 403
    assert officer_api.post(f"{base}/return", {"remarks": ""}, format="json").status_code == 400
    returned = officer_api.post(f"{base}/return", {"remarks": "T-1.1 opnieuw bekijken"}, format="json")
    assert returned.status_code == 200 and returned.json()["status"] == "draft"
    editor_api.post(f"{base}/submit")
    signed = officer_api.post(f"{base}/sign-off", {"remarks": "akkoord"}, format="json")
    assert signed.status_code == 200, signed.content
    body = signed.json()
    assert body["status"] == "signed_off" and body["signedOffBy"]
    assert [s["action"] for s in body["reviewSteps"]] == ["submitted", "returned", "submitted", "signed_off"]
    assert body["scores"][0]["blockingUnmet"] == ["T-1.1"]
    locked = editor_api.post(f"{base}/answers", {"itemId": "T-1.1", "status": "met"}, format="json")
    assert locked.status_code == 400
    assert Assessment.objects.get().status == AssessmentStatus.SIGNED_OFF


def test_list_filters_by_status_and_supplier(org, editor_api, as_editor, assessment, tiny) -> None:  # noqa: ANN001
    other = Supplier.objects.create(organisation=org, name="Tweede BV")
    services.assessment_create(organisation=org, actor=as_editor, supplier=other, catalog_versions=[tiny])
    assert editor_api.get("/api/v1/assessments").json()["count"] == 2
    only = editor_api.get(f"/api/v1/assessments?supplier={other.pk}").json()["results"]
    assert [r["supplierName"] for r in only] == ["Tweede BV"]
    assert editor_api.get("/api/v1/assessments?status=submitted").json()["count"] == 0
    assert editor_api.get("/api/v1/assessments?status=bogus").status_code == 400


# Every operation on one row, as (method, OpenAPI template, body); the collections are tested apart.
ROW_OPERATIONS: list[tuple[str, str, dict | None]] = [
    ("get", "/api/v1/catalogs/{id}", None),
    ("get", "/api/v1/assessments/{id}", None),
    ("get", "/api/v1/assessments/{id}/answers", None),
    ("post", "/api/v1/assessments/{id}/answers", {"itemId": "T-1.1", "status": "met"}),
    ("put", "/api/v1/assessments/{id}/answers/{itemId}", {"status": "met"}),
    ("post", "/api/v1/assessments/{id}/submit", None),
    ("post", "/api/v1/assessments/{id}/sign-off", {"remarks": "x"}),
    ("post", "/api/v1/assessments/{id}/return", {"remarks": "x"}),
]
COLLECTION_OPERATIONS = {("get", "/api/v1/catalogs"), ("get", "/api/v1/assessments"), ("post", "/api/v1/assessments")}


def _operations(assessment: Assessment, tiny: CatalogVersion) -> list[tuple[str, str, dict | None]]:
    def path(template: str) -> str:
        pk = tiny.pk if template.startswith("/api/v1/catalogs") else assessment.pk
        return template.replace("{id}", str(pk)).replace("{itemId}", "T-1.1")

    return [(method, path(template), body) for method, template, body in ROW_OPERATIONS]


def test_every_operation_is_covered(editor_api) -> None:  # noqa: ANN001
    document = editor_api.get("/api/v1/openapi.json").json()
    in_schema = {(method, path) for path, item in document["paths"].items() for method in item
                 if method in {"get", "post", "put", "patch", "delete"}
                 and path.startswith(("/api/v1/assessments", "/api/v1/catalogs"))}
    assert in_schema == {(m, t) for m, t, _ in ROW_OPERATIONS} | COLLECTION_OPERATIONS


def _state(assessment: Assessment) -> tuple:
    return (list(Assessment.objects.filter(pk=assessment.pk).values()),
            list(Answer.objects.filter(assessment=assessment).values()))


def test_other_organisation_gets_404_everywhere(outsider_api, as_editor, assessment, tiny) -> None:  # noqa: ANN001
    answer_all(assessment, as_editor, tiny)
    before = _state(assessment)
    for method, path, body in _operations(assessment, tiny):
        response = getattr(outsider_api, method)(path, body, format="json") if body else getattr(outsider_api, method)(path)
        assert response.status_code == 404, (method, path, response.content)
        assert response["Content-Type"] == "application/problem+json"
    listed = outsider_api.get("/api/v1/assessments").json()
    assert listed["count"] == 0
    created = outsider_api.post("/api/v1/assessments", {"supplier": assessment.supplier_id, "catalogs": [tiny.pk]},
                                format="json")
    assert created.status_code == 400 and created.json()["invalidParams"][0]["name"] == "supplier"
    assert Assessment.objects.count() == 1
    assert _state(assessment) == before


def test_auditor_reads_but_every_write_is_403(auditor_api, as_editor, assessment, tiny, supplier) -> None:  # noqa: ANN001
    answer_all(assessment, as_editor, tiny)
    before = _state(assessment)
    writes = [op for op in _operations(assessment, tiny) if op[0] != "get"]
    writes.append(("post", "/api/v1/assessments", {"supplier": supplier.pk, "catalogs": [tiny.pk]}))
    for method, path, body in writes:
        response = getattr(auditor_api, method)(path, body or {}, format="json")
        assert response.status_code == 403, (method, path, response.content)
        assert response["Content-Type"] == "application/problem+json"
    for method, path, _body in _operations(assessment, tiny):
        if method == "get":
            assert auditor_api.get(path).status_code == 200, path
    assert _state(assessment) == before and Assessment.objects.count() == 1
