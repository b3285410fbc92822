"""Known-answer SLA reports for a small contract, worked out by hand (not by running the code).

March 2025 in Europe/Brussels has 743 hours (the clocks go forward on the 30th): 2,674,800 s.
A 99.9 % monthly target therefore allows 0.001 × 2,674,800 = 2,674.8 s of downtime.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ketenwacht.contracts.periods import Period
from ketenwacht.performance.models import Incident, IncidentPause, Outage
from ketenwacht.performance.reporting.build import sla_report
from tests.contracts.helpers import OFFICE, local, make_contract, make_version, target

MARCH_SECONDS = 743 * 3600
AS_OF = local(2025, 4, 2, 12, 0)


def _outage(contract, start, end, planned=False, weight=None, ref=""):  # noqa: ANN001, ANN202
    return Outage.objects.create(organisation=contract.organisation, contract=contract, started_at=start,
                                 ended_at=end, planned=planned, partial_weight=weight, external_reference=ref)


def _incident(contract, ref, priority, reported, responded=None, resolved=None):  # noqa: ANN001, ANN202
    return Incident.objects.create(organisation=contract.organisation, contract=contract, external_reference=ref,
                                   priority=priority, reported_at=reported, first_response_at=responded,
                                   resolved_at=resolved)


@pytest.fixture
def small_contract(org):  # noqa: ANN001, ANN201
    contract = make_contract(org, value_per_month=Decimal("1000.00"), start_date=local(2024, 1, 1).date())
    make_version(
        contract, availability_target_percent=Decimal("99.9"), availability_period="month",
        maintenance="excluded", downtime_definition="full_only", support_hours=OFFICE,
        credit_tiers=[{"below_percent": 99.9, "credit_percent": 10}, {"below_percent": 99.0, "credit_percent": 25}],
        credit_cap_percent=Decimal("20"),
        targets=[target("P1", 1, 4), target("P2", 4, 2, resolution_unit="working_days")],
    )
    # 1 h in March of an outage that starts on the last evening of February.
    _outage(contract, local(2025, 2, 28, 23, 0), local(2025, 3, 1, 1, 0), ref="o-1")
    # Two overlapping outages: their union 10:00–11:30 counts once, 5,400 s.
    _outage(contract, local(2025, 3, 10, 10, 0), local(2025, 3, 10, 11, 0), ref="o-2")
    _outage(contract, local(2025, 3, 10, 10, 30), local(2025, 3, 10, 11, 30), ref="o-3")
    # Planned maintenance is excluded; a partial outage does not count under "full outages only".
    _outage(contract, local(2025, 3, 15, 2, 0), local(2025, 3, 15, 4, 0), planned=True, ref="o-4")
    _outage(contract, local(2025, 3, 20, 12, 0), local(2025, 3, 20, 13, 0), weight=Decimal("0.5"), ref="o-5")

    # P1, Mon 3 March 16:30; response next morning 08:20 = 30 + 20 min (met); resolved 12:00 = 4 h 30 min of
    # business time, minus a one-hour pause 09:00–10:00 = 3 h 30 min ≤ 4 h (met only thanks to the pause).
    inc = _incident(contract, "INC-1", "P1", local(2025, 3, 3, 16, 30), local(2025, 3, 4, 8, 20),
                    local(2025, 3, 4, 12, 0))
    IncidentPause.objects.create(organisation=org, incident=inc, started_at=local(2025, 3, 4, 9, 0),
                                 ended_at=local(2025, 3, 4, 10, 0))
    # P1, Fri 7 March 16:00; response at 18:00 after closing = exactly 1 business hour (met);
    # resolved Mon 10 March 12:00 = 1 h + 4 h = 5 h > 4 h (breached).
    _incident(contract, "INC-2", "P1", local(2025, 3, 7, 16, 0), local(2025, 3, 7, 18, 0), local(2025, 3, 10, 12, 0))
    # P2, Wed 12 March 10:00; response 15:00 = 5 h > 4 h (breached); two working days → due Fri 14 10:00,
    # resolved 09:00 (met).
    _incident(contract, "INC-3", "P2", local(2025, 3, 12, 10, 0), local(2025, 3, 12, 15, 0), local(2025, 3, 14, 9, 0))
    # P2, Mon 31 March 16:00, nothing yet on Wed 2 April 12:00: response 1 + 9 + 4 = 14 business hours (breached);
    # resolution due Wed 2 April 16:00 = 18 business hours, 14 elapsed, 4 left < 25 % of 18 (at risk).
    _incident(contract, "INC-4", "P2", local(2025, 3, 31, 16, 0))
    # Reported in April: not part of the March report.
    _incident(contract, "INC-5", "P1", local(2025, 4, 1, 9, 0))
    return contract


@pytest.mark.django_db
def test_monthly_availability_known_answer(small_contract) -> None:  # noqa: ANN001
    report = sla_report(contract=small_contract, period=Period.parse("2025-03"), as_of=AS_OF)
    assert report["measured_seconds"] == MARCH_SECONDS
    assert report["downtime_seconds"] == 3600 + 5400
    assert report["allowed_downtime_seconds"] == pytest.approx(2674.8)
    assert report["availability_percent"] == pytest.approx(100 * (MARCH_SECONDS - 9000) / MARCH_SECONDS)
    assert report["longest_outage_seconds"] == 5400
    assert report["target_percent"] == 99.9
    assert report["met"] is False
    # Below 99.9 % (not below 99 %): 10 % of one month's fee of EUR 1,000.
    assert report["credit_percent"] == 10
    assert report["credit_amount"] == 100.0
    assert report["period"]["timezone"] == "Europe/Brussels"
    assert report["complete"] is True
    assert [b["term"] for b in report["breaches"]].count("availability") == 1


@pytest.mark.django_db
def test_monthly_incidents_known_answer(small_contract) -> None:  # noqa: ANN001
    report = sla_report(contract=small_contract, period=Period.parse("2025-03"), as_of=AS_OF)
    assert report["incident_count"] == 4
    p1, p2 = report["priorities"]["P1"], report["priorities"]["P2"]
    assert (p1["response"]["met"], p1["response"]["breached"]) == (2, 0)
    assert (p1["resolution"]["met"], p1["resolution"]["breached"]) == (1, 1)
    assert p1["resolution"]["slowest_seconds"] == 5 * 3600
    assert (p2["response"]["met"], p2["response"]["breached"]) == (0, 2)
    assert (p2["resolution"]["met"], p2["resolution"]["breached"], p2["resolution"]["at_risk"]) == (1, 0, 1)
    assert p2["response"]["slowest_seconds"] == 14 * 3600
    breached = sorted((b["term"], b["incident_reference"]) for b in report["breaches"] if b["term"] != "availability")
    assert breached == [("resolution", "INC-2"), ("response", "INC-3"), ("response", "INC-4")]


@pytest.mark.django_db
def test_pause_reaches_the_engine(small_contract) -> None:  # noqa: ANN001
    """Without its pause INC-1 would take 4 h 30 min against 4 h and be breached."""
    IncidentPause.objects.all().delete()
    report = sla_report(contract=small_contract, period=Period.parse("2025-03"), as_of=AS_OF)
    assert report["priorities"]["P1"]["resolution"]["breached"] == 2
