"""Errors as ``application/problem+json`` (RFC 9457), 400 with per-field detail for validation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ketenwacht.api.casing import to_camel

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Invalid input",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    429: "Too many requests",
}


def _field_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error detail into ``[{name, code, reason}]`` with camelCase paths."""
    out: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = to_camel(str(key)) if key != "non_field_errors" else "nonFieldErrors"
            out += _field_errors(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        if all(isinstance(v, exceptions.ErrorDetail | str) for v in detail):
            for v in detail:
                out.append({"name": prefix or "nonFieldErrors", "code": getattr(v, "code", "invalid"), "reason": str(v)})
        else:
            for i, v in enumerate(detail):
                out += _field_errors(v, f"{prefix}.{i}" if prefix else str(i))
    else:
        out.append({"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"), "reason": str(detail)})
    return out


def problem_response(status_code: int, detail: str, invalid_params: list[dict[str, str]] | None = None,
                     instance: str = "") -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalidParams"] = invalid_params
    response = Response(body, status=status_code)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, exceptions.ValidationError):
        params = _field_errors(exc.detail)
        detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params[:5])
        problem = problem_response(status.HTTP_400_BAD_REQUEST, detail, params, instance)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        problem = problem_response(response.status_code, str(detail), None, instance)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
