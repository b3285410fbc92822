"""Logging in through the real login pages, with a second factor from an authenticator app.

On a first login a writing role must enrol an authenticator: the enrolment page shows the
secret for manual entry, which we read like a person would type it into their app. Codes
are computed with pyotp, independently of the server's own TOTP code.
"""

from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import Page

from tests.e2e.a11y import assert_accessible
from tests.e2e.server import Account

STEP = 30
_BASE32 = re.compile(r"^[A-Z2-7]{16,}=*$")


def find_totp_secret(page: Page) -> str | None:
    """The key the enrolment page shows for manual entry (spaces removed), if any."""
    holder = page.locator("#otp-secret")
    if holder.count() == 0:
        return None
    secret = re.sub(r"\s+", "", holder.inner_text()).upper()
    assert _BASE32.match(secret), f"the enrolment key is not base32: {secret!r}"
    return secret


def next_code(account: Account) -> str:
    """A code the server accepts now and has not seen before.

    The server accepts the current time step and one step either side, but never a step
    at or before the last one it accepted; so use the current step, or the next one when
    the current one was already used, and wait for the clock only when both were.
    """
    assert account.totp_secret, f"{account.email} has not enrolled an authenticator"
    totp = pyotp.TOTP(account.totp_secret)
    while True:
        now_step = int(time.time()) // STEP
        step = max(now_step, account.last_totp_step + 1)
        if step <= now_step + 1:
            account.last_totp_step = step
            return totp.at(step * STEP)
        time.sleep(1)


def submit_form_of(page: Page, field_selector: str) -> None:
    """Click the submit button of the form that holds ``field_selector``."""
    form = page.locator(f"form:has({field_selector})")
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()


def fill_credentials(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    assert_accessible(page)
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    submit_form_of(page, "#id_password")


def collect_recovery_codes(page: Page) -> list[str]:
    """The recovery codes shown once after enrolment."""
    return [c.strip() for c in page.locator("#recovery-codes li").all_inner_texts() if c.strip()]


def login(page: Page, base_url: str, account: Account) -> None:
    """Log in with e-mail, password and a TOTP code, enrolling an authenticator when asked.

    Checks accessibility on every page passed through. Ends on the page the server sends
    the user to after logging in.
    """
    fill_credentials(page, base_url, account.email, account.password)
    assert page.locator("#id_password").count() == 0, f"login refused for {account.email}: {page.url}"
    if page.locator("#id_otp_token").count() == 0:
        return  # a role that needs no second factor
    assert_accessible(page)
    secret = find_totp_secret(page)
    if secret:  # enrolment: the page shows a new key to add to the app
        account.totp_secret = secret
        account.last_totp_step = -1
    page.fill("#id_otp_token", next_code(account))
    submit_form_of(page, "#id_otp_token")
    assert page.locator("#id_otp_token").count() == 0, f"TOTP code refused for {account.email}: {page.url}"
    assert_accessible(page)
    if secret:
        codes = collect_recovery_codes(page)
        assert codes, f"no recovery codes shown after enrolment: {page.url}"
        account.recovery_codes = codes
        with page.expect_navigation():
            page.locator("main .kw-actions a").first.click()
        assert_accessible(page)
