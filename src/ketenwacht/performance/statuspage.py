"""Import an Atlassian Statuspage incidents feed (``/api/v2/incidents.json``) as outages.

Impact ``critical`` or ``major`` is a full outage, ``minor`` a partial one (weight 0.5),
``maintenance`` (or an incident with ``scheduled_for``) planned maintenance; ``none`` had no
customer impact and is skipped. Incidents are keyed on their Statuspage id, so a newer feed
updates the ones seen before (an end time arrives once an incident is resolved).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.contracts.models import Contract
from ketenwacht.core.audit import Actor
from ketenwacht.performance import validation
from ketenwacht.performance.importing.reading import ImportFileError
from ketenwacht.performance.importing.run import ImportResult, RowError, apply_rows
from ketenwacht.performance.models import Source

MINOR_WEIGHT = Decimal("0.5")
MAX_BYTES = 20 * 1024 * 1024


def _instant(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    parsed = dt.datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def _incidents(data: bytes) -> list[Mapping[str, Any]]:
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("the file is larger than 20 MB"))
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportFileError(_("not a JSON file: %(reason)s") % {"reason": exc}) from None
    if isinstance(parsed, Mapping):
        items = parsed.get("incidents", parsed.get("scheduled_maintenances"))
    else:
        items = parsed
    if not isinstance(items, list):
        raise ImportFileError(_("expected an object with 'incidents' (a Statuspage incidents.json)"))
    return items


def import_statuspage(*, contract: Contract, actor: Actor, data: bytes, component: str = "",
                      dry_run: bool = False) -> ImportResult:
    """Check every incident, then write them all or nothing (see the module docstring)."""
    result = ImportResult(kind="outages", dry_run=dry_run)
    items = _incidents(data)
    result.rows = len(items)
    wanted = component.strip().lower()
    now = timezone.now()
    rows = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Mapping) or not item.get("id"):
            result.errors.append(RowError(number, "id", _("an incident needs an 'id'")))
            continue
        names = [str(c.get("name", "")).lower() for c in item.get("components") or [] if isinstance(c, Mapping)]
        if wanted and wanted not in names:
            continue
        impact = str(item.get("impact") or "none")
        planned = impact == "maintenance" or bool(item.get("scheduled_for"))
        if impact == "none" and not planned:
            continue  # no customer impact
        try:
            start = (_instant(item.get("started_at")) or _instant(item.get("scheduled_for"))
                     or _instant(item.get("created_at")))
            end = _instant(item.get("resolved_at"))
            if end is None and planned and item.get("status") == "completed":
                end = _instant(item.get("scheduled_until")) or _instant(item.get("updated_at"))
        except ValueError as exc:
            result.errors.append(RowError(number, "started_at", _("not a date and time: %(reason)s") % {"reason": exc}))
            continue
        row = {"external_reference": f"statuspage:{item['id']}"[:200], "started_at": start, "ended_at": end,
               "planned": planned, "partial_weight": MINOR_WEIGHT if impact == "minor" else None,
               "description": str(item.get("name") or "")[:2000]}
        for fld, messages in validation.check_outage(row, now=now).items():
            result.errors += [RowError(number, fld, str(m)) for m in messages]
        rows.append((number, row))
    if result.errors:
        return result
    return apply_rows(contract=contract, actor=actor, kind="outages", rows=rows, dry_run=dry_run,
                      source=Source.STATUSPAGE, result=result)
