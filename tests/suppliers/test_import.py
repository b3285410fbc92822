"""Import from CSV and XLSX: delimiters, encodings, Dutch headers, all-or-nothing, idempotent, dry run."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from ketenwacht.cli import main as cli_main
from ketenwacht.core.models import AuditEvent
from ketenwacht.suppliers.importing import ImportFileError, import_suppliers
from ketenwacht.suppliers.importing.reader import read_file
from ketenwacht.suppliers.importing.template import template_csv, template_xlsx
from ketenwacht.suppliers.models import Contact, Service, Supplier

pytestmark = pytest.mark.django_db

# Dutch headers, semicolons, as Dutch Excel writes them. Two rows for Alfa: the second adds a contact.
DUTCH_CSV = (
    "naam;ondernemingsnummer;land;kritikaliteit;status;ernstig_incident;dienst;dienst_soort;"
    "contact_naam;contact_rol;contact_telefoon;contact_bereikbaarheid\r\n"
    "Alfa Gegevensbeheer;0202 239 951;BE;kritiek;actief;ja;Hosting;dienst;Meldpunt;meldpunt;+32 2 123 45 67;24/7\r\n"
    "Alfa Gegevensbeheer;0202.239.951;;;;;;;Piet Peeters;escalatie 1;+32 2 765 43 21;kantooruren\r\n"
    "Bèta Netwerken;17001910;NL;hoog;onboarding;nee;Wifi;apparatuur;;;;\r\n"
)


def run(org, actor, data: bytes, filename: str = "f.csv", dry_run: bool = False):  # noqa: ANN001, ANN201
    return import_suppliers(organisation=org, actor=actor, data=data, filename=filename, dry_run=dry_run)


def test_dutch_csv_with_semicolons_and_bom(org, actor) -> None:  # noqa: ANN001
    result = run(org, actor, ("\ufeff" + DUTCH_CSV).encode("utf-8"))
    assert result.ok, result.errors
    alfa = Supplier.objects.get(enterprise_number="0202.239.951")
    assert (alfa.name, alfa.criticality, alfa.status, alfa.incident_relevant) == (
        "Alfa Gegevensbeheer", "critical", "active", True
    )
    assert list(alfa.services.values_list("name", "kind")) == [("Hosting", "service")]
    assert sorted(alfa.contacts.values_list("role", "reachability")) == [
        ("escalation_1", "hours"), ("incident_contact", "24x7")
    ]
    beta = Supplier.objects.get(name="Bèta Netwerken")
    assert (beta.country, beta.enterprise_number, beta.status) == ("NL", "17001910", "onboarding")
    assert beta.services.get().kind == "equipment"
    assert (result.suppliers.created, result.services.created, result.contacts.created) == (2, 2, 2)
    assert result.rows == 3


def test_cp1252_and_comma_with_english_headers(org, actor) -> None:  # noqa: ANN001
    text = "Name,Country,Criticality,Notes\r\nCafé Numérique,FR,low,\"a, b\"\r\n"
    result = run(org, actor, text.encode("cp1252"))
    assert result.ok, result.errors
    s = Supplier.objects.get()
    assert (s.name, s.country, s.notes) == ("Café Numérique", "FR", "a, b")


def test_utf8_without_bom(org, actor) -> None:  # noqa: ANN001
    assert run(org, actor, "naam;land\nÆrø IT;DK\n".encode()).ok
    assert Supplier.objects.get().name == "Ærø IT"


def test_xlsx_made_with_openpyxl(org, actor) -> None:  # noqa: ANN001
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Leverancier", "KBO", "Land", "Verwerkersovereenkomst", "Verwerkersovereenkomst getekend op",
                  "Persoonsgegevens", "Contact", "Rol", "E-mail"])
    # A KBO number typed as a number loses its leading zero; the 9-digit rule restores it.
    import datetime as dt
    sheet.append(["Gamma Software", 400378485, "BE", "getekend", dt.datetime(2024, 3, 1), "ja",
                  "Els", "DPO", "els@example.be"])
    sheet.append([None] * 9)  # blank row in between is skipped
    sheet.append(["Delta Print", None, "NL", None, None, "nee", None, None, None])
    out = io.BytesIO()
    workbook.save(out)
    result = run(org, actor, out.getvalue(), "leveranciers.xlsx")
    assert result.ok, result.errors
    gamma = Supplier.objects.get(name="Gamma Software")
    assert gamma.enterprise_number == "0400.378.485"
    assert (gamma.dpa_status, gamma.dpa_signed_on.isoformat(), gamma.processes_personal_data) == (
        "signed", "2024-03-01", True
    )
    assert gamma.contacts.get().role == "dpo"
    assert Supplier.objects.count() == 2


def test_bad_rows_reported_with_line_column_reason_and_nothing_written(org, actor) -> None:  # noqa: ANN001
    text = (
        "naam;ondernemingsnummer;land;kritikaliteit;contact_naam;contact_rol;contact_e_mail\n"
        "Goed BV;17001910;NL;hoog;Jan;dpo;jan@example.nl\n"  # line 2: fine
        "Fout BV;0202.239.952;BE;hoog;;;\n"  # line 3: check digits wrong
        "Ander BV;;NL;extreem;;;\n"  # line 4: unknown tier
        "Derde BV;;NL;laag;Piet;baas;piet@example.nl\n"  # line 5: unknown role
        "Vierde BV;;NL;laag;Kees;dpo;geen-mail\n"  # line 6: bad e-mail (found by the service)
        ";;NL;laag;;;\n"  # line 7: no name
    )
    result = run(org, actor, text.encode())
    assert not result.ok
    found = {(e.line, e.column) for e in result.errors}
    assert found == {
        (3, "ondernemingsnummer"), (4, "kritikaliteit"), (5, "contact_rol"), (6, "contact_e_mail"), (7, "naam"),
    }
    assert all(e.message for e in result.errors)
    assert Supplier.objects.count() == 0 and Contact.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_conflicting_rows_for_same_supplier(org, actor) -> None:  # noqa: ANN001
    text = "naam;land;kritikaliteit\nAlfa;NL;hoog\nalfa;NL;laag\n"
    result = run(org, actor, text.encode())
    assert [(e.line, e.column) for e in result.errors] == [(3, "kritikaliteit")]
    assert "2" in result.errors[0].message
    assert not Supplier.objects.exists()


def test_unknown_and_missing_columns(org, actor) -> None:  # noqa: ANN001
    result = run(org, actor, b"naam;kleur\nAlfa;rood\n")
    assert [(e.line, e.column) for e in result.errors] == [(1, "kleur")]
    result = run(org, actor, b"land\nNL\n")
    assert result.errors and result.errors[0].line == 1
    assert not Supplier.objects.exists()


def test_reimport_creates_no_duplicates_and_reports_unchanged(org, actor) -> None:  # noqa: ANN001
    data = DUTCH_CSV.encode()
    assert run(org, actor, data).ok
    events = AuditEvent.objects.count()
    again = run(org, actor, data)
    assert again.ok
    assert (Supplier.objects.count(), Service.objects.count(), Contact.objects.count()) == (2, 2, 2)
    assert (again.suppliers.created, again.suppliers.updated, again.suppliers.unchanged) == (0, 0, 2)
    assert (again.services.unchanged, again.contacts.unchanged) == (2, 2)
    assert AuditEvent.objects.count() == events  # nothing changed, nothing recorded


def test_reimport_matches_on_enterprise_number_then_name(org, actor, make_supplier) -> None:  # noqa: ANN001
    existing = make_supplier(name="Oude Naam", country="NL", enterprise_number="17001910")
    by_name = make_supplier(name="Zonder Nummer", country="NL")
    text = "naam;ondernemingsnummer;land;plaats\nNieuwe Naam;17001910;NL;Utrecht\nzonder nummer;;NL;Delft\n"
    result = run(org, actor, text.encode())
    assert result.ok, result.errors
    existing.refresh_from_db()
    by_name.refresh_from_db()
    assert (existing.name, existing.city) == ("Nieuwe Naam", "Utrecht")
    assert by_name.city == "Delft"
    assert Supplier.objects.count() == 2
    assert result.suppliers.updated == 2


def test_status_change_by_import_follows_lifecycle(org, actor, make_supplier) -> None:  # noqa: ANN001
    make_supplier(name="Alfa", country="NL", status="active")
    result = run(org, actor, b"naam;status\nAlfa;prospect\n")
    assert [(e.line, e.column) for e in result.errors] == [(2, "status")]
    assert Supplier.objects.get().status == "active"


def test_dry_run_writes_nothing(org, actor) -> None:  # noqa: ANN001
    result = run(org, actor, DUTCH_CSV.encode(), dry_run=True)
    assert result.ok and result.dry_run and not result.applied
    assert result.suppliers.created == 2
    assert not Supplier.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "data, name",
    [(b"", "x.csv"), (b"PK\x03\x04garbage", "x.xlsx"), (b"\x00\x01\x02", "x.csv"), (b"abc", "x.xls")],
)
def test_unreadable_files(data: bytes, name: str) -> None:
    with pytest.raises(ImportFileError):
        read_file(data, name)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_templates_import_cleanly(org, actor, language: str) -> None:  # noqa: ANN001
    assert run(org, actor, template_csv(language), "t.csv", dry_run=True).ok
    result = run(org, actor, template_xlsx(language), "t.xlsx")
    assert result.ok, result.errors
    assert result.suppliers.created == 2 and result.contacts.created == 3


def test_cli_import(org, tmp_path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "leveranciers.csv"
    path.write_bytes(DUTCH_CSV.encode())
    assert cli_main(["import", "suppliers", str(path), "--org", org.slug, "--dry-run"]) == 0
    assert not Supplier.objects.exists()
    assert cli_main(["import", "suppliers", str(path), "--org", org.slug]) == 0
    out = capsys.readouterr().out
    assert "2" in out
    assert Supplier.objects.count() == 2
    assert AuditEvent.objects.filter(via="cli").exists()
    path.write_bytes(b"naam;kritikaliteit\nAlfa;extreem\n")
    assert cli_main(["import", "suppliers", str(path), "--org", org.slug]) == 2
    err = capsys.readouterr().err
    assert "2" in err and "kritikaliteit" in err
    assert cli_main(["import", "suppliers", str(tmp_path / "missing.csv"), "--org", org.slug]) == 2
    assert cli_main(["import", "suppliers", str(path), "--org", "no-such-org"]) == 2
    assert Supplier.objects.count() == 2


def test_web_import_check_then_import(editor_client) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("suppliers:import")
    assert editor_client.get(url).status_code == 200
    upload = SimpleUploadedFile("lev.csv", DUTCH_CSV.encode(), content_type="text/csv")
    response = editor_client.post(url, {"action": "check", "file": upload})
    assert response.status_code == 200
    assert not Supplier.objects.exists()
    token = response.context["token"]
    assert token
    response = editor_client.post(url, {"action": "import", "token": token})
    assert response.status_code == 302
    assert Supplier.objects.count() == 2
    # the token is used up
    assert editor_client.post(url, {"action": "import", "token": token}).status_code == 400


def test_web_import_shows_errors(editor_client) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lev.csv", b"naam;land\nAlfa;Nederland\n", content_type="text/csv")
    response = editor_client.post(reverse("suppliers:import"), {"action": "check", "file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<td class=\"kw-num\">2</td>" in body and "land" in body
    assert not response.context["token"]


def test_web_import_too_large(editor_client, settings) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_UPLOAD_BYTES = 100
    upload = SimpleUploadedFile("lev.csv", b"naam\n" + b"x" * 200_000, content_type="text/csv")
    response = editor_client.post(reverse("suppliers:import"), {"action": "check", "file": upload})
    assert response.status_code == 413
    assert not Supplier.objects.exists()


@pytest.mark.parametrize("fmt, magic", [("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK\x03\x04")])
def test_template_download(editor_client, fmt: str, magic: bytes) -> None:  # noqa: ANN001
    response = editor_client.get(reverse("suppliers:import_template", args=[fmt]))
    assert response.status_code == 200 and response.content.startswith(magic)
    assert editor_client.get(reverse("suppliers:import_template", args=["pdf"])).status_code == 404


def test_web_import_too_large_while_reading(editor_client, settings) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_UPLOAD_BYTES = 1000  # declared size within the margin, refused while reading
    upload = SimpleUploadedFile("lev.csv", b"naam\n" + b"x\n" * 5000, content_type="text/csv")
    response = editor_client.post(reverse("suppliers:import"), {"action": "check", "file": upload})
    assert response.status_code == 413
    assert not Supplier.objects.exists()
