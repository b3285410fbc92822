"""The request body: JSON in camelCase, bounded in size, text that the database can store."""

from __future__ import annotations

import codecs
import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from ketenwacht.api.casing import underscoreize
from ketenwacht.api.exceptions import RequestTooLarge

# A supplier with all its text fields filled is a few kilobytes; a megabyte is generous.
DEFAULT_MAX_BODY_BYTES = 1024 * 1024


def max_body_bytes() -> int:
    return int(getattr(settings, "API_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))


def _check_text(value: Any) -> None:
    """Reject lone surrogates (``"\\ud800"``): valid JSON, but no database can store them as text."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ParseError(_("The request body contains text that is not valid Unicode.")) from exc
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


class CamelCaseJSONParser(JSONParser):
    """Accepts camelCase JSON and hands snake_case to the serializers."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = max_body_bytes()
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH", "") if request is not None else ""
        if declared.isdigit() and int(declared) > limit:
            raise RequestTooLarge(_("The request body is larger than %(limit)d bytes.") % {"limit": limit})
        # Read one byte more than allowed: a body that fills it is too large, whatever
        # Content-Length claimed.
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(_("The request body is larger than %(limit)d bytes.") % {"limit": limit})
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.decode(raw, encoding)
            data = json.loads(text, parse_constant=_reject_constant)
        except (ValueError, LookupError) as exc:
            raise ParseError(_("The request body is not valid JSON: %(error)s") % {"error": exc}) from exc
        if not isinstance(data, dict | list):
            raise ParseError(_("The request body must be a JSON object."))
        _check_text(data)
        return underscoreize(data)


def _reject_constant(name: str) -> Any:
    """``NaN`` and ``Infinity`` are not JSON; Python's parser accepts them unless told not to."""
    raise ValueError(f"{name} is not allowed in JSON")
