"""Closed days of a business calendar: dates, date ranges, yearly dates and public holidays."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

from .errors import SLAInputError
from .timeparse import parse_date

_YEARLY = re.compile(r"^--(\d{2})-(\d{2})$")

MonthDay = tuple[int, int]


def _month_day(text: str, fld: str) -> MonthDay:
    match = _YEARLY.match(text.strip())
    if not match:
        raise SLAInputError(fld, f"{text!r} is not a yearly date in the form --MM-DD")
    month, day = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2000, month, day)  # a leap year, so --02-29 is allowed
    except ValueError as exc:
        raise SLAInputError(fld, f"{text!r} is not a valid day of the year") from exc
    return (month, day)


@lru_cache(maxsize=128)
def _public_holidays(country: str, subdiv: str | None, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays(country, subdiv=subdiv, years=year).keys())


def public_holiday_names(country: str, subdiv: str | None, year: int, language: str | None = None) -> dict[dt.date, str]:
    """Names of the public holidays of ``country`` in ``year`` (for display)."""
    table = holidays.country_holidays(country, subdiv=subdiv, years=year, language=language)
    return dict(sorted(table.items()))


@dataclass(frozen=True)
class PublicHolidays:
    """Public holidays of a country (ISO 3166 code such as ``NL`` or ``BE``) and optional subdivision."""

    country: str
    subdiv: str | None = None

    def __post_init__(self) -> None:
        supported = holidays.list_supported_countries()
        if self.country not in supported:
            raise SLAInputError("country", f"no public holidays known for country {self.country!r}")
        if self.subdiv is not None and self.subdiv not in supported[self.country]:
            options = ", ".join(supported[self.country]) or "none"
            raise SLAInputError("subdiv", f"unknown subdivision {self.subdiv!r} of {self.country} (known: {options})")

    def dates(self, year: int) -> frozenset[dt.date]:
        return _public_holidays(self.country, self.subdiv, year)


@dataclass(frozen=True)
class ClosedDays:
    """Whole local days on which a calendar is closed."""

    dates: frozenset[dt.date] = frozenset()
    ranges: tuple[tuple[dt.date, dt.date], ...] = ()
    yearly: frozenset[MonthDay] = frozenset()
    yearly_ranges: tuple[tuple[MonthDay, MonthDay], ...] = ()
    public: PublicHolidays | None = None
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def empty(self) -> bool:
        return not (self.dates or self.ranges or self.yearly or self.yearly_ranges or self.public)

    def in_year(self, year: int) -> frozenset[dt.date]:
        """All closed dates in ``year`` (cached)."""
        cached = self._cache.get(year)
        if cached is not None:
            return cached
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        out: set[dt.date] = {d for d in self.dates if d.year == year}
        for lo, hi in self.ranges:
            lo, hi = max(lo, first), min(hi, last)
            out.update(lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1))
        for month, day in self.yearly:
            if month == 2 and day == 29 and not _is_leap(year):
                continue
            out.add(dt.date(year, month, day))
        for lo_md, hi_md in self.yearly_ranges:
            out.update(_yearly_range_in(year, lo_md, hi_md))
        if self.public is not None:
            out.update(self.public.dates(year))
        result = frozenset(out)
        self._cache[year] = result
        return result

    def is_closed(self, day: dt.date) -> bool:
        return day in self.in_year(day.year)

    def to_list(self) -> list:
        """The JSON form of the explicit entries (public holidays are serialised separately)."""
        out: list = [d.isoformat() for d in sorted(self.dates)]
        out += [{"from": lo.isoformat(), "to": hi.isoformat()} for lo, hi in self.ranges]
        out += [f"--{m:02d}-{d:02d}" for m, d in sorted(self.yearly)]
        out += [{"from": f"--{a[0]:02d}-{a[1]:02d}", "to": f"--{b[0]:02d}-{b[1]:02d}"} for a, b in self.yearly_ranges]
        return out

    @classmethod
    def parse(cls, entries: object, public: object, fld: str = "holidays") -> ClosedDays:
        """Parse the JSON ``holidays`` list and ``public_holidays`` object of a calendar."""
        if entries is None:
            entries = []
        if not isinstance(entries, list | tuple):
            raise SLAInputError(fld, "must be a list of dates, date ranges or yearly dates")
        dates: set[dt.date] = set()
        ranges: list[tuple[dt.date, dt.date]] = []
        yearly: set[MonthDay] = set()
        yearly_ranges: list[tuple[MonthDay, MonthDay]] = []
        for i, entry in enumerate(entries):
            here = f"{fld}[{i}]"
            if isinstance(entry, dt.date) or (isinstance(entry, str) and not entry.startswith("--")):
                dates.add(parse_date(entry, here))
            elif isinstance(entry, str):
                yearly.add(_month_day(entry, here))
            elif isinstance(entry, Mapping):
                _parse_entry(entry, here, dates, ranges, yearly, yearly_ranges)
            else:
                raise SLAInputError(here, "must be a date, a yearly date (--MM-DD) or {'from': …, 'to': …}")
        return cls(
            dates=frozenset(dates),
            ranges=tuple(ranges),
            yearly=frozenset(yearly),
            yearly_ranges=tuple(yearly_ranges),
            public=_parse_public(public),
        )


def _parse_entry(entry: Mapping, here: str, dates: set, ranges: list, yearly: set, yearly_ranges: list) -> None:
    unknown = set(entry) - {"from", "to", "yearly", "date", "name"}
    if unknown:
        raise SLAInputError(f"{here}.{sorted(unknown)[0]}", "unknown field")
    if "yearly" in entry:
        yearly.add(_month_day("--" + str(entry["yearly"]).lstrip("-"), f"{here}.yearly"))
    elif "date" in entry:
        dates.add(parse_date(entry["date"], f"{here}.date"))
    elif "from" in entry and "to" in entry:
        lo_raw, hi_raw = entry["from"], entry["to"]
        if isinstance(lo_raw, str) and lo_raw.startswith("--"):
            lo_md = _month_day(lo_raw, f"{here}.from")
            hi_md = _month_day(str(hi_raw), f"{here}.to")
            yearly_ranges.append((lo_md, hi_md))  # may wrap the year end
        else:
            lo, hi = parse_date(lo_raw, f"{here}.from"), parse_date(hi_raw, f"{here}.to")
            if hi < lo:
                raise SLAInputError(f"{here}.to", "must not be before 'from'")
            ranges.append((lo, hi))
    else:
        raise SLAInputError(here, "needs both 'from' and 'to' (or 'yearly' or 'date')")


def _parse_public(public: object) -> PublicHolidays | None:
    if public is None:
        return None
    if isinstance(public, PublicHolidays):
        return public
    if isinstance(public, str):
        public = {"country": public}
    if not isinstance(public, Mapping):
        raise SLAInputError("public_holidays", "must be an object such as {'country': 'NL'}")
    unknown = set(public) - {"country", "subdiv"}
    if unknown:
        raise SLAInputError(f"public_holidays.{sorted(unknown)[0]}", "unknown field")
    country = public.get("country")
    if not isinstance(country, str):
        raise SLAInputError("public_holidays.country", "must be a country code such as 'NL' or 'BE'")
    subdiv = public.get("subdiv")
    if subdiv is not None and not isinstance(subdiv, str):
        raise SLAInputError("public_holidays.subdiv", "must be a subdivision code or null")
    try:
        return PublicHolidays(country.upper(), subdiv)
    except SLAInputError as exc:
        raise exc.within("public_holidays") from None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _yearly_range_in(year: int, lo: MonthDay, hi: MonthDay) -> Iterable[dt.date]:
    """Dates of ``year`` inside the recurring range lo..hi (inclusive; wraps when hi < lo)."""
    def clamp(md: MonthDay) -> dt.date:
        month, day = md
        if month == 2 and day == 29 and not _is_leap(year):
            day = 28
        return dt.date(year, month, day)

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    spans = [(clamp(lo), clamp(hi))] if lo <= hi else [(first, clamp(hi)), (clamp(lo), last)]
    for a, b in spans:
        for i in range((b - a).days + 1):
            yield a + dt.timedelta(days=i)
