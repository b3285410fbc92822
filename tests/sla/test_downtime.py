"""The uptime calculator against the DTC seed's example (values derived by hand)."""

from __future__ import annotations

import pytest

from ketenwacht.sla import (
    SLAInputError,
    Window,
    allowed_downtime,
    describe_allowed_downtime,
    percent_for_downtime,
)
from ketenwacht.sla.downtime import downtime_table, format_duration


class TestSeedExample:
    """'Als een uptime van 99,9% per jaar wordt gegarandeerd, mogen je systemen er per jaar een ruime
    werkdag achter elkaar niet functioneel zijn. Als dit percentage per maand wordt berekend, is het
    minder dan één uur.'"""

    def test_per_year_under_every_convention(self) -> None:
        assert allowed_downtime(99.9, "year", "fixed") == pytest.approx(8 * 3600 + 45 * 60 + 36)  # 365 d
        assert allowed_downtime(99.9, "year", "average") == pytest.approx(31557.6)  # 365.25 d
        leap = Window.year(2024, "Europe/Amsterdam")
        assert allowed_downtime(99.9, "year", "exact", leap) == pytest.approx(8 * 3600 + 47 * 60 + 2.4)
        for convention in ("fixed", "average"):
            assert allowed_downtime(99.9, "year", convention) > 8 * 3600  # more than a working day

    def test_per_month_less_than_an_hour(self) -> None:
        feb = Window.month(2025, 2, "Europe/Amsterdam")
        jan = Window.month(2025, 1, "Europe/Amsterdam")
        assert allowed_downtime(99.9, "month", "exact", feb) == pytest.approx(40 * 60 + 19.2)
        assert allowed_downtime(99.9, "month", "exact", jan) == pytest.approx(44 * 60 + 38.4)
        assert allowed_downtime(99.9, "month", "average") == pytest.approx(43 * 60 + 49.8)
        assert allowed_downtime(99.9, "month", "fixed") == pytest.approx(43 * 60 + 12)
        assert all(row["average"] < 3600 for row in downtime_table(99.9) if row["period"] == "month")

    def test_plain_dutch(self) -> None:
        text = describe_allowed_downtime(99.9, "year", lang="nl")
        assert text.startswith("99,9 % per jaar")
        assert "8 uur en 46 minuten" in text and "een ruime werkdag" in text
        assert "44 minuten" in text and "minder dan één uur" in text

    def test_plain_english(self) -> None:
        text = describe_allowed_downtime(99.9, "month", lang="en")
        assert text.startswith("99.9% per month: about 44 minutes")
        assert "8 hours and 46 minutes" in text


def test_reverse() -> None:
    assert percent_for_downtime(8 * 3600 + 45 * 60 + 36, "year", "fixed") == pytest.approx(99.9)
    assert percent_for_downtime(0, "day") == 100.0
    with pytest.raises(SLAInputError):
        percent_for_downtime(2 * 86400, "day")


def test_other_periods() -> None:
    assert allowed_downtime(99.9, "day") == pytest.approx(86.4)
    assert allowed_downtime(99.9, "week") == pytest.approx(604.8)
    assert allowed_downtime(99.9, "quarter", "average") == pytest.approx(7889.4)
    assert allowed_downtime(99.9, "quarter", "fixed") == pytest.approx(7884.0)
    assert allowed_downtime(100, "year") == 0


def test_format_duration() -> None:
    assert format_duration(3 * 86400 + 15 * 3600 + 39 * 60 + 36, "nl") == "3 dagen, 15 uur en 40 minuten"
    assert format_duration(86.4, "nl") == "1 minuut en 26 seconden"
    assert format_duration(86.4, "en") == "1 minute and 26 seconds"
    assert format_duration(0, "en") == "no downtime"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"percent": 101}, "percent"), ({"percent": 99.9, "period": "decade"}, "period"),
    ({"percent": 99.9, "convention": "exact"}, "window"), ({"percent": 99.9, "convention": "rough"}, "convention"),
])
def test_bad_input(kwargs: dict, field: str) -> None:
    with pytest.raises(SLAInputError) as info:
        allowed_downtime(**kwargs)
    assert info.value.field == field
