"""Measurement windows: a calendar month, quarter or year in a time zone, or any range."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import SLAInputError
from .timeparse import (
    MAX_YEAR,
    MIN_YEAR,
    check_epoch,
    epoch_to_local,
    format_instant,
    get_zone,
    parse_instant,
    wall_to_epoch,
    zone_name,
)

DEFAULT_TIMEZONE = "Europe/Amsterdam"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


def _check_year(year: object, fld: str) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR - 1:
        raise SLAInputError(fld, f"must be a year between {MIN_YEAR} and {MAX_YEAR - 1}")
    return year


@dataclass(frozen=True)
class Window:
    """A half-open measurement window [start, end) in epoch seconds, with the zone it was cut in."""

    start_ts: int
    end_ts: int
    timezone: str = DEFAULT_TIMEZONE
    label: str = ""

    def __post_init__(self) -> None:
        if self.end_ts < self.start_ts:
            raise SLAInputError("window.end", "must not be before the window start")
        check_epoch(self.start_ts, "window.start")
        check_epoch(self.end_ts, "window.end")

    # -- constructors --------------------------------------------------------------------------
    @classmethod
    def _local(cls, first: dt.date, after: dt.date, timezone: str, label: str) -> Window:
        zone = get_zone(timezone)
        start = wall_to_epoch(zone, dt.datetime(first.year, first.month, first.day))
        end = wall_to_epoch(zone, dt.datetime(after.year, after.month, after.day))
        return cls(start, end, zone_name(zone), label)

    @classmethod
    def month(cls, year: int, month: int, timezone: str = DEFAULT_TIMEZONE) -> Window:
        """The calendar month from local midnight on the 1st to local midnight on the next 1st."""
        _check_year(year, "window.month")
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise SLAInputError("window.month", "month must be 1–12")
        after = dt.date(year + (month == 12), month % 12 + 1, 1)
        return cls._local(dt.date(year, month, 1), after, timezone, f"{year:04d}-{month:02d}")

    @classmethod
    def quarter(cls, year: int, quarter: int, timezone: str = DEFAULT_TIMEZONE) -> Window:
        """Calendar quarter 1–4 (January–March, …)."""
        _check_year(year, "window.quarter")
        if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
            raise SLAInputError("window.quarter", "quarter must be 1–4")
        first = dt.date(year, 3 * quarter - 2, 1)
        after = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return cls._local(first, after, timezone, f"{year:04d}-Q{quarter}")

    @classmethod
    def year(cls, year: int, timezone: str = DEFAULT_TIMEZONE) -> Window:
        """The calendar year in the zone."""
        _check_year(year, "window.year")
        return cls._local(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), timezone, f"{year:04d}")

    @classmethod
    def range(cls, start: dt.datetime | str, end: dt.datetime | str, timezone: str = DEFAULT_TIMEZONE) -> Window:
        """Any range; naive instants are wall time in ``timezone``."""
        zone = get_zone(timezone)
        s = parse_instant(start, zone, "window.start")
        e = parse_instant(end, zone, "window.end")
        return cls(s, e, zone_name(zone), "")

    @classmethod
    def parse(cls, spec: object, timezone: str = DEFAULT_TIMEZONE, fld: str = "window") -> Window:
        """A window from its JSON form: ``{"month": "2025-03"}``, ``{"quarter": "2025-Q1"}``,
        ``{"year": 2025}`` or ``{"start": T, "end": T}``."""
        if not isinstance(spec, Mapping):
            raise SLAInputError(fld, "must be {'month': 'YYYY-MM'}, {'quarter': 'YYYY-Qn'}, {'year': YYYY} "
                                     "or {'start': …, 'end': …}")
        timezone = spec.get("timezone", timezone)
        keys = set(spec) - {"timezone"}
        try:
            if keys == {"month"}:
                match = _MONTH.match(str(spec["month"]))
                if not match:
                    raise SLAInputError("window.month", "must look like '2025-03'")
                return cls.month(int(match.group(1)), int(match.group(2)), timezone)
            if keys == {"quarter"}:
                match = _QUARTER.match(str(spec["quarter"]))
                if not match:
                    raise SLAInputError("window.quarter", "must look like '2025-Q1'")
                return cls.quarter(int(match.group(1)), int(match.group(2)), timezone)
            if keys == {"year"}:
                year = spec["year"]
                if isinstance(year, str) and year.isdigit():
                    year = int(year)
                return cls.year(year, timezone)
            if keys == {"start", "end"}:
                return cls.range(spec["start"], spec["end"], timezone)
        except SLAInputError as exc:
            if exc.field.startswith("window"):
                raise SLAInputError(fld + exc.field[len("window"):], exc.message) from None
            raise exc.within(fld) from None
        raise SLAInputError(fld, "needs exactly one of 'month', 'quarter', 'year', or both 'start' and 'end'")

    # -- views ----------------------------------------------------------------------------------
    @property
    def seconds(self) -> int:
        """The window's physical length (March in Europe/Brussels: 743 hours)."""
        return self.end_ts - self.start_ts

    @property
    def start(self) -> dt.datetime:
        return epoch_to_local(self.start_ts, get_zone(self.timezone))

    @property
    def end(self) -> dt.datetime:
        return epoch_to_local(self.end_ts, get_zone(self.timezone))

    def to_dict(self) -> dict:
        zone = get_zone(self.timezone)
        return {"start": format_instant(self.start_ts, zone), "end": format_instant(self.end_ts, zone),
                "timezone": self.timezone, "label": self.label}
