"""The performance pages: report with charts and downloads, records, breach register, imports, webhooks."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from ketenwacht.core.models import Role
from ketenwacht.performance.models import Breach, Incident, Outage, WebhookEndpoint
from tests.factories import make_member, verified_client
from tests.performance.test_import import TOPDESK_CSV
from tests.performance.test_report_known_answers import small_contract  # noqa: F401 (fixture)


@pytest.fixture
def client(small_contract):  # noqa: F811, ANN001, ANN201
    return verified_client(make_member(small_contract.organisation, Role.EDITOR))


@pytest.mark.django_db
def test_report_page_with_charts_and_downloads(small_contract, client) -> None:  # noqa: F811, ANN001
    page = client.get(f"/performance/contracts/{small_contract.pk}/report/?period=2025-03")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<svg") == 2 and 'role="img"' in html
    assert "INC-2" in html  # a breached resolution, with its cause
    pdf = client.get(f"/performance/contracts/{small_contract.pk}/report.pdf?period=2025-03")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert small_contract.reference in text
    xlsx = client.get(f"/performance/contracts/{small_contract.pk}/report.xlsx?period=2025-Q1")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    bad = client.get(f"/performance/contracts/{small_contract.pk}/report/?period=2025-99")
    assert bad.status_code == 200 and "does not exist" in bad.content.decode()


@pytest.mark.django_db
def test_breach_register_flow(small_contract, client) -> None:  # noqa: F811, ANN001
    scan = client.post(f"/performance/contracts/{small_contract.pk}/breaches/scan/", {"period": "2025-03"})
    assert scan.status_code == 302
    breaches = Breach.objects.filter(contract=small_contract)
    assert breaches.filter(term="availability").count() == 1
    availability = breaches.get(term="availability")
    assert str(availability.credit_amount) == "100.00"
    assert availability.period_label == "2025-03"
    # Waiving needs a reason, named on the field.
    refused = client.post(f"/performance/breaches/{availability.pk}/", {"status": "waived", "status_reason": ""})
    assert refused.status_code == 400 and "Say why the breach is waived." in refused.content.decode()
    client.post(f"/performance/breaches/{availability.pk}/", {"status": "claimed"})
    availability.refresh_from_db()
    assert availability.status == "claimed"
    # A second scan keeps the follow-up and creates no duplicates.
    count = breaches.count()
    client.post(f"/performance/contracts/{small_contract.pk}/breaches/scan/", {"period": "2025-03"})
    assert breaches.count() == count
    availability.refresh_from_db()
    assert availability.status == "claimed"
    register = client.get("/performance/breaches/?status=claimed").content.decode()
    assert small_contract.reference in register


@pytest.mark.django_db
def test_overview_and_dashboard(small_contract, client) -> None:  # noqa: F811, ANN001
    assert client.get("/performance/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_incident_form_refuses_resolution_before_report(small_contract, client) -> None:  # noqa: F811, ANN001
    url = f"/performance/contracts/{small_contract.pk}/incidents/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"external_reference": "W-1", "priority": "P2", "reported_at": "2025-03-10T10:00",
                                 "resolved_at": "2025-03-10T09:00"})
    assert response.status_code == 400
    assert "The incident is resolved before it was reported." in response.content.decode()
    assert not Incident.objects.filter(external_reference="W-1").exists()
    ok = client.post(url, {"external_reference": "W-1", "priority": "P2", "reported_at": "2025-03-10T10:00",
                           "resolved_at": "2025-03-10T12:00", "pause_1_started_at": "2025-03-10T10:30",
                           "pause_1_ended_at": "2025-03-10T11:00", "pause_1_reason": "klant"})
    assert ok.status_code == 302
    incident = Incident.objects.get(external_reference="W-1")
    assert incident.pauses.count() == 1
    assert client.get(f"/performance/contracts/{small_contract.pk}/incidents/{incident.pk}/").status_code == 200
    assert client.get(f"/performance/contracts/{small_contract.pk}/incidents/?period=2025-03").status_code == 200
    assert client.get(f"/performance/contracts/{small_contract.pk}/outages/?period=2025-03").status_code == 200


@pytest.mark.django_db
def test_outage_form_refuses_end_before_start(small_contract, client) -> None:  # noqa: F811, ANN001
    url = f"/performance/contracts/{small_contract.pk}/outages/new/"
    response = client.post(url, {"started_at": "2025-03-10T10:00", "ended_at": "2025-03-10T09:00"})
    assert response.status_code == 400 and "The outage ends before" in response.content.decode()
    before = Outage.objects.count()
    assert client.post(url, {"started_at": "2025-03-10T10:00", "ended_at": "2025-03-10T10:30",
                             "partial_weight": "0,5"}).status_code == 302
    assert Outage.objects.count() == before + 1


@pytest.mark.django_db
def test_import_page_dry_run_then_import(small_contract, client) -> None:  # noqa: F811, ANN001
    url = f"/performance/contracts/{small_contract.pk}/import/"
    assert client.get(url).status_code == 200

    def upload(action: str):  # noqa: ANN202
        return client.post(url, {"kind": "incidents", "layout": "preset:topdesk", "action": action,
                                 "save_as": "Onze TOPdesk",
                                 "file": SimpleUploadedFile("topdesk.csv", TOPDESK_CSV.encode())})

    check = upload("check")
    assert check.status_code == 200 and "I 2503 001" in check.content.decode()
    assert not Incident.objects.filter(external_reference="I 2503 001").exists()
    assert upload("import").status_code == 302
    assert Incident.objects.filter(contract=small_contract, external_reference__startswith="I 2503").count() == 3
    # The saved mapping is offered next time.
    assert "Onze TOPdesk" in client.get(url).content.decode()


@pytest.mark.django_db
def test_webhook_token_shown_once(small_contract, client) -> None:  # noqa: F811, ANN001
    url = f"/performance/contracts/{small_contract.pk}/webhooks/"
    response = client.post(url, {"name": "Kuma"})
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    html = response.content.decode()
    assert f"/api/v1/webhooks/{endpoint.pk}" in html
    assert endpoint.token_prefix in html
    assert endpoint.token_prefix + "…" in client.get(url).content.decode()
    assert endpoint.token_hash not in html


@pytest.mark.django_db
def test_dates_out_of_range_are_field_errors(small_contract, client) -> None:  # noqa: F811, ANN001
    url = f"/performance/contracts/{small_contract.pk}/incidents/new/"
    response = client.post(url, {"external_reference": "Y-1", "priority": "P2", "reported_at": "0001-01-01T00:00"})
    assert response.status_code == 400 and "Give a date between 1970 and 2199." in response.content.decode()
    response = client.post(f"/performance/contracts/{small_contract.pk}/outages/new/",
                           {"started_at": "2025-03-01T00:00", "ended_at": "9999-12-31T23:59"})
    assert response.status_code == 400
