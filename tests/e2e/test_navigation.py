"""Keyboard use and language switching on the logged-in pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.a11y import assert_accessible


def active_element(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                    href: el.getAttribute('href'), width: box.width, height: box.height,
                    top: box.top, left: box.left};
        }"""
    )


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_main_content(server, editor_page: Page) -> None:
    page = editor_page
    page.goto(server.url("/"))
    assert_accessible(page)

    page.keyboard.press("Tab")
    focused = active_element(page)
    assert focused["tag"] == "a" and focused["href"] == "#main", focused
    # Visible when focused: on screen and of a size a sighted keyboard user can see.
    assert focused["width"] > 1 and focused["height"] > 1, focused
    assert focused["top"] >= 0 and focused["left"] >= 0, focused

    page.keyboard.press("Enter")
    assert page.url.endswith("#main"), page.url
    focused = active_element(page)
    assert focused["tag"] == "main" and focused["id"] == "main", focused
    # The next Tab continues after the start of the main content, not back in the header.
    page.keyboard.press("Tab")
    assert not page.evaluate("() => document.querySelector('header').contains(document.activeElement)")


def test_switch_language_to_english_and_back(server, editor_page: Page) -> None:
    page = editor_page
    page.goto(server.url("/"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    dutch_nav = page.locator("nav.kw-nav").inner_text()

    with page.expect_navigation():
        page.locator('button[name=language][value=en]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == server.url("/"), page.url  # the switch returns to the same page
    english_nav = page.locator("nav.kw-nav").inner_text()
    assert "Dashboard" in english_nav
    assert english_nav != dutch_nav, "the navigation did not change language"
    assert_accessible(page)

    with page.expect_navigation():
        page.locator('button[name=language][value=nl]').click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert page.locator("nav.kw-nav").inner_text() == dutch_nav
    assert_accessible(page)
