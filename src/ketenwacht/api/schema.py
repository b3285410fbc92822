"""OpenAPI post-processing: property names in camelCase, as the API speaks them."""

from __future__ import annotations

from typing import Any

from ketenwacht.api.casing import to_camel


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


def camelize_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    return _camelize_schema(result)
