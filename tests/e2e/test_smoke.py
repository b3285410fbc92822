"""The server answers and its public pages are accessible."""

from __future__ import annotations

import json
import urllib.request

from playwright.sync_api import Page

from tests.e2e.a11y import assert_accessible, axe_violations


def test_health_answers_ok(server) -> None:
    with urllib.request.urlopen(server.url("/health"), timeout=5) as response:
        body = json.loads(response.read())
    assert response.status == 200
    assert body["status"] == "ok"


def test_login_page_is_dutch_and_accessible(server, page: Page) -> None:
    page.goto(server.url("/login/"))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)


def test_stylesheets_are_served(server, page: Page) -> None:
    """Every stylesheet the pages link to loads (unstyled pages would hide contrast problems)."""
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(server.url("/login/"))
    hrefs = page.eval_on_selector_all('link[rel=stylesheet]', "links => links.map(l => l.href)")
    assert hrefs
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200, f"{href}: {response.status}"
        assert response.headers["content-type"].startswith("text/css"), href
    assert not failed, failed


def test_axe_reports_a_known_violation(server, page: Page) -> None:
    """The checker itself works: an image without text alternative and an unlabelled field fail."""
    page.goto(server.url("/login/"))
    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            document.querySelector('main').appendChild(img);
            const input = document.createElement('input');
            input.type = 'text';
            document.querySelector('main').appendChild(input);
        }"""
    )
    ids = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label"} <= ids
