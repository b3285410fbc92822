"""Imports of real-shaped ticket-system exports: TOPdesk, GLPI, Jira Service Management."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent
from ketenwacht.performance.importing import ImportFileError, Layout, import_records
from ketenwacht.performance.models import Incident, Outage
from tests.contracts.helpers import local, make_contract, make_service

TOPDESK_CSV = (
    "Incidentnummer;Korte omschrijving (Details);Prioriteit;Aanmelddatum;Reactiedatum;Datum gereed;Status\r\n"
    "I 2503 001;Mail komt niet aan;P1 Kritiek;03-03-2025 16:30;04-03-2025 08:20;04-03-2025 12:00;Afgemeld\r\n"
    "I 2503 002;Printer op 2e verdieping;3 - Normaal;05-03-2025 09:15;05-03-2025 10:00;;In behandeling\r\n"
    "I 2503 003;VPN traag;Hoog;30-03-2025 01:30;30-03-2025 03:10;30-03-2025 04:00;Afgemeld\r\n"
)
GLPI_CSV = (
    "ID;Title;Status;Opening date;Resolution date;Priority;Category\n"
    "1 234;Website onbereikbaar;Solved;2025-03-12 10:00;2025-03-14 09:00;Very high;Hosting\n"
    "1 235;Certificaat verlopen;Closed;2025-03-13 11:00;2025-03-13 15:30;Medium;\n"
)
JIRA_CSV = (
    "Summary,Issue key,Issue id,Issue Type,Status,Priority,Created,Resolved,"
    "Custom field ([CHART] Date of First Response)\n"
    '"VPN down, all users",ITSM-12,10012,Incident,Resolved,Highest,07/Mar/25 4:00 PM,10/Mar/25 12:00 PM,'
    "07/Mar/25 6:00 PM\n"
)


@pytest.fixture
def contract(org):  # noqa: ANN001, ANN201
    c = make_contract(org)
    make_service(c.supplier, "Hosting")
    c.services.set(c.supplier.services.all())
    return c


def _run(contract, data: str | bytes, preset: str, filename: str = "export.csv", dry_run: bool = False):  # noqa: ANN001, ANN202
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return import_records(contract=contract, actor=Actor.system(), data=payload, filename=filename,
                          layout=Layout.from_preset(preset), dry_run=dry_run)


@pytest.mark.django_db
def test_topdesk_export_imports_with_local_times(contract) -> None:  # noqa: ANN001
    result = _run(contract, TOPDESK_CSV, "topdesk")
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    first = Incident.objects.get(contract=contract, external_reference="I 2503 001")
    assert first.priority == "P1"
    assert first.reported_at == local(2025, 3, 3, 16, 30)
    assert first.first_response_at == local(2025, 3, 4, 8, 20)
    assert first.resolved_at == local(2025, 3, 4, 12, 0)
    assert first.description == "Mail komt niet aan"
    second = Incident.objects.get(external_reference="I 2503 002")
    assert (second.priority, second.resolved_at) == ("P3", None)
    # 30 March 2025 01:30 and 04:00 Brussels lie either side of the switch to summer time: 1.5 h apart.
    third = Incident.objects.get(external_reference="I 2503 003")
    assert third.priority == "P2"
    assert (third.resolved_at - third.reported_at).total_seconds() == 1.5 * 3600
    assert AuditEvent.objects.filter(object_type="performance.incident", action="create").count() == 3


@pytest.mark.django_db
def test_second_import_of_the_same_file_changes_nothing(contract) -> None:  # noqa: ANN001
    _run(contract, TOPDESK_CSV, "topdesk")
    again = _run(contract, TOPDESK_CSV, "topdesk")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Incident.objects.filter(contract=contract).count() == 3


@pytest.mark.django_db
def test_corrected_file_updates_the_row(contract) -> None:  # noqa: ANN001
    _run(contract, TOPDESK_CSV, "topdesk")
    fixed = TOPDESK_CSV.replace("05-03-2025 10:00;;In behandeling", "05-03-2025 10:00;06-03-2025 11:00;Afgemeld")
    result = _run(contract, fixed, "topdesk")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert result.preview[1]["changes"] == ["resolved_at"]
    assert Incident.objects.get(external_reference="I 2503 002").resolved_at == local(2025, 3, 6, 11, 0)


@pytest.mark.django_db
def test_dry_run_writes_nothing(contract) -> None:  # noqa: ANN001
    result = _run(contract, TOPDESK_CSV, "topdesk", dry_run=True)
    assert result.ok and result.created == 3
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_any_bad_row_aborts_and_every_error_is_listed(contract) -> None:  # noqa: ANN001
    bad = TOPDESK_CSV + (
        "I 2503 004;Opgelost voor gemeld;P2;10-03-2025 12:00;;10-03-2025 09:00;Afgemeld\r\n"
        "I 2503 005;Kapotte datum;P2;31-02-2025 12:00;;;Nieuw\r\n"
        "I 2503 006;Zonder prioriteit;;10-03-2025 12:00;;;Nieuw\r\n"
        "I 2503 001;Dubbel;P1;10-03-2025 12:00;;;Nieuw\r\n"
    )
    result = _run(contract, bad, "topdesk")
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(5, "Datum gereed"), (6, "Aanmelddatum"), (7, "Prioriteit"), (8, "Incidentnummer")}
    assert "before it was reported" in str(result.errors[0])
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_times_compared_as_instants_across_the_dst_gap(contract) -> None:  # noqa: ANN001
    """30 March 2025: 02:30 does not exist in Brussels; read as 01:30 UTC, it lies after 03:10 (01:10 UTC)."""
    data = ("Incidentnummer;Korte omschrijving (Details);Prioriteit;Aanmelddatum;Reactiedatum;Datum gereed\r\n"
            "D-1;Nacht;P1;30-03-2025 02:30;30-03-2025 03:10;30-03-2025 04:00\r\n")
    result = _run(contract, data, "topdesk")
    assert [(e.row, e.column) for e in result.errors] == [(2, "Reactiedatum")]
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_missing_column_is_named(contract) -> None:  # noqa: ANN001
    result = _run(contract, "Nummer;Omschrijving\n1;x\n", "topdesk")
    assert not result.ok
    assert any("priority" in e.message for e in result.errors)
    assert any("reported_at" in e.message for e in result.errors)


@pytest.mark.django_db
def test_glpi_export_as_xlsx(contract) -> None:  # noqa: ANN001
    book = Workbook()
    sheet = book.active
    for line in GLPI_CSV.strip().splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    result = _run(contract, buffer.getvalue(), "glpi", filename="glpi.xlsx")
    assert result.ok, result.errors
    website = Incident.objects.get(external_reference="1 234")
    assert (website.priority, website.service.name) == ("P1", "Hosting")
    assert website.resolved_at == local(2025, 3, 14, 9, 0)
    assert Incident.objects.get(external_reference="1 235").priority == "P3"


@pytest.mark.django_db
def test_jira_export_dates(contract) -> None:  # noqa: ANN001
    result = _run(contract, JIRA_CSV, "jira")
    assert result.ok, result.errors
    issue = Incident.objects.get(external_reference="ITSM-12")
    assert issue.priority == "P1"
    assert issue.description == "VPN down, all users"
    assert issue.reported_at == local(2025, 3, 7, 16, 0)
    assert issue.first_response_at == local(2025, 3, 7, 18, 0)
    assert issue.resolved_at == local(2025, 3, 10, 12, 0)


@pytest.mark.django_db
def test_outages_with_partial_weight_and_planned(contract) -> None:  # noqa: ANN001
    data = ("reference,start,end,planned,partial_weight,description\n"
            "o-1,2025-03-10T10:00:00+01:00,2025-03-10T11:00:00+01:00,nee,,Storing\n"
            "o-2,2025-03-15 02:00,2025-03-15 04:00,ja,,Onderhoud\n"
            "o-3,2025-03-20 12:00,2025-03-20 13:00,,50%,Traag\n")
    result = _run(contract, data, "ketenwacht-outages")
    assert result.ok, result.errors
    assert Outage.objects.get(external_reference="o-2").planned is True
    assert str(Outage.objects.get(external_reference="o-3").partial_weight) == "0.500"
    bad = data + "o-4,2025-03-21 12:00,2025-03-21 11:00,,,Terug in de tijd\n"
    again = _run(contract, bad, "ketenwacht-outages")
    assert [(e.row, e.column) for e in again.errors] == [(5, "end")]


@pytest.mark.django_db
def test_unreadable_files(contract) -> None:  # noqa: ANN001
    with pytest.raises(ImportFileError):
        _run(contract, b"", "topdesk")
    with pytest.raises(ImportFileError):
        _run(contract, b"PK\x03\x04garbage", "topdesk", filename="x.xlsx")
    with pytest.raises(ImportFileError):
        _run(contract, b"\x00\x01\x02binary", "topdesk")
