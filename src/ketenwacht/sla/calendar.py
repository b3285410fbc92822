"""Business calendars: time zone, weekly open segments, closed days; business-time arithmetic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

import numpy as np

from .closed import ClosedDays
from .errors import SLAInputError
from .table import DAY, OpenTable
from .timeparse import (
    MAX_YEAR,
    MIN_YEAR,
    check_epoch,
    date_time_to_epoch,
    epoch_to_local,
    get_zone,
    parse_instant,
    zone_name,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = "24x7"
DEFAULT_TIMEZONE = "Europe/Amsterdam"
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
Instant = dt.datetime | str


def _parse_time(value: object, fld: str) -> int:
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise SLAInputError(fld, f"{value!r} is not a time of day in the form HH:MM")
    h, m, s = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if m > 59 or s > 59 or h > 24 or (h == 24 and (m or s)):
        raise SLAInputError(fld, f"{value!r} is not a time of day between 00:00 and 24:00")
    return h * 3600 + m * 60 + s


def _fmt_time(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")


def _parse_day(value: object, fld: str) -> tuple[tuple[int, int], ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise SLAInputError(fld, "must be a list of [start, end] pairs such as [['08:00', '18:00']]")
    segs = []
    for i, pair in enumerate(value):
        here = f"{fld}[{i}]"
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise SLAInputError(here, "must be a [start, end] pair such as ['08:00', '18:00']")
        a, b = _parse_time(pair[0], f"{here}[0]"), _parse_time(pair[1], f"{here}[1]")
        if a >= DAY:
            raise SLAInputError(f"{here}[0]", "24:00 can only end a segment")
        if b <= a:
            raise SLAInputError(here, "end must be after start; split a segment that crosses midnight "
                                      "into one ending at 24:00 and one starting at 00:00")
        segs.append((a, b))
    segs.sort()
    merged: list[tuple[int, int]] = []
    for a, b in segs:  # overlapping or touching segments become one
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def _parse_weekly(value: object, fld: str = "weekly") -> tuple[tuple[tuple[int, int], ...], ...]:
    if value == ALWAYS:
        return tuple(((0, DAY),) for _ in WEEKDAYS)
    if not isinstance(value, Mapping):
        raise SLAInputError(fld, "must map weekdays (mon … sun) to lists of open segments, or be '24x7'")
    unknown = set(value) - set(WEEKDAYS)
    if unknown:
        raise SLAInputError(f"{fld}.{sorted(unknown)[0]}", "unknown weekday; use mon, tue, wed, thu, fri, sat, sun")
    return tuple(_parse_day(value.get(day), f"{fld}.{day}") for day in WEEKDAYS)


class Calendar:
    """A business calendar; instants without an offset are wall time in its time zone.

    >>> cal = Calendar.from_dict({"timezone": "Europe/Amsterdam",
    ...     "weekly": {d: [["08:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}})
    >>> cal.business_seconds("2025-03-28T17:00", "2025-03-31T09:00")
    7200
    """

    def __init__(self, timezone: str = DEFAULT_TIMEZONE, weekly: Mapping | str = ALWAYS,
                 holidays: Sequence = (), public_holidays: Mapping | str | None = None) -> None:
        self.zone = get_zone(timezone, "timezone")
        self.weekly = _parse_weekly(weekly)
        self.closed = ClosedDays.parse(list(holidays), public_holidays)
        self.always_open = self.closed.empty and all(day == ((0, DAY),) for day in self.weekly)
        self.has_open_time = any(self.weekly)
        self._table: OpenTable | None = None

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping | str) -> Calendar:
        """A calendar from its JSON form (an object, or the string ``"24x7"``)."""
        if isinstance(data, Calendar):
            return data
        if data == ALWAYS:
            return cls.always()
        if not isinstance(data, Mapping):
            raise SLAInputError("", "a calendar must be an object or the string '24x7'")
        unknown = set(data) - {"timezone", "weekly", "holidays", "public_holidays"}
        if unknown:
            raise SLAInputError(sorted(unknown)[0], "unknown field")
        if "weekly" not in data:
            raise SLAInputError("weekly", "is required (or use the calendar '24x7')")
        return cls(timezone=data.get("timezone", DEFAULT_TIMEZONE), weekly=data["weekly"],
                   holidays=_as_list(data.get("holidays"), "holidays"),
                   public_holidays=data.get("public_holidays"))

    @classmethod
    def always(cls, timezone: str = DEFAULT_TIMEZONE) -> Calendar:
        """Every second open (``"24x7"``)."""
        return cls(timezone=timezone, weekly=ALWAYS)

    def to_dict(self) -> dict | str:
        """The JSON form; ``"24x7"`` for an always-open calendar in the default zone."""
        if self.always_open and self.timezone == DEFAULT_TIMEZONE:
            return ALWAYS
        out: dict = {"timezone": self.timezone,
                     "weekly": {name: [[_fmt_time(a), _fmt_time(b)] for a, b in segs]
                                for name, segs in zip(WEEKDAYS, self.weekly, strict=True)}}
        if self.closed.to_list():
            out["holidays"] = self.closed.to_list()
        if self.closed.public is not None:
            out["public_holidays"] = {"country": self.closed.public.country}
            if self.closed.public.subdiv:
                out["public_holidays"]["subdiv"] = self.closed.public.subdiv
        return out

    @property
    def timezone(self) -> str:
        return zone_name(self.zone)

    def __repr__(self) -> str:
        return f"Calendar.from_dict({self.to_dict()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Calendar) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(repr(self))

    # -- the table ------------------------------------------------------------------------------
    def _table_for(self, lo: int, hi: int) -> OpenTable:
        table = self._table
        if table is not None and table.covers(lo, hi):
            return table
        # One local year of margin either side: a UTC instant near New Year may be local in the
        # neighbouring year.
        y0 = max(MIN_YEAR, epoch_to_local(lo, dt.UTC).year - 1)
        y1 = min(MAX_YEAR, epoch_to_local(hi, dt.UTC).year + 1)
        if table is not None:
            y0, y1 = min(y0, table.first_year), max(y1, table.last_year)
        table = OpenTable(self.zone, self.weekly, self.closed, y0, y1)
        self._table = table  # replaced whole, so concurrent readers see one consistent table
        return table

    def _extended(self, table: OpenTable, forward: bool) -> OpenTable:
        span = max(2, table.last_year - table.first_year)
        if forward:
            if table.last_year >= MAX_YEAR:
                raise SLAInputError("duration_seconds", f"the due instant lies beyond the year {MAX_YEAR}")
            y0, y1 = table.first_year, min(MAX_YEAR, table.last_year + span)
        else:
            if table.first_year <= MIN_YEAR:
                raise SLAInputError("duration_seconds", f"the instant lies before the year {MIN_YEAR}")
            y0, y1 = max(MIN_YEAR, table.first_year - span), table.last_year
        self._table = OpenTable(self.zone, self.weekly, self.closed, y0, y1)
        return self._table

    # -- epoch-level arithmetic (used by the other modules) -----------------------------------
    def seconds_between(self, start: int, end: int) -> int:
        """Business seconds between two epoch instants (negative when ``end < start``)."""
        if self.always_open:
            return end - start
        check_epoch(start, "start")
        check_epoch(end, "end")
        table = self._table_for(min(start, end), max(start, end))
        return table.f(end) - table.f(start)

    def add_seconds(self, start: int, seconds: int) -> int:
        """The due instant ``seconds`` business seconds after epoch ``start`` (before it if negative)."""
        check_epoch(start, "start")
        if seconds == 0:
            return start
        if self.always_open:
            due = start + seconds
            check_epoch(due, "duration_seconds")
            return due
        if not self.has_open_time:
            raise SLAInputError("calendar", "has no open hours, so no business time ever elapses")
        table = self._table_for(start, start)
        target = table.f(start) + seconds
        if seconds > 0:
            while target > table.total:
                table = self._extended(table, forward=True)
                target = table.f(start) + seconds
            return table.first_reaching(target)
        while target < 0:
            table = self._extended(table, forward=False)
            target = table.f(start) + seconds
        return table.last_at_most(target)

    def add_seconds_many(self, starts: np.ndarray, seconds: np.ndarray | int) -> np.ndarray:
        """Vectorised ``add_seconds`` over int64 epoch arrays: element for element the same instants.

        One table covers all starts (extended, as in the scalar path, until every target fits);
        the inverse of the cumulative open seconds is a ``searchsorted`` on the same arrays the
        scalar path bisects.
        """
        starts = np.asarray(starts)
        seconds = np.asarray(seconds)
        if not np.issubdtype(starts.dtype, np.integer):
            raise SLAInputError("starts", "must be whole epoch seconds")
        if not np.issubdtype(seconds.dtype, np.integer):
            raise SLAInputError("seconds", "must be whole numbers of seconds")
        try:
            starts, seconds = np.broadcast_arrays(starts.astype(np.int64), seconds.astype(np.int64))
        except ValueError:
            raise SLAInputError("seconds", "must have the same shape as starts (or be one number)") from None
        if starts.size == 0:
            return starts.copy()
        check_epoch(int(starts.min()), "starts")
        check_epoch(int(starts.max()), "starts")
        moving = seconds != 0
        if self.always_open:
            due = starts + seconds
            check_epoch(int(due.min()), "duration_seconds")
            check_epoch(int(due.max()), "duration_seconds")
            return due
        if not moving.any():
            return starts.copy()
        if not self.has_open_time:
            raise SLAInputError("calendar", "has no open hours, so no business time ever elapses")
        # Beyond any table's total either way, so clipping keeps int64 sums exact and changes no
        # answer: such targets end in the same out-of-range error as the scalar path.
        step = np.clip(seconds, -(10**13), 10**13)
        forward, backward = seconds > 0, seconds < 0
        table = self._table_for(int(starts.min()), int(starts.max()))
        while True:
            target = table.f_many(starts) + step
            if forward.any() and int(target[forward].max()) > table.total:
                table = self._extended(table, forward=True)
            elif backward.any() and int(target[backward].min()) < 0:
                table = self._extended(table, forward=False)
            else:
                break
        due = starts.copy()
        due[forward] = table.first_reaching_many(target[forward])
        due[backward] = table.last_at_most_many(target[backward])
        return due

    def is_open_at(self, ts: int) -> bool:
        if self.always_open:
            return True
        return self._table_for(ts, ts).is_open(ts)

    def open_intervals(self, start: int, end: int) -> list[tuple[int, int]]:
        """Open time within [start, end) as epoch intervals."""
        if end <= start:
            return []
        if self.always_open:
            return [(start, end)]
        return self._table_for(start, end).segments_between(start, end)

    def seconds_between_many(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Vectorised ``seconds_between`` over int64 epoch arrays."""
        starts = np.asarray(starts, dtype=np.int64)
        ends = np.asarray(ends, dtype=np.int64)
        if starts.shape != ends.shape:
            raise SLAInputError("ends", "must have the same shape as starts")
        if self.always_open or starts.size == 0:
            return ends - starts
        lo = int(min(starts.min(), ends.min()))
        hi = int(max(starts.max(), ends.max()))
        check_epoch(lo, "starts")
        check_epoch(hi, "ends")
        table = self._table_for(lo, hi)
        return table.f_many(ends) - table.f_many(starts)

    def cumulative_many(self, instants: np.ndarray, origin: int) -> np.ndarray:
        """Business seconds from epoch ``origin`` to each instant (vectorised)."""
        return self.seconds_between_many(np.full(np.shape(instants), origin, dtype=np.int64), instants)

    # -- working days ------------------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` has open segments and is not a closed day."""
        return bool(self.weekly[day.weekday()]) and not self.closed.is_closed(day)

    def _next_working_day(self, day: dt.date) -> dt.date:
        for _ in range(366 * 3):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise SLAInputError("calendar", "has no working day within three years")

    def add_working_days_epoch(self, start: int, days: int, end_of_day: bool = False) -> int:
        """Step ``days`` working days from epoch ``start``, keeping the time of day (see the docs)."""
        check_epoch(start, "start")
        if days < 0:
            raise SLAInputError("duration_seconds", "working days cannot be negative")
        if not self.has_open_time:
            raise SLAInputError("calendar", "has no open hours, so there are no working days")
        local = epoch_to_local(start, self.zone)
        day = local.date()
        time_of_day = local.hour * 3600 + local.minute * 60 + local.second
        if not self.is_working_day(day):
            day = self._next_working_day(day)
            time_of_day = self.weekly[day.weekday()][0][0]
        for _ in range(days):
            day = self._next_working_day(day)
            if day.year > MAX_YEAR:
                raise SLAInputError("duration_seconds", f"the due instant lies beyond the year {MAX_YEAR}")
        last_close = self.weekly[day.weekday()][-1][1]
        time_of_day = last_close if end_of_day else min(time_of_day, last_close)
        return date_time_to_epoch(self.zone, day, time_of_day)

    # -- the public datetime API -------------------------------------------------------------
    def _epoch(self, value: Instant, fld: str) -> int:
        ts = parse_instant(value, self.zone, fld)
        check_epoch(ts, fld)
        return ts

    def _local(self, ts: int) -> dt.datetime:
        return epoch_to_local(ts, self.zone)

    def business_seconds(self, start: Instant, end: Instant) -> int:
        """Open (business) seconds between ``start`` and ``end``; negative when ``end`` is earlier."""
        return self.seconds_between(self._epoch(start, "start"), self._epoch(end, "end"))

    def add_business_seconds(self, start: Instant, seconds: int) -> dt.datetime:
        """The earliest instant at which ``seconds`` business seconds have elapsed since ``start``.

        A negative ``seconds`` counts backwards (the latest instant that far before ``start``).
        The result is an aware datetime in the calendar's zone.
        """
        if isinstance(seconds, bool) or not isinstance(seconds, int | np.integer):
            raise SLAInputError("seconds", "must be a whole number of seconds")
        return self._local(self.add_seconds(self._epoch(start, "start"), int(seconds)))

    def add_working_days(self, start: Instant, days: int, *, end_of_day: bool = False) -> dt.datetime:
        """``days`` working days after ``start``, keeping the time of day (or the day's last closing)."""
        return self._local(self.add_working_days_epoch(self._epoch(start, "start"), int(days), end_of_day))

    def is_open(self, instant: Instant) -> bool:
        """Whether the calendar is open at ``instant``."""
        return self.is_open_at(self._epoch(instant, "instant"))

    def business_seconds_many(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Business seconds for each (start, end) pair of ``datetime64`` arrays in UTC (int64 result)."""
        return self.seconds_between_many(datetime64_to_epoch(starts, "starts"),
                                         datetime64_to_epoch(ends, "ends"))

    def add_business_seconds_many(self, starts: np.ndarray, seconds: np.ndarray | int) -> np.ndarray:
        """``add_business_seconds`` for each start of a ``datetime64`` array in UTC.

        ``seconds`` is an integer array of the same shape (or one integer); the due instants come
        back as ``datetime64[s]`` in UTC, element for element equal to the scalar answers.
        """
        due = self.add_seconds_many(datetime64_to_epoch(starts, "starts"), seconds)
        return due.astype("datetime64[s]")


def datetime64_to_epoch(values: np.ndarray, fld: str) -> np.ndarray:
    """Epoch seconds (floored) of a ``datetime64`` array taken as UTC; integers pass through."""
    arr = np.asarray(values)
    if np.issubdtype(arr.dtype, np.integer):
        return arr.astype(np.int64, copy=False)
    if not np.issubdtype(arr.dtype, np.datetime64):
        raise SLAInputError(fld, "must be a numpy datetime64 array (UTC)")
    if np.isnat(arr).any():
        raise SLAInputError(fld, "contains NaT")
    unit, _ = np.datetime_data(arr.dtype)
    if unit in ("Y", "M", "W", "D", "h", "m", "s", "generic"):
        return arr.astype("datetime64[s]").astype(np.int64)
    per_second = {"ms": 10**3, "us": 10**6, "ns": 10**9, "ps": 10**12, "fs": 10**15, "as": 10**18}[unit]
    return arr.astype(np.int64) // per_second  # floor, also before 1970


def _as_list(value: object, fld: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise SLAInputError(fld, "must be a list")
    return list(value)


def parse_calendar(value: object, fld: str = "calendar") -> Calendar:
    """``Calendar.from_dict`` with error fields prefixed by ``fld``."""
    if value is None:
        raise SLAInputError(fld, "is required (an object or '24x7')")
    try:
        return Calendar.from_dict(value)  # type: ignore[arg-type]
    except SLAInputError as exc:
        raise exc.within(fld) from None
