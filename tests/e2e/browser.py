"""The system's Chromium, driven by Playwright; never a browser downloaded by Playwright."""

from __future__ import annotations

import os

from playwright.sync_api import Browser, BrowserContext

CHROMIUM = os.environ.get("KETENWACHT_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ACTION_TIMEOUT_MS = 15_000


def new_context(browser: Browser, **kwargs: object) -> BrowserContext:
    """A context with a Dutch browser language that accepts downloads.

    ``bypass_csp``: axe is injected as an inline script, which a strict policy would block.
    """
    context = browser.new_context(locale="nl-NL", accept_downloads=True, bypass_csp=True, **kwargs)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return context
