"""Business time: worked examples, published vendor examples, DST cases (expectations by hand)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ketenwacht.sla import Calendar, SLAInputError

AMS = "Europe/Amsterdam"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def office(start: str, end: str, tz: str = AMS, **extra: object) -> Calendar:
    return Calendar.from_dict({"timezone": tz, "weekly": {d: [[start, end]] for d in WEEKDAYS}, **extra})


def local(text: str, tz: str = AMS) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz))


H = 3600


class TestPublishedExamples:
    def test_airclou_helpdesk_friday_afternoon(self) -> None:
        # Source: AirClou help desk documentation, "Business Hours" (airclou.com/docs/helpdesk/admin/
        # business-hours): Mon–Fri 09:00–17:00; "a ticket created at 16:00 on Friday with a 4-hour
        # first-reply target is not due until 12:00 on Monday".
        cal = office("09:00", "17:00")
        assert cal.add_business_seconds("2025-06-13T16:00", 4 * H) == local("2025-06-16T12:00")

    def test_switchlabs_crm_thursday_afternoon(self) -> None:
        # Source: SwitchLabs CRM guide, "SLAs → Business Hours", example calculation: 4 business
        # hours, hours 9 AM–5 PM, created Thursday 3 PM → due Friday 11 AM.
        cal = office("09:00", "17:00")
        assert cal.add_business_seconds("2025-06-12T15:00", 4 * H) == local("2025-06-13T11:00")

    def test_switchlabs_crm_overnight_ticket_starts_next_morning(self) -> None:
        # Same source, "Overnight Tickets": created Wednesday 6 PM, hours 9–5 → the timer does
        # not start until Thursday 9 AM.
        cal = office("09:00", "17:00")
        assert cal.add_business_seconds("2025-06-11T18:00", 1) == local("2025-06-12T09:00:01")
        assert cal.business_seconds("2025-06-11T18:00", "2025-06-12T09:00") == 0

    def test_published_requirement_monday_afternoon_eight_hours(self) -> None:
        # Source: a public ticketing-customisation requirement (freelancer.com project "SLA ticket",
        # 2017): Mon–Fri 9:00–18:00, 8 business hours from Monday 16:00 → Tuesday 15:00.
        cal = office("09:00", "18:00")
        assert cal.add_business_seconds("2025-06-16T16:00", 8 * H) == local("2025-06-17T15:00")

    def test_published_requirement_full_weekdays_48_hours(self) -> None:
        # Same source: 24-hour working days Mon–Fri, 48 business hours from Friday 9:00 → Tuesday 9:00.
        cal = office("00:00", "24:00")
        assert cal.add_business_seconds("2025-06-13T09:00", 48 * H) == local("2025-06-17T09:00")


class TestConventions:
    def test_due_on_segment_end_stays_on_that_end(self) -> None:
        # 17:00 today, not 08:00 tomorrow (GLPI would answer the next opening).
        cal = office("08:00", "17:00")
        assert cal.add_business_seconds("2025-06-16T16:00", H) == local("2025-06-16T17:00")

    def test_negative_duration_counts_back(self) -> None:
        cal = office("08:00", "17:00")
        assert cal.add_business_seconds("2025-06-17T09:00", -H) == local("2025-06-17T08:00")
        assert cal.add_business_seconds("2025-06-17T08:30", -H) == local("2025-06-16T16:30")

    def test_zero_duration_is_the_start(self) -> None:
        cal = office("08:00", "17:00")
        assert cal.add_business_seconds("2025-06-14T12:00", 0) == local("2025-06-14T12:00")

    def test_lunch_break_two_segments(self) -> None:
        cal = Calendar.from_dict({"timezone": AMS, "weekly": {d: [["08:30", "12:00"], ["13:00", "17:00"]]
                                                                for d in WEEKDAYS}})
        # 11:00 → 12:00 is 1 h, lunch does not count, 13:00 → 14:30 is 1.5 h.
        assert cal.business_seconds("2025-06-16T11:00", "2025-06-16T14:30") == int(2.5 * H)
        assert cal.add_business_seconds("2025-06-16T11:00", 2 * H) == local("2025-06-16T14:00")

    def test_naive_and_aware_instants_agree(self) -> None:
        cal = office("08:00", "18:00")
        aware = dt.datetime(2025, 6, 16, 6, 0, tzinfo=dt.UTC)  # 08:00 CEST
        assert cal.business_seconds(aware, "2025-06-16T09:00") == H
        assert cal.business_seconds("2025-06-16T06:00:00Z", "2025-06-16T09:00+02:00") == H


class TestHolidays:
    def test_nl_public_holidays_2025(self) -> None:
        cal = office("09:00", "17:00", public_holidays={"country": "NL"})
        # Koningsdag 2025 falls on Saturday 26 April (27 April is a Sunday); Bevrijdingsdag is
        # generated for Monday 5 May 2025 by the holidays package, so Friday 2 May 16:00 + 2 h
        # runs into Tuesday 6 May.
        assert cal.add_business_seconds("2025-05-02T16:00", 2 * H) == local("2025-05-06T10:00")
        # Christmas Thursday 25 and Friday 26 December 2025: Wednesday 24th 16:00 + 2 h → Monday 29th.
        assert cal.add_business_seconds("2025-12-24T16:00", 2 * H) == local("2025-12-29T10:00")

    def test_be_national_day(self) -> None:
        cal = office("09:00", "17:00", "Europe/Brussels", public_holidays={"country": "BE"})
        # 21 July 2025 (Monday) is the Belgian national day.
        assert cal.business_seconds("2025-07-21T00:00", "2025-07-22T00:00") == 0
        assert cal.business_seconds("2025-07-22T00:00", "2025-07-23T00:00") == 8 * H

    def test_range_across_new_year_and_yearly_dates(self) -> None:
        cal = office("09:00", "17:00", holidays=[{"from": "2025-12-24", "to": "2026-01-02"}])
        assert cal.add_business_seconds("2025-12-23T16:00", 2 * H) == local("2026-01-05T10:00")
        yearly = office("09:00", "17:00", holidays=[{"from": "--12-24", "to": "--01-02"}, "--06-17"])
        for year in (2024, 2031):
            jan2 = dt.date(year + 1, 1, 2)
            assert not yearly.is_working_day(jan2)
            assert not yearly.is_working_day(dt.date(year, 12, 24))
            assert yearly.is_working_day(dt.date(year + 1, 1, 5)) == (dt.date(year + 1, 1, 5).weekday() < 5)
        assert not yearly.is_working_day(dt.date(2025, 6, 17))  # a Tuesday, closed every year

    def test_yearly_february_29_only_in_leap_years(self) -> None:
        cal = office("00:00", "24:00", holidays=["--02-29"])
        assert not cal.is_working_day(dt.date(2028, 2, 29))
        assert cal.is_working_day(dt.date(2027, 3, 1))


class TestDaylightSaving:
    def test_full_days_last_23_and_25_hours(self) -> None:
        cal = Calendar.from_dict({"timezone": AMS, "weekly": {"sun": [["00:00", "24:00"]]}})
        assert cal.business_seconds("2025-03-30T00:00", "2025-03-31T00:00") == 23 * H
        assert cal.business_seconds("2025-10-26T00:00", "2025-10-27T00:00") == 25 * H

    def test_skipped_hour_counts_nothing(self) -> None:
        cal = Calendar.from_dict({"timezone": AMS, "weekly": {"sun": [["01:30", "03:30"]]}})
        # 01:30–02:00 CET and 03:00–03:30 CEST are real; 02:00–03:00 never happens.
        assert cal.business_seconds("2025-03-30T00:00", "2025-03-31T00:00") == H

    def test_repeated_hour_counts_twice(self) -> None:
        cal = Calendar.from_dict({"timezone": AMS, "weekly": {"sun": [["02:00", "02:30"]]}})
        assert cal.business_seconds("2025-10-26T00:00", "2025-10-27T00:00") == H

    def test_office_hours_over_the_change_weekend(self) -> None:
        cal = office("08:00", "18:00")
        # Friday 28 March 17:00 CET → Monday 31 March 09:00 CEST: 1 h + 1 h.
        assert cal.business_seconds("2025-03-28T17:00", "2025-03-31T09:00") == 2 * H
        assert cal.add_business_seconds("2025-03-28T17:00", 2 * H).utcoffset() == dt.timedelta(hours=2)

    def test_midnight_change_in_santiago(self) -> None:
        # Chile moved clocks back from 00:00 to 23:00 on 6 April 2025 (Saturday night → the 5th's
        # last hour repeats); Saturday 00:00–24:00 therefore lasts 25 hours.
        cal = Calendar.from_dict({"timezone": "America/Santiago", "weekly": {"sat": [["00:00", "24:00"]]}})
        start = dt.datetime(2025, 4, 5, 3, 0, tzinfo=dt.UTC)  # 00:00 -03 on Saturday
        end = dt.datetime(2025, 4, 6, 4, 0, tzinfo=dt.UTC)  # Sunday 00:00 -04
        assert cal.business_seconds(start, end) == 25 * H


class TestLongSpans:
    def test_decade_of_weekdays(self) -> None:
        cal = office("09:00", "17:00")
        # 2020-01-01 … 2030-01-01: 3653 days = 521 whole weeks + 6 days; the 6 extra days are
        # Wed 1 … Mon 6 January 2020, of which Wed, Thu, Fri and Mon are weekdays.
        assert cal.business_seconds("2020-01-01T00:00", "2030-01-01T00:00") == (521 * 5 + 4) * 8 * H

    def test_add_far_ahead_extends_the_table(self) -> None:
        cal = office("09:00", "17:00")
        due = cal.add_business_seconds("2025-01-06T09:00", 5 * 52 * 5 * 8 * H)  # 260 weeks
        # Monday 6 Jan 2025 + 260 weeks is Monday 31 Dec 2029 09:00, but the target is already
        # reached at the close of the Friday before: the earliest instant wins.
        assert due == local("2029-12-28T17:00")


class TestErrors:
    @pytest.mark.parametrize(("spec", "field"), [
        ({"timezone": "Mars/Base", "weekly": {}}, "timezone"),
        ({"timezone": AMS, "weekly": {"mon": [["08:00", "25:00"]]}}, "weekly.mon[0][1]"),
        ({"timezone": AMS, "weekly": {"mon": [["18:00", "08:00"]]}}, "weekly.mon[0]"),
        ({"timezone": AMS, "weekly": {"mon": [["24:00", "24:00"]]}}, "weekly.mon[0][0]"),
        ({"timezone": AMS, "weekly": {"maandag": []}}, "weekly.maandag"),
        ({"timezone": AMS, "weekly": {}, "holidays": ["2025-13-01"]}, "holidays[0]"),
        ({"timezone": AMS, "weekly": {}, "holidays": [{"from": "2025-12-24"}]}, "holidays[0]"),
        ({"timezone": AMS, "weekly": {}, "holidays": [{"from": "2026-01-02", "to": "2025-12-24"}]},
         "holidays[0].to"),
        ({"timezone": AMS, "weekly": {}, "holidays": ["--02-30"]}, "holidays[0]"),
        ({"timezone": AMS, "weekly": {}, "public_holidays": {"country": "XX"}}, "public_holidays.country"),
        ({"timezone": AMS, "weekly": {}, "public_holidays": {"country": "BE", "subdiv": "Mars"}},
         "public_holidays.subdiv"),
        ({"timezone": AMS}, "weekly"),
        ({"timezone": AMS, "weekly": {}, "colour": "red"}, "colour"),
    ])
    def test_bad_calendar_names_the_field(self, spec: dict, field: str) -> None:
        with pytest.raises(SLAInputError) as info:
            Calendar.from_dict(spec)
        assert info.value.field == field

    def test_no_open_hours_cannot_reach_a_due(self) -> None:
        cal = Calendar.from_dict({"timezone": AMS, "weekly": {}})
        assert cal.business_seconds("2025-01-01", "2026-01-01") == 0
        with pytest.raises(SLAInputError):
            cal.add_business_seconds("2025-01-01T00:00", 60)

    def test_out_of_range_year(self) -> None:
        with pytest.raises(SLAInputError):
            office("09:00", "17:00").business_seconds("1800-01-01T00:00", "2025-01-01T00:00")


def test_24x7_and_round_trip_of_the_json_form() -> None:
    always = Calendar.from_dict("24x7")
    assert always.business_seconds("2025-03-30T00:00Z", "2025-03-31T00:00Z") == 24 * H
    assert always.to_dict() == "24x7"
    spec = {"timezone": AMS, "weekly": {"mon": [["08:00", "12:00"], ["13:00", "17:30"]], "tue": [],
                                        "wed": [], "thu": [], "fri": [], "sat": [], "sun": []},
            "holidays": ["2025-12-25", {"from": "2025-12-24", "to": "2026-01-02"}, "--04-27"],
            "public_holidays": {"country": "NL"}}
    assert Calendar.from_dict(Calendar.from_dict(spec).to_dict()) == Calendar.from_dict(spec)
    assert Calendar.from_dict(spec).to_dict()["weekly"]["mon"] == [["08:00", "12:00"], ["13:00", "17:30"]]
