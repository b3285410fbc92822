"""The demo contracts and a year of performance data: what every screen needs on first start."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from ketenwacht.contracts.models import SlaVersion
from ketenwacht.contracts.periods import Period
from ketenwacht.core.audit import Actor
from ketenwacht.demo import contracts as demo_contracts
from ketenwacht.demo import performance as demo_performance
from ketenwacht.demo import suppliers as demo_suppliers
from ketenwacht.performance.models import Breach, Incident, Outage
from ketenwacht.performance.selectors import contracts_status


@pytest.mark.django_db
def test_demo_contracts_and_performance(org) -> None:  # noqa: ANN001
    actor = Actor.system()
    demo_suppliers.ensure_suppliers(org, actor)
    contracts = demo_contracts.ensure_contracts(org, actor)
    assert len(contracts) == 6
    versions = SlaVersion.objects.filter(contract__organisation=org)
    assert versions.filter(availability_target_percent=Decimal("99.9"), availability_period="month").exists()
    assert versions.filter(availability_target_percent=Decimal("99.5"), availability_period="year",
                           maintenance="excluded").exists()
    business = versions.get(contract__reference="2024-WP-021")
    assert {t.response_unit for t in business.priority_targets.all()} == {"business_hours"}
    assert business.priority_targets.count() == 4

    counts = demo_performance.ensure_performance(org, actor, contracts)
    assert counts["incidents"] > 300 and counts["outages"] > 50
    this_month = Period.containing("month", timezone.localdate())
    assert Incident.objects.filter(contract__organisation=org, reported_at__gte=this_month.window("Europe/Brussels").start
                                   - timezone.timedelta(days=31)).exists()
    assert not Incident.objects.filter(reported_at__gt=timezone.now()).exists()
    assert Breach.objects.filter(organisation=org, term="availability").exists()
    assert Breach.objects.filter(organisation=org, status="credited").exists()
    statuses = {s.contract.reference: s.status for s in contracts_status(organisation=org)}
    assert set(statuses) >= {"2022-ICT-014", "2024-WP-021"}

    # Running it again duplicates nothing.
    before = (Incident.objects.count(), Outage.objects.count(), Breach.objects.count())
    demo_performance.ensure_performance(org, actor, demo_contracts.ensure_contracts(org, actor))
    assert (Incident.objects.count(), Outage.objects.count(), Breach.objects.count()) == before
