"""Writes: validation by field, nothing half-written, audit events with from → to values, lifecycle."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent
from ketenwacht.suppliers import lifecycle, services
from ketenwacht.suppliers.models import Contact, Service, Supplier, SupplierStatusChange

pytestmark = pytest.mark.django_db


def test_create_normalises_and_audits(org, actor) -> None:  # noqa: ANN001
    s = services.supplier_create(
        organisation=org, actor=actor, name="  Proximus ", country="be",
        enterprise_number="BE 0202 239 951", vat_number="be0202239951", data_countries="be nl",
    )
    assert (s.name, s.country, s.enterprise_number, s.vat_number) == ("Proximus", "BE", "0202.239.951", "BE0202239951")
    assert s.data_countries == "BE, NL"
    event = AuditEvent.objects.get(object_type="suppliers.supplier", object_id=str(s.pk))
    assert event.action == "create"
    assert event.changes["name"] == [None, "Proximus"]
    assert event.actor == actor.user and event.via == "web"
    step = SupplierStatusChange.objects.get(supplier=s)
    assert (step.from_status, step.to_status) == ("", "prospect")


def test_invalid_create_writes_nothing_and_names_fields(org, actor) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info:
        services.supplier_create(
            organisation=org, actor=actor, name="", country="BE", enterprise_number="0202.239.952",
            website="not a url", criticality="extreme", dpa_status="signed",
        )
    errors = info.value.message_dict
    assert {"name", "enterprise_number", "website", "criticality", "dpa_signed_on"} <= set(errors)
    assert Supplier.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert SupplierStatusChange.objects.count() == 0


def test_unique_name_case_insensitive_and_enterprise_number(org, other_org, actor) -> None:  # noqa: ANN001
    services.supplier_create(organisation=org, actor=actor, name="Acme", country="NL", enterprise_number="17001910")
    with pytest.raises(ValidationError) as info:
        services.supplier_create(organisation=org, actor=actor, name="ACME", country="NL", enterprise_number="1700 1910")
    assert set(info.value.message_dict) == {"name", "enterprise_number"}
    # another organisation may register the same supplier
    services.supplier_create(organisation=other_org, actor=actor, name="Acme", country="NL", enterprise_number="17001910")


def test_belgian_vat_must_match_enterprise_number(org, actor) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info:
        services.supplier_create(
            organisation=org, actor=actor, name="X", country="BE",
            enterprise_number="0202.239.951", vat_number="BE0400378485",
        )
    assert list(info.value.message_dict) == ["vat_number"]


def test_update_records_from_to_values_only_for_changed_fields(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier(name="Acme", criticality="medium", city="Gent")
    services.supplier_update(supplier=s, actor=actor, criticality="critical", city="Gent")
    event = AuditEvent.objects.filter(object_id=str(s.pk), action="update").get()
    assert event.changes == {"criticality": ["medium", "critical"]}
    s.refresh_from_db()
    assert s.criticality == "critical"
    # no change → no event
    services.supplier_update(supplier=s, actor=actor, criticality="critical")
    assert AuditEvent.objects.filter(object_id=str(s.pk), action="update").count() == 1


def test_invalid_update_leaves_object_and_db_unchanged(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier(name="Acme", city="Gent")
    with pytest.raises(ValidationError):
        services.supplier_update(supplier=s, actor=actor, city="Brugge", website="nope")
    assert s.city == "Gent"
    s.refresh_from_db()
    assert s.city == "Gent"
    assert not AuditEvent.objects.filter(action="update").exists()


def test_unknown_field_is_a_programming_error(make_supplier, actor) -> None:  # noqa: ANN001
    with pytest.raises(TypeError):
        services.supplier_update(supplier=make_supplier(), actor=actor, colour="red")


@pytest.mark.parametrize(
    "start, to, allowed",
    [
        ("prospect", "screening", True),
        ("prospect", "active", True),  # forwards, skipping steps
        ("active", "onboarding", True),  # back one step
        ("active", "screening", False),  # back two steps
        ("active", "prospect", False),
        ("prospect", "ended", True),  # always
        ("screening", "exiting", True),  # always
        ("ended", "exiting", True),
        ("ended", "active", False),
        ("active", "active", False),
        ("active", "bogus", False),
    ],
)
def test_transitions(start: str, to: str, allowed: bool) -> None:
    s = Supplier(status=start)
    assert (lifecycle.check_status_transition(s, to) == []) is allowed


def test_change_status_records_step_and_audit(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier()
    change = services.supplier_change_status(supplier=s, actor=actor, to_status="screening", reason="offerte ontvangen")
    assert (change.from_status, change.to_status, change.reason) == ("prospect", "screening", "offerte ontvangen")
    assert change.changed_by == actor.user
    s.refresh_from_db()
    assert s.status == "screening" and s.status_changed_at == change.changed_at
    event = AuditEvent.objects.get(object_id=str(s.pk), action="update")
    assert event.changes["status"] == ["prospect", "screening"]
    assert event.remark == "offerte ontvangen"


def test_refused_status_change_explains_and_writes_nothing(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier(status="active")
    with pytest.raises(ValidationError) as info:
        services.supplier_change_status(supplier=s, actor=actor, to_status="prospect")
    assert "status" in info.value.message_dict
    assert "one step" in info.value.message_dict["status"][0]
    assert SupplierStatusChange.objects.filter(supplier=s).count() == 1  # only the initial step
    s.refresh_from_db()
    assert s.status == "active"


def test_future_status_date_refused(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier()
    with pytest.raises(ValidationError) as info:
        services.supplier_change_status(
            supplier=s, actor=actor, to_status="screening", changed_at=timezone.now() + dt.timedelta(days=2)
        )
    assert "changed_at" in info.value.message_dict


def test_registered_check_can_refuse(make_supplier, actor) -> None:  # noqa: ANN001
    def no_active(supplier: Supplier, to_status: str) -> list[str]:
        return ["policy says no"] if to_status == "active" else []

    lifecycle.register_transition_check(no_active)
    try:
        s = make_supplier(status="onboarding")
        with pytest.raises(ValidationError) as info:
            services.supplier_change_status(supplier=s, actor=actor, to_status="active")
        assert "policy says no" in info.value.message_dict["status"]
        services.supplier_change_status(supplier=s, actor=actor, to_status="ended")
    finally:
        lifecycle.unregister_transition_check(no_active)


def test_update_with_status_goes_through_lifecycle(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier(status="active")
    with pytest.raises(ValidationError) as info:
        services.supplier_update(supplier=s, actor=actor, status="prospect", city="Gent")
    assert "status" in info.value.message_dict
    services.supplier_update(supplier=s, actor=actor, status="exiting")
    assert list(s.status_changes.values_list("to_status", flat=True)) == ["active", "exiting"]


def test_services_and_contacts_audited_with_supplier_as_parent(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier()
    svc = services.service_create(supplier=s, actor=actor, name="Hosting", kind="service")
    con = services.contact_create(supplier=s, actor=actor, name="Jan", role="incident_contact", phone="+32 2 123 45 67",
                                  reachability="24x7", languages="NL fr")
    assert con.languages == "nl, fr"
    services.service_update(service=svc, actor=actor, kind="both")
    services.contact_delete(contact=con, actor=actor)
    events = AuditEvent.objects.filter(parent_type="suppliers.supplier", parent_id=str(s.pk)).order_by("id")
    assert [(e.object_type, e.action) for e in events] == [
        ("suppliers.service", "create"), ("suppliers.contact", "create"),
        ("suppliers.service", "update"), ("suppliers.contact", "delete"),
    ]
    assert events[2].changes == {"kind": ["service", "both"]}


def test_service_name_unique_per_supplier(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier()
    services.service_create(supplier=s, actor=actor, name="Hosting")
    with pytest.raises(ValidationError) as info:
        services.service_create(supplier=s, actor=actor, name="hosting")
    assert "name" in info.value.message_dict
    services.service_create(supplier=make_supplier(), actor=actor, name="Hosting")


def test_contact_needs_a_way_to_reach_and_valid_values(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier()
    with pytest.raises(ValidationError) as info:
        services.contact_create(supplier=s, actor=actor, name="Piet", role="dpo")
    assert "email" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.contact_create(supplier=s, actor=actor, name="Piet", role="boss", email="x", phone="12")
    assert {"role", "email", "phone"} <= set(info.value.message_dict)
    assert Contact.objects.count() == 0


def test_delete_supplier_audits_children(make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier()
    services.service_create(supplier=s, actor=actor, name="Hosting")
    services.contact_create(supplier=s, actor=actor, name="Jan", role="dpo", email="jan@example.org")
    pk = str(s.pk)
    services.supplier_delete(supplier=s, actor=Actor(user=actor.user, via="cli"))
    assert not Supplier.objects.exists() and not Service.objects.exists() and not Contact.objects.exists()
    deletes = AuditEvent.objects.filter(action="delete")
    assert deletes.count() == 3
    assert deletes.filter(object_type="suppliers.supplier", object_id=pk, via="cli").exists()
    assert deletes.filter(parent_id=pk).count() == 2
