"""Every page a member can reach by following links is accessible and answers.

A bounded walk over the site's own links, starting at the dashboard, as the editor (with a
supplier, its contact and its history in place) and as the administrator (members, settings,
audit trail). Each HTML page is checked with axe; a broken link or a server error fails too.
All findings are reported together, so one run lists everything to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.a11y import axe_violations, format_violations
from tests.e2e.auth import login
from tests.e2e.browser import new_context
from tests.e2e.flows import AddedSupplier

MAX_PAGES = 80
# Links that act (log out, switch language), download files, or belong to the API.
SKIP = re.compile(r"/logout/|/i18n/|/api/|/health$|/static/|export|download|template\.|\.(csv|xlsx|pdf|json|ya?ml)$")


def page_kind(url: str) -> str:
    """Pages built from the same template count once: numbers and query values don't matter."""
    parts = urlsplit(url)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def crawl(page: Page, base_url: str, first: list[str]) -> tuple[list[str], list[str]]:
    """Visit same-site pages breadth-first, one per kind, from ``first`` and the dashboard.

    Returns the pages visited and the problems found.
    """
    queue, seen, visited, problems = [*first, f"{base_url}/"], set(), [], []
    while queue and len(visited) < MAX_PAGES:
        url = queue.pop(0)
        if page_kind(url) in seen:
            continue
        seen.add(page_kind(url))
        # Ask first without rendering: a file download is not a page to check.
        probe = page.request.get(url)
        if probe.status >= 400:
            problems.append(f"{url}: HTTP {probe.status}")
            continue
        content_type = probe.headers.get("content-type", "")
        if "attachment" in probe.headers.get("content-disposition", "") or not content_type.startswith("text/html"):
            continue
        response = page.goto(url)
        if response is None or response.status != 200:
            problems.append(f"{url}: HTTP {response.status if response else 'no response'}")
            continue
        visited.append(page.url)
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(page.url, violations))
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            target = urldefrag(href).url
            if urlsplit(target).netloc != urlsplit(base_url).netloc or SKIP.search(urlsplit(target).path):
                continue
            if page_kind(target) not in seen:
                queue.append(target)
    return visited, problems


def test_every_page_the_editor_reaches_is_accessible(server, added_supplier: AddedSupplier,
                                                      editor_page: Page) -> None:
    visited, problems = crawl(editor_page, server.base_url, [added_supplier.detail_url])
    assert added_supplier.detail_url in visited, visited
    for kind in (r"/suppliers/\d+/edit/$", r"/suppliers/new/$", r"/suppliers/crisis-list/$", r"/security/$"):
        assert any(re.search(kind, u) for u in visited), f"never reached {kind}: {visited}"
    assert not problems, "\n\n".join(problems)


@pytest.fixture
def admin_page(browser: Browser, server) -> Iterator[Page]:
    ctx = new_context(browser)
    page = ctx.new_page()
    login(page, server.base_url, server.accounts["admin"])
    yield page
    ctx.close()


def test_every_page_the_administrator_reaches_is_accessible(server, added_supplier: AddedSupplier,
                                                             admin_page: Page) -> None:
    visited, problems = crawl(admin_page, server.base_url, [added_supplier.detail_url])
    for kind in (r"/organisation/members/$", r"/organisation/settings/$", r"/organisation/audit/$"):
        assert any(re.search(kind, u) for u in visited), f"never reached {kind}: {visited}"
    assert not problems, "\n\n".join(problems)
