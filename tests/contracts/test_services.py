"""Contract and SLA services: validation by field, nothing half-written, audit trail, engine inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ketenwacht.contracts import engine, services
from ketenwacht.contracts.models import Contract, SlaPriorityTarget, SlaVersion, add_months
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent
from tests.contracts.helpers import make_contract, make_service, make_supplier, make_version, target


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2025, 5, 31), -3) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 5, 31), -3) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 1, 15), -1) == dt.date(2024, 12, 15)


@pytest.mark.django_db
def test_notice_deadline(org) -> None:  # noqa: ANN001
    contract = make_contract(org, end_date=dt.date(2026, 5, 31), notice_period_value=3, notice_period_unit="months")
    assert contract.notice_deadline == dt.date(2026, 2, 28)
    contract.notice_period_unit = "weeks"
    assert contract.notice_deadline == dt.date(2026, 5, 10)


@pytest.mark.django_db
def test_contract_errors_name_fields_and_write_nothing(org, actor) -> None:  # noqa: ANN001
    supplier, other = make_supplier(org, "A"), make_supplier(org, "B")
    foreign = make_service(other, "Elders")
    make_contract(org, actor, supplier=supplier, reference="2025-ICT-1")
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.contract_create(organisation=org, actor=actor, supplier=supplier, reference="2025-ict-1",
                                 title="Dubbel", start_date=dt.date(2025, 2, 1), end_date=dt.date(2025, 1, 1),
                                 value_per_month=Decimal("-5"), services=[foreign])
    assert set(caught.value.message_dict) == {"reference", "end_date", "value_per_month", "services"}
    assert Contract.objects.count() == 1 and AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_contract_changes_are_audited_with_services(org, actor) -> None:  # noqa: ANN001
    supplier = make_supplier(org)
    web, mail = make_service(supplier, "Web"), make_service(supplier, "Mail")
    contract = make_contract(org, actor, supplier=supplier, services=[web])
    services.contract_update(contract=contract, actor=actor, services=[web, mail], title="Hosting en mail")
    event = AuditEvent.objects.filter(object_type="contracts.contract", action="update").get()
    assert event.changes["title"] == ["Hosting", "Hosting en mail"]
    assert event.changes["services"] == [["Web"], ["Mail", "Web"]]
    assert event.actor == actor.user


@pytest.mark.django_db
def test_adjacent_versions_allowed_overlapping_refused(org) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    make_version(contract, label="2025", valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2025, 12, 31))
    make_version(contract, label="2026", valid_from=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as caught:
        make_version(contract, label="tussen", valid_from=dt.date(2025, 12, 31), valid_until=dt.date(2025, 12, 31))
    assert "valid_from" in caught.value.message_dict
    with pytest.raises(ValidationError):
        make_version(contract, label="later", valid_from=dt.date(2030, 1, 1))  # the open-ended 2026 covers it
    assert SlaVersion.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "targets", "bad_field"), [
    ({"availability_target_percent": Decimal("101")}, [], "availability_target_percent"),
    ({"partial_weight": Decimal("1.5")}, [], "partial_weight"),
    ({"rpo_unit": "working_days"}, [], "rpo_unit"),
    ({"support_hours": {"weekly": {"mon": [["18:00", "08:00"]]}}}, [], "support_hours"),
    ({"support_hours": {"weekly": {"maandag": [["08:00", "18:00"]]}}}, [], "support_hours"),
    ({"credit_tiers": [{"below_percent": 120, "credit_percent": 10}]}, [], "credit_tiers"),
    ({"maintenance_windows": [{"day": "sun", "start": "06:00", "end": "02:00"}]}, [], "maintenance_windows"),
    ({}, [target("P1", 4, 1)], "priority_targets.0.resolution_value"),
    ({}, [target("P1", 2, 1, unit="working_days", resolution_unit="clock")], "priority_targets.0.resolution_value"),
    ({}, [target("P1", 1.5, 3, unit="working_days")], "priority_targets.0.response_value"),
    ({}, [target("P1", 1, 4), target("P1", 2, 8)], "priority_targets.1.priority"),
])
def test_impossible_terms_store_nothing(org, fields, targets, bad_field) -> None:  # noqa: ANN001
    contract = make_contract(org)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        make_version(contract, targets=targets, **fields)
    assert bad_field in caught.value.message_dict
    assert not SlaVersion.objects.exists() and not SlaPriorityTarget.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_terms_reach_the_engine_unchanged(org) -> None:  # noqa: ANN001
    contract = make_contract(org)
    office = {"weekly": {"mon": [["08:00", "12:00"], ["13:00", "17:00"]]}, "public_holidays": {"country": "NL"}}
    version = make_version(
        contract, timezone="Europe/Amsterdam", support_hours=office, service_hours="24x7", maintenance="counted",
        credit_tiers=[{"below_percent": 99.5, "credit_percent": 5}],
        targets=[target("P1", 0.25, 4), target("P2", 4, 3, resolution_unit="working_days"),
                 target("P3", 8, 40, unit="clock")])
    version = SlaVersion.objects.get(pk=version.pk)  # as stored
    calendar = engine.support_calendar(version)
    assert calendar.timezone == "Europe/Amsterdam"  # the version's zone, since the calendar names none
    assert calendar.to_dict()["weekly"]["mon"] == [["08:00", "12:00"], ["13:00", "17:00"]]
    assert calendar.to_dict()["public_holidays"] == {"country": "NL"}
    assert engine.service_calendar(version) is None
    targets = list(version.priority_targets.all())
    response, resolution = engine.response_targets(targets), engine.resolution_targets(targets)
    assert (response["P1"].response_seconds, response["P1"].unit) == (900, "business_hours")
    assert (resolution["P2"].resolution_seconds, resolution["P2"].unit) == (3 * 86400, "working_days")
    assert (resolution["P3"].resolution_seconds, resolution["P3"].unit) == (40 * 3600, "clock")
    options = engine.availability_options(version)
    assert options["maintenance"] == "counted" and options["target_percent"] == 99.9
    assert [(t.below_percent, t.credit_percent) for t in options["credits"]] == [(99.5, 5.0)]


@pytest.mark.django_db
def test_priority_targets_replaced_and_audited(org) -> None:  # noqa: ANN001
    contract = make_contract(org)
    version = make_version(contract, targets=[target("P1", 1, 4), target("P2", 4, 8)])
    services.sla_version_update(version=version, actor=Actor.system(), priority_targets=[target("P1", 1, 6)])
    assert [(t.priority, t.resolution_value) for t in version.priority_targets.all()] == [("P1", Decimal("6.00"))]
    kinds = set(AuditEvent.objects.filter(object_type="contracts.slaprioritytarget").values_list("action", flat=True))
    assert kinds == {"create", "update", "delete"}
