"""Incident response and resolution compliance on a business calendar."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .calendar import Calendar, Instant
from .errors import SLAInputError
from .timeparse import epoch_to_local, parse_instant

UNITS = ("business_hours", "working_days", "clock")
STATUSES = ("met", "breached", "open", "at_risk")
DAY = 86400
AT_RISK_FRACTION = 0.25
VECTORISED_FROM = 8  # below this many incidents NumPy's per-call overhead outweighs the gain


@dataclass(frozen=True)
class Target:
    """Response and resolution targets of one priority, in seconds of ``unit``.

    For ``working_days`` a target is N × 86400 (N working days).
    """

    response_seconds: int | None = None
    resolution_seconds: int | None = None
    unit: str = "business_hours"
    end_of_day: bool = False  # working_days only: due at the last closing of the day reached


@dataclass(frozen=True)
class Pause:
    """Waiting for the customer or a third party; ``end=None`` means still waiting."""

    start: Instant
    end: Instant | None = None


@dataclass(frozen=True)
class IncidentRecord:
    """One incident as registered."""

    id: str
    priority: str
    reported: Instant
    responded: Instant | None = None
    resolved: Instant | None = None
    pauses: Sequence[Pause] = ()


@dataclass(frozen=True)
class ClockResult:
    """One clock (response or resolution) of one incident, as of the report instant.

    ``target_seconds`` and ``elapsed_seconds`` are business seconds (physical for ``clock``);
    for ``working_days`` the target is the business time from the report to the working-day due.
    """

    target_seconds: int
    due: dt.datetime
    elapsed_seconds: int
    paused_seconds: int
    status: str
    stopped: dt.datetime | None

    @property
    def remaining_seconds(self) -> int:
        return self.target_seconds - self.elapsed_seconds

    def to_dict(self) -> dict:
        return {"due": self.due.isoformat(timespec="seconds"), "target_seconds": self.target_seconds,
                "elapsed_seconds": self.elapsed_seconds, "paused_seconds": self.paused_seconds,
                "remaining_seconds": self.remaining_seconds, "status": self.status,
                "stopped": None if self.stopped is None else self.stopped.isoformat(timespec="seconds")}


@dataclass(frozen=True)
class IncidentResult:
    """Both clocks of one incident (``None`` where the priority has no such target)."""

    id: str
    priority: str
    response: ClockResult | None
    resolution: ClockResult | None

    def to_dict(self) -> dict:
        return {"id": self.id, "priority": self.priority,
                "response": None if self.response is None else self.response.to_dict(),
                "resolution": None if self.resolution is None else self.resolution.to_dict()}


@dataclass(frozen=True)
class ClockSummary:
    """Counts per status; percent met among decided clocks; times of stopped clocks."""

    count: int
    met: int
    breached: int
    open: int
    at_risk: int
    percent_met: float | None
    median_seconds: float | None
    p90_seconds: int | None

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("count", "met", "breached", "open", "at_risk", "percent_met",
                                               "median_seconds", "p90_seconds")}


@dataclass(frozen=True)
class PrioritySummary:
    """Summary of one priority."""

    priority: str
    count: int
    response: ClockSummary | None
    resolution: ClockSummary | None

    def to_dict(self) -> dict:
        return {"count": self.count,
                "response": None if self.response is None else self.response.to_dict(),
                "resolution": None if self.resolution is None else self.resolution.to_dict()}


@dataclass(frozen=True)
class IncidentReport:
    """Per-incident results and a summary per priority, as of ``as_of``."""

    as_of: dt.datetime
    incidents: tuple[IncidentResult, ...]
    summary: dict[str, PrioritySummary] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(timespec="seconds"),
                "incidents": [r.to_dict() for r in self.incidents],
                "summary": {k: v.to_dict() for k, v in self.summary.items()}}


# -- due instants ------------------------------------------------------------------------------
def _merge(pauses: Iterable[tuple[int, int]], lo: int, hi: int | None) -> list[tuple[int, int]]:
    """Union of pauses clipped to [lo, hi)."""
    spans = sorted((max(a, lo), b if hi is None else min(b, hi)) for a, b in pauses)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _paused(cal: Calendar, pauses: list[tuple[int, int]], start: int, until: int) -> int:
    """Business seconds inside the pauses between ``start`` and ``until``."""
    total = 0
    for a, b in pauses:
        a, b = max(a, start), min(b, until)
        if b > a:
            total += cal.seconds_between(a, b)
    return total


@lru_cache(maxsize=64)
def _always(timezone: str) -> Calendar:
    return Calendar.always(timezone)


def _clock_calendar(cal: Calendar, unit: str) -> Calendar:
    return _always(cal.timezone) if unit == "clock" else cal


def due_epoch(cal: Calendar, start: int, seconds: int, unit: str, *, end_of_day: bool = False,
              pauses: Sequence[tuple[int, int]] = ()) -> int:
    """The due instant (epoch) for a target of ``seconds`` in ``unit`` from ``start``."""
    if unit not in UNITS:
        raise SLAInputError("unit", "must be 'business_hours', 'working_days' or 'clock'")
    cal = _clock_calendar(cal, unit)
    merged = _merge(pauses, start, None)
    if seconds < 0 and merged:
        raise SLAInputError("pauses", "cannot be combined with a negative duration")
    if unit == "working_days":
        if seconds % DAY:
            raise SLAInputError("duration_seconds", "working days must be a multiple of 86400 seconds")
        base = cal.add_working_days_epoch(start, seconds // DAY, end_of_day)
        # The working-day due, extended by the business time paused before it (pauses inside
        # the extension extend it further): the same walk as below, on the business-time
        # equivalent of the working days.
        target = cal.seconds_between(start, base)
        reached = _walk(cal, start, merged, target)
        return base if reached == target else cal.add_seconds(start, reached)
    return cal.add_seconds(start, _walk(cal, start, merged, seconds))


def _walk(cal: Calendar, start: int, merged: list[tuple[int, int]], target: int) -> int:
    """Business seconds after ``start`` at which ``target`` unpaused business seconds have run."""
    remaining, cur = target, 0
    for a, b in merged:
        if remaining <= 0:
            break
        pa, pb = cal.seconds_between(start, a), cal.seconds_between(start, b)
        if pb <= cur:
            continue
        if pa > cur:
            if pa - cur >= remaining:
                break
            remaining -= pa - cur
        cur = max(cur, pb)
    return cur + remaining


def due_instant(calendar: Calendar, start: Instant, duration_seconds: int, unit: str = "business_hours", *,
                end_of_day: bool = False, pauses: Sequence[Pause] = ()) -> dt.datetime:
    """The due instant of a target (``business_hours``, ``working_days`` or ``clock``), in the calendar's zone."""
    zone = calendar.zone
    s = parse_instant(start, zone, "start")
    spans = [_pause_epochs(p, zone, f"pauses[{i}]", None) for i, p in enumerate(pauses)]
    if isinstance(duration_seconds, bool) or not isinstance(duration_seconds, int):
        raise SLAInputError("duration_seconds", "must be a whole number of seconds")
    return epoch_to_local(due_epoch(calendar, s, duration_seconds, unit, end_of_day=end_of_day, pauses=spans), zone)


def _pause_epochs(pause: Pause, zone: dt.tzinfo, fld: str, open_end: int | None) -> tuple[int, int]:
    a = parse_instant(pause.start, zone, f"{fld}.from")
    if pause.end is None:
        if open_end is None:
            raise SLAInputError(f"{fld}.to", "is required here")
        b = max(open_end, a)
    else:
        b = parse_instant(pause.end, zone, f"{fld}.to")
        if b < a:
            raise SLAInputError(f"{fld}.to", "must not be before 'from'")
    return a, b


# -- incident evaluation ------------------------------------------------------------------------
def _check_target(target: Target, fld: str) -> None:
    if target.unit not in UNITS:
        raise SLAInputError(f"{fld}.unit", "must be 'business_hours', 'working_days' or 'clock'")
    if not isinstance(target.end_of_day, bool):
        raise SLAInputError(f"{fld}.end_of_day", "must be true or false")
    for key in ("response_seconds", "resolution_seconds"):
        value = getattr(target, key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SLAInputError(f"{fld}.{key}", "must be a whole number of seconds, not negative")
        if target.unit == "working_days" and value % DAY:
            raise SLAInputError(f"{fld}.{key}", "working days must be a multiple of 86400 seconds")


def _clock(cal: Calendar, target_spec: Target, seconds: int, start: int, stop: int | None, as_of: int,
           pauses: list[tuple[int, int]]) -> ClockResult:
    unit = target_spec.unit
    cal = _clock_calendar(cal, unit)
    until = as_of if stop is None else stop
    pauses = _merge(pauses, start, until)
    due = due_epoch(cal, start, seconds, unit, end_of_day=target_spec.end_of_day, pauses=pauses)
    if unit == "working_days":
        plain_due = cal.add_working_days_epoch(start, seconds // DAY, target_spec.end_of_day)
        target = cal.seconds_between(start, plain_due)
    else:
        target = seconds
    paused = _paused(cal, pauses, start, until)
    elapsed = cal.seconds_between(start, until) - paused
    if elapsed > target:
        status = "breached"
    elif stop is not None:
        status = "met"
    elif target - elapsed < AT_RISK_FRACTION * target:
        status = "at_risk"
    else:
        status = "open"
    zone = cal.zone
    return ClockResult(target, epoch_to_local(due, zone), elapsed, paused, status,
                       None if stop is None else epoch_to_local(stop, zone))


def _parse_record(cal: Calendar, targets: Mapping[str, Target], rec: IncidentRecord, as_of: int,
                  fld: str) -> tuple[Target, int, dict[str, int | None], list[tuple[int, int]]]:
    """Checked epochs of one incident: (target, reported, stops by field, pauses)."""
    zone = cal.zone
    if rec.priority not in targets:
        known = ", ".join(sorted(targets)) or "none"
        raise SLAInputError(f"{fld}.priority", f"no targets for priority {rec.priority!r} (known: {known})")
    target = targets[rec.priority]
    reported = parse_instant(rec.reported, zone, f"{fld}.reported")
    if reported > as_of:
        raise SLAInputError(f"{fld}.reported", "is after as_of")
    stops = {}
    for key in ("responded", "resolved"):
        value = getattr(rec, key)
        ts = None if value is None else parse_instant(value, zone, f"{fld}.{key}")
        if ts is not None and ts < reported:
            raise SLAInputError(f"{fld}.{key}", "is before 'reported'")
        stops[key] = None if ts is None or ts > as_of else ts  # events after as_of have not happened yet
    pauses = [_pause_epochs(p, zone, f"{fld}.pauses[{i}]", as_of) for i, p in enumerate(rec.pauses)]
    return target, reported, stops, pauses


def _evaluate_one(cal: Calendar, targets: Mapping[str, Target], rec: IncidentRecord, as_of: int,
                  fld: str) -> IncidentResult:
    target, reported, stops, pauses = _parse_record(cal, targets, rec, as_of, fld)
    response = resolution = None
    if target.response_seconds is not None:  # the response clock never pauses
        response = _clock(cal, target, target.response_seconds, reported, stops["responded"], as_of, [])
    if target.resolution_seconds is not None:
        resolution = _clock(cal, target, target.resolution_seconds, reported, stops["resolved"], as_of, pauses)
    return IncidentResult(str(rec.id), rec.priority, response, resolution)


def _percentile_nearest_rank(values: list[int], p: float) -> int:
    return sorted(values)[max(0, math.ceil(p / 100 * len(values)) - 1)]


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _summarise_clocks(clocks: list[ClockResult]) -> ClockSummary | None:
    if not clocks:
        return None
    counts = {s: sum(c.status == s for c in clocks) for s in STATUSES}
    decided = counts["met"] + counts["breached"]
    times = [c.elapsed_seconds for c in clocks if c.stopped is not None]
    return ClockSummary(
        count=len(clocks), met=counts["met"], breached=counts["breached"], open=counts["open"],
        at_risk=counts["at_risk"],
        percent_met=round(100.0 * counts["met"] / decided, 6) if decided else None,
        median_seconds=_median(times) if times else None,
        p90_seconds=_percentile_nearest_rank(times, 90) if times else None,
    )


# -- the vectorised path ------------------------------------------------------------------------
def _clocks_vectorised(cal: Calendar, unit: str, starts: list[int], seconds: list[int],
                       stops: list[int | None], as_of: int) -> list[ClockResult]:
    """Unpaused ``business_hours`` or ``clock`` clocks at once; equal to ``_clock`` one by one."""
    cal = _clock_calendar(cal, unit)
    start = np.asarray(starts, dtype=np.int64)
    target = np.asarray(seconds, dtype=np.int64)
    stopped = np.asarray([s is not None for s in stops], dtype=bool)
    until = np.asarray([as_of if s is None else s for s in stops], dtype=np.int64)
    due = cal.add_seconds_many(start, target)
    elapsed = cal.seconds_between_many(start, until)
    # ``target - elapsed < 0.25 * target`` in integers: 0.25 × an int is exact in a float.
    code = np.where(elapsed > target, 1, np.where(stopped, 0, np.where(4 * (target - elapsed) < target, 3, 2)))
    zone = cal.zone
    return [ClockResult(t, epoch_to_local(d, zone), e, 0, STATUSES[c], None if s is None else epoch_to_local(s, zone))
            for t, d, e, c, s in zip(target.tolist(), due.tolist(), elapsed.tolist(), code.tolist(), stops,
                                     strict=True)]


def _evaluate_vectorised(cal: Calendar, targets: Mapping[str, Target], records: Sequence[IncidentRecord],
                         as_of: int) -> tuple[IncidentResult, ...]:
    """All incidents at once: clocks without pauses in ``business_hours`` or ``clock`` go through
    the vectorised calendar arithmetic, the rest (working days, paused resolution) through ``_clock``."""
    parsed = [_parse_record(cal, targets, rec, as_of, f"incidents[{i}]") for i, rec in enumerate(records)]
    out: dict[str, list[ClockResult | None]] = {}
    for clock, key, stop_key in (("response", "response_seconds", "responded"),
                                 ("resolution", "resolution_seconds", "resolved")):
        results: list[ClockResult | None] = [None] * len(parsed)
        fast: dict[str, list[int]] = {}
        for i, (target, reported, stops, pauses) in enumerate(parsed):
            seconds = getattr(target, key)
            if seconds is None:
                continue
            stop = stops[stop_key]
            mine = pauses if clock == "resolution" else []  # the response clock never pauses
            if target.unit == "working_days" or _merge(mine, reported, as_of if stop is None else stop):
                results[i] = _clock(cal, target, seconds, reported, stop, as_of, mine)
            else:
                fast.setdefault(target.unit, []).append(i)
        for unit, idx in fast.items():
            done = _clocks_vectorised(cal, unit, [parsed[i][1] for i in idx],
                                      [getattr(parsed[i][0], key) for i in idx],
                                      [parsed[i][2][stop_key] for i in idx], as_of)
            for i, result in zip(idx, done, strict=True):
                results[i] = result
        out[clock] = results
    return tuple(IncidentResult(str(rec.id), rec.priority, response, resolution)
                 for rec, response, resolution in zip(records, out["response"], out["resolution"], strict=True))


def evaluate_incidents(calendar: Calendar, targets: Mapping[str, Target], incidents: Iterable[IncidentRecord], *,
                       as_of: Instant, vectorised: bool | None = None) -> IncidentReport:
    """Due instants, elapsed business time and status of every incident as of ``as_of``, plus a summary.

    ``vectorised``: ``None`` (default) takes the vectorised path from ``VECTORISED_FROM`` incidents
    on, ``True`` always, ``False`` never; the answers are the same either way.
    """
    zone = calendar.zone
    for name, target in targets.items():
        _check_target(target, f"targets.{name}")
    now = parse_instant(as_of, zone, "as_of")
    records = list(incidents)
    results = None
    if vectorised or (vectorised is None and len(records) >= VECTORISED_FROM):
        try:
            results = _evaluate_vectorised(calendar, targets, records, now)
        except SLAInputError:
            results = None  # the scalar path below raises the error of the first bad incident
    if results is None:
        results = tuple(_evaluate_one(calendar, targets, rec, now, f"incidents[{i}]") for i, rec in enumerate(records))
    summary: dict[str, PrioritySummary] = {}
    for priority in targets:
        mine = [r for r in results if r.priority == priority]
        summary[priority] = PrioritySummary(
            priority, len(mine),
            _summarise_clocks([r.response for r in mine if r.response is not None]),
            _summarise_clocks([r.resolution for r in mine if r.resolution is not None]))
    return IncidentReport(epoch_to_local(now, zone), results, summary)
