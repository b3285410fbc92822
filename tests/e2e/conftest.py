"""Browser tests: Playwright drives the system's Chromium against the real server.

Every test here is marked ``e2e`` (``make test`` runs them after the database tests). One
server serves the whole session from a fresh data directory; each test gets its own
browser context, so cookies never leak between tests, except through ``editor_page``,
which starts from the editor's logged-in session to spare a TOTP code per test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.e2e.a11y import ensure_axe_installed
from tests.e2e.auth import login
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, new_context
from tests.e2e.flows import OTHER_SUPPLIER, SUPPLIER, AddedSupplier, add_incident_contact, add_supplier
from tests.e2e.server import Account, ServerError, prepare, running_server

E2E_DIR = Path(__file__).resolve().parent
PASSWORD = "Kettingzaag-veilig-42"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@dataclass
class Server:
    base_url: str
    data_dir: Path
    env: dict[str, str]
    accounts: dict[str, Account]

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


def _accounts() -> dict[str, Account]:
    """One account per purpose, so a test that enrols or fails a login leaves the others alone."""
    return {
        key: Account(email=f"{key}@e2e.example", password=PASSWORD, role=role)
        for key, role in [
            ("editor", "editor"),  # the shared logged-in session for the register tests
            ("enrol", "editor"),  # first login with enrolment, then a second login
            ("wrongpw", "editor"),  # a refused login
            ("recovery", "editor"),  # a wrong code, then a recovery code
            ("auditor", "auditor"),
            ("admin", "admin"),  # the accessibility sweep of the administrator's pages
        ]
    }


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real server on a free loopback port, with a fresh database; stopped at the end."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    accounts = _accounts()
    failure = None
    try:
        env = prepare(data_dir, list(accounts.values()))
        with running_server(data_dir, env) as base_url:
            yield Server(base_url=base_url, data_dir=data_dir, env=env, accounts=accounts)
    except ServerError as exc:
        failure = str(exc)
    if failure is not None:  # outside the except block, so the report shows only the server's output
        pytest.fail(f"the Ketenwacht server could not be started:\n{failure}", pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `bash scripts/system-deps.sh`", pytrace=False)
    ensure_axe_installed()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context: no cookies, Dutch browser language."""
    ctx = new_context(browser)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def editor_state(browser: Browser, server: Server) -> dict:
    """The editor's cookies after one real login (with TOTP enrolment)."""
    ctx = new_context(browser)
    try:
        pg = ctx.new_page()
        login(pg, server.base_url, server.accounts["editor"])
        return ctx.storage_state()
    finally:
        ctx.close()


@pytest.fixture
def editor_page(browser: Browser, editor_state: dict) -> Iterator[Page]:
    """A page in a context already logged in as the editor (two-factor verified)."""
    ctx = new_context(browser, storage_state=editor_state)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def added_supplier(browser: Browser, editor_state: dict, server: Server) -> AddedSupplier:
    """A critical supplier with a 24x7 incident contact, and a second, low-criticality one.

    Both are added by the editor through the forms, with accessibility checks on each page.
    """
    ctx = new_context(browser, storage_state=editor_state)
    try:
        pg = ctx.new_page()
        detail_url = add_supplier(
            pg, server.base_url, name=SUPPLIER, criticality="critical", incident_relevant=True, city="Gent"
        )
        add_incident_contact(pg, detail_url)
        add_supplier(pg, server.base_url, name=OTHER_SUPPLIER, criticality="low", incident_relevant=False,
                     city="Kortrijk")
        return AddedSupplier(name=SUPPLIER, detail_url=detail_url)
    finally:
        ctx.close()
