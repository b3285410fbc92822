"""Hypothesis strategies: random calendars in DST zones, and instants."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ketenwacht.sla import Calendar

# Zones with the awkward cases: EU DST at 02:00/03:00, US, a 30-minute DST shift (Lord Howe),
# DST changes at midnight (Santiago), 45-minute offsets (Chatham), southern hemisphere, no DST.
ZONES = ["Europe/Amsterdam", "Europe/Brussels", "America/New_York", "Australia/Lord_Howe",
         "America/Santiago", "Pacific/Chatham", "Asia/Kolkata", "UTC"]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
T2020 = int(dt.datetime(2020, 1, 1, tzinfo=dt.UTC).timestamp())
T2030 = int(dt.datetime(2030, 1, 1, tzinfo=dt.UTC).timestamp())


@st.composite
def day_segments(draw: st.DrawFn) -> list[tuple[int, int]]:
    """0–3 disjoint segments on a 15-minute grid, possibly ending at 24:00."""
    points = sorted(draw(st.sets(st.integers(0, 96), max_size=6)))
    if len(points) % 2:
        points = points[:-1]
    return [(points[i] * 900, points[i + 1] * 900) for i in range(0, len(points), 2)]


def hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


@st.composite
def calendars(draw: st.DrawFn, with_public: bool = True) -> tuple[Calendar, dict]:
    """A random calendar and the plain description the oracle needs."""
    tz = draw(st.sampled_from(ZONES))
    weekly = [draw(day_segments()) for _ in DAYS]
    if not any(weekly):
        weekly[draw(st.integers(0, 6))] = [(9 * 3600, 17 * 3600)]
    closed = draw(st.sets(st.dates(dt.date(2020, 1, 1), dt.date(2029, 12, 31)), max_size=8))
    country = draw(st.sampled_from([None, "NL", "BE"])) if with_public else None
    spec = {"timezone": tz,
            "weekly": {d: [[hhmm(a), hhmm(b)] for a, b in segs] for d, segs in zip(DAYS, weekly, strict=True)},
            "holidays": [d.isoformat() for d in sorted(closed)]}
    if country:
        spec["public_holidays"] = {"country": country}
    return Calendar.from_dict(spec), {"tz": tz, "weekly": weekly, "closed": set(closed), "country": country}


def minute_instants(lo: int = T2020, hi: int = T2030) -> st.SearchStrategy[int]:
    return st.integers(lo // 60, hi // 60).map(lambda m: m * 60)


def second_instants(lo: int = T2020, hi: int = T2030) -> st.SearchStrategy[int]:
    return st.integers(lo, hi)
