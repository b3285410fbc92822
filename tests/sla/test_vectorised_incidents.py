"""The vectorised due instants and incident evaluation equal the scalar path exactly.

Hand-derived examples first (the worked examples of docs/sla-semantics.md), then properties over
random calendars in DST zones, durations and "as of" instants: vectorised == scalar, element for
element, including the error raised for bad input.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketenwacht.sla import Calendar, IncidentRecord, Pause, SLAInputError, Target, evaluate_incidents

from .strategies import T2020, T2030, calendars, second_instants

UTC = dt.UTC
AMS = ZoneInfo("Europe/Amsterdam")
H = 3600
D = 86400
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
SETTINGS = settings(max_examples=int(os.environ.get("SLA_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def at(ts: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, UTC)


def utc64(*local_texts: str) -> np.ndarray:
    """Amsterdam wall times as a UTC ``datetime64[s]`` array."""
    return np.array([dt.datetime.fromisoformat(t).replace(tzinfo=AMS).astimezone(UTC).replace(tzinfo=None)
                     for t in local_texts], dtype="datetime64[s]")


def office(start: str = "09:00", end: str = "17:00") -> Calendar:
    return Calendar.from_dict({"timezone": "Europe/Amsterdam", "weekly": {d: [[start, end]] for d in WEEKDAYS},
                               "public_holidays": {"country": "NL"}})


class TestAddBusinessSecondsMany:
    def test_worked_examples(self) -> None:
        # Friday 13 June 2025 16:00 + 4 h → Monday 12:00; Thursday 15:00 + 4 h → Friday 11:00;
        # Wednesday 18:00 + 1 s → Thursday 09:00:01 (Monday–Friday 09:00–17:00).
        got = office().add_business_seconds_many(
            utc64("2025-06-13T16:00", "2025-06-12T15:00", "2025-06-11T18:00"), np.array([4 * H, 4 * H, 1]))
        assert got.dtype == np.dtype("datetime64[s]")
        assert got.tolist() == utc64("2025-06-16T12:00", "2025-06-13T11:00", "2025-06-12T09:00:01").tolist()

    def test_lands_on_closing_and_counts_backwards(self) -> None:
        cal = office("08:00", "17:00")
        # Monday 16 June 16:00 + 1 h is 17:00 that day, not Tuesday 08:00; Tuesday 09:00 − 1 h is
        # 08:00, and 08:30 − 1 h is Monday 16:30; zero stays put.
        got = cal.add_business_seconds_many(utc64("2025-06-16T16:00", "2025-06-17T09:00", "2025-06-17T08:30",
                                                  "2025-06-14T10:00"), np.array([H, -H, -H, 0]))
        assert got.tolist() == utc64("2025-06-16T17:00", "2025-06-17T08:00", "2025-06-16T16:30",
                                     "2025-06-14T10:00").tolist()

    def test_across_the_dst_weekend(self) -> None:
        # Friday 28 March 2025 17:00 CET + 2 h (08:00–18:00) → Monday 31 March 09:00 CEST.
        got = office("08:00", "18:00").add_business_seconds_many(utc64("2025-03-28T17:00"), 2 * H)
        assert got.tolist() == utc64("2025-03-31T09:00").tolist()

    def test_one_number_for_all_and_always_open(self) -> None:
        starts = utc64("2025-10-25T12:00", "2025-10-26T01:00")
        got = Calendar.always("Europe/Amsterdam").add_business_seconds_many(starts, 48 * H)
        assert (got - starts).astype(int).tolist() == [48 * H, 48 * H]  # physical time, DST or not

    def test_bad_input_names_the_field(self) -> None:
        cal = office()
        with pytest.raises(SLAInputError) as err:
            cal.add_business_seconds_many(utc64("2025-06-16T10:00"), np.array([1.5]))
        assert err.value.field == "seconds"
        with pytest.raises(SLAInputError) as err:
            cal.add_business_seconds_many(utc64("2025-06-16T10:00", "2025-06-16T11:00"), np.array([1, 2, 3]))
        assert err.value.field == "seconds"
        with pytest.raises(SLAInputError) as err:
            cal.add_business_seconds_many(np.array(["NaT"], dtype="datetime64[s]"), 1)
        assert err.value.field == "starts"
        with pytest.raises(SLAInputError) as err:  # as the scalar path: beyond the supported years
            cal.add_business_seconds_many(utc64("2025-06-16T10:00"), np.array([10**15]))
        assert err.value.field == "duration_seconds"
        closed = Calendar.from_dict({"weekly": {}})
        with pytest.raises(SLAInputError) as err:
            closed.add_business_seconds_many(utc64("2025-06-16T10:00"), 60)
        assert err.value.field == "calendar"
        assert closed.add_business_seconds_many(utc64("2025-06-16T10:00"), 0).tolist() == \
            utc64("2025-06-16T10:00").tolist()


# Calendars open on a 15-minute grid: instants and durations on that grid land exactly on
# openings and closings, where an off-by-one in the inverse lookup would show.
QUARTERS = st.integers(T2020 // 900, T2030 // 900).map(lambda q: q * 900)
STARTS = st.one_of(second_instants(), QUARTERS)
DURATIONS = st.one_of(st.integers(-3 * 365 * D, 3 * 365 * D), st.integers(-2000, 2000).map(lambda q: q * 900))


@SETTINGS
@given(calendars(), st.lists(st.tuples(STARTS, DURATIONS), min_size=1, max_size=40))
def test_add_many_equals_scalar(cal_info: tuple, items: list[tuple[int, int]]) -> None:
    cal, _ = cal_info
    fresh = Calendar.from_dict(cal.to_dict())  # its own table, grown one instant at a time
    starts = np.array([s for s, _ in items], dtype="datetime64[s]")
    got = cal.add_business_seconds_many(starts.astype("datetime64[ms]"), np.array([n for _, n in items]))
    expected = [fresh.add_business_seconds(at(s), n).astimezone(UTC).replace(tzinfo=None) for s, n in items]
    assert got.tolist() == expected


# -- incidents ------------------------------------------------------------------------------------
UNITS = st.sampled_from(["business_hours", "business_hours", "clock", "working_days"])


@st.composite
def targets(draw: st.DrawFn) -> dict[str, Target]:
    out = {}
    for name in ("P1", "P2", "P3"):
        unit = draw(UNITS)
        scale = D if unit == "working_days" else draw(st.sampled_from([1, 900]))
        top = 5 if unit == "working_days" else 5 * D // scale
        response = draw(st.none() | st.integers(0, top))
        resolution = draw(st.none() | st.integers(0, top))
        out[name] = Target(None if response is None else response * scale,
                           None if resolution is None else resolution * scale, unit=unit,
                           end_of_day=unit == "working_days" and draw(st.booleans()))
    return out


@st.composite
def incidents(draw: st.DrawFn, as_of: int) -> list[IncidentRecord]:
    out = []
    grid = draw(st.sampled_from([1, 900]))
    for i in range(draw(st.integers(0, 30))):
        reported = draw(st.integers(as_of - 40 * D, as_of).map(lambda t: t - t % grid))
        responded, resolved = (draw(st.none() | st.integers(reported, as_of + days * D)) for days in (5, 10))
        responded, resolved = (None if t is None else max(reported, t - t % grid) for t in (responded, resolved))
        pauses = []
        for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
            a = draw(st.integers(reported - D, as_of))
            b = draw(st.none() | st.integers(a, a + 5 * D))
            pauses.append(Pause(at(a), None if b is None else at(b)))
        out.append(IncidentRecord(f"I{i}", draw(st.sampled_from(["P1", "P2", "P3"])), at(reported),
                                  None if responded is None else at(responded),
                                  None if resolved is None else at(resolved), tuple(pauses)))
    return out


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    cal, _ = draw(calendars())
    as_of = draw(st.one_of(st.integers(T2020 + 60 * D, T2030), QUARTERS.filter(lambda t: t > T2020 + 60 * D)))
    return cal, draw(targets()), draw(incidents(as_of)), at(as_of)


@SETTINGS
@given(cases())
def test_vectorised_incidents_equal_scalar(case: tuple) -> None:
    cal, tgts, records, as_of = case
    fresh = Calendar.from_dict(cal.to_dict())
    try:
        expected = evaluate_incidents(fresh, tgts, records, as_of=as_of, vectorised=False).to_dict()
    except SLAInputError as exc:
        expected = (exc.field, exc.message)
    try:
        got = evaluate_incidents(cal, tgts, records, as_of=as_of, vectorised=True).to_dict()
    except SLAInputError as exc:
        got = (exc.field, exc.message)
    assert got == expected


def test_vectorised_covers_each_kind_of_clock_by_hand() -> None:
    """Office hours 08:00–18:00; as of Tuesday 17 June 2025 14:30 (Amsterdam)."""
    cal = Calendar.from_dict({"timezone": "Europe/Amsterdam", "weekly": {d: [["08:00", "18:00"]] for d in WEEKDAYS}})
    tgts = {"P1": Target(H, 4 * H), "P2": Target(None, 8 * H, unit="clock"),
            "P3": Target(None, 2 * D, unit="working_days")}
    records = [
        # responded after 30 min (met); 1 h used of 4 → open, due 13:30 + 4 h 30 left today → 17:30
        IncidentRecord("a", "P1", "2025-06-17T13:30", "2025-06-17T14:00"),
        # reported Monday 16:00, resolved Tuesday 10:00: 2 h + 2 h = 4 h elapsed → met, exactly on target
        IncidentRecord("b", "P1", "2025-06-16T16:00", "2025-06-16T16:30", "2025-06-17T10:00"),
        # clock unit: 8 h of physical time from Tuesday 07:00 → due 15:00; 7 h 30 elapsed, 30 min left → at risk
        IncidentRecord("c", "P2", "2025-06-17T07:00"),
        # 4 h from Monday 16:00, paused Monday 17:00 → Tuesday 10:00 (1 h + 2 h of business time)
        IncidentRecord("d", "P1", "2025-06-16T16:00", pauses=(Pause("2025-06-16T17:00", "2025-06-17T10:00"),)),
        # two working days from Monday 10:00 → Wednesday 10:00
        IncidentRecord("e", "P3", "2025-06-16T10:00"),
    ] * 2  # ten incidents: the automatic choice takes the vectorised path too
    for vectorised in (None, True, False):
        report = evaluate_incidents(cal, tgts, records, as_of="2025-06-17T14:30", vectorised=vectorised)
        a, b, c, d, e = report.incidents[:5]
        assert (a.response.status, a.response.elapsed_seconds) == ("met", 30 * 60)
        assert (a.resolution.status, a.resolution.elapsed_seconds, a.resolution.due) == \
            ("open", H, dt.datetime(2025, 6, 17, 17, 30, tzinfo=AMS))
        assert (b.resolution.status, b.resolution.elapsed_seconds) == ("met", 4 * H)
        assert (c.resolution.status, c.resolution.elapsed_seconds, c.resolution.due) == \
            ("at_risk", 7 * H + 30 * 60, dt.datetime(2025, 6, 17, 15, 0, tzinfo=AMS))
        # d: 2 h Monday + 6 h 30 Tuesday, 3 h of it paused → 5 h 30 of 4 h; 1 h ran before the
        # pause, the other 3 h run Tuesday 10:00–13:00; the response clock never pauses.
        assert (d.resolution.status, d.resolution.elapsed_seconds, d.resolution.paused_seconds,
                d.resolution.due) == ("breached", 5 * H + 30 * 60, 3 * H, dt.datetime(2025, 6, 17, 13, 0, tzinfo=AMS))
        assert (d.response.status, d.response.elapsed_seconds, d.response.paused_seconds) == \
            ("breached", 8 * H + 30 * 60, 0)
        assert e.resolution.due == dt.datetime(2025, 6, 18, 10, 0, tzinfo=AMS)
        assert report.summary["P1"].count == 6


def test_first_bad_incident_named_on_both_paths() -> None:
    tgts = {"P1": Target(H, 4 * H)}
    good = [IncidentRecord(f"g{i}", "P1", "2025-06-16T10:00") for i in range(12)]
    bad = IncidentRecord("x", "P1", "2025-06-18T10:00")  # after as_of
    for vectorised in (None, True, False):
        with pytest.raises(SLAInputError) as err:
            evaluate_incidents(office(), tgts, [*good, bad, *good], as_of="2025-06-17T10:00", vectorised=vectorised)
        assert err.value.field == "incidents[12].reported"


def test_at_risk_boundary_on_both_paths() -> None:
    """4 h target: exactly 1 h (25 %) left is still open, one second less is at risk."""
    tgts = {"P1": Target(None, 4 * H)}
    records = [IncidentRecord(f"{i}", "P1", start) for i, start in
               enumerate(["2025-06-17T11:00", "2025-06-17T10:59:59"] * 5)]
    for vectorised in (None, True, False):
        report = evaluate_incidents(office(), tgts, records, as_of="2025-06-17T14:00", vectorised=vectorised)
        assert [r.resolution.status for r in report.incidents[:2]] == ["open", "at_risk"]
        assert [r.resolution.remaining_seconds for r in report.incidents[:2]] == [H, H - 1]
