"""The supplier register in the browser: add a supplier with a contact, find it, export the crisis list.

The supplier is added once through the forms (the ``added_supplier`` fixture); the tests look
at the result from the list, the detail page and the crisis list downloads.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.a11y import assert_accessible
from tests.e2e.flows import (
    CONTACT,
    CONTACT_EMAIL,
    CONTACT_PHONE,
    OTHER_SUPPLIER,
    SUPPLIER,
    AddedSupplier,
    labelled,
    submit,
)

# Attributes and CSS that make a browser fetch something from another host.
EXTERNAL_REFERENCE = re.compile(
    r"""(?:\b(?:src|href|srcset|action|data)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)|@import""",
    re.IGNORECASE,
)


def test_added_supplier_shows_its_contact_and_change_history(added_supplier: AddedSupplier,
                                                             editor_page: Page) -> None:
    page = editor_page
    page.goto(added_supplier.detail_url)
    # The first table after the "Contacts" heading (the history further down names the contact too).
    contacts = page.locator("xpath=//h2[@id='contacts']/following::table[1]")
    row = contacts.locator("tbody tr", has=page.locator(f"td:text-is('{CONTACT}')"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(CONTACT_EMAIL)
    expect(row).to_contain_text(CONTACT_PHONE)
    expect(row.locator(f'a[href="mailto:{CONTACT_EMAIL}"]')).to_have_count(1)

    history = page.locator("section[aria-labelledby=history-heading]")
    expect(history).to_be_visible()
    # Two events at least: the supplier was created, then its contact; both by the editor, via the web.
    history_text = history.inner_text()
    assert SUPPLIER in history_text and CONTACT in history_text, history_text
    assert "editor@e2e.example" in history_text, history_text
    assert re.search(r"\bweb\b", history_text), history_text  # made through the web pages
    assert_accessible(page)


def test_a_filter_on_the_list_finds_the_supplier(server, added_supplier: AddedSupplier, editor_page: Page) -> None:
    page = editor_page
    page.goto(server.url("/suppliers/"))
    rows = page.locator("main table tbody tr")
    names = rows.locator("td:first-child a")
    # Other browser tests add suppliers of their own, so look for ours among whatever is there.
    expect(names.filter(has_text=SUPPLIER)).to_have_count(1)
    expect(names.filter(has_text=OTHER_SUPPLIER)).to_have_count(1)

    labelled(page, "Kritikaliteit").select_option("critical")
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").click()
    assert "criticality=critical" in page.url, page.url
    expect(page.locator("#id_criticality")).to_have_value("critical")  # the filter stays visible
    expect(names.filter(has_text=SUPPLIER)).to_have_count(1)
    expect(names.filter(has_text=OTHER_SUPPLIER)).to_have_count(0)
    expect(rows.locator(".kw-badge--critical")).to_have_count(rows.count())  # only critical ones left
    assert_accessible(page)

    # A free-text search on part of the name finds it too.
    page.goto(server.url("/suppliers/"))
    labelled(page, "Zoeken").fill("schelde")
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").click()
    expect(names.filter(has_text=SUPPLIER)).to_have_count(1)
    expect(names.filter(has_text=OTHER_SUPPLIER)).to_have_count(0)
    for name in names.all_inner_texts():
        assert "schelde" in name.lower(), name
    assert_accessible(page)

    with page.expect_navigation():
        names.filter(has_text=SUPPLIER).click()
    assert page.url == added_supplier.detail_url, page.url


def test_a_filter_that_matches_nothing_says_so(server, added_supplier: AddedSupplier, editor_page: Page) -> None:
    page = editor_page
    page.goto(server.url("/suppliers/?q=bestaat-niet-xyz"))
    expect(page.locator("main table")).to_have_count(0)
    expect(page.locator("main p[role=status]")).to_be_visible()
    assert_accessible(page)


def test_an_empty_supplier_form_shows_errors_linked_to_the_fields(server, editor_page: Page) -> None:
    page = editor_page
    page.goto(server.url("/suppliers/new/"))
    submit(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator('a[href="#id_name"]')).to_have_count(1)
    expect(page.locator("#id_name_error")).to_be_visible()
    assert "id_name_error" in (page.locator("#id_name").get_attribute("aria-describedby") or "")
    assert_accessible(page)


def _download(page: Page, link_selector: str, target: Path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(link_selector).click()
    download = info.value
    assert download.failure() is None, download.failure()
    path = target / download.suggested_filename
    download.save_as(path)
    return download.suggested_filename, path.read_bytes()


def test_export_the_crisis_list_in_every_format(server, added_supplier: AddedSupplier, editor_page: Page,
                                                tmp_path: Path) -> None:
    page = editor_page
    page.goto(server.url("/suppliers/crisis-list/"))
    main = page.locator("main")
    expect(main).to_contain_text(SUPPLIER)
    expect(main).to_contain_text(CONTACT)
    assert OTHER_SUPPLIER not in main.inner_text()  # low criticality and no incident flag: not on the list
    assert_accessible(page)

    links = page.locator('main a[href*="crisis-list/export?format="]')
    formats = sorted({re.search(r"format=(\w+)", h).group(1) for h in
                      links.evaluate_all("els => els.map(e => e.getAttribute('href'))")})
    assert {"pdf", "html"} <= set(formats), formats

    downloads: dict[str, bytes] = {}
    for fmt in formats:
        filename, content = _download(page, f'main a[href$="format={fmt}"]', tmp_path)
        assert filename.endswith(f".{fmt}"), filename
        downloads[fmt] = content

    pdf = downloads["pdf"]
    assert pdf.startswith(b"%PDF"), pdf[:20]
    pdf_text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert SUPPLIER in pdf_text and CONTACT in pdf_text, pdf_text[:500]

    html = downloads["html"].decode("utf-8")
    assert SUPPLIER in html and CONTACT in html and CONTACT_PHONE in html
    assert OTHER_SUPPLIER not in html
    external = EXTERNAL_REFERENCE.findall(html)
    assert not external, f"the offline HTML refers to other hosts: {external}"
    assert "<script" not in html.lower(), "the offline HTML should work without scripts"

    if "xlsx" in downloads:
        assert downloads["xlsx"].startswith(b"PK")
        book = openpyxl.load_workbook(io.BytesIO(downloads["xlsx"]), read_only=True)
        cells = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
        assert SUPPLIER in cells and CONTACT in cells
    if "csv" in downloads:
        text = downloads["csv"].decode("utf-8-sig")
        cells = {c for row in csv.reader(io.StringIO(text), delimiter=_csv_delimiter(text)) for c in row}
        assert SUPPLIER in cells and CONTACT in cells

    # The offline HTML is itself accessible when opened from disk, with no network.
    html_path = next(tmp_path.glob("*.html"))
    page.context.set_offline(True)
    try:
        page.goto(html_path.as_uri())
        expect(page.locator("body")).to_contain_text(SUPPLIER)
        assert_accessible(page)
    finally:
        page.context.set_offline(False)

    # After the export the crisis list page reports the list as up to date.
    page.goto(server.url("/suppliers/crisis-list/"))
    expect(page.locator("#crisis-status .kw-badge--ok")).to_be_visible()
    assert_accessible(page)


def _csv_delimiter(text: str) -> str:
    first = text.splitlines()[0]
    return ";" if first.count(";") > first.count(",") else ","
