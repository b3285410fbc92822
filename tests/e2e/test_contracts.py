"""In the browser: define a contract with SLA terms, import incidents, open the monthly report, get the PDF."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.flows import fill, select

TOPDESK = (
    "Incidentnummer;Korte omschrijving (Details);Prioriteit;Aanmelddatum;Reactiedatum;Datum gereed;Status\r\n"
    "E2E-001;Mail komt niet aan;P1 Kritiek;03-03-2025 16:30;04-03-2025 08:20;04-03-2025 12:00;Afgemeld\r\n"
    "E2E-002;VPN valt weg;P1 Kritiek;07-03-2025 16:00;07-03-2025 18:00;10-03-2025 12:00;Afgemeld\r\n"
    "E2E-003;Printer;P3 Normaal;12-03-2025 10:00;12-03-2025 15:00;14-03-2025 09:00;Afgemeld\r\n"
)


def _click(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def test_contract_sla_import_report_and_pdf(server, editor_page: Page, added_supplier, tmp_path) -> None:  # noqa: ANN001
    page = editor_page
    page.goto(server.url("/contracts/"))
    assert_accessible(page)
    _click(page, 'main a[href$="/contracts/new/"]')
    assert_accessible(page)
    select(page, "id_supplier", label_value(page, "id_supplier", added_supplier.name))
    fill(page, "id_reference", "E2E-2025-01")
    fill(page, "id_title", "Netwerkbeheer")
    fill(page, "id_start_date", "2025-01-01")
    fill(page, "id_end_date", "2027-12-31")
    fill(page, "id_notice_period_value", "3")
    fill(page, "id_value_per_month", "1000")
    _click(page, "main form.kw-form button[type=submit]")
    assert re.search(r"/contracts/\d+/$", page.url), page.url
    contract_url = page.url
    assert_accessible(page)

    # SLA terms: 99.9 % per month, office-hours support, P1 1 h / 4 h in business hours.
    _click(page, 'main a[href$="/sla/new/"]')
    assert_accessible(page)
    fill(page, "id_label", "SLA 2025")
    fill(page, "id_valid_from", "2025-01-01")
    fill(page, "id_availability_target_percent", "99,9")
    select(page, "id_availability_period", "month")
    select(page, "id_maintenance", "excluded")
    select(page, "id_service_mode", "24x7")
    select(page, "id_support_mode", "weekly")
    fill(page, "id_support_opens", "08:00")
    fill(page, "id_support_closes", "17:00")
    select(page, "id_support_holidays", "BE")
    for field, value in (("response_value", "1"), ("resolution_value", "4")):
        fill(page, f"id_t_P1_{field}", value)
    for field in ("response_unit", "resolution_unit"):
        select(page, f"id_t_P1_{field}", "business_hours")
    fill(page, "id_t_P3_response_value", "4")
    select(page, "id_t_P3_response_unit", "business_hours")
    fill(page, "id_t_P3_resolution_value", "2")
    select(page, "id_t_P3_resolution_unit", "working_days")
    _click(page, "main form.kw-form button[type=submit]")
    assert re.search(r"/sla/\d+/$", page.url), page.url
    expect(page.locator("#measurability")).to_be_visible()
    expect(page.locator("main")).to_contain_text("99,9 %")
    assert_accessible(page)

    # Import a TOPdesk export: check first, then import.
    page.goto(contract_url)
    _click(page, 'main a[href$="/import/"]')
    assert_accessible(page)
    csv = tmp_path / "topdesk.csv"
    csv.write_text(TOPDESK, encoding="utf-8")
    select(page, "id_layout", "preset:topdesk")
    page.set_input_files("#id_file", str(csv))
    _click(page, 'main form[action$="/import/"] button[name=action][value=check]')
    expect(page.locator("main")).to_contain_text("E2E-002")
    assert_accessible(page)
    page.set_input_files("#id_file", str(csv))
    _click(page, 'main form[action$="/import/"] button[name=action][value=import]')
    assert "/incidents/" in page.url
    page.goto(page.url.split("?")[0] + "?period=2025-03")
    expect(page.locator("main table")).to_contain_text("E2E-003")
    assert_accessible(page)

    # The monthly report, with both charts, and its PDF.
    page.goto(contract_url)
    _click(page, 'main a[href*="/report/"]')
    page.goto(page.url.split("?")[0] + "?period=2025-03")
    expect(page.locator("main svg[role=img]")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("E2E-002")  # P1 resolved after 5 business hours: breached
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.locator('main a[href*="report.pdf"]').click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def label_value(page: Page, select_id: str, text: str) -> str:
    """The option value whose text is ``text``."""
    return page.locator(f"#{select_id} option", has_text=text).first.get_attribute("value")


def test_performance_overviews_are_accessible(server, editor_page: Page) -> None:  # noqa: ANN001
    for path in ("/contracts/ending/", "/performance/", "/performance/breaches/", "/"):
        editor_page.goto(server.url(path))
        expect(editor_page.locator("h1")).to_be_visible()
        assert_accessible(editor_page)
