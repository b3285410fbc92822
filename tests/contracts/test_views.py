"""The contract pages through the Django test client: forms, errors by field, documents, roles."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ketenwacht.contracts.models import Contract, ContractDocument, SlaVersion
from ketenwacht.core.models import Role
from tests.contracts.helpers import make_contract, make_service, make_supplier, make_version, target
from tests.factories import make_member, verified_client
from tests.factories import make_organisation as make_org


@pytest.fixture
def client_editor(org, editor):  # noqa: ANN001, ANN201
    return verified_client(editor)


@pytest.mark.django_db
def test_pages_render(org, client_editor) -> None:  # noqa: ANN001
    contract = make_contract(org, end_date=dt.date.today() + dt.timedelta(days=60), notice_period_value=3)
    version = make_version(contract, targets=[target("P1", 1, 4)])
    for url in ("/contracts/", "/contracts/ending/", "/contracts/new/", f"/contracts/{contract.pk}/",
                f"/contracts/{contract.pk}/edit/", f"/contracts/{contract.pk}/sla/new/",
                f"/contracts/{contract.pk}/sla/{version.pk}/", f"/contracts/{contract.pk}/sla/{version.pk}/edit/",
                f"/contracts/{contract.pk}/sla/new/?copy={version.pk}", "/"):
        response = client_editor.get(url)
        assert response.status_code == 200, url
    ending = client_editor.get("/contracts/ending/").content.decode()
    assert contract.reference in ending


@pytest.mark.django_db
def test_create_contract_and_errors_name_the_field(org, client_editor) -> None:  # noqa: ANN001
    supplier = make_supplier(org, "Hostco")
    service = make_service(supplier, "Website")
    bad = client_editor.post("/contracts/new/", {
        "supplier": supplier.pk, "reference": "C-1", "title": "Hosting", "start_date": "2025-06-01",
        "end_date": "2025-01-01", "notice_period_unit": "months", "renewal": "none"})
    assert bad.status_code == 400
    assert "The end date lies before the start date." in bad.content.decode()
    assert not Contract.objects.exists()
    good = client_editor.post("/contracts/new/", {
        "supplier": supplier.pk, "reference": "C-1", "title": "Hosting", "start_date": "2025-01-01",
        "end_date": "2026-12-31", "notice_period_value": "3", "notice_period_unit": "months", "renewal": "tacit",
        "renewal_period_months": "12", "value_per_month": "1250,50", "services": [service.pk]})
    assert good.status_code == 302, good.content.decode()[:2000]
    contract = Contract.objects.get()
    assert contract.notice_deadline == dt.date(2026, 9, 30)
    assert str(contract.value_per_month) == "1250.50"
    assert list(contract.services.all()) == [service]


def _sla_post(**overrides: str) -> dict:
    data = {
        "label": "SLA 2025", "valid_from": "2025-01-01", "timezone": "Europe/Brussels",
        "availability_target_percent": "99,9", "availability_period": "month", "downtime_definition": "full_only",
        "maintenance": "excluded", "service_mode": "24x7", "support_mode": "weekly",
        "support_days": ["mon", "tue", "wed", "thu", "fri"], "support_opens": "08:00", "support_closes": "17:00",
        "support_holidays": "BE", "audit_right": "unknown",
        "t_P1_name": "Kritiek", "t_P1_response_value": "1", "t_P1_response_unit": "business_hours",
        "t_P1_resolution_value": "4", "t_P1_resolution_unit": "business_hours",
        "credit_1_below": "99,9", "credit_1_credit": "10", "mw_1_day": "sun", "mw_1_start": "02:00", "mw_1_end": "06:00",
        "wording_availability": "De leverancier streeft naar een beschikbaarheid van 99,9 %.",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_sla_form_stores_typed_terms(org, client_editor) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    response = client_editor.post(f"/contracts/{contract.pk}/sla/new/", _sla_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    version = SlaVersion.objects.get()
    assert str(version.availability_target_percent) == "99.9000"
    assert version.support_hours == {"timezone": "Europe/Brussels",
                                     "weekly": {d: [["08:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
                                     "public_holidays": {"country": "BE"}}
    assert version.service_hours == "24x7"
    assert version.maintenance_windows == [{"day": "sun", "start": "02:00", "end": "06:00"}]
    assert version.credit_tiers == [{"below_percent": 99.9, "credit_percent": 10}]
    target_row = version.priority_targets.get()
    assert (target_row.priority, target_row.name, str(target_row.resolution_value)) == ("P1", "Kritiek", "4.00")
    page = client_editor.get(f"/contracts/{contract.pk}/sla/{version.pk}/").content.decode()
    assert "streeft" in page  # the vague phrase is quoted in the finding
    assert "8 uur en 46 minuten" in page or "8 hours and 46 minutes" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "message"), [
    ({"availability_target_percent": "100,5"}, "A percentage must lie between 0 and 100."),
    ({"t_P1_resolution_value": "0,5"}, "The resolution target is shorter than the response target."),
    ({"valid_until": "2024-12-31"}, "The end of the validity period lies before its start."),
    ({"support_closes": "25:00"}, "This calendar cannot be used"),
])
def test_impossible_terms_are_refused(org, client_editor, overrides, message) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    response = client_editor.post(f"/contracts/{contract.pk}/sla/new/", _sla_post(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SlaVersion.objects.exists()


@pytest.mark.django_db
def test_overlapping_version_is_refused(org, client_editor) -> None:  # noqa: ANN001
    contract = make_contract(org, start_date=dt.date(2025, 1, 1))
    make_version(contract, valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2025, 12, 31))
    response = client_editor.post(f"/contracts/{contract.pk}/sla/new/",
                                  _sla_post(valid_from="2025-06-01", label="SLA 2"))
    assert response.status_code == 400
    assert "overlaps with SLA 1" in response.content.decode()
    assert SlaVersion.objects.count() == 1


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.django_db
def test_documents_are_checked_and_served_to_members_only(org, client_editor, other_org) -> None:  # noqa: ANN001
    contract = make_contract(org)
    url = f"/contracts/{contract.pk}/documents/"
    fake = client_editor.post(url, {"kind": "sla", "file": SimpleUploadedFile("sla.pdf", b"not a pdf")})
    assert fake.status_code == 400 and "not a PDF" in fake.content.decode()
    exe = client_editor.post(url, {"kind": "sla", "file": SimpleUploadedFile("x.exe", b"MZ")})
    assert exe.status_code == 400 and "Only PDF, DOCX and XLSX" in exe.content.decode()
    ok = client_editor.post(url, {"kind": "sla", "file": SimpleUploadedFile("SLA v2.docx", _docx())})
    assert ok.status_code == 302
    document = ContractDocument.objects.get()
    assert document.original_name == "SLA v2.docx"
    download = client_editor.get(f"/contracts/{contract.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == _docx()
    outsider = verified_client(make_member(other_org, Role.EDITOR))
    assert outsider.get(f"/contracts/{contract.pk}/documents/{document.pk}/").status_code == 404
    assert "/static/" not in document.file.path and "files" in document.file.path


@pytest.mark.django_db
def test_auditor_reads_but_cannot_write(org, auditor) -> None:  # noqa: ANN001
    contract = make_contract(org)
    client = verified_client(auditor)
    assert client.get(f"/contracts/{contract.pk}/").status_code == 200
    assert client.get("/contracts/new/").status_code == 403
    assert client.post(f"/contracts/{contract.pk}/delete/").status_code == 403
    assert Contract.objects.filter(pk=contract.pk).exists()


@pytest.mark.django_db
def test_other_organisations_contract_is_not_found(org, client_editor) -> None:  # noqa: ANN001
    other = make_contract(make_org("elders"))
    assert client_editor.get(f"/contracts/{other.pk}/").status_code == 404


@pytest.mark.django_db
def test_supplier_page_lists_contracts_with_notice_deadline(org, client_editor) -> None:  # noqa: ANN001
    contract = make_contract(org, end_date=dt.date(2030, 6, 30), notice_period_value=3, notice_period_unit="months")
    page = client_editor.get(f"/suppliers/{contract.supplier_id}/").content.decode()
    assert contract.reference in page and "2030-03-30" in page
