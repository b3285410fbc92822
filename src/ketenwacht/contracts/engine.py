"""Stored SLA terms → SLA-engine objects, unchanged.

This is the one place where a contract's terms become engine input: calendars in their own
time zone, targets per priority in the engine's units, credit tiers, maintenance treatment and
the downtime definition. Every SLA figure is then computed by the engine, never here.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ketenwacht.contracts.models import DowntimeDefinition, SlaPriorityTarget, SlaVersion, TargetUnit
from ketenwacht.sla import Calendar, CreditTier, Outage, Target, describe_allowed_downtime

ALWAYS = "24x7"
HOUR = 3600
DAY = 86400


def _calendar(value: Any, timezone: str) -> Calendar:
    """A stored calendar; one without its own zone is read in the SLA version's zone."""
    if value in (None, "", ALWAYS):
        return _cached(ALWAYS, timezone)
    if isinstance(value, dict) and "timezone" not in value:
        value = {**value, "timezone": timezone}
    return _cached(json.dumps(value, sort_keys=True), timezone)


@lru_cache(maxsize=256)
def _cached(spec: str, timezone: str) -> Calendar:
    """One calendar object per distinct calendar: it keeps its table of open time, which many
    contracts with the same office hours then share instead of each building their own."""
    if spec == ALWAYS:
        return Calendar.always(timezone)
    return Calendar.from_dict(json.loads(spec))


def support_calendar(version: SlaVersion) -> Calendar:
    """The calendar on which response and resolution clocks run (24x7 when none is agreed)."""
    return _calendar(version.support_hours, version.timezone)


def service_calendar(version: SlaVersion) -> Calendar | None:
    """The service hours that restrict availability; ``None`` means all physical time counts."""
    if version.service_hours in (None, "", ALWAYS):
        return None
    return _calendar(version.service_hours, version.timezone)


def target_seconds(value: Decimal | None, unit: str) -> int | None:
    """A target in the engine's seconds: hours for business and clock hours, N × 86400 for working days."""
    if value is None or not unit:
        return None
    if unit == TargetUnit.WORKING_DAYS:
        return int(value) * DAY
    return int((Decimal(value) * HOUR).to_integral_value())


def response_targets(targets: list[SlaPriorityTarget]) -> dict[str, Target]:
    """Response targets per priority; each clock keeps its own unit, so they are separate maps."""
    out = {}
    for row in targets:
        seconds = target_seconds(row.response_value, row.response_unit)
        if seconds is not None:
            out[row.priority] = Target(response_seconds=seconds, unit=row.response_unit)
    return out


def resolution_targets(targets: list[SlaPriorityTarget]) -> dict[str, Target]:
    out = {}
    for row in targets:
        seconds = target_seconds(row.resolution_value, row.resolution_unit)
        if seconds is not None:
            out[row.priority] = Target(resolution_seconds=seconds, unit=row.resolution_unit)
    return out


def credit_tiers(version: SlaVersion) -> tuple[CreditTier, ...]:
    return tuple(
        CreditTier(below_percent=float(t["below_percent"]), credit_percent=float(t["credit_percent"]))
        for t in version.credit_tiers or ()
    )


def availability_options(version: SlaVersion) -> dict[str, Any]:
    """Keyword arguments for ``ketenwacht.sla.availability`` from one SLA version."""
    target = version.availability_target_percent
    return {
        "maintenance": version.maintenance or "counted",
        "service_calendar": service_calendar(version),
        "target_percent": None if target is None else float(target),
        "credits": credit_tiers(version),
    }


def engine_outage(version: SlaVersion, start: dt.datetime, end: dt.datetime, planned: bool,
                  partial_weight: Decimal | None) -> Outage | None:
    """One stored outage as the engine sees it under this version's downtime definition.

    A partial outage is no downtime when the SLA counts full outages only; otherwise it counts
    with the SLA's weight, or the weight recorded with the outage when the SLA names none.
    """
    weight = 1.0
    if partial_weight is not None and partial_weight < 1:
        if version.downtime_definition != DowntimeDefinition.PARTIAL_WEIGHTED:
            return None
        weight = float(version.partial_weight if version.partial_weight is not None else partial_weight)
    return Outage(start=start, end=end, planned=planned, weight=weight)


def describe_target(version: SlaVersion) -> dict[str, str] | None:
    """What the availability target allows, in Dutch and English (from the engine's calculator)."""
    target = version.availability_target_percent
    if target is None or not version.availability_period:
        return None
    return {lang: describe_allowed_downtime(float(target), version.availability_period, lang) for lang in ("nl", "en")}
