"""Instants, wall times and time zones.

Internally every instant is an integer number of seconds since 1970-01-01T00:00Z ("epoch
seconds"); the engine's resolution is one second (fractions are floored).  A *wall time* is a
naive local date and time in some IANA zone.  ``wall_to_epoch`` maps a wall time to the first
instant at which the local clock shows that time or later, so:

* a wall time inside a spring-forward gap maps to the transition instant (the clock jumps from
  02:00 to 03:00; "02:30" is first passed at 03:00 summer time);
* a wall time in the repeated hour of an autumn change maps to its first occurrence.

The mapping is monotone, which keeps calendar segments ordered and additive across DST changes.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import SLAInputError

UTC = dt.UTC
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
SECOND = dt.timedelta(seconds=1)
MIN_YEAR = 1900
MAX_YEAR = 2199


@lru_cache(maxsize=256)
def zone_by_name(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def get_zone(name: object, field: str = "timezone") -> ZoneInfo:
    """The IANA zone called ``name``; an ``SLAInputError`` naming ``field`` if unknown."""
    if isinstance(name, ZoneInfo):
        return name
    if not isinstance(name, str) or not name:
        raise SLAInputError(field, "must be an IANA time zone name such as 'Europe/Amsterdam'")
    try:
        return zone_by_name(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SLAInputError(field, f"unknown time zone {name!r}") from exc


def zone_name(zone: dt.tzinfo) -> str:
    """The IANA key of ``zone`` (or its ``str``)."""
    return getattr(zone, "key", None) or str(zone)


def _check_year(year: int, field: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SLAInputError(field, f"year {year} is outside the supported range {MIN_YEAR}–{MAX_YEAR}")


def aware_to_epoch(value: dt.datetime) -> int:
    """Epoch seconds of an aware datetime, floored to the second."""
    return (value - EPOCH) // SECOND


def epoch_to_local(ts: int, zone: dt.tzinfo) -> dt.datetime:
    """The aware datetime in ``zone`` for epoch seconds ``ts``."""
    return (EPOCH + dt.timedelta(seconds=int(ts))).astimezone(zone)


def _local_wall(ts: int, zone: dt.tzinfo) -> dt.datetime:
    return epoch_to_local(ts, zone).replace(tzinfo=None)


def wall_to_epoch(zone: dt.tzinfo, wall: dt.datetime) -> int:
    """The first instant at which the local clock in ``zone`` shows ``wall`` or later."""
    wall = wall.replace(microsecond=0, tzinfo=None, fold=0)
    later = aware_to_epoch(wall.replace(tzinfo=zone))
    if _local_wall(later, zone) == wall:
        return later  # exists; fold=0 is the first occurrence when the hour repeats
    # In a gap: fold=1 lands before the transition, fold=0 after it.  Bisect for the first
    # instant whose wall time is at or past ``wall`` (that is the transition instant).
    lo = aware_to_epoch(wall.replace(tzinfo=zone, fold=1))
    lo, hi = min(lo, later), max(lo, later)
    while lo < hi:
        mid = (lo + hi) // 2
        if _local_wall(mid, zone) >= wall:
            hi = mid
        else:
            lo = mid + 1
    return hi


def date_time_to_epoch(zone: dt.tzinfo, day: dt.date, seconds_of_day: int) -> int:
    """``wall_to_epoch`` for a local date plus a time of day in seconds (86400 = 24:00)."""
    base = dt.datetime(day.year, day.month, day.day)
    return wall_to_epoch(zone, base + dt.timedelta(seconds=seconds_of_day))


def to_epoch(value: dt.datetime, zone: dt.tzinfo, field: str = "instant") -> int:
    """Epoch seconds of ``value``; a naive value is local wall time in ``zone``."""
    if not isinstance(value, dt.datetime):
        raise SLAInputError(field, "must be a date and time")
    _check_year(value.year, field)
    if value.tzinfo is UTC:  # the common case (database values): no offset lookup needed
        return (value - EPOCH) // SECOND
    if value.tzinfo is None or value.utcoffset() is None:
        return wall_to_epoch(zone, value)
    return aware_to_epoch(value)


def parse_instant(value: object, zone: dt.tzinfo, field: str) -> int:
    """Epoch seconds for an ISO 8601 string (or datetime); without offset it is wall time in ``zone``."""
    if isinstance(value, dt.datetime):
        return to_epoch(value, zone, field)
    if not isinstance(value, str):
        raise SLAInputError(field, "must be an ISO 8601 date and time such as '2025-03-31T09:00:00+02:00'")
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        try:  # a bare date means its local midnight
            day = dt.date.fromisoformat(text)
        except ValueError as exc:
            raise SLAInputError(field, f"{value!r} is not an ISO 8601 date and time") from exc
        parsed = dt.datetime(day.year, day.month, day.day)
    return to_epoch(parsed, zone, field)


def parse_date(value: object, field: str) -> dt.date:
    """A ``date`` from an ISO string (YYYY-MM-DD) or a date object."""
    if isinstance(value, dt.datetime):
        raise SLAInputError(field, "must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SLAInputError(field, f"{value!r} is not a date in the form YYYY-MM-DD")


def format_instant(ts: int, zone: dt.tzinfo) -> str:
    """ISO 8601 with offset, in ``zone``."""
    return epoch_to_local(ts, zone).isoformat(timespec="seconds")


def check_epoch(ts: int, field: str) -> None:
    """Reject instants outside the supported years (with a margin for zone offsets)."""
    lo = aware_to_epoch(dt.datetime(MIN_YEAR, 1, 2, tzinfo=UTC))
    hi = aware_to_epoch(dt.datetime(MAX_YEAR, 12, 30, tzinfo=UTC))
    if not lo <= ts <= hi:
        raise SLAInputError(field, f"instant is outside the supported years {MIN_YEAR}–{MAX_YEAR}")
