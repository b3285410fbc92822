"""Organisation switching, role enforcement, members and settings pages."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from django.test import Client

from ketenwacht.core import dashboard
from ketenwacht.core.middleware import SESSION_KEY
from ketenwacht.core.models import AuditEvent, Membership, Organisation, Role, User
from tests.core.conftest import PASSWORD, make_user, password_login
from tests.factories import verified_client

pytestmark = pytest.mark.django_db


def test_switch_to_own_organisation(org, other_org) -> None:  # noqa: ANN001
    user = make_user("both@example.org", org, Role.EDITOR)
    Membership.objects.create(user=user, organisation=other_org, role=Role.AUDITOR)
    client = verified_client(user)
    response = client.post("/switch-organisation/", {"organisation": other_org.pk})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == other_org.pk
    assert '<h1 class="utrecht-heading-1">Stad Brugge</h1>' in client.get("/").content.decode()


@pytest.mark.parametrize("value", ["foreign", "not-a-number", ""])
def test_switch_to_foreign_organisation_is_refused(org, other_org, value) -> None:  # noqa: ANN001
    user = make_user("gent@example.org", org, Role.EDITOR)
    client = verified_client(user)
    client.post("/switch-organisation/", {"organisation": org.pk})
    target = other_org.pk if value == "foreign" else value
    response = client.post("/switch-organisation/", {"organisation": target})
    assert response.status_code == 403
    assert client.session[SESSION_KEY] == org.pk
    assert "Stad Brugge" not in client.get("/").content.decode()


def test_switch_needs_post(org) -> None:  # noqa: ANN001
    client = verified_client(make_user("gent@example.org", org, Role.EDITOR))
    assert client.get("/switch-organisation/").status_code == 405


@pytest.mark.parametrize(
    ("role", "members", "settings_page", "audit"),
    [
        (Role.ADMIN, 200, 200, 200),
        (Role.EDITOR, 403, 403, 403),
        (Role.POLICY_OFFICER, 403, 403, 403),
        (Role.AUDITOR, 403, 403, 200),
    ],
)
def test_pages_by_role(org, role, members, settings_page, audit) -> None:  # noqa: ANN001
    client = verified_client(make_user("someone@example.org", org, role))
    assert client.get("/organisation/members/").status_code == members
    assert client.get("/organisation/settings/").status_code == settings_page
    assert client.get("/organisation/audit/").status_code == audit


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.EDITOR])
def test_non_admins_cannot_write_members_or_settings(org, role) -> None:  # noqa: ANN001
    admin = make_user("admin@example.org", org, Role.ADMIN)
    client = verified_client(make_user("someone@example.org", org, role))
    admin_membership = Membership.objects.get(user=admin)
    responses = [
        client.post("/organisation/members/", {"email": "new@example.org", "role": Role.ADMIN}),
        client.post(
            f"/organisation/members/{admin_membership.pk}/role/", {f"m{admin_membership.pk}-role": "auditor"}
        ),
        client.post(f"/organisation/members/{admin_membership.pk}/remove/"),
        client.post(
            "/organisation/settings/",
            {
                "name": "Hacked",
                "timezone": "Europe/Brussels",
                "holiday_country": "BE",
                "crisis_list_max_age_days": 30,
            },
        ),
    ]
    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert not User.objects.filter(email="new@example.org").exists()
    assert Membership.objects.get(pk=admin_membership.pk).role == Role.ADMIN
    assert Organisation.objects.get(pk=org.pk).name == "Stad Gent"


def test_admin_adds_new_member_who_sets_password_and_logs_in(org, mailoutbox) -> None:  # noqa: ANN001
    client = verified_client(make_user("admin@example.org", org, Role.ADMIN))
    response = client.post(
        "/organisation/members/",
        {"email": "New.Person@Example.org", "full_name": "New Person", "role": Role.AUDITOR},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, organisation=org).role == Role.AUDITOR
    page = client.get("/organisation/members/").content.decode()
    link = re.search(r"<code>https?://[^/]+(/password/set/[^<]+)</code>", page).group(1)
    assert len(mailoutbox) == 1 and link in mailoutbox[0].body

    visitor = Client()
    form_page = visitor.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    new_password = "a new long passphrase 7"
    response = visitor.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert password_login(Client(), "new.person@example.org", new_password)["Location"] == "/"


def test_admin_adds_existing_user_and_changes_role_and_removes(org, other_org) -> None:  # noqa: ANN001
    client = verified_client(make_user("admin@example.org", org, Role.ADMIN))
    existing = make_user("brugge@example.org", other_org, Role.ADMIN)
    response = client.post("/organisation/members/", {"email": "BRUGGE@example.org", "role": Role.EDITOR})
    assert response.status_code == 302
    membership = Membership.objects.get(user=existing, organisation=org)
    assert membership.role == Role.EDITOR
    assert existing.check_password(PASSWORD)  # untouched

    again = client.post("/organisation/members/", {"email": "brugge@example.org", "role": Role.EDITOR})
    assert again.status_code == 200
    assert 'id="id_email_error"' in again.content.decode()

    client.post(
        f"/organisation/members/{membership.pk}/role/", {f"m{membership.pk}-role": Role.POLICY_OFFICER}
    )
    membership.refresh_from_db()
    assert membership.role == Role.POLICY_OFFICER

    assert client.get(f"/organisation/members/{membership.pk}/remove/").status_code == 200
    client.post(f"/organisation/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Membership.objects.filter(user=existing, organisation=other_org).exists()
    actions = list(
        AuditEvent.objects.filter(
            organisation=org, object_type="core.membership", object_id=str(membership.pk)
        )
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_last_admin_cannot_be_demoted_or_removed(org) -> None:  # noqa: ANN001
    admin = make_user("admin@example.org", org, Role.ADMIN)
    membership = Membership.objects.get(user=admin)
    client = verified_client(admin)
    response = client.post(
        f"/organisation/members/{membership.pk}/role/", {f"m{membership.pk}-role": Role.EDITOR}, follow=True
    )
    assert "last administrator" in response.content.decode()
    client.post(f"/organisation/members/{membership.pk}/remove/")
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_member_of_other_organisation_is_not_found(org, other_org) -> None:  # noqa: ANN001
    client = verified_client(make_user("admin@example.org", org, Role.ADMIN))
    foreign = Membership.objects.get(user=make_user("x@example.org", other_org, Role.EDITOR))
    assert client.get(f"/organisation/members/{foreign.pk}/remove/").status_code == 404
    assert client.post(f"/organisation/members/{foreign.pk}/remove/").status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_settings_update_is_saved_and_audited(org) -> None:  # noqa: ANN001
    client = verified_client(make_user("admin@example.org", org, Role.ADMIN))
    data = {
        "name": "Stad Gent (OCMW)",
        "timezone": "Europe/Amsterdam",
        "holiday_country": "NL",
        "crisis_list_max_age_days": 14,
    }
    assert client.post("/organisation/settings/", data).status_code == 302
    org.refresh_from_db()
    assert (org.name, org.timezone, org.holiday_country, org.crisis_list_max_age_days) == (
        "Stad Gent (OCMW)",
        "Europe/Amsterdam",
        "NL",
        14,
    )
    event = AuditEvent.objects.get(organisation=org, object_type="core.organisation", action="update")
    assert event.changes == {
        "name": ["Stad Gent", "Stad Gent (OCMW)"],
        "timezone": ["Europe/Brussels", "Europe/Amsterdam"],
        "holiday_country": ["BE", "NL"],
        "crisis_list_max_age_days": [30, 14],
    }
    assert event.actor_label == "admin@example.org" and event.via == "web"


def test_settings_bad_input_names_the_field_and_writes_nothing(org) -> None:  # noqa: ANN001
    client = verified_client(make_user("admin@example.org", org, Role.ADMIN))
    data = {"name": "", "timezone": "Mars/Olympus", "holiday_country": "BE", "crisis_list_max_age_days": -3}
    response = client.post("/organisation/settings/", data)
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("name", "timezone", "crisis_list_max_age_days"):
        assert f'id="id_{field}_error"' in html
    org.refresh_from_db()
    assert org.name == "Stad Gent"
    assert not AuditEvent.objects.filter(action="update").exists()


def test_dashboard_shows_friendly_empty_state_without_panels(org, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(dashboard, "_panels", {})
    client = verified_client(make_user("auditor@example.org", org, Role.AUDITOR))
    assert 'id="dashboard-empty"' in client.get("/").content.decode()


def test_dashboard_renders_registered_panels_in_order(org, monkeypatch, settings) -> None:  # noqa: ANN001
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
    monkeypatch.setattr(dashboard, "_panels", {})
    dashboard.register_panel(
        dashboard.Panel("second", "core_tests/panel.html", lambda r: {"word": "beta"}, order=20)
    )
    dashboard.register_panel(
        dashboard.Panel("first", "core_tests/panel.html", lambda r: {"word": "alpha"}, order=10)
    )
    dashboard.register_panel(dashboard.Panel("hidden", "core_tests/panel.html", lambda r: None, order=5))
    client = verified_client(make_user("auditor@example.org", org, Role.AUDITOR))
    html = client.get("/").content.decode()
    assert 'id="panel-hidden"' not in html
    assert html.index('id="panel-first"') < html.index('id="panel-second"')
    assert "Panel says alpha for Stad Gent" in html and "Panel says beta" in html
