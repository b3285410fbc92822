"""OpenAPI: property names in camelCase as the API speaks them, problem+json errors, auth schemes.

``camelize_schema`` and ``add_problem_responses`` are drf-spectacular post-processing hooks
(``SPECTACULAR_SETTINGS``); the two extensions describe our authentication classes. This module
is imported by ``ketenwacht.api.urls`` (for :class:`OpenApiView`), so the extensions are
registered before a schema is built.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.utils import translation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularJSONAPIView

from ketenwacht.api.casing import to_camel
from ketenwacht.api.errors import PROBLEM_CONTENT_TYPE


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "ketenwacht.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A token created with `ketenwacht token create --user EMAIL --org SLUG`, sent as "
                "`Authorization: Token <key>` or `Authorization: Bearer <key>`. The token acts for one "
                "member of one organisation, with that member's role."
            ),
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "ketenwacht.api.authentication.VerifiedSessionAuthentication"
    name = "sessionAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The web app's session (writes need the CSRF token and a verified second factor).",
        }


def _camelize_schema(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                out[key] = {to_camel(k): _camelize_schema(v) for k, v in value.items()}
            elif key == "required" and isinstance(value, list):
                out[key] = [to_camel(v) if isinstance(v, str) else v for v in value]
            else:
                out[key] = _camelize_schema(value)
        return out
    if isinstance(node, list):
        return [_camelize_schema(v) for v in node]
    return node


def _camelize_path(path: str) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: "{" + to_camel(m.group(1)) + "}", path)


def camelize_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Property names in camelCase; path placeholders too (they only name a position in the URL).

    Query parameter names are left alone: they must be documented exactly as the view reads them.
    """
    result = _camelize_schema(result)
    paths = {}
    for path, item in result.get("paths", {}).items():
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "path":
                    parameter["name"] = to_camel(parameter["name"])
        paths[_camelize_path(path)] = item
    if "paths" in result:
        result["paths"] = paths
    return result


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An error (RFC 9457 problem details).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Invalid input"},
        "status": {"type": "integer", "example": 400},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "The path of the request."},
        "invalidParams": {
            "type": "array",
            "description": "For 400: one entry per invalid field (camelCase; nested fields joined with dots).",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
    },
}
INVALID_PARAM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "code", "reason"],
    "properties": {
        "name": {"type": "string", "example": "name"},
        "code": {"type": "string", "example": "required"},
        "reason": {"type": "string"},
    },
}
_ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `invalidParams` names each field.",
    "401": "No valid token or session.",
    "403": "Your role does not allow this.",
    "404": "Not found in your organisation.",
    "409": "Conflicts with existing data.",
    "413": "The request body is too large.",
    "415": "The request body is not JSON.",
    "500": "Unexpected error (logged).",
}
_WRITE_METHODS = {"post", "put", "patch", "delete"}


def _problem(code: str) -> dict[str, Any]:
    return {
        "description": _ERROR_DESCRIPTIONS[code],
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
    }


def add_problem_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Add the problem schema and, to each operation, the error responses it can give.

    Also documents the ``API-Version`` header on every response.
    """
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["InvalidParam"] = INVALID_PARAM_SCHEMA
    components.setdefault("headers", {})["API-Version"] = {
        "description": "The version of the API that answered.",
        "schema": {"type": "string", "example": settings.API_VERSION},
    }
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400", "401", "500"]
            if operation.get("security") != [{}]:
                codes.append("403")
            if "{" in path:
                codes.append("404")
            if method in _WRITE_METHODS and method != "delete":
                codes += ["409", "413", "415"]
            responses = operation["responses"]
            for ok in responses.values():
                ok.setdefault("headers", {})["API-Version"] = {"$ref": "#/components/headers/API-Version"}
            for code in codes:
                responses.setdefault(code, _problem(code))
    return result


class OpenApiView(SpectacularJSONAPIView):
    """``GET /api/v1/openapi.json``: the description in English, like the property names."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)
            # Render inside the override: titles come from lazily translated model verbose names.
            if hasattr(response, "render"):
                response.render()
        return response
