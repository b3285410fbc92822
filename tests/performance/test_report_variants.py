"""More hand-worked reports: a yearly target seen month by month, a quarter of monthly targets, time zones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ketenwacht.contracts.periods import Period
from ketenwacht.performance.models import Incident, IncidentPause, Outage
from ketenwacht.performance.reporting.build import sla_report
from ketenwacht.performance.selectors import contracts_status
from tests.contracts.helpers import local, make_contract, make_version
from tests.performance.test_report_known_answers import AS_OF, small_contract  # noqa: F401 (fixture)

UTC = dt.UTC


def _outage(contract, start, end, planned=False):  # noqa: ANN001, ANN202
    return Outage.objects.create(organisation=contract.organisation, contract=contract, started_at=start,
                                 ended_at=end, planned=planned)


@pytest.mark.django_db
def test_yearly_target_in_a_monthly_report(org) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    make_version(contract, availability_target_percent=Decimal("99.5"), availability_period="year",
                 maintenance="excluded")
    _outage(contract, local(2025, 2, 10, 10), local(2025, 2, 10, 14))           # 4 h
    _outage(contract, local(2025, 3, 9, 2), local(2025, 3, 9, 6), planned=True)  # maintenance: excluded
    _outage(contract, local(2025, 3, 20, 9), local(2025, 3, 20, 9, 30))          # 30 min
    report = sla_report(contract=contract, period=Period.parse("2025-03"), as_of=AS_OF)
    march = 743 * 3600
    # The month itself: 30 minutes of downtime.
    assert report["downtime_seconds"] == 1800
    assert report["availability_percent"] == pytest.approx(100 * (march - 1800) / march)
    # The measurement period is the year 2025 (365 days): so far 4 h 30 min of 0.5 % × 8,760 h = 43.8 h.
    (year,) = report["measurements"]
    assert (year["label"], year["complete"]) == ("2025", False)
    assert year["downtime_seconds"] == 16200
    assert year["allowed_downtime_seconds"] == pytest.approx(0.005 * 8760 * 3600)
    assert year["budget_used_percent"] == pytest.approx(100 * 16200 / (0.005 * 8760 * 3600))
    assert report["met"] is True and report["credit_amount"] == 0
    assert report["measurement_period"] == "year"


@pytest.mark.django_db
def test_quarter_of_monthly_targets_adds_up_credits(small_contract) -> None:  # noqa: F811, ANN001
    report = sla_report(contract=small_contract, period=Period.parse("2025-Q1"), as_of=AS_OF)
    labels = [(m["label"], m["met"], m["credit_amount"]) for m in report["measurements"]]
    # January: no outage. February (672 h, budget 2,419.2 s): the last hour of the 28th. March: 2.5 h.
    assert labels == [("2025-01", True, 0.0), ("2025-02", False, 100.0), ("2025-03", False, 100.0)]
    assert report["credit_amount"] == 200.0
    assert report["credit_percent"] == pytest.approx(6.67)  # EUR 200 of a quarter's EUR 3,000
    assert report["met"] is False
    assert [t["label"] for t in report["trend"]][-5:] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"]


@pytest.mark.django_db
def test_credit_cap(org) -> None:  # noqa: ANN001
    contract = make_contract(org, value_per_month=Decimal("2000"), start_date=dt.date(2025, 1, 1))
    make_version(contract, credit_tiers=[{"below_percent": 99.9, "credit_percent": 10},
                                         {"below_percent": 95, "credit_percent": 50}],
                 credit_cap_percent=Decimal("25"))
    _outage(contract, local(2025, 3, 3, 0), local(2025, 3, 6, 0))  # 3 days: below 95 %
    report = sla_report(contract=contract, period=Period.parse("2025-03"), as_of=AS_OF)
    assert report["availability_percent"] < 95
    assert (report["credit_percent"], report["credit_amount"], report["credit_capped"]) == (25.0, 500.0, True)


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "march_downtime"), [("UTC", 1800), ("Europe/Brussels", 0)])
def test_the_versions_time_zone_cuts_the_month(org, zone, march_downtime) -> None:  # noqa: ANN001
    """23:30–00:30 UTC on 31 March/1 April is 01:30–02:30 on 1 April in Brussels (summer time)."""
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    make_version(contract, timezone=zone)
    _outage(contract, dt.datetime(2025, 3, 31, 23, 30, tzinfo=UTC), dt.datetime(2025, 4, 1, 0, 30, tzinfo=UTC))
    report = sla_report(contract=contract, period=Period.parse("2025-03"), as_of=AS_OF)
    assert report["downtime_seconds"] == march_downtime
    assert report["period"]["timezone"] == zone


@pytest.mark.django_db
def test_ongoing_outage_counts_until_as_of(org) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    make_version(contract)
    _outage(contract, local(2025, 4, 2, 10, 0), None)
    report = sla_report(contract=contract, period=Period.parse("2025-04"), as_of=local(2025, 4, 2, 10, 45))
    assert report["downtime_seconds"] == 45 * 60
    assert report["complete"] is False


@pytest.mark.django_db
def test_partial_outage_with_weight(org) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    make_version(contract, downtime_definition="partial_weighted", partial_weight=None)
    Outage.objects.create(organisation=org, contract=contract, started_at=local(2025, 3, 5, 10),
                          ended_at=local(2025, 3, 5, 12), partial_weight=Decimal("0.25"))
    report = sla_report(contract=contract, period=Period.parse("2025-03"), as_of=AS_OF)
    assert report["downtime_seconds"] == pytest.approx(0.25 * 7200)


@pytest.mark.django_db
def test_contract_without_sla(org) -> None:  # noqa: ANN001
    contract = make_contract(org)
    _outage(contract, local(2025, 3, 5, 10), local(2025, 3, 5, 11))
    report = sla_report(contract=contract, period=Period.parse("2025-03"), as_of=AS_OF)
    assert report["target_percent"] is None and report["met"] is None
    assert report["downtime_seconds"] == 3600 and report["breaches"] == []


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(org, django_assert_max_num_queries) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2024, 1, 1))
    make_version(contract)
    others = [make_contract(org, start_date=dt.date(2024, 1, 1)) for _ in range(5)]
    for c in others:
        make_version(c)
    for day in range(1, 29):
        for c in (contract, *others):
            _outage(c, local(2025, 3, day, 10), local(2025, 3, day, 10, 5))
            inc = Incident.objects.create(organisation=org, contract=c, priority="P2",
                                          reported_at=local(2025, 3, day, 9), external_reference=f"{c.pk}-{day}")
            IncidentPause.objects.create(organisation=org, incident=inc, started_at=local(2025, 3, day, 9, 30),
                                         ended_at=local(2025, 3, day, 9, 45))
    with django_assert_max_num_queries(8):
        sla_report(contract=contract, period=Period.parse("2025-03"), as_of=AS_OF)
    with django_assert_max_num_queries(7):
        contracts_status(organisation=org, now=local(2025, 3, 29, 12))
