"""Web pages: list filters and sorting, detail with history, writers vs auditors, organisation isolation."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenwacht.core.models import AuditEvent, Role
from ketenwacht.suppliers import services
from ketenwacht.suppliers.models import Contact, Service, Supplier
from tests.factories import verified_client

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:  # noqa: ANN001
    return re.findall(r'<a href="/suppliers/\d+/">([^<]+)</a>', response.content.decode())


def test_list_filters_search_and_sorting(editor_client, make_supplier, actor) -> None:  # noqa: ANN001
    a = make_supplier(name="Alfa Hosting", criticality="critical", status="active")
    b = make_supplier(name="Bravo Print", criticality="low", processes_personal_data=True, dpa_status="requested")
    make_supplier(name="Charlie Net", criticality="high", incident_relevant=True)
    services.service_create(supplier=a, actor=actor, name="Rekencentrum", kind="service")
    services.service_create(supplier=b, actor=actor, name="Printers", kind="equipment")
    url = reverse("suppliers:list")
    assert _names(editor_client.get(url)) == ["Alfa Hosting", "Bravo Print", "Charlie Net"]
    assert _names(editor_client.get(url, {"status": "active"})) == ["Alfa Hosting"]
    assert _names(editor_client.get(url, {"criticality": "high"})) == ["Charlie Net"]
    assert _names(editor_client.get(url, {"service_kind": "equipment"})) == ["Bravo Print"]
    assert _names(editor_client.get(url, {"personal_data": "yes"})) == ["Bravo Print"]
    assert _names(editor_client.get(url, {"incident_relevant": "yes"})) == ["Charlie Net"]
    assert _names(editor_client.get(url, {"q": "rekencentrum"})) == ["Alfa Hosting"]
    # criticality sorts by meaning: critical, high, low; descending reverses it
    response = editor_client.get(url, {"sort": "criticality"})
    assert _names(response) == ["Alfa Hosting", "Charlie Net", "Bravo Print"]
    assert 'aria-sort="ascending"' in response.content.decode()
    response = editor_client.get(url, {"sort": "-criticality"})
    assert _names(response) == ["Bravo Print", "Charlie Net", "Alfa Hosting"]
    assert 'aria-sort="descending"' in response.content.decode()
    # bad filter values are ignored, never an error page
    assert editor_client.get(url, {"status": "nonsense", "sort": "evil", "page": "x"}).status_code == 200


def _make_many(org, n: int) -> None:  # noqa: ANN001
    suppliers = Supplier.objects.bulk_create(
        [Supplier(organisation=org, name=f"Leverancier {i:02d}", country="NL") for i in range(n)]
    )
    Service.objects.bulk_create([Service(organisation=org, supplier=s, name="Dienst") for s in suppliers])
    Contact.objects.bulk_create(
        [Contact(organisation=org, supplier=s, name="Jan", role="dpo", email="jan@example.org") for s in suppliers]
    )


def test_list_query_count_does_not_grow_with_page_size(editor_client, org, other_org) -> None:  # noqa: ANN001
    url = reverse("suppliers:list")
    _make_many(org, 3)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(url)
    _make_many(other_org, 3)  # noise in another organisation
    Supplier.objects.filter(organisation=org).delete()
    _make_many(org, 60)
    with CaptureQueriesContext(connection) as many:
        editor_client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_list_pagination_and_query_count(editor_client, org, django_assert_max_num_queries) -> None:  # noqa: ANN001
    _make_many(org, 60)
    url = reverse("suppliers:list")
    # session, user, OTP device, membership (middleware and context processor), count, page: 7 today.
    with django_assert_max_num_queries(8):
        response = editor_client.get(url)
    body = response.content.decode()
    assert len(_names(response)) == 50
    assert "1–50" in body and "60" in body
    second = editor_client.get(url, {"page": 2})
    assert _names(second) == [f"Leverancier {i:02d}" for i in range(50, 60)]
    assert "51–60" in second.content.decode()


def test_detail_shows_everything_and_history(editor_client, make_supplier, actor) -> None:  # noqa: ANN001
    s = make_supplier(name="Alfa", country="BE", enterprise_number="0202239951", data_countries="BE, US")
    services.service_create(supplier=s, actor=actor, name="Hosting", own_responsibility="Back-ups testen")
    services.contact_create(supplier=s, actor=actor, name="Meldpunt Alfa", role="incident_contact", phone="+32 2 123 45 67")
    services.supplier_change_status(supplier=s, actor=actor, to_status="screening", reason="offerte")
    body = editor_client.get(reverse("suppliers:detail", args=[s.pk])).content.decode()
    for text in ["0202.239.951", "Hosting", "Back-ups testen", "Meldpunt Alfa", "offerte", "kw-badge"]:
        assert text in body
    # history lists the supplier's own events and those of its service and contact
    assert body.count("<tr>") >= 4
    history = body[body.index('id="history-heading"'):]
    assert "Hosting" in history and "Meldpunt Alfa" in history
    assert actor.user.email in history


def test_create_update_status_delete_flow(editor_client, org) -> None:  # noqa: ANN001
    response = editor_client.post(reverse("suppliers:create"), {
        "name": "Delta", "country": "NL", "enterprise_number": "1234567", "status": "prospect",
        "criticality": "medium", "dpa_status": "not_needed",
    })
    assert response.status_code == 400
    assert "enterprise_number" in response.content.decode() or "KvK" in response.content.decode()
    assert not Supplier.objects.exists()
    response = editor_client.post(reverse("suppliers:create"), {
        "name": "Delta", "country": "NL", "enterprise_number": "12345678", "status": "prospect",
        "criticality": "medium", "dpa_status": "not_needed",
    })
    s = Supplier.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("suppliers:detail", args=[s.pk])
    response = editor_client.post(reverse("suppliers:update", args=[s.pk]), {
        "name": "Delta BV", "country": "NL", "enterprise_number": "12345678", "criticality": "high",
        "dpa_status": "not_needed",
    })
    assert response.status_code == 302
    s.refresh_from_db()
    assert (s.name, s.criticality, s.status) == ("Delta BV", "high", "prospect")
    # The policy gate (assessments app) refuses "active" without a signed-off SLA review, with its reason.
    response = editor_client.post(reverse("suppliers:status", args=[s.pk]), {"to_status": "active", "reason": "ok"})
    assert response.status_code == 400 and "SLA" in response.content.decode()
    response = editor_client.post(reverse("suppliers:status", args=[s.pk]), {"to_status": "onboarding", "reason": "ok"})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.status == "onboarding"
    # back two steps is not offered and refused
    response = editor_client.post(reverse("suppliers:status", args=[s.pk]), {"to_status": "prospect"})
    assert response.status_code == 400
    s.refresh_from_db()
    assert s.status == "onboarding"
    assert editor_client.get(reverse("suppliers:delete", args=[s.pk])).status_code == 200
    assert editor_client.post(reverse("suppliers:delete", args=[s.pk])).status_code == 302
    assert not Supplier.objects.exists()
    assert AuditEvent.objects.filter(object_type="suppliers.supplier", action="delete").exists()


def test_service_and_contact_pages(editor_client, make_supplier) -> None:  # noqa: ANN001
    s = make_supplier()
    url = reverse("suppliers:service_create", args=[s.pk])
    assert editor_client.post(url, {"name": "", "kind": "service"}).status_code == 400
    assert editor_client.post(url, {"name": "Hosting", "kind": "service"}).status_code == 302
    service = s.services.get()
    assert editor_client.post(
        reverse("suppliers:service_update", args=[s.pk, service.pk]), {"name": "Hosting", "kind": "both"}
    ).status_code == 302
    service.refresh_from_db()
    assert service.kind == "both"
    response = editor_client.post(reverse("suppliers:contact_create", args=[s.pk]), {
        "name": "Jan", "role": "dpo", "reachability": "hours",
    })
    assert response.status_code == 400  # neither e-mail nor phone
    assert editor_client.post(reverse("suppliers:contact_create", args=[s.pk]), {
        "name": "Jan", "role": "dpo", "reachability": "hours", "email": "jan@example.org",
    }).status_code == 302
    contact = s.contacts.get()
    assert editor_client.post(reverse("suppliers:contact_delete", args=[s.pk, contact.pk])).status_code == 302
    assert editor_client.post(reverse("suppliers:service_delete", args=[s.pk, service.pk])).status_code == 302
    assert not s.contacts.exists() and not s.services.exists()


def _all_urls(s: Supplier, service: Service, contact: Contact) -> list[tuple[str, bool]]:
    """(url, is_write) for every supplier page about this supplier."""
    return [
        (reverse("suppliers:detail", args=[s.pk]), False),
        (reverse("suppliers:update", args=[s.pk]), True),
        (reverse("suppliers:delete", args=[s.pk]), True),
        (reverse("suppliers:status", args=[s.pk]), True),
        (reverse("suppliers:service_create", args=[s.pk]), True),
        (reverse("suppliers:service_update", args=[s.pk, service.pk]), True),
        (reverse("suppliers:service_delete", args=[s.pk, service.pk]), True),
        (reverse("suppliers:contact_create", args=[s.pk]), True),
        (reverse("suppliers:contact_update", args=[s.pk, contact.pk]), True),
        (reverse("suppliers:contact_delete", args=[s.pk, contact.pk]), True),
    ]


@pytest.fixture
def full_supplier(make_supplier, actor):  # noqa: ANN001, ANN201
    s = make_supplier(name="Echo")
    service = services.service_create(supplier=s, actor=actor, name="Hosting")
    contact = services.contact_create(supplier=s, actor=actor, name="Jan", role="dpo", email="jan@example.org")
    return s, service, contact


def test_auditor_reads_but_cannot_write(auditor_client, full_supplier) -> None:  # noqa: ANN001
    s, service, contact = full_supplier
    assert auditor_client.get(reverse("suppliers:list")).status_code == 200
    body = auditor_client.get(reverse("suppliers:detail", args=[s.pk])).content.decode()
    assert reverse("suppliers:update", args=[s.pk]) not in body
    write_urls = [u for u, w in _all_urls(s, service, contact) if w]
    write_urls += [reverse("suppliers:create"), reverse("suppliers:import")]
    for url in write_urls:
        assert auditor_client.get(url).status_code == 403, url
        assert auditor_client.post(url, {"name": "X"}).status_code == 403, url
    assert Supplier.objects.get().name == "Echo"
    assert Service.objects.count() == 1 and Contact.objects.count() == 1


def test_other_organisation_gets_404_everywhere(full_supplier, other_org, make_member) -> None:  # noqa: ANN001
    s, service, contact = full_supplier
    outsider = verified_client(make_member(other_org, Role.ADMIN))
    for url, is_write in _all_urls(s, service, contact):
        assert outsider.get(url).status_code == 404, url
        if is_write:
            assert outsider.post(url, {"name": "Stolen", "to_status": "ended"}).status_code == 404, url
    assert outsider.get(reverse("suppliers:list")).content.decode().count("Echo") == 0
    s.refresh_from_db()
    assert s.name == "Echo" and s.status == "prospect"
    assert Service.objects.count() == 1 and Contact.objects.count() == 1


def test_child_of_another_supplier_is_404(editor_client, full_supplier, make_supplier) -> None:  # noqa: ANN001
    s, service, contact = full_supplier
    other = make_supplier(name="Foxtrot")
    assert editor_client.get(reverse("suppliers:service_update", args=[other.pk, service.pk])).status_code == 404
    assert editor_client.get(reverse("suppliers:contact_delete", args=[other.pk, contact.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client) -> None:  # noqa: ANN001
    response = client.get(reverse("suppliers:list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_form_shows_criticality_criteria(editor_client) -> None:  # noqa: ANN001
    body = editor_client.get(reverse("suppliers:create")).content.decode()
    assert 'id="criticality-criteria"' in body
    assert 'aria-describedby="criticality-criteria"' in body


def test_dashboard_panel_counts(editor_client, make_supplier) -> None:  # noqa: ANN001
    make_supplier(criticality="critical", status="active")
    make_supplier(criticality="critical", status="ended")
    make_supplier(criticality="low")
    body = editor_client.get(reverse("core:dashboard")).content.decode()
    panel = body[body.index('id="panel-suppliers"'):]
    panel = panel[: panel.index("</section>")]
    numbers = re.findall(r'<span class="kw-num">(\d+)</span>', panel)
    assert numbers[:2] == ["3", "1"]  # total, critical and not ended


def test_history_export_link_covers_services_and_contacts(editor_client, full_supplier) -> None:  # noqa: ANN001
    s, _service, _contact = full_supplier
    body = editor_client.get(reverse("suppliers:detail", args=[s.pk])).content.decode()
    match = re.search(r'href="([^"]*audit[^"]*)"', body)
    assert match, "export link missing"
    response = editor_client.get(match.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig")
    assert "suppliers.supplier" in text and "suppliers.service" in text and "suppliers.contact" in text
