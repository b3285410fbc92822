"""The crisis list: who is on it, in which order, its checksum, the export record and staleness."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent, Organisation
from ketenwacht.suppliers import crisis, services
from ketenwacht.suppliers.models import Contact, CrisisListExport, Supplier

R = Contact.ContactRole


def _contact(supplier: Supplier, actor: Actor, role: str, name: str, always: bool = False, **extra: str) -> Contact:
    extra.setdefault("phone", "+32 2 123 45 67")
    reach = Contact.Reachability.ALWAYS if always else Contact.Reachability.HOURS
    return services.contact_create(supplier=supplier, actor=actor, role=role, name=name, reachability=reach, **extra)


@pytest.fixture
def listed(make_supplier: Callable[..., Supplier], actor: Actor) -> dict[str, Supplier]:
    """Suppliers on and off the list, created in an order unlike the expected one."""
    made = {
        "beta": make_supplier(name="Beta Hosting", criticality="critical", status="active"),
        "alpha": make_supplier(name="alpha Netwerk", criticality="critical", status="onboarding"),
        "flagged": make_supplier(name="Aardig Telecom", criticality="high", incident_relevant=True, status="active"),
        "low_flagged": make_supplier(name="Zeker DNS", criticality="low", incident_relevant=True),
        "high": make_supplier(name="Hoog Niet Gemarkeerd", criticality="high", status="active"),
        "ended": make_supplier(name="Oud Kritiek", criticality="critical", status="active"),
    }
    services.supplier_change_status(supplier=made["ended"], actor=actor, to_status="ended")
    return made


@pytest.mark.django_db
def test_only_critical_or_flagged_and_not_ended_ordered_by_criticality_then_name(
    org: Organisation, other_org: Organisation, listed: dict[str, Supplier], make_supplier: Callable[..., Supplier]
) -> None:
    make_supplier(organisation=other_org, name="Elders Kritiek", criticality="critical")
    names = [e.supplier.name for e in crisis.crisis_list(org).entries]
    assert names == ["alpha Netwerk", "Beta Hosting", "Aardig Telecom", "Zeker DNS"]


@pytest.mark.django_db
def test_escalation_chain_in_order_then_account_manager_and_dpo(
    org: Organisation, listed: dict[str, Supplier], actor: Actor
) -> None:
    s = listed["beta"]
    for role, name in [(R.ESCALATION_3, "Directie"), (R.DPO, "Privacy"), (R.SECURITY_OFFICER, "CSIRT"),
                       (R.ACCOUNT_MANAGER, "Accountbeheer"), (R.ESCALATION_1, "Servicemanager"),
                       (R.INCIDENT_CONTACT, "NOC"), (R.ESCALATION_2, "Operations")]:
        _contact(s, actor, role, name, always=role == R.INCIDENT_CONTACT)
    entry = next(e for e in crisis.crisis_list(org).entries if e.supplier == s)
    assert [c.name for c in entry.chain] == ["NOC", "Servicemanager", "Operations", "Directie", "CSIRT"]
    assert [c.name for c in entry.other_contacts] == ["Accountbeheer", "Privacy"]
    assert [(p, c.name) for p, c in entry.contacts][:2] == [(1, "NOC"), (2, "Servicemanager")]
    assert [c.name for c in entry.incident_contacts_24x7] == ["NOC"]


@pytest.mark.django_db
def test_only_24x7_incident_contacts_are_highlighted(org: Organisation, listed: dict[str, Supplier], actor: Actor) -> None:
    s = listed["beta"]
    _contact(s, actor, R.INCIDENT_CONTACT, "Kantooruren-meldpunt", always=False)
    _contact(s, actor, R.INCIDENT_CONTACT, "Nachtdienst", always=True)
    _contact(s, actor, R.ESCALATION_1, "Altijd bereikbaar maar geen meldpunt", always=True)
    cl = crisis.crisis_list(org)
    doc = crisis.crisis_document(cl, "0" * 64)
    contact_table = next(t for t in doc.tables() if t.key == "contacts")
    bold = [cells[3] for cells, emphasis in contact_table.iter_rows() if emphasis]
    assert bold == ["Nachtdienst"]


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_suppliers(
    org: Organisation, make_supplier: Callable[..., Supplier], actor: Actor, django_assert_max_num_queries
) -> None:
    for i in range(12):
        s = make_supplier(name=f"Kritiek {i}", criticality="critical")
        services.service_create(supplier=s, actor=actor, name="Hosting")
        _contact(s, actor, R.INCIDENT_CONTACT, "NOC", always=True)
        _contact(s, actor, R.ESCALATION_1, "Manager")
    with django_assert_max_num_queries(3):
        cl = crisis.crisis_list(org)
        rows = crisis.data_rows(cl)
    assert len(rows) == 24


def _parse_csv(data: bytes) -> tuple[dict[str, str], list[str], list[list[str]]]:
    """Read the CSV the way docs/crisis-list.md describes, without the project's code."""
    assert data.startswith(b"\xef\xbb\xbf")
    meta, header, rows = {}, None, []
    for row in csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")):
        if header is None and row and row[0].startswith("#"):
            key, _, value = row[0][1:].strip().partition(": ")
            meta[key] = value
        elif header is None:
            header = row
        else:
            rows.append([cell[1:] if cell.startswith("'") else cell for cell in row])
    assert header is not None
    return meta, header, rows


@pytest.mark.django_db
def test_checksum_recomputed_independently_from_the_csv_matches_every_format(
    org: Organisation, listed: dict[str, Supplier], actor: Actor
) -> None:
    s = listed["beta"]
    services.service_create(supplier=s, actor=actor, name="Hosting, € en ë", purpose="Servers")
    _contact(s, actor, R.INCIDENT_CONTACT, "NOC", always=True, phone="+32 3 760 10 10", email="noc@beta.example")
    _contact(s, actor, R.ESCALATION_1, "=Formule Man", email="f@beta.example", phone="")
    now = dt.datetime(2025, 3, 1, 13, 5, 9, 123456, tzinfo=dt.UTC)

    csv_export = crisis.crisis_list_export(organisation=org, actor=actor, export_format="csv", now=now)
    meta, header, rows = _parse_csv(csv_export.content)
    assert meta["organisation"] == "Gemeente A"
    assert meta["generated_at"] == "2025-03-01T13:05:09Z"
    canonical = json.dumps(
        {"format": meta["format"], "organisation": meta["organisation"], "generated_at": meta["generated_at"],
         "columns": header, "rows": rows},
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    ).encode("utf-8")
    expected = hashlib.sha256(canonical).hexdigest()
    assert meta["sha256"] == expected == csv_export.sha256 == csv_export.record.sha256

    # The rows themselves, written out by hand: chain order, codes, the formula kept as text.
    beta_rows = [r for r in rows if r[0] == "Beta Hosting"]
    assert [r[8:11] for r in beta_rows] == [["1", "incident_contact", "NOC"], ["2", "escalation_1", "=Formule Man"]]
    assert beta_rows[0][2:6] == ["critical", "false", "active", "Hosting, € en ë"]
    assert beta_rows[0][13] == "+32 3 760 10 10"
    assert [r[0] for r in rows] == ["alpha Netwerk", "Beta Hosting", "Beta Hosting", "Aardig Telecom", "Zeker DNS"]

    for fmt in ["pdf", "html", "xlsx"]:
        other = crisis.crisis_list_export(organisation=org, actor=actor, export_format=fmt, now=now)
        assert other.sha256 == expected
    pdf = crisis.crisis_list_export(organisation=org, actor=actor, export_format="pdf", now=now)
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Gemeente A" in text and expected in text.replace("\n", "")
    html = crisis.crisis_list_export(organisation=org, actor=actor, export_format="html", now=now).content.decode()
    assert expected in html and "https://" not in html and "http://" not in html and "src=" not in html


@pytest.mark.django_db
def test_checksum_changes_with_the_content(org: Organisation, listed: dict[str, Supplier], actor: Actor) -> None:
    now = timezone.now()
    before = crisis.crisis_checksum(crisis.crisis_list(org, now=now))
    services.supplier_update(supplier=listed["beta"], actor=actor, internal_owner="Team ICT")
    assert crisis.crisis_checksum(crisis.crisis_list(org, now=now)) != before


@pytest.mark.django_db
def test_export_records_who_how_and_what(org: Organisation, listed: dict[str, Supplier], actor: Actor) -> None:
    result = crisis.crisis_list_export(organisation=org, actor=actor, export_format="XLSX")
    record = CrisisListExport.objects.get()
    assert (record.format, record.via, record.exported_by, record.supplier_count) == ("xlsx", "web", actor.user, 4)
    assert record.sha256 == result.sha256 and len(result.sha256) == 64
    assert result.filename.startswith("crisis-list-gemeente-a-") and result.filename.endswith(".xlsx")
    assert result.content[:2] == b"PK"


@pytest.mark.django_db
def test_bad_format_or_failed_write_records_nothing(org: Organisation, listed: dict[str, Supplier], actor: Actor) -> None:
    with pytest.raises(ValidationError) as exc:
        crisis.crisis_list_export(organisation=org, actor=actor, export_format="docx")
    assert "format" in exc.value.message_dict

    def broken(_content: bytes) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        crisis.crisis_list_export(organisation=org, actor=actor, export_format="pdf", write=broken)
    assert not CrisisListExport.objects.exists()


@pytest.mark.django_db
def test_empty_list_still_exports(org: Organisation, actor: Actor) -> None:
    for fmt in crisis.FORMATS:
        result = crisis.crisis_list_export(organisation=org, actor=actor, export_format=fmt)
        assert result.record.supplier_count == 0 and result.content


# --- staleness -----------------------------------------------------------------------------------


def _age(export: CrisisListExport, days: float) -> None:
    CrisisListExport.objects.filter(pk=export.pk).update(created_at=timezone.now() - dt.timedelta(days=days))


@pytest.mark.django_db
def test_status_never_exported(org: Organisation, listed: dict[str, Supplier]) -> None:
    status = crisis.crisis_list_status(org)
    assert status.state == "never" and status.last_export is None and status.register_changed_at is not None


@pytest.mark.django_db
def test_status_current_then_changed_after_a_register_change(
    org: Organisation, listed: dict[str, Supplier], actor: Actor
) -> None:
    export = crisis.crisis_list_export(organisation=org, actor=actor, export_format="pdf").record
    status = crisis.crisis_list_status(org)
    assert status.state == "current" and status.is_current and status.last_export == export
    services.supplier_update(supplier=listed["high"], actor=actor, notes="Nieuw contract")
    status = crisis.crisis_list_status(org)
    assert status.changed_since_export and status.state == "changed"


@pytest.mark.django_db
def test_status_changed_after_a_contact_is_deleted(org: Organisation, listed: dict[str, Supplier], actor: Actor) -> None:
    contact = _contact(listed["beta"], actor, R.INCIDENT_CONTACT, "NOC", always=True)
    export = crisis.crisis_list_export(organisation=org, actor=actor, export_format="csv").record
    _age(export, 1)
    Supplier.objects.filter(organisation=org).update(updated_at=timezone.now() - dt.timedelta(days=2))
    Contact.objects.filter(organisation=org).update(updated_at=timezone.now() - dt.timedelta(days=2))
    AuditEvent.objects.filter(organisation=org).update(timestamp=timezone.now() - dt.timedelta(days=2))
    assert crisis.crisis_list_status(org).state == "current"
    services.contact_delete(contact=contact, actor=actor)  # leaves no row whose updated_at could tell
    assert crisis.crisis_list_status(org).state == "changed"


@pytest.mark.django_db
@pytest.mark.parametrize(("age_days", "state"), [(29, "current"), (31, "outdated")])
def test_status_outdated_after_max_age(
    org: Organisation, listed: dict[str, Supplier], actor: Actor, age_days: int, state: str
) -> None:
    assert org.crisis_list_max_age_days == 30
    export = crisis.crisis_list_export(organisation=org, actor=actor, export_format="html").record
    # The register's last change predates the export, so only the age can make it stale.
    for model in (Supplier, Contact):
        model.objects.filter(organisation=org).update(updated_at=timezone.now() - dt.timedelta(days=age_days + 5))
    AuditEvent.objects.filter(organisation=org).update(timestamp=timezone.now() - dt.timedelta(days=age_days + 5))
    _age(export, age_days)
    assert crisis.crisis_list_status(org).state == state
