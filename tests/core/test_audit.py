"""The audit trail: the selector, the history include and the CSV export."""

from __future__ import annotations

import csv
import io

import pytest
from django.template import engines
from django.test import RequestFactory

from ketenwacht.core import services
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent, Membership, Role
from ketenwacht.core.selectors import audit_events_for
from tests.core.conftest import make_user
from tests.factories import make_organisation as make_org
from tests.factories import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed_org(db):  # noqa: ANN001, ANN201
    """An organisation created, renamed twice and given a member, with known changes."""
    admin = make_user("admin@example.org")
    org = services.organisation_create(actor=Actor.cli(), slug="gent", name="Gent")
    Membership.objects.create(user=admin, organisation=org, role=Role.ADMIN)
    actor = Actor(admin, "web")
    services.organisation_update(actor=actor, organisation=org, name="Stad Gent")
    services.organisation_update(
        actor=actor, organisation=org, name="=HYPERLINK(1)", crisis_list_max_age_days=7
    )
    services.member_add(actor=actor, organisation=org, email="editor@example.org", role=Role.EDITOR)
    org.refresh_from_db()
    return org, admin


def test_selector_includes_children_only_when_asked(changed_org) -> None:  # noqa: ANN001
    org, _admin = changed_org
    other = make_org("brugge")
    services.organisation_update(actor=Actor.system(), organisation=other, name="Brugge")
    own = list(audit_events_for(org, "core.organisation", org.pk, include_children=False))
    assert [e.action for e in own] == ["update", "update", "create"]  # newest first
    with_children = list(audit_events_for(org, "core.organisation", org.pk))
    assert {e.object_type for e in with_children} == {"core.organisation", "core.membership"}
    assert all(e.organisation_id == org.pk for e in with_children)


def test_history_include_renders_changes_readably(changed_org) -> None:  # noqa: ANN001
    org, admin = changed_org
    request = RequestFactory().get("/")
    request.organisation = org
    request.user = admin
    html = (
        engines["django"]
        .from_string("{% load core_audit %}{% audit_history org %}")
        .render({"org": org}, request)
    )
    assert "<table" in html and '<th scope="col">' in html
    assert "<pre>Gent</pre>" in html and "<pre>Stad Gent</pre>" in html
    assert "<td>admin@example.org</td>" in html and "<td>cli</td>" in html
    assert "editor@example.org" in html  # the child membership
    assert "/organisation/audit/export.csv?object_type=core.organisation&amp;object_id=" in html


def _csv(response) -> list[dict[str, str]]:  # noqa: ANN001
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_csv_export_lists_each_changed_field(changed_org) -> None:  # noqa: ANN001
    org, admin = changed_org
    client = verified_client(admin)
    response = client.get(f"/organisation/audit/export.csv?object_type=core.organisation&object_id={org.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    updates = [
        (r["field"], r["old_value"], r["new_value"], r["actor"])
        for r in rows
        if r["object_type"] == "core.organisation" and r["action"] == "update"
    ]
    # Newest first; within an event, fields in the order they were recorded.
    assert updates == [
        ("name", "Stad Gent", "'=HYPERLINK(1)", "admin@example.org"),
        ("crisis_list_max_age_days", "30", "7", "admin@example.org"),
        ("name", "Gent", "Stad Gent", "admin@example.org"),
    ]
    created = [r for r in rows if r["object_type"] == "core.organisation" and r["action"] == "create"]
    assert {r["field"]: r["new_value"] for r in created} == {
        "slug": "gent",
        "name": "Gent",
        "timezone": "Europe/Brussels",
        "holiday_country": "BE",
        "crisis_list_max_age_days": "30",
    }
    assert {r["actor"] for r in created} == {"cli"} and {r["via"] for r in created} == {"cli"}
    memberships = [r for r in rows if r["object_type"] == "core.membership"]
    assert {r["field"]: r["new_value"] for r in memberships}["role"] == "editor"
    assert all(r["parent_type"] == "core.organisation" for r in memberships)


def test_csv_never_contains_password_hashes(changed_org) -> None:  # noqa: ANN001
    org, admin = changed_org
    rows = _csv(verified_client(admin).get("/organisation/audit/export.csv"))
    assert rows
    assert not [r for r in rows if r["field"] in {"password", "last_login", "key_hash"}]
    assert not [r for r in rows if "argon2" in r["new_value"]]


def test_whole_trail_export_is_for_admins_and_auditors(changed_org) -> None:  # noqa: ANN001
    org, _admin = changed_org
    editor = verified_client(Membership.objects.get(organisation=org, role=Role.EDITOR).user)
    assert editor.get("/organisation/audit/export.csv").status_code == 403
    own_object = editor.get(
        f"/organisation/audit/export.csv?object_type=core.organisation&object_id={org.pk}"
    )
    assert own_object.status_code == 200
    auditor = verified_client(make_user("auditor@example.org", org, Role.AUDITOR))
    assert auditor.get("/organisation/audit/export.csv").status_code == 200


def test_export_and_page_show_only_the_active_organisation(changed_org) -> None:  # noqa: ANN001
    org, admin = changed_org
    other = make_org("brugge", "Brugge")
    services.organisation_update(actor=Actor.system(), organisation=other, name="Brugge secret")
    client = verified_client(admin)
    rows = _csv(client.get("/organisation/audit/export.csv"))
    assert "Brugge secret" not in {r["new_value"] for r in rows}
    # Asking for the other organisation's object by id returns nothing.
    foreign = _csv(
        client.get(f"/organisation/audit/export.csv?object_type=core.organisation&object_id={other.pk}")
    )
    assert foreign == []
    page = client.get("/organisation/audit/").content.decode()
    assert "Brugge secret" not in page and "Stad Gent" in page


def test_audit_page_filters_and_bad_filters_do_not_crash(changed_org) -> None:  # noqa: ANN001
    org, admin = changed_org
    client = verified_client(admin)
    page = client.get("/organisation/audit/?object_type=core.membership&action=create")
    assert page.status_code == 200
    assert "editor@example.org" in page.content.decode()
    bad = client.get("/organisation/audit/?date_from=not-a-date&action=explode")
    assert bad.status_code == 200
    assert 'id="id_date_from_error"' in bad.content.decode()
    bad_csv = client.get("/organisation/audit/export.csv?date_from=2025-02-30")
    assert bad_csv.status_code == 400
    assert "date_from" in bad_csv.content.decode()


def test_audit_events_cannot_be_changed(changed_org) -> None:  # noqa: ANN001
    event = AuditEvent.objects.first()
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
