"""Working days, pauses and incident compliance (expectations derived by hand)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ketenwacht.sla import (
    Calendar,
    IncidentRecord,
    Pause,
    SLAInputError,
    Target,
    due_instant,
    evaluate_incidents,
)

AMS = ZoneInfo("Europe/Amsterdam")
H = 3600
D = 86400
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def office(start: str = "08:00", end: str = "18:00", **extra: object) -> Calendar:
    return Calendar.from_dict({"timezone": "Europe/Amsterdam", "weekly": {d: [[start, end]] for d in WEEKDAYS},
                               "public_holidays": {"country": "NL"}, **extra})


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=AMS)


class TestWorkingDays:
    def test_keeps_time_of_day_and_skips_easter(self) -> None:
        # Thursday 17 April 2025 10:00 + 1 working day: Good Friday and Easter Monday are NL
        # holidays in the holidays package, so the next working day is Tuesday 22 April.
        assert office().add_working_days("2025-04-17T10:00", 1) == local("2025-04-22T10:00")

    def test_start_on_closed_day_moves_to_first_opening(self) -> None:
        assert office().add_working_days("2025-06-14T11:00", 1) == local("2025-06-17T08:00")

    def test_time_after_closing_is_clamped(self) -> None:
        assert office().add_working_days("2025-06-16T20:00", 1) == local("2025-06-17T18:00")

    def test_end_of_day(self) -> None:
        assert office().add_working_days("2025-06-16T10:00", 2, end_of_day=True) == local("2025-06-18T18:00")

    def test_end_of_day_with_a_24_00_end(self) -> None:
        cal = office("08:00", "24:00")
        assert cal.add_working_days("2025-06-16T10:00", 1, end_of_day=True) == local("2025-06-18T00:00")

    def test_zero_days(self) -> None:
        assert office().add_working_days("2025-06-16T10:00", 0) == local("2025-06-16T10:00")

    def test_due_instant_unit_working_days(self) -> None:
        assert due_instant(office(), "2025-06-16T10:00", 3 * D, "working_days") == local("2025-06-19T10:00")
        with pytest.raises(SLAInputError) as info:
            due_instant(office(), "2025-06-16T10:00", 3 * D + 1, "working_days")
        assert info.value.field == "duration_seconds"

    def test_working_days_extended_by_paused_business_time(self) -> None:
        # Due Wednesday 10:00; a pause Monday 17:00 → Tuesday 09:00 holds 1 h + 1 h of business
        # time, so the due moves to Wednesday 12:00.
        due = due_instant(office(), "2025-06-16T10:00", 2 * D, "working_days",
                          pauses=[Pause("2025-06-16T17:00", "2025-06-17T09:00")])
        assert due == local("2025-06-18T12:00")


class TestPauses:
    def test_published_pending_example(self) -> None:
        # Source: public ticketing-customisation requirement (freelancer.com project "SLA ticket",
        # 2017): Mon–Fri 9:00–18:00, 8 business hours from Monday 16:00; pending from 17:00 for
        # 2 business hours (17:00–18:00 Monday, 9:00–10:00 Tuesday) → new due Tuesday 17:00.
        cal = Calendar.from_dict({"timezone": "Europe/Amsterdam", "weekly": {d: [["09:00", "18:00"]] for d in WEEKDAYS}})
        due = due_instant(cal, "2025-06-16T16:00", 8 * H, pauses=[Pause("2025-06-16T17:00", "2025-06-17T10:00")])
        assert due == local("2025-06-17T17:00")

    def test_pause_outside_working_hours_changes_nothing(self) -> None:
        # Source: Microsoft Dynamics 365 Customer Service documentation, "SLA timer does not pause
        # ... on a holiday": a case created in non-working hours and paused and resumed before
        # working hours start — the hold time is not considered.
        cal = office()
        plain = due_instant(cal, "2025-06-16T06:00", 4 * H)
        paused = due_instant(cal, "2025-06-16T06:00", 4 * H, pauses=[Pause("2025-06-16T06:30", "2025-06-16T07:30")])
        assert plain == paused == local("2025-06-16T12:00")

    def test_pause_inside_working_hours_extends(self) -> None:
        # Same source: created in non-working hours, paused and resumed during working hours —
        # the hold time extends the failure time.
        cal = office()
        due = due_instant(cal, "2025-06-16T06:00", 4 * H, pauses=[Pause("2025-06-16T09:00", "2025-06-16T10:30")])
        assert due == local("2025-06-16T13:30")

    def test_overlapping_pauses_count_once(self) -> None:
        cal = office()
        due = due_instant(cal, "2025-06-16T08:00", 2 * H,
                          pauses=[Pause("2025-06-16T09:00", "2025-06-16T10:00"),
                                  Pause("2025-06-16T09:30", "2025-06-16T10:30")])
        assert due == local("2025-06-16T11:30")


def _report() -> dict:
    cal = office()
    targets = {
        "P1": Target(response_seconds=H, resolution_seconds=4 * H, unit="business_hours"),
        "P2": Target(response_seconds=1 * D, resolution_seconds=3 * D, unit="working_days"),
        "P3": Target(response_seconds=30 * 60, resolution_seconds=24 * H, unit="clock"),
    }
    incidents = [
        IncidentRecord("1", "P1", "2025-06-16T09:00", "2025-06-16T09:30", "2025-06-16T12:00"),
        IncidentRecord("2", "P1", "2025-06-16T16:00", "2025-06-16T17:30", "2025-06-17T11:00"),
        IncidentRecord("3", "P1", "2025-06-17T09:00", pauses=[Pause("2025-06-17T10:00", "2025-06-17T12:00")]),
        IncidentRecord("4", "P1", "2025-06-17T13:00"),
        IncidentRecord("5", "P2", "2025-06-13T16:00", "2025-06-16T15:00"),
        IncidentRecord("6", "P3", "2025-06-14T10:00", "2025-06-14T10:20", "2025-06-15T11:00"),
        IncidentRecord("7", "P1", "2025-06-16T14:00", "2025-06-16T14:10", "2025-06-16T18:30"),
    ]
    report = evaluate_incidents(cal, targets, incidents, as_of="2025-06-17T14:30")
    return {r.id: r for r in report.incidents} | {"summary": report.summary}


class TestIncidents:
    def test_met_within_targets(self) -> None:
        r = _report()["1"]
        assert (r.response.status, r.response.elapsed_seconds, r.response.due) == ("met", 1800, local("2025-06-16T10:00"))
        assert (r.resolution.status, r.resolution.elapsed_seconds) == ("met", 3 * H)
        assert r.resolution.due == local("2025-06-16T13:00")

    def test_breached_over_the_night(self) -> None:
        r = _report()["2"]
        assert (r.response.status, r.response.elapsed_seconds) == ("breached", int(1.5 * H))
        assert (r.resolution.status, r.resolution.elapsed_seconds) == ("breached", 5 * H)
        assert r.resolution.due == local("2025-06-17T10:00")

    def test_open_paused_and_at_risk(self) -> None:
        r = _report()["3"]
        assert r.response.status == "breached"  # the response clock never pauses: 5.5 h > 1 h
        assert r.resolution.paused_seconds == 2 * H
        assert r.resolution.elapsed_seconds == int(3.5 * H)
        assert r.resolution.status == "at_risk"  # 0.5 h of 4 h left is under 25 %
        assert r.resolution.due == local("2025-06-17T15:00")

    def test_open(self) -> None:
        r = _report()["4"]
        assert r.resolution.status == "open" and r.resolution.elapsed_seconds == int(1.5 * H)

    def test_working_days_priority(self) -> None:
        r = _report()["5"]
        assert r.response.due == local("2025-06-16T16:00")
        assert (r.response.status, r.response.target_seconds, r.response.elapsed_seconds) == ("met", 10 * H, 9 * H)
        assert r.resolution.due == local("2025-06-18T16:00")
        assert (r.resolution.status, r.resolution.target_seconds) == ("open", 30 * H)
        assert r.resolution.elapsed_seconds == int(18.5 * H)

    def test_clock_priority_over_the_weekend(self) -> None:
        r = _report()["6"]
        assert r.response.status == "met"
        assert (r.resolution.status, r.resolution.elapsed_seconds) == ("breached", 25 * H)
        assert r.resolution.due == local("2025-06-15T10:00")

    def test_resolved_after_closing_but_without_business_time_is_met(self) -> None:
        r = _report()["7"]
        assert r.resolution.due == local("2025-06-16T18:00")
        assert (r.resolution.status, r.resolution.elapsed_seconds) == ("met", 4 * H)

    def test_summary(self) -> None:
        p1 = _report()["summary"]["P1"]
        assert p1.count == 5
        assert (p1.response.met, p1.response.breached, p1.response.open, p1.response.at_risk) == (2, 3, 0, 0)
        assert p1.response.percent_met == 40.0
        # Stopped response times: 1800, 5400, 600 s → median 1800; nearest-rank p90 = 5400.
        assert (p1.response.median_seconds, p1.response.p90_seconds) == (1800, 5400)
        assert (p1.resolution.met, p1.resolution.breached, p1.resolution.open, p1.resolution.at_risk) == (2, 1, 1, 1)
        assert p1.resolution.percent_met == pytest.approx(200 / 3)
        # Stopped resolution times: 10800, 18000, 14400 → median 14400, p90 18000.
        assert (p1.resolution.median_seconds, p1.resolution.p90_seconds) == (14400, 18000)

    def test_events_after_as_of_have_not_happened(self) -> None:
        report = evaluate_incidents(office(), {"P1": Target(H, 4 * H)},
                                    [IncidentRecord("x", "P1", "2025-06-16T09:00", "2025-06-16T09:30")],
                                    as_of="2025-06-16T09:20")
        assert report.incidents[0].response.status == "open"
        assert report.incidents[0].response.stopped is None

    @pytest.mark.parametrize(("record", "field"), [
        (IncidentRecord("x", "P9", "2025-06-16T09:00"), "incidents[0].priority"),
        (IncidentRecord("x", "P1", "2025-06-16T09:00", "2025-06-16T08:00"), "incidents[0].responded"),
        (IncidentRecord("x", "P1", "2025-06-18T09:00"), "incidents[0].reported"),
        (IncidentRecord("x", "P1", "yesterday"), "incidents[0].reported"),
        (IncidentRecord("x", "P1", "2025-06-16T09:00", pauses=[Pause("2025-06-16T10:00", "2025-06-16T09:00")]),
         "incidents[0].pauses[0].to"),
    ])
    def test_bad_records_name_the_field(self, record: IncidentRecord, field: str) -> None:
        with pytest.raises(SLAInputError) as info:
            evaluate_incidents(office(), {"P1": Target(H, 4 * H)}, [record], as_of="2025-06-17T09:00")
        assert info.value.field == field

    def test_bad_target(self) -> None:
        with pytest.raises(SLAInputError) as info:
            evaluate_incidents(office(), {"P1": Target(H, 4 * H, unit="fortnights")}, [], as_of="2025-06-17T09:00")
        assert info.value.field == "targets.P1.unit"
