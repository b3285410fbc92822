"""Logging in: password, then enrolment of an authenticator app or a code from it."""

from __future__ import annotations

import pyotp
from playwright.sync_api import Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.auth import STEP, fill_credentials, find_totp_secret, login, next_code, submit_form_of
from tests.e2e.server import ORG_NAME


def log_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator('header form[action$="/logout/"] button[type=submit]').click()
    assert page.url.split("?")[0].endswith("/login/"), page.url


def assert_on_dashboard(page: Page, base_url: str) -> None:
    assert page.url == f"{base_url}/", page.url
    expect(page.locator("header")).to_contain_text(ORG_NAME)
    expect(page.locator('header form[action$="/logout/"]')).to_be_visible()


def test_first_login_enrols_an_authenticator_then_the_next_login_asks_for_its_code(server, page: Page) -> None:
    account = server.accounts["enrol"]

    # First login: an editor changes data, so the server insists on enrolling an app.
    fill_credentials(page, server.base_url, account.email, account.password)
    assert "/otp/setup/" in page.url, page.url
    assert_accessible(page)
    expect(page.locator("main svg[role=img]")).to_have_count(1)  # the QR code, named for screen readers
    account.totp_secret = find_totp_secret(page)
    assert account.totp_secret, "the enrolment page shows no key for manual entry"
    page.fill("#id_otp_token", next_code(account))
    submit_form_of(page, "#id_otp_token")

    # The recovery codes are shown once, then the user continues to the dashboard.
    assert "/otp/recovery-codes/" in page.url, page.url
    assert_accessible(page)
    codes = [c.strip() for c in page.locator("#recovery-codes li").all_inner_texts()]
    assert len(codes) >= 5 and len(set(codes)) == len(codes), codes
    with page.expect_navigation():
        page.locator("main .kw-actions a").first.click()
    assert_on_dashboard(page, server.base_url)
    assert_accessible(page)

    log_out(page)

    # Second login: the password alone is not enough; the app's code is asked, no new key shown.
    fill_credentials(page, server.base_url, account.email, account.password)
    assert "/otp/verify/" in page.url, page.url
    expect(page.locator("#otp-secret")).to_have_count(0)
    assert_accessible(page)
    page.goto(server.url("/"))  # not yet verified: the dashboard sends us back to the code
    assert "/otp/verify/" in page.url, page.url
    page.fill("#id_otp_token", next_code(account))
    submit_form_of(page, "#id_otp_token")
    assert_on_dashboard(page, server.base_url)


def test_wrong_code_is_refused_and_a_recovery_code_works_once(server, context) -> None:
    account = server.accounts["recovery"]
    page = context.new_page()
    login(page, server.base_url, account)  # enrols and keeps the recovery codes
    assert account.recovery_codes
    log_out(page)

    fill_credentials(page, server.base_url, account.email, account.password)
    assert "/otp/verify/" in page.url, page.url
    # A code from ten minutes ago: valid for the key, but long expired.
    stale = pyotp.TOTP(account.totp_secret).at((account.last_totp_step - 20) * STEP)
    page.fill("#id_otp_token", stale)
    submit_form_of(page, "#id_otp_token")
    assert "/otp/verify/" in page.url, page.url
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_otp_token_error")).to_be_visible()
    assert "id_otp_token_error" in (page.locator("#id_otp_token").get_attribute("aria-describedby") or "")
    assert_accessible(page)

    recovery = account.recovery_codes[0]
    page.fill("#id_otp_token", recovery)
    submit_form_of(page, "#id_otp_token")
    assert_on_dashboard(page, server.base_url)
    # The warning names how many codes are left, with a word before it (not colour alone).
    expect(page.locator(".kw-messages .utrecht-alert--warning")).to_contain_text(str(len(account.recovery_codes) - 1))
    assert_accessible(page)
    log_out(page)

    # The same recovery code does not work a second time.
    fill_credentials(page, server.base_url, account.email, account.password)
    page.fill("#id_otp_token", recovery)
    submit_form_of(page, "#id_otp_token")
    assert "/otp/verify/" in page.url, page.url
    expect(page.locator("#id_otp_token_error")).to_be_visible()


def test_wrong_password_shows_an_error_and_does_not_log_in(server, page: Page) -> None:
    account = server.accounts["wrongpw"]
    fill_credentials(page, server.base_url, account.email, account.password + "-fout")
    assert page.url.split("?")[0].endswith("/login/"), page.url
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(page.locator("#id_password")).to_have_value("")  # the password is never echoed back
    expect(page.locator("#id_username")).to_have_value(account.email)
    assert_accessible(page)
    # Not logged in: the dashboard still sends us to the login page.
    page.goto(server.url("/"))
    assert page.url.split("?")[0].endswith("/login/"), page.url


def test_auditor_without_an_app_logs_in_with_the_password_alone(server, page: Page) -> None:
    account = server.accounts["auditor"]
    login(page, server.base_url, account)
    assert account.totp_secret is None
    assert_on_dashboard(page, server.base_url)
    assert_accessible(page)
