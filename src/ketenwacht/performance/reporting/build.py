"""The SLA report of one contract for one month, quarter or year.

``sla_report(contract=…, period=Period.parse("2025-03"))`` reads the contract's SLA versions,
outages and incidents in a fixed number of queries and returns a plain dict (snake_case; the
CLI and the API render it as camelCase JSON). Every SLA figure in it comes from the engine.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone as djtz

from ketenwacht.contracts.models import Contract, SlaVersion
from ketenwacht.contracts.periods import Period
from ketenwacht.contracts.selectors import sla_versions, version_in_force
from ketenwacht.performance.models import Incident, Outage
from ketenwacht.performance.reporting import incidents as incident_part
from ketenwacht.performance.reporting.availability import (
    OutageRow,
    budget_points,
    credit,
    measure,
    outage_rows,
    result_dict,
)
from ketenwacht.sla import format_duration

TREND_PERIODS = 12


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def headline_version(versions: list[SlaVersion], period: Period) -> SlaVersion | None:
    """The version that speaks for the period: in force on its last day, else its first, else any inside."""
    for day in (period.last_day, period.first_day):
        version = version_in_force(versions, day)
        if version is not None:
            return version
    for version in versions:
        if version.valid_from <= period.last_day and (version.valid_until is None
                                                      or version.valid_until >= period.first_day):
            return version
    return None


def _version_for(versions: list[SlaVersion], period: Period, fallback: SlaVersion | None) -> SlaVersion | None:
    return version_in_force(versions, period.first_day) or version_in_force(versions, period.last_day) or fallback


def load_outages(contract: Contract, start: dt.datetime, end: dt.datetime, as_of: dt.datetime) -> list[OutageRow]:
    values = (Outage.objects.filter(contract=contract, started_at__lt=end)
              .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=start))
              .order_by("started_at", "pk")
              .values_list("pk", "started_at", "ended_at", "planned", "partial_weight", "description",
                           "external_reference"))
    return outage_rows(list(values), as_of)


def load_incidents(contract: Contract, start: dt.datetime, end: dt.datetime,
                   as_of: dt.datetime) -> list[incident_part.IncidentRow]:
    """Incidents reported in [start, end) and not after ``as_of``, with their pauses (two queries)."""
    rows = incident_part.load_rows(
        Incident.objects.filter(contract=contract, reported_at__gte=start, reported_at__lt=end, reported_at__lte=as_of)
        .order_by("reported_at", "pk"), as_of)
    return rows.get(contract.pk, [])


def _aware(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


def sla_report(*, contract: Contract, period: Period, as_of: dt.datetime | None = None,
               trend: bool = True, lang: str = "nl") -> dict:
    """The SLA report (see ``docs/sla-reports.md`` for what each figure means)."""
    as_of = as_of or djtz.now()
    versions = sla_versions(contract=contract)
    head = headline_version(versions, period)
    tz = head.timezone if head is not None else contract.organisation.timezone
    zone = ZoneInfo(tz)
    window = period.window(tz)
    kind = (head.availability_period if head is not None and head.availability_period else period.kind)
    measurement_periods = period.periods_of(kind)
    first_day = measurement_periods[0].first_day
    if trend:
        first_day = min(first_day, max(period.shift(-(TREND_PERIODS - 1)).first_day, contract.start_date))
    # A day's margin either side: a trend period may be cut in another version's time zone.
    load_from = _aware(first_day - dt.timedelta(days=1), zone)
    load_to = max(window.end, measurement_periods[-1].window(tz).end) + dt.timedelta(days=1)
    rows = load_outages(contract, load_from, load_to, as_of)
    window_end = window.end

    # -- the measurement periods of the SLA inside (or around) the report period
    measurements = []
    breaches = []
    total_credit = Decimal("0.00")
    provisional_credit = Decimal("0.00")
    any_capped = False
    for m in measurement_periods:
        version = _version_for(versions, m, head)
        m_tz = version.timezone if version is not None else tz
        m_window = m.window(m_tz)
        cut = min(window_end, as_of)
        result, counted = measure(version, m_window, rows, cut)
        complete = m_window.end <= window_end and m_window.end <= as_of
        pct, amount, capped = credit(version, result.credit_percent, contract.value_per_month, m.kind)
        any_capped |= capped
        if complete:
            total_credit += amount
        else:
            provisional_credit += amount
        item = {"label": m.label, "kind": m.kind, "start": _iso(m_window.start), "end": _iso(m_window.end),
                "complete": complete, "sla_version": version.label if version is not None else None,
                "target_percent": _target(version), **result_dict(result),
                "credit_percent": pct, "credit_amount": float(amount), "credit_capped": capped}
        measurements.append(item)
        if result.met is False:
            breaches.append(_availability_breach(item, version, counted, amount, pct, lang))

    # -- the report period itself
    if len(measurement_periods) == 1 and measurement_periods[0] == period:
        headline = dict(measurements[0])
    else:
        result, _counted = measure(head, window, rows, min(window_end, as_of))
        headline = result_dict(result)
        decided = [m["met"] for m in measurements if m["met"] is not None]
        headline["met"] = all(decided) if decided else None
    incident_rows = load_incidents(contract, window.start, window.end, as_of)
    evaluated = incident_part.evaluate(versions, incident_rows, tz, as_of)
    breaches += _incident_breaches(incident_rows, evaluated["outcomes"], tz, lang)

    report = {
        "organisation": contract.organisation.slug,
        "contract": {"id": contract.pk, "reference": contract.reference, "title": contract.title,
                     "supplier": contract.supplier.name,
                     "value_per_month": None if contract.value_per_month is None else float(contract.value_per_month),
                     "currency": "EUR"},
        "period": {"label": period.label, "kind": period.kind, "start": _iso(window.start), "end": _iso(window.end),
                   "timezone": tz, "name": period.name(lang)},
        "as_of": _iso(as_of.astimezone(zone)),
        "complete": window.end <= as_of,
        "sla_version": None if head is None else {
            "id": head.pk, "label": head.label, "valid_from": _iso(head.valid_from),
            "valid_until": _iso(head.valid_until)},
        "target_percent": _target(head),
        "measurement_period": head.availability_period if head is not None and head.availability_period else None,
        "maintenance": head.maintenance if head is not None and head.maintenance else None,
        "availability_percent": headline["availability_percent"],
        "measured_seconds": headline["measured_seconds"],
        "downtime_seconds": headline["downtime_seconds"],
        "allowed_downtime_seconds": headline["allowed_downtime_seconds"],
        "budget_used_percent": headline["budget_used_percent"],
        "longest_outage_seconds": headline["longest_outage_seconds"],
        "met": headline["met"],
        "credit_percent": _credit_percent(total_credit, contract, period, measurements),
        "credit_amount": float(total_credit),
        "credit_capped": any_capped,
        "provisional_credit_amount": float(provisional_credit),
        "outage_count": sum(1 for r in rows if r.start < window.end and r.end > window.start),
        "measurements": measurements,
        "incident_count": len(incident_rows),
        "security_incident_count": sum(1 for r in incident_rows if r.security_related),
        "incidents_without_target": evaluated["without_target"],
        "priorities": evaluated["priorities"],
        "breaches": breaches,
        "trend": _trend(versions, head, period, rows, as_of, contract) if trend else [],
        "budget": _budget(versions, head, measurement_periods[-1], rows, min(window_end, as_of), tz),
    }
    return report


def _target(version: SlaVersion | None) -> float | None:
    if version is None or version.availability_target_percent is None:
        return None
    return float(version.availability_target_percent)


def _credit_percent(total: Decimal, contract: Contract, period: Period, measurements: list[dict]) -> float:
    """The credit as a percentage of the report period's fee (for one measurement: the tier's, capped)."""
    complete = [m for m in measurements if m["complete"]]
    if len(complete) == 1 and len(measurements) == 1:
        return complete[0]["credit_percent"]
    if not complete or not contract.value_per_month:
        return max((m["credit_percent"] for m in complete), default=0.0)
    fee = Decimal(contract.value_per_month) * {"month": 1, "quarter": 3, "year": 12}[period.kind]
    return float((total / fee * 100).quantize(Decimal("0.01")))


def _availability_breach(item: dict, version: SlaVersion | None, counted: list[OutageRow], amount: Decimal,
                         pct: float, lang: str) -> dict:
    longest = max(counted, key=lambda r: r.end_ts - r.start_ts, default=None)
    cause = {"outages": len(counted)}
    if longest is not None:
        cause.update({"longest_outage_id": longest.id, "longest_outage_start": _iso(longest.start),
                      "longest_outage_description": longest.description, "longest_outage_reference": longest.reference})
    return {
        "key": f"availability:{item['label']}", "term": "availability", "priority": "",
        "period": item["label"], "start": item["start"], "end": item["end"],
        "measured": item["availability_percent"], "promised": item["target_percent"], "unit": "percent",
        "sla_version_id": None if version is None else version.pk, "incident_id": None,
        "cause": cause, "cause_text": _availability_cause_text(item, counted, longest, lang),
        "credit_percent": pct, "credit_amount": float(amount),
    }


def _availability_cause_text(item: dict, counted: list[OutageRow], longest: OutageRow | None, lang: str) -> str:
    down = format_duration(item["downtime_seconds"], lang)
    allowed = format_duration(item["allowed_downtime_seconds"] or 0, lang)
    if lang == "nl":
        text = f"{down} storing tegen {allowed} toegestaan, in {len(counted)} storing(en)"
        if longest is not None:
            text += (f"; langste: {format_duration(longest.end_ts - longest.start_ts, lang)} op "
                     f"{longest.start:%d-%m-%Y}" + (f" ({longest.description})" if longest.description else ""))
        return text
    text = f"{down} of downtime against {allowed} allowed, in {len(counted)} outage(s)"
    if longest is not None:
        text += (f"; longest: {format_duration(longest.end_ts - longest.start_ts, lang)} on "
                 f"{longest.start:%Y-%m-%d}" + (f" ({longest.description})" if longest.description else ""))
    return text


def _incident_breaches(rows: list[incident_part.IncidentRow], outcomes: dict[int, dict], tz: str,
                       lang: str) -> list[dict]:
    """Breached clocks; each belongs to the month the incident was reported in, whatever the report's period."""
    out = []
    zone = ZoneInfo(tz)
    months: dict[dt.date, tuple[str, str, str]] = {}
    for row in rows:
        first = row.reported.astimezone(zone).date().replace(day=1)
        if first not in months:
            month = Period.containing("month", first)
            window = month.window(tz)
            months[first] = (month.label, _iso(window.start), _iso(window.end))
        label, m_start, m_end = months[first]
        for clock in incident_part.CLOCKS:
            outcome = outcomes.get(row.id, {}).get(clock)
            if outcome is None or outcome["status"] != "breached":
                continue
            reference = row.reference or f"#{row.id}"
            still_open = (row.responded if clock == "response" else row.resolved) is None
            if lang == "nl":
                what = "reactie" if clock == "response" else "oplossing"
                text = (f"{reference} ({row.priority}): {what} na {format_duration(outcome['elapsed_seconds'], lang)}"
                        f", afgesproken {format_duration(outcome['target_seconds'], lang)}"
                        + (" (nog open)" if still_open else ""))
            else:
                text = (f"{reference} ({row.priority}): {clock} after {format_duration(outcome['elapsed_seconds'], lang)}"
                        f", agreed {format_duration(outcome['target_seconds'], lang)}"
                        + (" (still open)" if still_open else ""))
            if row.description:
                text += f" – {row.description[:200]}"
            out.append({
                "key": f"{clock}:{row.id}", "term": clock, "priority": row.priority, "period": label,
                "start": m_start, "end": m_end, "measured": outcome["elapsed_seconds"],
                "promised": outcome["target_seconds"], "unit": "seconds", "sla_version_id": None,
                "incident_id": row.id, "incident_reference": reference, "still_open": still_open,
                "cause": {"incident": reference, "description": row.description[:500]}, "cause_text": text,
                "credit_percent": 0.0, "credit_amount": 0.0,
            })
    return out


def _trend(versions: list[SlaVersion], head: SlaVersion | None, period: Period, rows: list[OutageRow],
           as_of: dt.datetime, contract: Contract) -> list[dict]:
    points = []
    for back in range(TREND_PERIODS - 1, -1, -1):
        p = period.shift(-back)
        if p.last_day < contract.start_date or p.first_day > as_of.date():
            continue
        version = _version_for(versions, p, head)
        tz = version.timezone if version is not None else (head.timezone if head else contract.organisation.timezone)
        result, _counted = measure(version, p.window(tz), rows, as_of)
        points.append({"label": p.label, "availability_percent": result.availability_percent,
                       "downtime_seconds": result.downtime_seconds,
                       "allowed_downtime_seconds": result.allowed_downtime_seconds,
                       "target_percent": _target(version), "met": result.met})
    return points


def _budget(versions: list[SlaVersion], head: SlaVersion | None, m: Period, rows: list[OutageRow],
            cut: dt.datetime, tz: str) -> dict:
    version = _version_for(versions, m, head)
    m_tz = version.timezone if version is not None else tz
    whole, _counted = measure(version, m.window(m_tz), rows, cut)
    return {"measurement": m.label, "allowed_seconds": whole.allowed_downtime_seconds,
            "downtime_seconds": whole.downtime_seconds, "points": budget_points(version, m, m_tz, rows, cut)}

