"""Response and resolution compliance for a report: stored incidents through the SLA engine.

Each incident is judged by the SLA version in force on the day it was reported, on that
version's support calendar; its pauses go along unchanged (the engine stops only the
resolution clock). Response and resolution are separate engine calls because each clock may
have its own unit. ``evaluate_many`` serves many contracts at once (the SLA overview): the
incidents of every contract whose version has the same support calendar and targets go to the
engine in one call, so its vectorised path does the work instead of one small call per contract.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from ketenwacht.contracts import engine
from ketenwacht.contracts.models import SlaPriorityTarget, SlaVersion
from ketenwacht.contracts.selectors import version_in_force
from ketenwacht.performance.models import Incident, IncidentPause
from ketenwacht.sla import (
    Calendar,
    ClockResult,
    IncidentRecord,
    IncidentResult,
    Pause,
    Target,
    evaluate_incidents,
)

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


def load_rows(incidents: QuerySet[Incident], as_of: dt.datetime) -> dict[int, list[IncidentRow]]:
    """The incidents of ``incidents`` (in its order) per contract, with their pauses that began by
    ``as_of``: two queries, plain values instead of model instances (a year's report reads tens
    of thousands)."""
    pauses: dict[int, list[tuple[dt.datetime, dt.datetime | None]]] = defaultdict(list)
    for incident_id, start, end in (IncidentPause.objects.filter(incident__in=incidents.values("pk"),
                                                                 started_at__lte=as_of)
                                    .order_by("started_at", "pk").values_list("incident_id", "started_at", "ended_at")):
        pauses[incident_id].append((start, end))
    out: dict[int, list[IncidentRow]] = defaultdict(list)
    for pk, contract_id, reference, priority, reported, responded, resolved, description, security in (
            incidents.values_list("pk", "contract_id", "external_reference", "priority", "reported_at",
                                  "first_response_at", "resolved_at", "description", "security_related")):
        out[contract_id].append(IncidentRow(id=pk, reference=reference, priority=priority, reported=reported,
                                            responded=responded, resolved=resolved, description=description,
                                            security_related=security, pauses=pauses.get(pk, [])))
    return out


def _record(row: IncidentRow) -> IncidentRecord:
    return IncidentRecord(
        id=str(row.id), priority=row.priority, reported=row.reported, responded=row.responded,
        resolved=row.resolved, pauses=tuple(Pause(start=a, end=b) for a, b in row.pauses),
    )


@dataclass
class _Part:
    """Some priorities of one version's incidents and the clocks they are judged on; once the
    engine has run, its results."""

    clocks: tuple[str, ...]
    calendar: Calendar
    targets: Mapping[str, Target]
    rows: list[IncidentRow]
    results: list[IncidentResult] = field(default_factory=list)


@dataclass
class _Job:
    rows: Sequence[IncidentRow]
    names: dict[str, str] = field(default_factory=dict)
    parts: list[_Part] = field(default_factory=list)
    without_target: int = 0


def evaluate(versions: Sequence[SlaVersion], rows: Sequence[IncidentRow], timezone: str,
             as_of: dt.datetime, *, outcomes: bool = True) -> dict:
    """Per-priority tallies, per-incident outcomes and breached clocks for the report."""
    return evaluate_many([(versions, rows, timezone)], as_of, outcomes=outcomes)[0]


def _plan(versions: Sequence[SlaVersion], rows: Sequence[IncidentRow], timezone: str) -> _Job:
    """Which rows go to which version's targets, per clock (no engine work yet)."""
    job = _Job(rows=rows)
    zone_rows: dict[int | None, list[IncidentRow]] = defaultdict(list)
    versions = list(versions)
    by_id = {v.pk: v for v in versions}
    zone = ZoneInfo(timezone)
    for row in rows:
        version = version_in_force(versions, row.reported.astimezone(zone).date())
        zone_rows[None if version is None else version.pk].append(row)
    job.without_target = len(zone_rows.get(None, []))
    for version_pk, group in zone_rows.items():
        if version_pk is None:
            continue
        version = by_id[version_pk]
        targets: list[SlaPriorityTarget] = list(version.priority_targets.all())
        for target in targets:
            job.names[target.priority] = target.name
        calendar = engine.support_calendar(version)
        maps = {"response": engine.response_targets(targets), "resolution": engine.resolution_targets(targets)}
        job.without_target += sum(1 for r in group if not any(r.priority in maps[c] for c in CLOCKS))
        for clocks, part_targets in _split(maps["response"], maps["resolution"]):
            mine = [r for r in group if r.priority in part_targets]
            if mine:
                job.parts.append(_Part(clocks, calendar, part_targets, mine))
    return job


def _split(response: dict[str, Target], resolution: dict[str, Target]) -> list[tuple[tuple[str, ...], dict]]:
    """Priorities whose two clocks share a unit are judged in one engine call with both targets
    (the engine runs each clock on its own, so this equals two calls); the rest per clock."""
    both = {p: Target(response[p].response_seconds, resolution[p].resolution_seconds, unit=response[p].unit)
            for p in response if p in resolution and response[p].unit == resolution[p].unit}
    return [(CLOCKS, both),
            (("response",), {p: t for p, t in response.items() if p not in both}),
            (("resolution",), {p: t for p, t in resolution.items() if p not in both})]


def evaluate_many(jobs: Sequence[tuple[Sequence[SlaVersion], Sequence[IncidentRow], str]], as_of: dt.datetime, *,
                  outcomes: bool = True) -> list[dict]:
    """``evaluate`` for each ``(versions, rows, timezone)`` job, with one engine call per distinct
    (support calendar, targets, clocks) over all jobs. ``outcomes=False`` skips the per-incident
    outcomes (the overview only needs the tallies)."""
    planned = [_plan(versions, rows, timezone) for versions, rows, timezone in jobs]
    # Calendars come from the engine's cache (one object per distinct calendar), so identity
    # groups the parts that share one; targets are frozen dataclasses.
    batches: dict[tuple, list[_Part]] = defaultdict(list)
    for job in planned:
        for part in job.parts:
            key = (part.clocks, id(part.calendar), tuple(sorted(part.targets.items())))
            batches[key].append(part)
    records: dict[int, IncidentRecord] = {}
    for parts in batches.values():
        first = parts[0]
        mine = [row for part in parts for row in part.rows]
        for row in mine:
            if id(row) not in records:  # a row judged per clock in two calls shares one record
                records[id(row)] = _record(row)
        report = evaluate_incidents(first.calendar, first.targets, [records[id(row)] for row in mine], as_of=as_of)
        results = iter(report.incidents)
        for part in parts:
            part.results = [next(results) for _ in part.rows]
    return [_tally(job, outcomes) for job in planned]


def _tally(job: _Job, with_outcomes: bool) -> dict:
    tallies: dict[str, dict[str, ClockTally]] = {}
    outcomes: dict[int, dict] = {}
    for part in job.parts:
        for row, result in zip(part.rows, part.results, strict=True):
            target = part.targets[row.priority]
            for clock in part.clocks:
                _add(tallies, outcomes if with_outcomes else None, row, clock, target, getattr(result, clock))
    priorities = {}
    counts: dict[str, int] = defaultdict(int)
    for row in job.rows:
        counts[row.priority] += 1
    for priority in sorted(set(tallies) | set(job.names)):
        clocks = tallies.get(priority, {c: ClockTally() for c in CLOCKS})
        priorities[priority] = {"name": job.names.get(priority, ""), "count": counts[priority],
                                **{c: clocks[c].to_dict() for c in CLOCKS}}
    return {"priorities": priorities, "outcomes": outcomes, "without_target": job.without_target}


def _add(tallies: dict[str, dict[str, ClockTally]], outcomes: dict[int, dict] | None, row: IncidentRow, clock: str,
         target: Target, clock_result: ClockResult | None) -> None:
    if clock_result is None:
        return
    if row.priority not in tallies:
        tallies[row.priority] = {c: ClockTally() for c in CLOCKS}
    tally = tallies[row.priority][clock]
    tally.target_seconds = getattr(target, f"{clock}_seconds")
    tally.unit = target.unit
    tally.add(clock_result.status, clock_result.elapsed_seconds, row.reference or f"#{row.id}")
    if outcomes is not None:
        outcomes.setdefault(row.id, {})[clock] = {
            "status": clock_result.status, "elapsed_seconds": clock_result.elapsed_seconds,
            "target_seconds": clock_result.target_seconds, "paused_seconds": clock_result.paused_seconds,
            "due": clock_result.due.isoformat(timespec="seconds"), "unit": target.unit,
        }
