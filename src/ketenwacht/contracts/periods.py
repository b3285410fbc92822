"""Report and measurement periods: '2025-03', '2025-Q1', '2025' → SLA-engine windows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ketenwacht.sla import Window

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
KINDS = ("month", "quarter", "year")
MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}


class PeriodError(ValueError):
    """A period that is not '2025-03', '2025-Q1' or '2025'."""


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, quarter or year; ``index`` is the first month counted from year 0."""

    kind: str
    year: int
    number: int  # month 1–12, quarter 1–4, or 1 for a year

    @classmethod
    def parse(cls, text: str) -> Period:
        text = (text or "").strip()
        if match := _MONTH.match(text):
            year, month = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                raise PeriodError(f"month {month} does not exist")
            return cls("month", year, month)
        if match := _QUARTER.match(text):
            return cls("quarter", int(match.group(1)), int(match.group(2)))
        if match := _YEAR.match(text):
            return cls("year", int(match.group(1)), 1)
        raise PeriodError(f"{text!r} is not a period; use 2025-03, 2025-Q1 or 2025")

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2198:
            raise PeriodError(f"year {self.year} is outside 1900–2198")

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        if kind == "month":
            return cls("month", day.year, day.month)
        if kind == "quarter":
            return cls("quarter", day.year, (day.month - 1) // 3 + 1)
        return cls("year", day.year, 1)

    @property
    def first_month(self) -> int:
        """Months since year 0 of the first month (to step and compare periods)."""
        month = {"month": self.number, "quarter": 3 * self.number - 2, "year": 1}[self.kind]
        return self.year * 12 + month - 1

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year:04d}-Q{self.number}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.label

    @property
    def first_day(self) -> dt.date:
        index = self.first_month
        return dt.date(index // 12, index % 12 + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.shift(1).first_day - dt.timedelta(days=1)

    def shift(self, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (earlier when negative)."""
        index = self.first_month + steps * MONTHS_IN[self.kind]
        year, month0 = divmod(index, 12)
        number = {"month": month0 + 1, "quarter": month0 // 3 + 1, "year": 1}[self.kind]
        return Period(self.kind, year, number)

    def window(self, timezone: str) -> Window:
        """The SLA engine's window for this period in ``timezone`` (its real length there)."""
        if self.kind == "month":
            return Window.month(self.year, self.number, timezone)
        if self.kind == "quarter":
            return Window.quarter(self.year, self.number, timezone)
        return Window.year(self.year, timezone)

    def periods_of(self, kind: str) -> list[Period]:
        """The periods of ``kind`` that make up this one, or the one that contains it when longer."""
        if MONTHS_IN[kind] >= MONTHS_IN[self.kind]:
            return [Period.containing(kind, self.first_day)]
        first = Period.containing(kind, self.first_day)
        count = MONTHS_IN[self.kind] // MONTHS_IN[kind]
        return [first.shift(i) for i in range(count)]

    def name(self, lang: str = "nl") -> str:
        """'maart 2025', 'Q1 2025', '2025'."""
        if self.kind == "month":
            names = MONTH_NAMES.get(lang, MONTH_NAMES["en"])
            return f"{names[self.number - 1]} {self.year}"
        if self.kind == "quarter":
            return f"Q{self.number} {self.year}"
        return str(self.year)


MONTH_NAMES = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
