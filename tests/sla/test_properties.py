"""Properties of business time over random calendars, DST zones and instants."""

from __future__ import annotations

import datetime as dt
import os

import holidays as holidays_pkg
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketenwacht.sla import Calendar

from . import oracle
from .strategies import T2020, T2030, calendars, minute_instants, second_instants

UTC = dt.UTC
SETTINGS = settings(max_examples=int(os.environ.get("SLA_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def at(ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, UTC)


def closed_dates(info: dict, first: int, last: int) -> set[dt.date]:
    closed = set(info["closed"])
    if info["country"]:
        years = range(at(first).year - 1, at(last).year + 2)
        closed |= set(holidays_pkg.country_holidays(info["country"], years=years).keys())
    return closed


@SETTINGS
@given(calendars(), minute_instants(), st.integers(0, 45 * 24 * 60))
def test_matches_minute_by_minute_oracle(cal_info: tuple, start: int, span_minutes: int) -> None:
    cal, info = cal_info
    end = start + span_minutes * 60
    expected = oracle.business_seconds(info["tz"], info["weekly"], closed_dates(info, start, end), start, end)
    assert cal.business_seconds(at(start), at(end)) == expected
    assert cal.business_seconds(at(end), at(start)) == -expected


@SETTINGS
@given(calendars(), second_instants(), st.integers(-3 * 365 * 86400, 3 * 365 * 86400))
def test_add_then_measure_round_trips(cal_info: tuple, start: int, seconds: int) -> None:
    cal, _ = cal_info
    due = cal.add_business_seconds(at(start), seconds)
    assert cal.business_seconds(at(start), due) == seconds
    # The due instant is the earliest (or, backwards, the latest) such instant.
    step = dt.timedelta(seconds=1)
    if seconds > 0:
        assert cal.business_seconds(at(start), due - step) == seconds - 1
    elif seconds < 0:
        assert cal.business_seconds(at(start), due + step) == seconds + 1


@SETTINGS
@given(calendars(), st.lists(second_instants(), min_size=3, max_size=3))
def test_additive_over_split_points(cal_info: tuple, points: list[int]) -> None:
    cal, _ = cal_info
    a, b, c = (at(p) for p in points)  # any order: additivity holds for signed spans too
    assert cal.business_seconds(a, b) + cal.business_seconds(b, c) == cal.business_seconds(a, c)


@SETTINGS
@given(calendars(), second_instants(), st.lists(st.integers(0, 2 * 365 * 86400), min_size=2, max_size=6))
def test_monotone(cal_info: tuple, start: int, offsets: list[int]) -> None:
    cal, _ = cal_info
    offsets.sort()
    values = [cal.business_seconds(at(start), at(start + o)) for o in offsets]
    assert values == sorted(values)
    assert all(0 <= v <= o for v, o in zip(values, offsets, strict=True))  # never more than physical time
    dues = [cal.add_business_seconds(at(start), o) for o in offsets]
    assert dues == sorted(dues)


@SETTINGS
@given(calendars(), st.lists(st.tuples(second_instants(), second_instants()), min_size=1, max_size=40))
def test_vectorised_equals_scalar(cal_info: tuple, pairs: list[tuple[int, int]]) -> None:
    cal, _ = cal_info
    starts = np.array([p[0] for p in pairs], dtype="datetime64[s]")
    ends = np.array([p[1] for p in pairs], dtype="datetime64[s]")
    got = cal.business_seconds_many(starts, ends)
    assert got.dtype == np.int64
    assert got.tolist() == [cal.business_seconds(at(s), at(e)) for s, e in pairs]
    # Other datetime64 units floor to the second, also before 1970 would.
    got_ns = cal.business_seconds_many(starts.astype("datetime64[ns]") + np.timedelta64(999, "ms"),
                                       ends.astype("datetime64[ns]") + np.timedelta64(999, "ms"))
    assert got_ns.tolist() == got.tolist()


@SETTINGS
@given(calendars(with_public=False), st.integers(T2020, T2030), st.integers(0, 30 * 365 * 86400))
def test_many_years_consistent_with_sum_of_years(cal_info: tuple, start: int, span: int) -> None:
    """A span of decades equals the sum of its year-sized pieces (tables rebuilt in between)."""
    cal, _ = cal_info
    end = start + span
    whole = cal.business_seconds(at(start), at(end))
    fresh = Calendar.from_dict(cal.to_dict())
    cuts = list(range(start, end, 365 * 86400)) + [end]
    assert sum(fresh.business_seconds(at(a), at(b)) for a, b in zip(cuts, cuts[1:], strict=False)) == whole


@SETTINGS
@given(calendars(with_public=False), minute_instants())
def test_is_open_agrees_with_oracle(cal_info: tuple, instant: int) -> None:
    cal, info = cal_info
    expected = oracle.open_mask(np.array([instant]), info["tz"], info["weekly"], info["closed"])[0]
    assert cal.is_open(at(instant)) == bool(expected)


def test_vectorised_with_many_segments_per_hour_and_long_tables() -> None:
    """Calendars the bucket index cannot serve fall back to binary search; long tables use day buckets."""
    busy = [[f"09:{m:02d}", f"09:{m + 3:02d}"] for m in range(0, 56, 5)]  # 12 segments in one hour
    for weekly in ({"mon": busy, "wed": [["08:00", "18:00"]]}, {"tue": [["08:00", "12:00"], ["13:00", "17:00"]]}):
        cal = Calendar.from_dict({"timezone": "Europe/Brussels", "weekly": weekly, "public_holidays": {"country": "BE"}})
        rng = np.random.default_rng(5)
        lo = int(dt.datetime(1950, 1, 1, tzinfo=UTC).timestamp())
        hi = int(dt.datetime(2150, 1, 1, tzinfo=UTC).timestamp())
        starts = rng.integers(lo, hi, 300)
        ends = starts + rng.integers(-10**8, 10**8, 300)
        ends = np.clip(ends, lo, hi)
        got = cal.business_seconds_many(starts.astype("datetime64[s]"), ends.astype("datetime64[s]"))
        assert got.tolist() == [cal.business_seconds(at(int(s)), at(int(e))) for s, e in zip(starts, ends, strict=True)]
