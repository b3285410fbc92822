"""The register flows the browser tests share: adding suppliers and contacts through the forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from tests.e2e.a11y import assert_accessible

SUPPLIER = "Netwerkbeheer Schelde NV"
OTHER_SUPPLIER = "Kantoorprinters Leie BV"
CONTACT = "Annelies Verhaegen"
CONTACT_EMAIL = "incident@netwerkbeheer-schelde.example"
CONTACT_PHONE = "+32 9 234 56 78"


@dataclass
class AddedSupplier:
    name: str
    detail_url: str


def fill(page: Page, field_id: str, value: str) -> None:
    """Fill a field after checking it has a visible label, as a person using the form needs."""
    label = page.locator(f'label[for="{field_id}"]')
    expect(label).to_be_visible()
    assert label.inner_text().strip(), f"#{field_id} has an empty label"
    page.fill(f"#{field_id}", value)


def select(page: Page, field_id: str, value: str) -> None:
    expect(page.locator(f'label[for="{field_id}"]')).to_be_visible()
    page.select_option(f"#{field_id}", value)


def labelled(page: Page, label: str) -> Locator:
    """The one field whose label starts with ``label`` (the Dutch text a person reads).

    Labels of required fields end in "(verplicht)", so the match is on the start, up to a word end.
    """
    field = page.get_by_label(re.compile(rf"^{re.escape(label)}\b"))
    expect(field).to_have_count(1)
    return field


def submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form.kw-form button[type=submit]").click()


def add_supplier(page: Page, base_url: str, *, name: str, criticality: str, incident_relevant: bool,
                 city: str) -> str:
    """Add a supplier through the list page's button and the form; returns the detail page URL."""
    page.goto(f"{base_url}/suppliers/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator('main a[href$="/suppliers/new/"]').click()
    assert_accessible(page)
    labelled(page, "Naam").fill(name)
    labelled(page, "Plaats").fill(city)
    labelled(page, "Land").fill("BE")
    labelled(page, "Kritikaliteit").select_option(criticality)
    if incident_relevant:
        labelled(page, "Kan betrokken zijn bij een ernstig incident").check()
    labelled(page, "Interne eigenaar").fill("Dienst ICT")
    submit(page)
    assert re.search(r"/suppliers/\d+/$", page.url), f"not on the detail page after saving: {page.url}"
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator(".kw-messages .utrecht-alert--success")).to_contain_text(name)
    assert_accessible(page)
    return page.url


def add_incident_contact(page: Page, detail_url: str) -> None:
    """Add the 24x7 incident contact through the detail page's button and the contact form."""
    page.goto(detail_url)
    with page.expect_navigation():
        page.locator('main a[href$="/contacts/new/"]').click()
    assert_accessible(page)
    labelled(page, "Naam").fill(CONTACT)
    labelled(page, "Rol").select_option("incident_contact")
    labelled(page, "E-mail").fill(CONTACT_EMAIL)
    labelled(page, "Telefoon").fill(CONTACT_PHONE)
    labelled(page, "Bereikbaar").select_option("24x7")
    labelled(page, "Talen").fill("nl, en")
    submit(page)
    assert page.url.split("#")[0] == detail_url, page.url
    expect(page.locator(".kw-messages .utrecht-alert--success")).to_contain_text(CONTACT)
    assert_accessible(page)
