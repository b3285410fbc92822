from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from ketenwacht.api.casing import underscoreize


class CamelCaseJSONParser(JSONParser):
    """Accepts camelCase JSON and hands snake_case to the serializers."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict | list):
            raise ParseError("The request body must be a JSON object.")
        return underscoreize(data)
