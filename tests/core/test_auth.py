"""Log-in: password, then the second factor; recovery codes; lock-out; mandatory enrolment."""

from __future__ import annotations

import re

import pyotp
import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.core import twofactor
from ketenwacht.core.models import Role
from tests.core.conftest import PASSWORD, add_totp, make_user, password_login, secret_from_page, totp_now

pytestmark = pytest.mark.django_db


def test_login_page_labels_fields_for_people_and_browser_tests() -> None:
    html = Client().get("/login/").content.decode()
    assert 'for="id_username"' in html and 'id="id_username"' in html
    assert 'for="id_password"' in html and 'id="id_password"' in html


def test_password_then_totp_code_logs_in(org) -> None:  # noqa: ANN001
    user = make_user("editor@gent.be", org, Role.EDITOR)
    device = add_totp(user)
    client = Client()

    response = password_login(client, "Editor@Gent.be")  # capitals do not matter
    assert response.status_code == 302
    assert response["Location"].startswith("/otp/verify/")

    # Password alone is not enough for a writing role.
    assert client.get("/").status_code == 302

    page = client.get(response["Location"]).content.decode()
    assert 'id="id_otp_token"' in page and 'for="id_otp_token"' in page
    response = client.post("/otp/verify/", {"otp_token": totp_now(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "Stad Gent" in dashboard.content.decode()


def test_wrong_password_and_wrong_code_are_refused(org) -> None:  # noqa: ANN001
    user = make_user("editor@gent.be", org, Role.EDITOR)
    device = add_totp(user)
    client = Client()
    response = password_login(client, "editor@gent.be", "not the password at all")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    password_login(client, "editor@gent.be")
    good = totp_now(device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post("/otp/verify/", {"otp_token": wrong})
    assert response.status_code == 200
    assert 'id="id_otp_token_error"' in response.content.decode()
    assert client.get("/").status_code == 302


def test_recovery_code_works_once(org) -> None:  # noqa: ANN001
    user = make_user("admin@gent.be", org, Role.ADMIN)
    add_totp(user)
    codes = twofactor.recovery_codes_regenerate(user=user)
    assert len(codes) == 10 and len(set(codes)) == 10

    client = Client()
    password_login(client, "admin@gent.be")
    response = client.post("/otp/verify/", {"otp_token": codes[3].upper()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9

    client.post("/logout/")
    client = Client()
    password_login(client, "admin@gent.be")
    response = client.post("/otp/verify/", {"otp_token": codes[3]})
    assert response.status_code == 200  # refused: the code was used
    assert client.get("/").status_code == 302


def test_lockout_after_failure_limit(org) -> None:  # noqa: ANN001
    make_user("editor@gent.be", org, Role.EDITOR)
    client = Client()
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert password_login(client, "editor@gent.be", "wrong password!").status_code == 200
    locked = password_login(client, "editor@gent.be", "wrong password!")
    assert locked.status_code == 403
    assert 'id="lockout-message"' in locked.content.decode()
    # Even the right password does not help while the account is locked.
    response = password_login(Client(), "editor@gent.be", PASSWORD)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_lockout_counts_per_account_not_globally(org) -> None:  # noqa: ANN001
    make_user("editor@gent.be", org, Role.EDITOR)
    make_user("auditor@gent.be", org, Role.AUDITOR)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_login(Client(), "editor@gent.be", "wrong password!")
    assert password_login(Client(), "auditor@gent.be").status_code == 302


def test_enrolment_is_mandatory_for_editor(org) -> None:  # noqa: ANN001
    user = make_user("editor@gent.be", org, Role.EDITOR)
    client = Client()
    response = password_login(client, "editor@gent.be")
    assert response["Location"].startswith("/otp/setup/")
    # Trying to skip it: every page sends the editor back to the second factor.
    skipped = client.get("/organisation/audit/", follow=True)
    assert skipped.redirect_chain[-1][0].startswith("/otp/setup/")

    page = client.get("/otp/setup/").content.decode()
    assert "<svg" in page
    secret = secret_from_page(page)
    assert client.get("/otp/setup/").content.decode().count(secret) == 1  # stable on reload

    wrong = client.post(
        "/otp/setup/", {"otp_token": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    response = client.post("/otp/setup/", {"otp_token": pyotp.TOTP(secret).now(), "next": "/"})
    assert response.status_code == 302 and response["Location"].startswith("/otp/recovery-codes/")
    shown = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", shown)
    assert len(codes) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == set(codes)
    # Shown once only.
    again = client.get(response["Location"]).content.decode()
    assert not any(code in again for code in codes)
    assert client.get("/").status_code == 200


def test_auditor_may_log_in_without_second_factor_but_can_enrol(org) -> None:  # noqa: ANN001
    make_user("auditor@gent.be", org, Role.AUDITOR)
    client = Client()
    response = password_login(client, "auditor@gent.be")
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    security = client.get("/security/")
    assert security.status_code == 200
    assert client.get("/otp/setup/").status_code == 200


def test_auditor_with_a_device_must_use_it(org) -> None:  # noqa: ANN001
    user = make_user("auditor@gent.be", org, Role.AUDITOR)
    add_totp(user)
    client = Client()
    response = password_login(client, "auditor@gent.be")
    assert response["Location"].startswith("/otp/verify/")
    assert client.get("/").status_code == 302


def test_password_alone_cannot_replace_an_existing_device(org) -> None:  # noqa: ANN001
    user = make_user("editor@gent.be", org, Role.EDITOR)
    add_totp(user)
    client = Client()
    password_login(client, "editor@gent.be")
    response = client.get("/otp/setup/")
    assert response.status_code == 302 and response["Location"].startswith("/otp/verify/")
    response = client.post("/otp/setup/", {"otp_token": "123456"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_next_outside_the_site_is_ignored(org) -> None:  # noqa: ANN001
    make_user("auditor@gent.be", org, Role.AUDITOR)
    client = Client()
    response = client.post(
        "/login/", {"username": "auditor@gent.be", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_regenerating_recovery_codes_voids_the_old_ones(org) -> None:  # noqa: ANN001
    user = make_user("editor@gent.be", org, Role.EDITOR)
    add_totp(user)
    old = twofactor.recovery_codes_regenerate(user=user)
    client = Client()
    password_login(client, "editor@gent.be")
    client.post("/otp/verify/", {"otp_token": old[0]})
    response = client.post("/otp/recovery-codes/")
    assert response.status_code == 302
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", client.get(response["Location"]).content.decode())
    assert len(new) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old[1:])


def test_user_without_organisation_sees_explanation(db) -> None:  # noqa: ANN001
    make_user("nobody@example.org")
    client = Client()
    password_login(client, "nobody@example.org")
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/no-organisation/"
