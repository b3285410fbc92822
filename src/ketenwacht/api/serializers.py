"""Base serializers for the REST API.

Input and output are separate classes (HackSoft style): input serializers only validate and
hand plain data to a service; output serializers only render.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from rest_framework import serializers

from ketenwacht.api.casing import to_camel
from ketenwacht.api.fields import UtcDateTimeField

# 64-bit primary keys: anything larger can never name a row and must not reach the database.
MAX_ID = 2**63 - 1


class StrictInputSerializer(serializers.Serializer):
    """Rejects fields it does not know, naming them, instead of silently ignoring them.

    ``server_fields`` are fields of the output that only the server sets; ``read_only_hints``
    maps a field that cannot be written here to the reason why (and where it can be changed).
    """

    server_fields: frozenset[str] = frozenset({"id", "created_at", "updated_at"})
    read_only_hints: dict[str, Any] = {}

    @classmethod
    def validated(cls, data: Any, **kwargs: Any) -> dict[str, Any]:
        """``data`` checked by this serializer (``ValidationError`` → 400), as a plain dict."""
        serializer = cls(data=data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, list[str]] = {}
        if isinstance(data, dict):
            for key in data:
                if key in self.fields and not self.fields[key].read_only:
                    continue
                name = to_camel(str(key))
                if key in self.read_only_hints:
                    errors[key] = [str(self.read_only_hints[key])]
                elif key in self.server_fields:
                    errors[key] = [_("'%(name)s' is set by the server and cannot be written.") % {"name": name}]
                else:
                    errors[key] = [_("Unknown field '%(name)s'.") % {"name": name}]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            # Report the unknown fields together with the invalid ones, all in one answer.
            if not errors or not isinstance(exc.detail, dict):
                raise
            raise serializers.ValidationError({**exc.detail, **errors}) from exc
        if errors:
            raise serializers.ValidationError(errors, code="unknown_field")
        return value


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


class StrictModelInputSerializer(StrictInputSerializer, serializers.ModelSerializer):
    """Input validated against the model's field types, lengths and choices, then handed to a service.

    It never saves: ``create``/``update`` are not used. Uniqueness is the service's to check
    (it knows the organisation), so no unique validators are generated here.
    """

    def get_validators(self) -> list[Any]:
        return []
