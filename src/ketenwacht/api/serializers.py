"""Base serializers for the REST API.

Input and output are separate classes (HackSoft style): input serializers only validate and
hand plain data to a service; output serializers only render.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from ketenwacht.api.casing import to_camel
from ketenwacht.api.fields import UtcDateTimeField

# 64-bit primary keys: anything larger can never name a row and must not reach the database.
MAX_ID = 2**63 - 1


class StrictInputSerializer(serializers.Serializer):
    """Rejects fields it does not know, naming them, instead of silently ignoring them.

    ``read_only_hints`` maps a known-but-not-writable field to the reason it cannot be set here.
    """

    read_only_hints: dict[str, str] = {}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            errors: dict[str, list[str]] = {}
            for key in data:
                if key in self.fields and not self.fields[key].read_only:
                    continue
                hint = self.read_only_hints.get(key)
                errors[key] = [hint or f"Unknown field '{to_camel(str(key))}'."]
            if errors:
                raise serializers.ValidationError(errors, code="unknown_field")
        return super().to_internal_value(data)


class OutputModelSerializer(serializers.ModelSerializer):
    """Renders model instances; timestamps always in UTC with ``Z``."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UtcDateTimeField,
    }


class IdField(serializers.IntegerField):
    """The id of another row; range-checked so that no number can overflow the database."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
