"""Response and resolution compliance for a report: stored incidents through the SLA engine.

Each incident is judged by the SLA version in force on the day it was reported, on that
version's support calendar; its pauses go along unchanged (the engine stops only the
resolution clock). Response and resolution are separate engine calls because each clock may
have its own unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ketenwacht.contracts import engine
from ketenwacht.contracts.models import SlaPriorityTarget, SlaVersion
from ketenwacht.contracts.selectors import version_in_force
from ketenwacht.sla import IncidentRecord, Pause, evaluate_incidents

CLOCKS = ("response", "resolution")
STATUSES = ("met", "breached", "open", "at_risk")


@dataclass
class IncidentRow:
    """A stored incident with its pauses, as the report reads it."""

    id: int
    reference: str
    priority: str
    reported: dt.datetime
    responded: dt.datetime | None
    resolved: dt.datetime | None
    description: str
    security_related: bool
    pauses: list[tuple[dt.datetime, dt.datetime | None]] = field(default_factory=list)


@dataclass
class ClockTally:
    met: int = 0
    breached: int = 0
    open: int = 0
    at_risk: int = 0
    slowest_seconds: int | None = None
    slowest_incident: str = ""
    target_seconds: int | None = None
    unit: str = ""

    def add(self, status: str, elapsed: int, reference: str) -> None:
        setattr(self, status, getattr(self, status) + 1)
        if self.slowest_seconds is None or elapsed > self.slowest_seconds:
            self.slowest_seconds, self.slowest_incident = elapsed, reference

    def to_dict(self) -> dict:
        decided = self.met + self.breached
        return {
            "count": self.met + self.breached + self.open + self.at_risk,
            "met": self.met, "breached": self.breached, "open": self.open, "at_risk": self.at_risk,
            "percent_met": round(100.0 * self.met / decided, 2) if decided else None,
            "slowest_seconds": self.slowest_seconds, "slowest_incident": self.slowest_incident,
            "target_seconds": self.target_seconds, "unit": self.unit,
        }


def _record(row: IncidentRow) -> IncidentRecord:
    return IncidentRecord(
        id=str(row.id), priority=row.priority, reported=row.reported, responded=row.responded,
        resolved=row.resolved, pauses=tuple(Pause(start=a, end=b) for a, b in row.pauses),
    )


def evaluate(versions: Sequence[SlaVersion], rows: Sequence[IncidentRow], timezone: str,
             as_of: dt.datetime) -> dict:
    """Per-priority tallies, per-incident outcomes and breached clocks for the report."""
    zone_rows: dict[int | None, list[IncidentRow]] = defaultdict(list)
    versions = list(versions)
    by_id = {v.pk: v for v in versions}
    zone = ZoneInfo(timezone)
    for row in rows:
        version = version_in_force(versions, row.reported.astimezone(zone).date())
        zone_rows[None if version is None else version.pk].append(row)
    tallies: dict[str, dict[str, ClockTally]] = {}
    names: dict[str, str] = {}
    outcomes: dict[int, dict] = {}
    without_target = len(zone_rows.get(None, []))
    for version_pk, group in zone_rows.items():
        if version_pk is None:
            continue
        version = by_id[version_pk]
        targets: list[SlaPriorityTarget] = list(version.priority_targets.all())
        for target in targets:
            names[target.priority] = target.name
        calendar = engine.support_calendar(version)
        maps = {"response": engine.response_targets(targets), "resolution": engine.resolution_targets(targets)}
        without_target += sum(1 for r in group if not any(r.priority in maps[c] for c in CLOCKS))
        for clock in CLOCKS:
            mine = [r for r in group if r.priority in maps[clock]]
            if not mine:
                continue
            report = evaluate_incidents(calendar, maps[clock], [_record(r) for r in mine], as_of=as_of)
            refs = {str(r.id): r for r in mine}
            for result in report.incidents:
                clock_result = getattr(result, clock)
                if clock_result is None:
                    continue
                row = refs[result.id]
                tally = tallies.setdefault(row.priority, {c: ClockTally() for c in CLOCKS})[clock]
                target = maps[clock][row.priority]
                tally.target_seconds = getattr(target, f"{clock}_seconds")
                tally.unit = target.unit
                tally.add(clock_result.status, clock_result.elapsed_seconds, row.reference or f"#{row.id}")
                outcomes.setdefault(row.id, {})[clock] = {
                    "status": clock_result.status, "elapsed_seconds": clock_result.elapsed_seconds,
                    "target_seconds": clock_result.target_seconds, "paused_seconds": clock_result.paused_seconds,
                    "due": clock_result.due.isoformat(timespec="seconds"), "unit": target.unit,
                }
    priorities = {}
    for priority in sorted(set(tallies) | set(names)):
        clocks = tallies.get(priority, {c: ClockTally() for c in CLOCKS})
        count = sum(1 for r in rows if r.priority == priority)
        priorities[priority] = {"name": names.get(priority, ""), "count": count,
                                **{c: clocks[c].to_dict() for c in CLOCKS}}
    return {"priorities": priorities, "outcomes": outcomes, "without_target": without_target}
