"""Present audit events: one row per changed field, for the history table and the CSV export."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.core.models import AuditEvent

CSV_COLUMNS = [
    "timestamp",
    "actor",
    "via",
    "action",
    "object_type",
    "object_id",
    "object",
    "parent_type",
    "parent_id",
    "field",
    "old_value",
    "new_value",
    "remark",
]
# Spreadsheet programs run cells starting with these as formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class HistoryRow:
    event: AuditEvent
    field: str
    field_label: str
    old: str
    new: str
    first_of_event: bool


def _model_for(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    model = _model_for(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def plain_value(value: Any) -> str:
    """A stored value as text: empty for none, JSON for lists and mappings."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def display_value(field: models.Field | None, value: Any) -> str:
    """A stored value as people read it: choice labels, yes/no."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices:
        labels = {str(k): str(v) for k, v in field.flatchoices}
        return labels.get(str(value), plain_value(value))
    return plain_value(value)


def history_rows(events: Iterable[AuditEvent]) -> list[HistoryRow]:
    rows: list[HistoryRow] = []
    for event in events:
        model = _model_for(event.object_type)
        changes = event.changes or {}
        if not changes:
            rows.append(HistoryRow(event, "", "", "", "", True))
            continue
        for index, (name, pair) in enumerate(changes.items()):
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
            rows.append(
                HistoryRow(
                    event, name, label, display_value(field, old), display_value(field, new), index == 0
                )
            )
    return rows


def _safe_cell(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula; numbers such as -5 stay as they are."""
    if not value.startswith(_FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` returns the line, for streaming a CSV."""

    def write(self, value: str) -> str:
        return value


def csv_lines(events: Iterable[AuditEvent]) -> Iterator[str]:
    """The CSV export, one line per changed field (an event without changes gets one line).

    Times are ISO 8601 in the active time zone (the organisation's); values are the stored
    ones, so the file can be compared and re-read by machines.
    """
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # the mark lets spreadsheet programs read UTF-8
    for event in events:
        base = [
            timezone.localtime(event.timestamp).isoformat(),
            event.actor_label,
            event.via,
            event.action,
            event.object_type,
            event.object_id,
            event.object_repr,
            event.parent_type,
            event.parent_id,
        ]
        changes = event.changes or {}
        items = list(changes.items()) or [("", [None, None])]
        for name, pair in items:
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
            cells = [*base, name, plain_value(old), plain_value(new), event.remark]
            yield writer.writerow([_safe_cell(c) for c in cells])
