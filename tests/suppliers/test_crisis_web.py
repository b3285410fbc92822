"""Crisis list pages: the list on screen, downloads for every member, the dashboard panel."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, Role, User
from ketenwacht.suppliers import services
from ketenwacht.suppliers.models import Contact, CrisisListExport, Supplier
from tests.factories import verified_client


@pytest.fixture
def on_list(make_supplier: Callable[..., Supplier], actor: Actor) -> Supplier:
    supplier = make_supplier(name="Kritieke Hosting", criticality="critical", status="active")
    services.contact_create(supplier=supplier, actor=actor, role=Contact.ContactRole.INCIDENT_CONTACT, name="NOC 24/7",
                            phone="+32 3 760 10 10", reachability=Contact.Reachability.ALWAYS)
    make_supplier(name="Gewone Drukker", criticality="low")
    return supplier


@pytest.mark.django_db
def test_auditor_sees_the_list_with_download_links(auditor_client: Client, on_list: Supplier,
                                                    other_org: Organisation, make_supplier: Callable) -> None:
    make_supplier(organisation=other_org, name="Andermans Kritiek", criticality="critical")
    response = auditor_client.get(reverse("suppliers:crisis_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kritieke Hosting" in body and "NOC 24/7" in body
    assert "Gewone Drukker" not in body and "Andermans Kritiek" not in body
    for fmt in ["pdf", "html", "xlsx", "csv"]:
        assert f'{reverse("suppliers:crisis_export")}?format={fmt}' in body
    assert 'href="tel:+3237601010"' in body


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "content_type", "magic"), [
    ("pdf", "application/pdf", b"%PDF"),
    ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbf#"),
])
def test_download_each_format_is_recorded(org: Organisation, make_member: Callable[..., User], on_list: Supplier,
                                          fmt: str, content_type: str, magic: bytes) -> None:
    auditor = make_member(org, Role.AUDITOR)
    response = verified_client(auditor).get(reverse("suppliers:crisis_export"), {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="crisis-list-gemeente-a-')
    assert response.content.startswith(magic)
    record = CrisisListExport.objects.get()
    assert (record.format, record.exported_by, record.via, record.supplier_count) == (fmt, auditor, "web", 1)
    assert response["X-Content-SHA256"] == record.sha256


@pytest.mark.django_db
def test_unknown_format_redirects_with_an_error_and_records_nothing(editor_client: Client, on_list: Supplier) -> None:
    response = editor_client.get(reverse("suppliers:crisis_export"), {"format": "<docx>"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("suppliers:crisis_list")
    assert "utrecht-alert--error" in response.content.decode()
    assert "&lt;docx&gt;" in response.content.decode()
    assert not CrisisListExport.objects.exists()


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(on_list: Supplier) -> None:
    for name in ["suppliers:crisis_list", "suppliers:crisis_export"]:
        response = Client().get(reverse(name), {"format": "pdf"})
        assert response.status_code == 302
    assert not CrisisListExport.objects.exists()


@pytest.mark.django_db
def test_dashboard_panel_warns_until_exported_and_after_a_change(
    editor_client: Client, on_list: Supplier, actor: Actor
) -> None:
    dashboard = reverse("core:dashboard")
    body = editor_client.get(dashboard).content.decode()
    assert 'id="panel-suppliers.crisis_list"' in body
    assert "utrecht-alert--warning" in body and "kw-badge--ok" not in body
    assert f'{reverse("suppliers:crisis_export")}?format=pdf' in body

    editor_client.get(reverse("suppliers:crisis_export"), {"format": "pdf"})
    body = editor_client.get(dashboard).content.decode()
    assert "kw-badge--ok" in body and "utrecht-alert--warning" not in body
    assert CrisisListExport.objects.get().sha256 in body

    services.supplier_update(supplier=on_list, actor=actor, internal_owner="Team ICT")
    body = editor_client.get(dashboard).content.decode()
    assert "utrecht-alert--warning" in body and "kw-badge--ok" not in body


@pytest.mark.django_db
def test_page_warns_about_listed_suppliers_without_a_24x7_incident_contact(
    editor_client: Client, make_supplier: Callable[..., Supplier]
) -> None:
    make_supplier(name="Zonder Meldpunt", criticality="critical")
    body = editor_client.get(reverse("suppliers:crisis_list")).content.decode()
    assert "utrecht-alert--warning" in body and "Zonder Meldpunt" in body
