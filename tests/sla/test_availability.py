"""Availability: worked examples (by hand, seed, published credit tiers) and properties."""

from __future__ import annotations

import datetime as dt
import os
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketenwacht.sla import (
    Calendar,
    CreditTier,
    Outage,
    SLAInputError,
    Window,
    availability,
    availability_batch,
)

from . import oracle

H = 3600
AMS = "Europe/Amsterdam"
OFFICE = Calendar.from_dict({"timezone": AMS, "weekly": {d: [["08:00", "18:00"]]
                                                          for d in ("mon", "tue", "wed", "thu", "fri")}})


class TestWindows:
    def test_real_lengths(self) -> None:
        assert Window.month(2025, 3, "Europe/Brussels").seconds == 743 * H
        assert Window.month(2025, 10, "Europe/Brussels").seconds == 745 * H
        assert Window.month(2024, 2, AMS).seconds == 29 * 24 * H
        assert Window.quarter(2025, 1, AMS).seconds == (90 * 24 - 1) * H
        assert Window.year(2024, AMS).seconds == 366 * 24 * H
        assert Window.year(2025, "UTC").seconds == 365 * 24 * H

    def test_parse(self) -> None:
        assert Window.parse({"quarter": "2025-Q4"}, AMS) == Window.quarter(2025, 4, AMS)
        assert Window.parse({"month": "2025-12"}, AMS).end == dt.datetime.fromisoformat("2026-01-01T00:00+01:00")
        with pytest.raises(SLAInputError) as info:
            Window.parse({"month": "2025-13"}, AMS)
        assert info.value.field == "window.month"
        with pytest.raises(SLAInputError):
            Window.parse({"month": "2025-03", "year": 2025}, AMS)


class TestExamples:
    def test_one_hour_in_brussels_march(self) -> None:
        w = Window.month(2025, 3, "Europe/Brussels")
        r = availability(w, [Outage("2025-03-10T10:00", "2025-03-10T11:00")], target_percent=99.9)
        assert r.measured_seconds == 743 * H
        assert r.availability_percent == pytest.approx(100 * 742 / 743)
        assert r.downtime_seconds == H
        assert r.allowed_downtime_seconds == pytest.approx(0.001 * 743 * H)
        assert r.budget_used_percent == pytest.approx(100 * H / (0.001 * 743 * H))
        assert r.longest_outage_seconds == H
        assert r.met is False

    def test_overlaps_count_once_and_clip_to_window(self) -> None:
        w = Window.month(2025, 3, AMS)
        r = availability(w, [Outage("2025-03-10T10:00", "2025-03-10T11:00"),
                             Outage("2025-03-10T10:30", "2025-03-10T11:30"),
                             Outage("2025-02-28T23:00", "2025-03-01T01:00"),
                             Outage("2025-03-31T23:30", "2025-04-01T02:00")])
        assert r.downtime_seconds == 1.5 * H + H + 0.5 * H
        assert r.longest_outage_seconds == int(1.5 * H)
        assert r.met is None and r.allowed_downtime_seconds is None

    def test_maintenance_excluded_or_counted(self) -> None:
        w = Window.month(2025, 6, AMS)
        outages = [Outage("2025-06-01T02:00", "2025-06-01T04:00", planned=True),
                   Outage("2025-06-02T10:00", "2025-06-02T10:30")]
        assert availability(w, outages).downtime_seconds == 0.5 * H
        assert availability(w, outages, maintenance="counted").downtime_seconds == 2.5 * H

    def test_partial_outage_highest_weight_wins(self) -> None:
        w = Window.month(2025, 6, AMS)
        r = availability(w, [Outage("2025-06-02T10:00", "2025-06-02T12:00", weight=0.5),
                             Outage("2025-06-02T10:30", "2025-06-02T11:30")])
        assert r.downtime_seconds == H * 1 + H * 0.5
        assert r.longest_outage_seconds == 2 * H

    def test_whole_minutes(self) -> None:
        w = Window.month(2025, 6, AMS)
        one = availability(w, [Outage("2025-06-02T10:00:10", "2025-06-02T10:00:50")], granularity_seconds=60)
        two = availability(w, [Outage("2025-06-02T10:00:50", "2025-06-02T10:01:10")], granularity_seconds=60)
        assert (one.downtime_seconds, two.downtime_seconds) == (60, 120)

    def test_service_hours_only(self) -> None:
        # March 2025 has 21 weekdays (1 March is a Saturday) → 210 service hours; 99.9 % allows
        # 0.21 h = 756 s ≈ 13 min.  A Friday 17:00 → Monday 09:00 outage is 2 service hours and
        # one contiguous outage.
        w = Window.month(2025, 3, AMS)
        r = availability(w, [Outage("2025-03-07T17:00", "2025-03-10T09:00")], service_calendar=OFFICE,
                         target_percent=99.9)
        assert r.measured_seconds == 210 * H
        assert r.allowed_downtime_seconds == pytest.approx(756)
        assert (r.downtime_seconds, r.longest_outage_seconds) == (2 * H, 2 * H)
        # 2025 has 261 weekdays → 2610 h; 99.9 % allows 2.61 h = 2 h 36 min 36 s.
        year = availability(Window.year(2025, AMS), [], service_calendar=OFFICE, target_percent=99.9)
        assert year.allowed_downtime_seconds == pytest.approx(2 * H + 36 * 60 + 36)

    def test_seed_one_long_outage_per_year_versus_per_month(self) -> None:
        # DTC guidance: 99.9 % per year allows a long working day in one stretch; measured per
        # month it is less than an hour.  One outage of 8 h 45 min in June 2025:
        outage = [Outage("2025-06-02T08:00", "2025-06-02T16:45")]
        year = availability(Window.year(2025, AMS), outage, target_percent=99.9)
        month = availability(Window.month(2025, 6, AMS), outage, target_percent=99.9)
        assert year.allowed_downtime_seconds == pytest.approx(8 * H + 45 * 60 + 36)  # 365 days
        assert year.met is True
        assert month.allowed_downtime_seconds == pytest.approx(43 * 60 + 12)  # 30 days: 2592 s
        assert month.met is False

    def test_published_credit_tiers(self) -> None:
        # Source: AWS Compute Optimizer Service Level Agreement (aws.amazon.com, updated 4 May
        # 2022): monthly uptime < 99.9 % and ≥ 99.0 % → 10 %; < 99.0 % and ≥ 95.0 % → 25 %;
        # < 95.0 % → 100 %; uptime counted in minutes.  June 2025 has 43,200 minutes.
        tiers = [CreditTier(99.9, 10), CreditTier(99.0, 25), CreditTier(95.0, 100)]
        w = Window.month(2025, 6, "UTC")

        def credit(minutes: int) -> float:
            start = dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
            out = [Outage(start, start + dt.timedelta(minutes=minutes))] if minutes else []
            return availability(w, out, granularity_seconds=60, target_percent=99.9, credits=tiers).credit_percent

        assert credit(0) == 0
        assert credit(43) == 0  # 99.9005 %
        assert credit(44) == 10  # 99.898 %
        assert credit(432) == 10  # exactly 99.0 % is not below 99.0 %
        assert credit(433) == 25
        assert credit(2160) == 25  # exactly 95.0 %
        assert credit(2161) == 100

    def test_exactly_on_target_is_met(self) -> None:
        w = Window.month(2025, 6, "UTC")  # 2,592,000 s; 99.9 % allows 2592 s
        start = dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
        r = availability(w, [Outage(start, start + dt.timedelta(seconds=2592))], target_percent=99.9)
        assert r.met is True and r.budget_used_percent == pytest.approx(100)

    @pytest.mark.parametrize(("outage", "field"), [
        (Outage("2025-06-02T10:00", "2025-06-02T09:00"), "outages[0].end"),
        (Outage("2025-06-02T10:00", "2025-06-02T11:00", weight=0), "outages[0].weight"),
        (Outage("2025-06-02T10:00", "2025-06-02T11:00", weight=1.5), "outages[0].weight"),
        (Outage("gisteren", "2025-06-02T11:00"), "outages[0].start"),
    ])
    def test_bad_outage_names_the_field(self, outage: Outage, field: str) -> None:
        with pytest.raises(SLAInputError) as info:
            availability(Window.month(2025, 6, AMS), [outage])
        assert info.value.field == field

    def test_bad_options(self) -> None:
        w = Window.month(2025, 6, AMS)
        for kwargs, field in [({"maintenance": "ignored"}, "maintenance"), ({"granularity_seconds": 0},
                              "granularity_seconds"), ({"target_percent": 101}, "target_percent")]:
            with pytest.raises(SLAInputError) as info:
                availability(w, [], **kwargs)
            assert info.value.field == field


# -- properties -------------------------------------------------------------------------------
WS = int(dt.datetime(2025, 6, 2, tzinfo=dt.UTC).timestamp())
SPAN = 4 * H
PROPS = settings(max_examples=int(os.environ.get("SLA_EXAMPLES", "80")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


FEW_WEIGHTS = st.sampled_from([1.0, 0.5, 0.25])


@st.composite
def outage_sets(draw: st.DrawFn, weights: st.SearchStrategy = FEW_WEIGHTS) -> list:
    n = draw(st.integers(0, 12))
    out = []
    for _ in range(n):
        a = draw(st.integers(WS - H, WS + SPAN + H))
        b = a + draw(st.integers(0, 2 * H))
        out.append((a, b, draw(weights)))
    return out


def run(outages: list, slot: int = 1, **kwargs: object):  # noqa: ANN201
    w = Window(WS, WS + SPAN, "UTC")
    return availability(w, [Outage(dt.datetime.fromtimestamp(a, dt.UTC), dt.datetime.fromtimestamp(b, dt.UTC),
                                   weight=wt) for a, b, wt in outages], granularity_seconds=slot, **kwargs)


@PROPS
@given(outage_sets(), st.sampled_from([1, 60, 900, 7]))
def test_matches_second_by_second_oracle(outages: list, slot: int) -> None:
    r = run(outages, slot, target_percent=99.0)
    assert r.downtime_seconds == pytest.approx(oracle.downtime_seconds((WS, WS + SPAN), outages, slot))
    assert r.longest_outage_seconds == oracle.longest_run((WS, WS + SPAN), outages, slot)
    assert 0.0 <= r.availability_percent <= 100.0


@PROPS
@given(outage_sets(weights=st.floats(0.01, 1.0)), st.sampled_from([1, 60]))
def test_many_distinct_weights_match_oracle(outages: list, slot: int) -> None:
    outages = outages + [(WS + i, WS + i + 100, 0.01 + i / 1000) for i in range(20)]  # force > 16 levels
    r = run(outages, slot)
    assert r.downtime_seconds == pytest.approx(oracle.downtime_seconds((WS, WS + SPAN), outages, slot))
    assert r.longest_outage_seconds == oracle.longest_run((WS, WS + SPAN), outages, slot)


@PROPS
@given(outage_sets(), st.randoms(use_true_random=False))
def test_invariant_to_order_and_duplicated_overlap(outages: list, rnd: random.Random) -> None:
    base = run(outages)
    shuffled = outages[:]
    rnd.shuffle(shuffled)
    doubled = shuffled + [(a, (a + b) // 2, w) for a, b, w in outages]  # overlaps already counted
    for variant in (shuffled, doubled):
        r = run(variant)
        assert r.downtime_seconds == pytest.approx(base.downtime_seconds)
        assert r.longest_outage_seconds == base.longest_outage_seconds
        assert r.availability_percent == pytest.approx(base.availability_percent)


@PROPS
@given(st.lists(st.tuples(st.integers(0, 7 * 24 * 60), st.integers(0, 48 * 60)), max_size=6))
def test_service_calendar_matches_oracle(pieces: list) -> None:
    ws = int(dt.datetime(2025, 3, 24, tzinfo=dt.UTC).timestamp())  # the week of the DST change
    we = ws + 14 * 86400
    outages = [(ws + a * 60, ws + (a + d) * 60) for a, d in pieces]
    w = Window(ws, we, AMS)
    r = availability(w, [Outage(dt.datetime.fromtimestamp(a, dt.UTC), dt.datetime.fromtimestamp(b, dt.UTC))
                         for a, b in outages], service_calendar=OFFICE)
    minutes = np.arange(ws, we, 60)
    open_ = oracle.open_mask(minutes, AMS, [[(8 * H, 18 * H)]] * 5 + [[], []], set())
    down = np.zeros(minutes.shape, dtype=bool)
    for a, b in outages:
        down |= (minutes >= a) & (minutes < b)
    assert r.measured_seconds == int(open_.sum()) * 60
    assert r.downtime_seconds == int((open_ & down).sum()) * 60


def test_batch_equals_scalar_per_service() -> None:
    rng = np.random.default_rng(7)
    w = Window.month(2025, 3, AMS)
    n = 2000
    service = rng.integers(0, 50, n)
    starts = rng.integers(w.start_ts - 86400, w.end_ts, n)
    ends = starts + rng.integers(0, 6 * H, n)
    planned = rng.random(n) < 0.2
    weights = rng.choice([1.0, 0.5], n)
    batch = availability_batch(w, service, starts, ends, n_services=50, planned=planned, weights=weights,
                               granularity_seconds=60, target_percent=99.5,
                               credits=[CreditTier(99.5, 10), CreditTier(99, 25)])
    for k in range(50):
        m = service == k
        outs = [Outage(dt.datetime.fromtimestamp(int(a), dt.UTC), dt.datetime.fromtimestamp(int(b), dt.UTC),
                       planned=bool(p), weight=float(x))
                for a, b, p, x in zip(starts[m], ends[m], planned[m], weights[m], strict=True)]
        single = availability(w, outs, granularity_seconds=60, target_percent=99.5,
                              credits=[CreditTier(99.5, 10), CreditTier(99, 25)])
        assert batch.result(k) == single
