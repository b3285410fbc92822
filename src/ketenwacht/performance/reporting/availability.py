"""Availability figures for a report: measurement periods, the trend and the budget curve.

Stored outages go through ``contracts.engine`` (the contract's downtime definition and
maintenance treatment) into ``ketenwacht.sla.availability``; nothing here computes downtime.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ketenwacht.contracts import engine
from ketenwacht.contracts.models import SlaVersion
from ketenwacht.contracts.periods import MONTHS_IN, Period
from ketenwacht.sla import AvailabilityResult, Outage, Window, availability

UTC = dt.UTC
CENT = Decimal("0.01")


@dataclass(frozen=True)
class OutageRow:
    """A stored outage, its end cut at the report's ``as_of`` when still going on."""

    id: int
    start: dt.datetime
    end: dt.datetime
    planned: bool
    partial_weight: Decimal | None
    description: str
    reference: str
    start_ts: float
    end_ts: float


def outage_rows(values: Sequence[tuple], as_of: dt.datetime) -> list[OutageRow]:
    """Rows of ``(id, started_at, ended_at, planned, partial_weight, description, external_reference)``."""
    out = []
    for pk, start, end, planned, weight, description, reference in values:
        if start >= as_of:
            continue  # has not happened yet as of the report
        end = as_of if end is None or end > as_of else end
        out.append(OutageRow(pk, start, end, planned, weight, description, reference, start.timestamp(),
                             end.timestamp()))
    return out


def measure(version: SlaVersion | None, window: Window, rows: Sequence[OutageRow],
            cut: dt.datetime | None = None) -> tuple[AvailabilityResult, list[OutageRow]]:
    """The engine's availability over ``window`` under ``version``; outages cut at ``cut``.

    Also returns the outages that count as downtime there (for the breach's cause).
    """
    cut_ts = cut.timestamp() if cut is not None else None
    outages, counted = [], []
    for row in rows:
        end, end_ts = row.end, row.end_ts
        if cut_ts is not None and end_ts > cut_ts:
            end, end_ts = cut, cut_ts
        if end_ts <= window.start_ts or row.start_ts >= window.end_ts or end_ts <= row.start_ts:
            continue
        if version is None:
            outage = Outage(start=row.start, end=end, planned=row.planned,
                                   weight=float(row.partial_weight) if row.partial_weight is not None else 1.0)
        else:
            outage = engine.engine_outage(version, row.start, end, row.planned, row.partial_weight)
        if outage is None:
            continue
        outages.append(outage)
        if not (row.planned and version is not None and version.maintenance == "excluded"):
            counted.append(row)
    if version is None:
        return availability(window, outages, maintenance="counted"), counted
    options = engine.availability_options(version)
    if version.availability_target_percent is None:
        options["credits"] = ()
    return availability(window, outages, **options), counted


def credit(version: SlaVersion | None, credit_percent: float, value_per_month: Decimal | None,
           kind: str) -> tuple[float, Decimal, bool]:
    """(credit %, amount, capped): the tier's percentage of the fee for the measurement period, capped.

    The fee of a measurement period is the value per month times its months (1, 3 or 12).
    """
    if version is None or not credit_percent:
        return 0.0, Decimal("0.00"), False
    percent = Decimal(str(credit_percent))
    capped = False
    if version.credit_cap_percent is not None and percent > version.credit_cap_percent:
        percent, capped = Decimal(version.credit_cap_percent), True
    if value_per_month is None:
        return float(percent), Decimal("0.00"), capped
    fee = Decimal(value_per_month) * MONTHS_IN[kind]
    return float(percent), (fee * percent / 100).quantize(CENT, ROUND_HALF_UP), capped


def result_dict(result: AvailabilityResult) -> dict:
    return {
        "availability_percent": result.availability_percent,
        "measured_seconds": result.measured_seconds,
        "downtime_seconds": result.downtime_seconds,
        "allowed_downtime_seconds": result.allowed_downtime_seconds,
        "budget_used_percent": result.budget_used_percent,
        "longest_outage_seconds": result.longest_outage_seconds,
        "met": result.met,
    }


def budget_points(version: SlaVersion | None, period: Period, timezone: str, rows: Sequence[OutageRow],
                  cut: dt.datetime) -> list[dict]:
    """Downtime used since the start of the measurement period, at each day (month), week (quarter)
    or month (year) boundary up to ``cut``: the points of the downtime-budget chart."""
    window = period.window(timezone)
    steps: list[dt.date] = []
    day = period.first_day
    end_day = period.last_day + dt.timedelta(days=1)
    while day < end_day:
        if period.kind == "month":
            day += dt.timedelta(days=1)
        elif period.kind == "quarter":
            day = min(day + dt.timedelta(days=7), end_day)
        else:
            day = Period("month", day.year, day.month).shift(1).first_day
        steps.append(day)
    points = []
    for step in steps:
        stop = Window.range(dt.datetime.combine(period.first_day, dt.time()),
                            dt.datetime.combine(step, dt.time()), timezone)
        if stop.start_ts >= cut.timestamp():
            break
        result, _counted = measure(version, stop, rows, cut)
        points.append({"at": step.isoformat(), "downtime_seconds": result.downtime_seconds})
        if stop.end_ts >= cut.timestamp():
            break
    return points if window.seconds else []
