"""The OpenAPI document at /api/v1/openapi.json."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
EXPECTED_PATHS = {
    "/api/v1/suppliers", "/api/v1/suppliers/{id}", "/api/v1/suppliers/{id}/status",
    "/api/v1/services", "/api/v1/services/{id}", "/api/v1/contacts", "/api/v1/contacts/{id}",
}


@pytest.fixture
def document() -> dict[str, Any]:
    response = APIClient().get("/api/v1/openapi.json")  # public: no token needed
    assert response.status_code == 200
    assert response["API-Version"]
    return json.loads(response.content)


def property_names(node: Any) -> list[str]:
    names: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                names += list(value)
            names += property_names(value)
    elif isinstance(node, list):
        for value in node:
            names += property_names(value)
    return names


def test_document_is_openapi_3(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Ketenwacht API"


def test_all_paths_without_trailing_slash(document: dict[str, Any]) -> None:
    assert set(document["paths"]) >= EXPECTED_PATHS
    assert not [p for p in document["paths"] if p.endswith("/")]


def test_every_property_and_parameter_is_camel_case(document: dict[str, Any]) -> None:
    names = property_names(document)
    assert "enterpriseNumber" in names and "servicesCount" in names and "invalidParams" in names
    assert [n for n in names if not CAMEL.match(n)] == []
    parameters = [p["name"] for item in document["paths"].values() for op in item.values()
                  for p in op.get("parameters", [])]
    assert "incidentRelevant" in parameters and "pageSize" in parameters
    assert [n for n in parameters if not CAMEL.match(n)] == []
    for schema in document["components"]["schemas"].values():
        assert [n for n in schema.get("required", []) if not CAMEL.match(n)] == []


def test_errors_are_documented_as_problem_json(document: dict[str, Any]) -> None:
    assert document["components"]["schemas"]["Problem"]["properties"]["invalidParams"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            expected = {"400", "401", "500"} | ({"404"} if "{" in path else set())
            assert expected <= set(responses), (method, path)
            problem = responses["400"]["content"]
            assert list(problem) == ["application/problem+json"]


def test_token_auth_scheme_is_documented(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes["tokenAuth"]["type"] == "http"
    assert schemes["tokenAuth"]["scheme"] == "bearer"
    assert "ketenwacht token create" in schemes["tokenAuth"]["description"]
    operation = document["paths"]["/api/v1/suppliers"]["get"]
    assert {"tokenAuth": []} in operation["security"]


def test_status_is_not_writable_by_patch(document: dict[str, Any]) -> None:
    body = document["paths"]["/api/v1/suppliers/{id}"]["patch"]["requestBody"]["content"]["application/json"]
    ref = body["schema"]["$ref"].rsplit("/", 1)[1]
    properties = document["components"]["schemas"][ref]["properties"]
    assert "status" not in properties and "name" in properties


def test_document_is_in_english_whatever_the_language(document: dict[str, Any]) -> None:
    dutch = json.loads(APIClient().get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="nl").content)
    assert dutch == document
