"""snake_case ↔ camelCase for the JSON of the REST API (Dutch API Design Rules: camelCase)."""

from __future__ import annotations

import re
from typing import Any

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


def to_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def to_snake(name: str) -> str:
    return _CAMEL_BOUNDARY.sub(lambda m: "_" + m.group(1).lower(), name)


def camelize(data: Any) -> Any:
    if isinstance(data, dict):
        return {to_camel(str(k)) if isinstance(k, str) else k: camelize(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [camelize(v) for v in data]
    return data


def underscoreize(data: Any) -> Any:
    if isinstance(data, dict):
        return {to_snake(k) if isinstance(k, str) else k: underscoreize(v) for k, v in data.items()}
    if isinstance(data, list):
        return [underscoreize(v) for v in data]
    return data
