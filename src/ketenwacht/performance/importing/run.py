"""Import incidents or outages of one contract from a ticket-system export.

All or nothing: every row is read and checked first; any bad row means nothing is written and
every error is listed (row, column, reason). Rows are matched on their external reference, so a
second import of the same file changes nothing and a corrected file updates what changed.
A dry run reports what would be created and updated without writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone as djtz
from django.utils.translation import gettext as _

from ketenwacht.contracts.models import Contract
from ketenwacht.core.audit import Actor
from ketenwacht.performance import validation
from ketenwacht.performance.importing import values
from ketenwacht.performance.importing.bulk import write_records
from ketenwacht.performance.importing.presets import (
    INCIDENT_FIELDS,
    OUTAGE_FIELDS,
    PRESETS,
    REQUIRED,
    resolve_columns,
)
from ketenwacht.performance.importing.reading import ImportFileError, Sheet, read_file
from ketenwacht.performance.models import ImportMapping, Incident, IncidentPause, Outage, Source

PREVIEW_ROWS = 200
COMPARED = {
    "incidents": ("priority", "reported_at", "first_response_at", "resolved_at", "description", "security_related",
                  "service_id"),
    "outages": ("started_at", "ended_at", "planned", "partial_weight", "description", "service_id"),
}


@dataclass(frozen=True)
class Layout:
    """Which column holds which field, and how to read dates and priorities."""

    kind: str
    columns: dict[str, Any]
    date_formats: tuple[str, ...] = ()
    priority_map: dict[str, str] = field(default_factory=dict)
    timezone: str = ""
    name: str = ""

    @classmethod
    def from_preset(cls, key: str) -> Layout:
        preset = PRESETS[key]
        return cls(preset.kind, dict(preset.columns), preset.date_formats, dict(preset.priority_map), "", preset.name)

    @classmethod
    def from_mapping(cls, mapping: ImportMapping) -> Layout:
        formats = (mapping.date_format,) if mapping.date_format else ()
        if mapping.preset in PRESETS:
            formats += PRESETS[mapping.preset].date_formats
        return cls(mapping.kind, dict(mapping.columns), formats, dict(mapping.priority_map or {}), mapping.timezone,
                   mapping.name)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    preview: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged"


def _zone(layout: Layout, contract: Contract) -> ZoneInfo:
    try:
        return ZoneInfo(layout.timezone or contract.organisation.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImportFileError(_("unknown time zone %(zone)s") % {"zone": layout.timezone}) from None


def _read_row(kind: str, cells: dict[str, Any], layout: Layout, zone: ZoneInfo, services: dict[str, Any],
              fail: Any) -> dict[str, Any]:
    """Typed values of one row; ``fail(field, message)`` records a cell error."""
    out: dict[str, Any] = {}

    def read(fld: str, parse: Any) -> None:
        if fld not in cells:
            return
        try:
            out[fld] = parse(cells[fld])
        except values.CellError as exc:
            fail(fld, str(exc))

    read("external_reference", lambda v: values.text(v, 200))
    read("description", lambda v: values.text(v, 5000))
    if kind == "incidents":
        read("priority", lambda v: values.parse_priority(v, layout.priority_map))
        for fld in ("reported_at", "first_response_at", "resolved_at"):
            read(fld, lambda v: values.parse_datetime(v, zone, layout.date_formats))
        read("security_related", values.parse_bool)
        read("pauses", lambda v: values.parse_pauses(v, zone, layout.date_formats))
    else:
        for fld in ("started_at", "ended_at"):
            read(fld, lambda v: values.parse_datetime(v, zone, layout.date_formats))
        read("planned", values.parse_bool)
        read("partial_weight", values.parse_decimal_weight)
    if "service" in cells:
        name = values.text(cells["service"], 200)
        if name:
            service = services.get(name.lower())
            if service is None:
                fail("service", _("“%(name)s” is not one of the contract's services") % {"name": name})
            out["service_id"] = None if service is None else service.pk
        else:
            out["service_id"] = None
    return out


def parse_sheet(sheet: Sheet, contract: Contract, layout: Layout, result: ImportResult,
                now: dt.datetime) -> list[tuple[int, dict[str, Any]]]:
    """Typed rows, with every problem added to ``result.errors``."""
    kind = layout.kind
    known = INCIDENT_FIELDS if kind == "incidents" else OUTAGE_FIELDS
    columns = resolve_columns({k: v for k, v in layout.columns.items() if k in known}, sheet.headers)
    result.columns = columns
    missing = [f for f in REQUIRED[kind] if f not in columns]
    for fld in missing:
        options = layout.columns.get(fld) or ()
        options = (options,) if isinstance(options, str) else tuple(options)
        expected = _(" or ").join(f"“{o}”" for o in options)
        result.errors.append(RowError(1, "", _("no column for %(field)s: expected %(expected)s")
                                      % {"field": fld, "expected": expected}))
    if missing:
        return []
    zone = _zone(layout, contract)
    services = {s.name.lower(): s for s in contract.services.all()}
    index = {fld: sheet.headers.index(heading) for fld, heading in columns.items()}
    check = validation.check_incident if kind == "incidents" else validation.check_outage
    seen: dict[str, int] = {}
    rows = []
    for number, raw in zip(sheet.numbers, sheet.rows, strict=True):
        cells = {fld: raw[i] for fld, i in index.items()}
        errors_before = len(result.errors)

        def fail(fld: str, message: str, number: int = number) -> None:
            result.errors.append(RowError(number, columns.get(fld.split(".")[0], fld), message))

        row = _read_row(kind, cells, layout, zone, services, fail)
        reference = row.get("external_reference") or ""
        if not reference:
            fail("external_reference", _("a reference is needed, so that a second import updates instead of duplicating"))
        elif reference in seen:
            fail("external_reference", _("the reference “%(ref)s” is also used in row %(row)s")
                 % {"ref": reference, "row": seen[reference]})
        else:
            seen[reference] = number
        if len(result.errors) == errors_before:
            pauses = row.get("pauses") or []
            problems = check(row, pauses, now=now) if kind == "incidents" else check(row, now=now)
            for fld, messages in problems.items():
                for message in messages:
                    fail("pauses" if fld.startswith("pauses.") else fld, str(message))
        rows.append((number, row))
    return rows


@dataclass
class Stored:
    """What is stored for one external reference: enough to compare, without loading model instances."""

    pk: int
    values: dict[str, Any]
    pauses: list[tuple]


def _existing(kind: str, contract: Contract, references: Iterable[str]) -> dict[str, Stored]:
    model = Incident if kind == "incidents" else Outage
    fields = COMPARED[kind]
    found: dict[str, Stored] = {}
    refs = list(references)
    for start in range(0, len(refs), 5000):  # stay under the database's parameter limit
        chunk = refs[start:start + 5000]
        for row in model.objects.filter(contract=contract, external_reference__in=chunk).values(
                "pk", "external_reference", *fields):
            found[row["external_reference"]] = Stored(row["pk"], {f: row[f] for f in fields}, [])
    if kind == "incidents" and found:
        by_pk = {s.pk: s for s in found.values()}
        pks = list(by_pk)
        for start in range(0, len(pks), 5000):
            for incident_id, began, ended in IncidentPause.objects.filter(
                    incident_id__in=pks[start:start + 5000]).values_list("incident_id", "started_at", "ended_at"):
                by_pk[incident_id].pauses.append((began, ended))
    return found


def _pause_tuple(pauses: Iterable[Any]) -> list[tuple]:
    out = [(p["started_at"], p["ended_at"]) if isinstance(p, dict) else tuple(p) for p in pauses]
    return sorted(out, key=lambda t: t[0])


def plan(kind: str, rows: list[tuple[int, dict[str, Any]]], existing: dict[str, Any],
         result: ImportResult) -> list[tuple[str, dict[str, Any], Any, list[str]]]:
    """(action, row, existing object, changed fields) per row; counts go into ``result``."""
    steps = []
    for number, row in rows:
        obj = existing.get(row["external_reference"])
        if obj is None:
            action, changed = "create", sorted(k for k in row if k != "external_reference")
        else:
            changed = [k for k in COMPARED[kind] if k in row and obj.values[k] != row[k]]
            if kind == "incidents" and "pauses" in row and _pause_tuple(row["pauses"]) != _pause_tuple(obj.pauses):
                changed.append("pauses")
            action = "update" if changed else "unchanged"
        counter = {"create": "created", "update": "updated", "unchanged": "unchanged"}[action]
        setattr(result, counter, getattr(result, counter) + 1)
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append({"row": number, "reference": row["external_reference"], "action": action,
                                   "changes": changed})
        steps.append((action, row, obj, changed))
    return steps


def import_records(*, contract: Contract, actor: Actor, data: bytes, filename: str, layout: Layout,
                   dry_run: bool = False, source: str = Source.IMPORT) -> ImportResult:
    """Check every row, then (unless ``dry_run`` or any error) create and update in one transaction."""
    result = ImportResult(kind=layout.kind, dry_run=dry_run)
    sheet = read_file(data, filename)
    now = djtz.now()
    rows = parse_sheet(sheet, contract, layout, result, now)
    result.rows = len(sheet.rows)
    if result.errors:
        return result
    return apply_rows(contract=contract, actor=actor, kind=layout.kind, rows=rows, dry_run=dry_run, source=source,
                      result=result)


def apply_rows(*, contract: Contract, actor: Actor, kind: str, rows: list[tuple[int, dict[str, Any]]],
               dry_run: bool, source: str, result: ImportResult) -> ImportResult:
    """Plan and (unless a dry run) write checked rows: shared by file imports and the Statuspage import."""
    with transaction.atomic():
        existing = _existing(kind, contract, (r["external_reference"] for _n, r in rows))
        steps = plan(kind, rows, existing, result)
        if not dry_run:
            write_records(contract=contract, actor=actor, kind=kind, steps=steps, source=source)
    return result
