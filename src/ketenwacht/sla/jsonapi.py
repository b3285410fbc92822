"""The JSON interface: one request object in, one answer object out (see docs/sla-semantics.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from .availability import MAINTENANCE, Outage, availability, parse_credits
from .calendar import Calendar, parse_calendar
from .downtime import CONVENTIONS, PERIODS, allowed_downtime, percent_for_downtime
from .errors import SLAInputError
from .incidents import UNITS, IncidentRecord, Pause, Target, due_epoch, evaluate_incidents
from .timeparse import format_instant, get_zone, parse_instant
from .window import DEFAULT_TIMEZONE, Window

Handler = Callable[[Mapping[str, Any]], dict]


def _only(req: Mapping, allowed: set[str], required: set[str], prefix: str = "") -> None:
    for key in sorted(set(req) - allowed):
        raise SLAInputError(f"{prefix}{key}", "unknown field")
    for key in sorted(required - set(req)):
        raise SLAInputError(f"{prefix}{key}", "is required")


def _int(value: object, fld: str, minimum: int | None = None) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise SLAInputError(fld, "must be a whole number")
    if minimum is not None and value < minimum:
        raise SLAInputError(fld, f"must be at least {minimum}")
    return value


def _number(value: object, fld: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SLAInputError(fld, "must be a number")
    return float(value)


def _bool(value: object, fld: str) -> bool:
    if not isinstance(value, bool):
        raise SLAInputError(fld, "must be true or false")
    return value


def _list(value: object, fld: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SLAInputError(fld, "must be a list")
    return value


def _object(value: object, fld: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise SLAInputError(fld, "must be an object")
    return value


def _pauses(value: object, zone: dt.tzinfo, fld: str, open_allowed: bool) -> list[Pause]:
    out = []
    for i, item in enumerate(_list(value, fld)):
        here = f"{fld}[{i}]"
        item = _object(item, here)
        _only(item, {"from", "to"}, {"from"} if open_allowed else {"from", "to"}, f"{here}.")
        start = parse_instant(item["from"], zone, f"{here}.from")
        end = item.get("to")
        end_ts = None if end is None else parse_instant(end, zone, f"{here}.to")
        if end_ts is not None and end_ts < start:
            raise SLAInputError(f"{here}.to", "must not be before 'from'")
        out.append(Pause(_aware(start, zone), None if end_ts is None else _aware(end_ts, zone)))
    return out


def _aware(ts: int, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.fromisoformat(format_instant(ts, zone))


def op_business_time(req: Mapping) -> dict:
    _only(req, {"op", "calendar", "start", "end"}, {"calendar", "start", "end"})
    cal = parse_calendar(req["calendar"])
    start = parse_instant(req["start"], cal.zone, "start")
    end = parse_instant(req["end"], cal.zone, "end")
    return {"seconds": cal.seconds_between(start, end)}


def op_due(req: Mapping) -> dict:
    _only(req, {"op", "calendar", "start", "duration_seconds", "unit", "end_of_day", "pauses"},
          {"calendar", "start", "duration_seconds"})
    cal = parse_calendar(req["calendar"])
    start = parse_instant(req["start"], cal.zone, "start")
    seconds = _int(req["duration_seconds"], "duration_seconds")
    unit = req.get("unit", "business_hours")
    if unit not in UNITS:
        raise SLAInputError("unit", "must be 'business_hours', 'working_days' or 'clock'")
    end_of_day = _bool(req.get("end_of_day", False), "end_of_day")
    pauses = _pauses(req.get("pauses"), cal.zone, "pauses", open_allowed=False)
    spans = [(parse_instant(p.start, cal.zone, "pauses"), parse_instant(p.end, cal.zone, "pauses")) for p in pauses]
    due = due_epoch(cal, start, seconds, unit, end_of_day=end_of_day, pauses=spans)
    return {"due": format_instant(due, cal.zone)}


def _window(req: Mapping) -> Window:
    timezone = req.get("timezone", DEFAULT_TIMEZONE)
    get_zone(timezone, "timezone")
    return Window.parse(req["window"], timezone)


def op_availability(req: Mapping) -> dict:
    _only(req, {"op", "window", "timezone", "outages", "maintenance", "service_calendar", "granularity_seconds",
                "target_percent", "credits"}, {"window"})
    window = _window(req)
    zone = get_zone(window.timezone)
    outages = []
    for i, item in enumerate(_list(req.get("outages"), "outages")):
        here = f"outages[{i}]"
        item = _object(item, here)
        _only(item, {"start", "end", "planned", "weight", "id"}, {"start", "end"}, f"{here}.")
        start = parse_instant(item["start"], zone, f"{here}.start")
        end = parse_instant(item["end"], zone, f"{here}.end")
        outages.append(Outage(_aware(start, zone), _aware(end, zone),
                              _bool(item.get("planned", False), f"{here}.planned"),
                              _number(item.get("weight", 1.0), f"{here}.weight")))
    maintenance = req.get("maintenance", "excluded")
    if maintenance not in MAINTENANCE:
        raise SLAInputError("maintenance", "must be 'excluded' or 'counted'")
    service_calendar = req.get("service_calendar")
    cal = None if service_calendar is None else parse_calendar(service_calendar, "service_calendar")
    target = req.get("target_percent")
    result = availability(
        window, outages, maintenance=maintenance, service_calendar=cal,
        granularity_seconds=_int(req.get("granularity_seconds", 1), "granularity_seconds", 1),
        target_percent=None if target is None else _number(target, "target_percent"),
        credits=parse_credits(req.get("credits")))
    return {**result.to_dict(), "window": window.to_dict()}


def _targets(value: object) -> dict[str, Target]:
    out = {}
    for name, item in _object(value, "targets").items():
        here = f"targets.{name}"
        item = _object(item, here)
        _only(item, {"response_seconds", "resolution_seconds", "unit", "end_of_day"}, set(), f"{here}.")
        response = item.get("response_seconds")
        resolution = item.get("resolution_seconds")
        out[str(name)] = Target(
            None if response is None else _int(response, f"{here}.response_seconds", 0),
            None if resolution is None else _int(resolution, f"{here}.resolution_seconds", 0),
            item.get("unit", "business_hours"),
            _bool(item.get("end_of_day", False), f"{here}.end_of_day"))
    return out


def op_incidents(req: Mapping) -> dict:
    _only(req, {"op", "calendar", "targets", "incidents", "as_of"}, {"targets", "incidents"})
    targets = _targets(req["targets"])
    if "calendar" in req:
        cal = parse_calendar(req["calendar"])
    elif all(t.unit == "clock" for t in targets.values()):
        cal = Calendar.always()
    else:
        raise SLAInputError("calendar", "is required unless every target uses the 'clock' unit")
    zone = cal.zone
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    as_of = _aware(parse_instant(req.get("as_of", now), zone, "as_of"), zone)
    records = []
    for i, item in enumerate(_list(req["incidents"], "incidents")):
        here = f"incidents[{i}]"
        item = _object(item, here)
        _only(item, {"id", "priority", "reported", "responded", "resolved", "pauses"}, {"priority", "reported"},
              f"{here}.")
        stamps = {}
        for key in ("reported", "responded", "resolved"):
            value = item.get(key)
            stamps[key] = None if value is None else _aware(parse_instant(value, zone, f"{here}.{key}"), zone)
        records.append(IncidentRecord(str(item.get("id", i)), str(item["priority"]), stamps["reported"],
                                      stamps["responded"], stamps["resolved"],
                                      tuple(_pauses(item.get("pauses"), zone, f"{here}.pauses", open_allowed=True))))
    return evaluate_incidents(cal, targets, records, as_of=as_of).to_dict()


def op_allowed_downtime(req: Mapping) -> dict:
    _only(req, {"op", "percent", "seconds", "period", "convention", "window", "timezone"}, set())
    period = req.get("period", "year")
    if period not in PERIODS:
        raise SLAInputError("period", "must be 'day', 'week', 'month', 'quarter' or 'year'")
    convention = req.get("convention", "average")
    if convention not in CONVENTIONS:
        raise SLAInputError("convention", "must be 'average', 'fixed' or 'exact'")
    window = _window(req) if "window" in req else None
    if ("percent" in req) == ("seconds" in req):
        raise SLAInputError("percent", "give either 'percent' (→ seconds) or 'seconds' (→ percent)")
    if "percent" in req:
        return {"seconds": allowed_downtime(_number(req["percent"], "percent"), period, convention, window)}
    return {"percent": percent_for_downtime(_number(req["seconds"], "seconds"), period, convention, window)}


OPS: dict[str, Handler] = {
    "business_time": op_business_time,
    "due": op_due,
    "availability": op_availability,
    "incidents": op_incidents,
    "allowed_downtime": op_allowed_downtime,
}


def evaluate_request(req: object) -> dict:
    """Answer one request; a bad request answers ``{"error": "<field>: <reason>", "field": …}``."""
    try:
        if not isinstance(req, Mapping):
            raise SLAInputError("", "a request must be a JSON object with an 'op' field")
        op = req.get("op")
        if op not in OPS:
            raise SLAInputError("op", f"must be one of {', '.join(OPS)}")
        return OPS[op](req)
    except SLAInputError as exc:
        return {"error": str(exc), "field": exc.field}


def evaluate(payload: object) -> tuple[object, bool]:
    """Answer a request or a list of requests (same shape); the flag is False if any failed."""
    if isinstance(payload, list):
        answers = [evaluate_request(item) for item in payload]
        return answers, not any("error" in a for a in answers)
    answer = evaluate_request(payload)
    return answer, "error" not in answer


__all__ = ["OPS", "evaluate", "evaluate_request"]
