"""Token and session authentication."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from ketenwacht import cli
from ketenwacht.core.audit import Actor
from ketenwacht.core.middleware import SESSION_KEY
from ketenwacht.core.models import ApiToken, Membership, Role, User
from ketenwacht.core.services import api_token_create, api_token_revoke
from tests.api.conftest import OrgData
from tests.factories import make_membership as make_member

pytestmark = pytest.mark.django_db


def with_header(value: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=value)
    return client


def assert_401(response) -> None:  # noqa: ANN001
    assert response.status_code == 401, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Token"
    assert response["API-Version"]


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "token", "bearer"])
def test_valid_token_authenticates_and_records_use(org_a: OrgData, scheme: str) -> None:
    membership = make_member(org_a.organisation, Role.AUDITOR)
    token, key = api_token_create(membership=membership)
    response = with_header(f"{scheme} {key}").get("/api/v1/suppliers")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [org_a.supplier.pk]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_missing_credentials_are_401(org_a: OrgData) -> None:
    assert_401(APIClient().get("/api/v1/suppliers"))
    assert_401(APIClient().post("/api/v1/suppliers", {"name": "x"}, format="json"))


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token not-a-real-key", "Bearer ", "Token \u00e9\u00e9"])
def test_invalid_tokens_are_401(org_a: OrgData, header: str) -> None:
    assert_401(with_header(header).get("/api/v1/suppliers"))


def test_revoked_token_is_401(org_a: OrgData) -> None:
    membership = make_member(org_a.organisation, Role.EDITOR)
    token, key = api_token_create(membership=membership)
    client = with_header(f"Token {key}")
    assert client.get("/api/v1/suppliers").status_code == 200
    api_token_revoke(actor=Actor.system(), token=token)
    assert_401(client.get("/api/v1/suppliers"))


def test_token_of_inactive_user_is_401(org_a: OrgData) -> None:
    membership = make_member(org_a.organisation, Role.EDITOR)
    _token, key = api_token_create(membership=membership)
    User.objects.filter(pk=membership.user_id).update(is_active=False)
    assert_401(with_header(f"Token {key}").get("/api/v1/suppliers"))


def test_token_dies_with_its_membership(org_a: OrgData) -> None:
    membership = make_member(org_a.organisation, Role.EDITOR)
    _token, key = api_token_create(membership=membership)
    membership.delete()
    assert not ApiToken.objects.exists()
    assert_401(with_header(f"Token {key}").get("/api/v1/suppliers"))


def test_token_role_follows_the_membership(org_a: OrgData) -> None:
    membership = make_member(org_a.organisation, Role.EDITOR)
    _token, key = api_token_create(membership=membership)
    client = with_header(f"Token {key}")
    Membership.objects.filter(pk=membership.pk).update(role=Role.AUDITOR)
    response = client.patch(f"/api/v1/suppliers/{org_a.supplier.pk}", {"city": "Lier"}, format="json")
    assert response.status_code == 403


# --- the web session -------------------------------------------------------------------------------


def session_client(user: User, *, verified: bool, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def csrf_token(client: Client) -> str:
    """Set a CSRF cookie as a page of the web app would; the same value goes into X-CSRFToken."""
    token = "k" * 32  # Django accepts any 32 letters or digits as the secret
    client.cookies["csrftoken"] = token
    return token


def test_session_reads_and_writes_with_csrf_and_second_factor(org_a: OrgData) -> None:
    user = make_member(org_a.organisation, Role.EDITOR).user
    client = session_client(user, verified=True, csrf=True)
    assert client.get("/api/v1/suppliers").status_code == 200
    refused = client.post("/api/v1/suppliers", {"name": "Zonder CSRF"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    token = csrf_token(client)
    response = client.post("/api/v1/suppliers", {"name": "Met CSRF"}, content_type="application/json",
                           HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content


def test_session_of_writer_without_second_factor_is_refused(org_a: OrgData) -> None:
    user = make_member(org_a.organisation, Role.EDITOR).user
    client = session_client(user, verified=False)
    response = client.get("/api/v1/suppliers")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_session_of_auditor_reads_but_cannot_write(org_a: OrgData) -> None:
    user = make_member(org_a.organisation, Role.AUDITOR).user
    client = session_client(user, verified=False)
    assert client.get(f"/api/v1/suppliers/{org_a.supplier.pk}").status_code == 200
    response = client.patch(f"/api/v1/suppliers/{org_a.supplier.pk}", {"city": "x"},
                            content_type="application/json")
    assert response.status_code == 403


def test_session_without_membership_is_403(db) -> None:  # noqa: ANN001
    user = User.objects.create_user(email="loner@example.org", password=None)
    response = session_client(user, verified=False).get("/api/v1/suppliers")
    assert response.status_code == 403


def test_session_sees_only_the_active_organisation(org_a: OrgData, org_b: OrgData) -> None:
    user = make_member(org_a.organisation, Role.AUDITOR).user
    Membership.objects.create(user=user, organisation=org_b.organisation, role=Role.AUDITOR)
    client = session_client(user, verified=False)
    for active, visible, hidden in ((org_a, org_a, org_b), (org_b, org_b, org_a)):
        session = client.session
        session[SESSION_KEY] = active.organisation.pk
        session.save()
        ids = [row["id"] for row in client.get("/api/v1/suppliers").json()["results"]]
        assert ids == [visible.supplier.pk]
        assert client.get(f"/api/v1/suppliers/{hidden.supplier.pk}").status_code == 404


def test_token_from_the_command_line_works_until_revoked(org_a: OrgData, capsys: pytest.CaptureFixture) -> None:
    membership = make_member(org_a.organisation, Role.EDITOR)
    assert cli.main(["token", "create", "--user", membership.user.email, "--org", "a"]) == 0
    key = capsys.readouterr().out.strip()
    client = with_header(f"Token {key}")
    assert client.get("/api/v1/suppliers").status_code == 200
    assert cli.main(["token", "revoke", key[:8]]) == 0
    assert_401(client.get("/api/v1/suppliers"))
