"""Conventions of every API answer: problem+json errors, API-Version, no trailing slashes, bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from ketenwacht.suppliers import selectors
from ketenwacht.suppliers.models import Supplier
from tests.api.conftest import OrgData

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:  # noqa: ANN001
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"]
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


def test_health_answers_200() -> None:
    assert Client().get("/health").status_code == 200


def test_success_carries_api_version(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.get("/api/v1/suppliers")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/suppliers/", "/api/v1/services/", "/api/v1/contacts/", "/api/v1/suppliers/{id}/",
     "/api/v1/suppliers/{id}/status/", "/api/v1/openapi.json/", "/api/v1/", "/api/v1/nothing"],
)
def test_paths_with_trailing_slash_or_unknown_are_404_problems(org_a: OrgData, editor_a: APIClient,
                                                              path: str) -> None:
    assert_problem(editor_a.get(path.format(id=org_a.supplier.pk)), 404)


@pytest.mark.parametrize("raw_id", ["abc", "1.5", "-1", "0", "99999999999999999999999", "9223372036854775808",
                                    "%20", "1e3", "%F0%9F%98%80"])
@pytest.mark.parametrize("collection", ["suppliers", "services", "contacts"])
def test_ids_that_are_not_ours_or_not_numbers_are_404(org_a: OrgData, editor_a: APIClient, collection: str,
                                                      raw_id: str) -> None:
    assert_problem(editor_a.get(f"/api/v1/{collection}/{raw_id}"), 404)
    assert_problem(editor_a.patch(f"/api/v1/{collection}/{raw_id}", {"name": "x"}, format="json"), 404)
    assert_problem(editor_a.delete(f"/api/v1/{collection}/{raw_id}"), 404)


def test_missing_token_is_401_problem() -> None:
    response = APIClient().get("/api/v1/suppliers")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_put_is_405_problem(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.put(f"/api/v1/suppliers/{org_a.supplier.pk}", {"name": "x"}, format="json")
    assert_problem(response, 405)
    assert "PATCH" in response["Allow"]


@pytest.mark.parametrize(
    "body",
    ['{"name": }', "{'name': 'x'}", '{"name": "x"', "", "null", '"name"', "42", '{"name": NaN}',
     '{"name": Infinity}', "\ufeff{"],
)
def test_malformed_json_is_400_problem(org_a: OrgData, editor_a: APIClient, body: str) -> None:
    response = editor_a.post("/api/v1/suppliers", body, content_type="application/json")
    assert_problem(response, 400)
    assert Supplier.objects.count() == 1


def test_invalid_utf8_is_400_problem(editor_a: APIClient) -> None:
    response = editor_a.post("/api/v1/suppliers", b'{"name": "\xff\xfe"}', content_type="application/json")
    assert_problem(response, 400)


def test_lone_surrogate_is_400_problem(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.post("/api/v1/suppliers", '{"name": "x\\ud800y"}', content_type="application/json")
    assert_problem(response, 400)
    assert Supplier.objects.count() == 1


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml",
                                          "multipart/form-data; boundary=x"])
def test_other_content_types_are_415_problem(org_a: OrgData, editor_a: APIClient, content_type: str) -> None:
    response = editor_a.post("/api/v1/suppliers", "name=x", content_type=content_type)
    assert_problem(response, 415)


def test_body_without_content_type_is_415(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.generic("POST", "/api/v1/suppliers", b'{"name": "x"}', content_type="")
    assert_problem(response, 415)


def test_huge_body_is_413_and_writes_nothing(org_a: OrgData, editor_a: APIClient) -> None:
    body = json.dumps({"name": "Groot", "notes": "x" * (1024 * 1024)})
    response = editor_a.post("/api/v1/suppliers", body, content_type="application/json")
    assert_problem(response, 413)
    assert not Supplier.objects.filter(name="Groot").exists()


def test_unknown_fields_are_named_in_camel_case(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.post("/api/v1/suppliers", {"name": "x", "favouriteColour": "blue", "id": 5},
                             format="json")
    body = assert_problem(response, 400)
    assert {p["name"] for p in body["invalidParams"]} == {"favouriteColour", "id"}
    assert not Supplier.objects.filter(name="x").exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "name"),
        ({"name": None}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 10_000}, "name"),
        ({"name": {"nl": "x"}}, "name"),
        ({"name": ["x"]}, "name"),
        ({"name": "x", "criticality": "extreme"}, "criticality"),
        ({"name": "x", "incidentRelevant": "perhaps"}, "incidentRelevant"),
        ({"name": "x", "incidentRelevant": None}, "incidentRelevant"),
        ({"name": "x", "dpaSignedOn": "gisteren"}, "dpaSignedOn"),
        ({"name": "x", "dpaSignedOn": 20240101}, "dpaSignedOn"),
        ({"name": "x", "website": "not a url"}, "website"),
        ({"name": "x", "country": "Belgium"}, "country"),
        ({"name": "x", "country": 32}, "country"),
        ({"name": "x", "notes": "a\x00b"}, "notes"),
        ({"name": "x", "status": "bankrupt"}, "status"),
        ({"name": "x", "servicesCount": 3}, "servicesCount"),
    ],
)
def test_bad_supplier_input_names_the_field(org_a: OrgData, editor_a: APIClient, payload: dict,
                                            field: str) -> None:
    body = assert_problem(editor_a.post("/api/v1/suppliers", payload, format="json"), 400)
    assert field in [p["name"] for p in body["invalidParams"]]
    assert field in body["detail"]
    assert Supplier.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "x"}, "supplier"),
        ({"supplier": "abc", "name": "x"}, "supplier"),
        ({"supplier": 99999999999999999999999, "name": "x"}, "supplier"),
        ({"supplier": -1, "name": "x"}, "supplier"),
        ({"supplier": 1.5, "name": "x"}, "supplier"),
        ({"supplier": None, "name": "x"}, "supplier"),
        ({"supplier": "{sid}", "name": "x", "kind": "software"}, "kind"),
        ({"supplier": "{sid}", "name": "x", "ownResponsibility": ["a"]}, "ownResponsibility"),
    ],
)
def test_bad_service_input_names_the_field(org_a: OrgData, editor_a: APIClient, payload: dict, field: str) -> None:
    payload = {k: (org_a.supplier.pk if v == "{sid}" else v) for k, v in payload.items()}
    body = assert_problem(editor_a.post("/api/v1/services", payload, format="json"), 400)
    assert field in [p["name"] for p in body["invalidParams"]]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Jan", "role": "dpo"}, "email"),  # neither e-mail nor phone: the service says so
        ({"name": "Jan", "role": "boss", "email": "jan@example.org"}, "role"),
        ({"name": "Jan", "role": "dpo", "email": "not-an-address"}, "email"),
        ({"name": "Jan", "role": "dpo", "phone": "call me"}, "phone"),
        ({"name": "Jan", "role": "dpo", "email": "jan@example.org", "languages": "Nederlands!"}, "languages"),
    ],
)
def test_bad_contact_input_names_the_field(org_a: OrgData, editor_a: APIClient, payload: dict, field: str) -> None:
    payload = {"supplier": org_a.supplier.pk, **payload}
    body = assert_problem(editor_a.post("/api/v1/contacts", payload, format="json"), 400)
    assert field in [p["name"] for p in body["invalidParams"]]


def test_child_cannot_move_to_another_supplier(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.patch(f"/api/v1/services/{org_a.service.pk}", {"supplier": org_a.supplier.pk},
                              format="json")
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalidParams"]] == ["supplier"]


def test_unexpected_failure_is_a_500_problem_without_details(org_a: OrgData, editor_a: APIClient,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("secret-internal-detail")

    monkeypatch.setattr(selectors, "supplier_list", broken)
    response = editor_a.get("/api/v1/suppliers")
    assert_problem(response, 500)
    assert "secret-internal-detail" not in response.content.decode()


def test_errors_are_translated_by_accept_language(org_a: OrgData, editor_a: APIClient) -> None:
    english = editor_a.post("/api/v1/suppliers", {}, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    dutch = editor_a.post("/api/v1/suppliers", {}, format="json", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert english["title"] == "Invalid input"
    assert english["invalidParams"][0]["reason"] == "This field is required."
    assert dutch["invalidParams"][0]["reason"] == "Dit veld is vereist."
    assert english["invalidParams"][0]["name"] == dutch["invalidParams"][0]["name"] == "name"


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "application/problem+json", "*/*",
                                    "application/json; charset=utf-8", "garbage;;q=x"])
def test_any_accept_header_gets_json_or_a_406_problem(org_a: OrgData, editor_a: APIClient, accept: str) -> None:
    response = editor_a.get("/api/v1/suppliers", HTTP_ACCEPT=accept)
    assert response.status_code in (200, 406)
    assert response["API-Version"]
    if response.status_code == 406:
        assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("path", ["/api/v1/suppliers", "/api/v1/suppliers/{id}", "/api/v1/suppliers/{id}/status",
                                  "/api/v1/services", "/api/v1/contacts/{cid}"])
def test_options_and_head_answer_without_error(org_a: OrgData, editor_a: APIClient, auditor_a: APIClient,
                                               path: str) -> None:
    path = path.format(id=org_a.supplier.pk, cid=org_a.contact.pk)
    for client in (editor_a, auditor_a):
        assert client.options(path).status_code == 200
        assert client.head(path).status_code in (200, 405)


def test_unknown_and_invalid_fields_are_reported_together(org_a: OrgData, editor_a: APIClient) -> None:
    response = editor_a.post("/api/v1/suppliers", {"incidentRelevnt": True, "criticality": "extreme"},
                             format="json")
    body = assert_problem(response, 400)
    assert {p["name"] for p in body["invalidParams"]} == {"incidentRelevnt", "criticality", "name"}
