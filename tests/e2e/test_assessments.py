"""Checklist assessments in the browser: answer, submit, sign off, gap report; the supplier questionnaire.

A small catalog of our own is loaded with ``ketenwacht catalog import`` (three items in two
sections) so that filling in an assessment takes a few clicks. A policy officer account is made
with ``ketenwacht user create``; every page passed through is checked with axe.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.auth import login
from tests.e2e.browser import new_context
from tests.e2e.flows import add_supplier, fill, select
from tests.e2e.server import ORG_SLUG, Account, ketenwacht_command, run

CATALOG = """
id: e2e-korte-lijst
version: "1.0"
title: {nl: Korte controlelijst, en: Short checklist}
description: {nl: Voor de browsertests, en: For the browser tests}
sections:
  - id: AFSPRAKEN
    title: {nl: Afspraken, en: Agreements}
    items:
      - id: E2E-1
        text: {nl: "Is er een getekende SLA?", en: "Is there a signed SLA?"}
        weight: 2
        blocking: true
      - id: E2E-2
        text: {nl: "Zijn de responstijden vastgelegd?", en: "Are the response times agreed?"}
  - id: BEVEILIGING
    title: {nl: Beveiliging, en: Security}
    items:
      - id: E2E-3
        text: {nl: "Gebruikt de leverancier MFA?", en: "Does the supplier use MFA?"}
        weight: 3
"""
SUPPLIER_NAME = "Hosting Kempen BV"
OFFICER = Account(email="officer@e2e.example", password="Kettingzaag-veilig-42", role="policy_officer")


@dataclass
class Setup:
    supplier_id: int


def _python(server, code: str) -> str:  # noqa: ANN001
    """Run Django code against the server's database, as an operator's shell would."""
    preamble = "import django; django.setup()\n"
    return run([sys.executable, "-c", preamble + code], server.env).stdout


@pytest.fixture(scope="module")
def setup(server, browser: Browser, editor_state: dict, tmp_path_factory: pytest.TempPathFactory) -> Setup:  # noqa: ANN001
    catalog = tmp_path_factory.mktemp("catalog") / "korte-lijst.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    run([*ketenwacht_command(), "catalog", "import", str(catalog), "--org", ORG_SLUG], server.env)
    run([*ketenwacht_command(), "user", "create", "--email", OFFICER.email, "--org", ORG_SLUG,
         "--role", OFFICER.role], server.env, stdin=OFFICER.password + "\n")
    context = new_context(browser, storage_state=editor_state)
    try:
        url = add_supplier(context.new_page(), server.base_url, name=SUPPLIER_NAME, criticality="high",
                           incident_relevant=True, city="Geel")
    finally:
        context.close()
    return Setup(supplier_id=int(re.search(r"/suppliers/(\d+)/", url).group(1)))


@pytest.fixture
def officer_page(browser: Browser, server) -> Iterator[Page]:  # noqa: ANN001
    context = new_context(browser)
    try:
        page = context.new_page()
        login(page, server.base_url, OFFICER)
        yield page
    finally:
        context.close()


def create_assessment(page: Page, base_url: str, setup: Setup) -> str:
    """Start an assessment of the supplier on the short catalog; returns the detail page URL."""
    page.goto(f"{base_url}/assessments/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator('main a[href$="/assessments/new/"]').click()
    assert_accessible(page)
    select(page, "id_supplier", str(setup.supplier_id))
    page.locator("label", has_text="Korte controlelijst").click()
    with page.expect_navigation():
        page.locator("main form.kw-form button[type=submit]").click()
    assert re.search(r"/assessments/\d+/$", page.url), page.url
    assert_accessible(page)
    return page.url


def answer(page: Page, item_id: str, status: str) -> None:
    page.check(f'input[name="{item_id}-status"][value="{status}"]')


def test_fill_in_submit_sign_off_and_download_the_gap_report(
    server, setup: Setup, editor_page: Page, officer_page: Page, tmp_path  # noqa: ANN001
) -> None:
    page = editor_page
    detail = create_assessment(page, server.base_url, setup)

    # Section 1: the blocking item met with the signed SLA as evidence, response times not agreed.
    with page.expect_navigation():
        page.locator("main table a", has_text="Afspraken").click()
    assert_accessible(page)
    answer(page, "E2E-1", "met")
    fill(page, "id_E2E-1-clause", "SLA art. 2")
    evidence = tmp_path / "sla-getekend.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% de getekende SLA\n")
    page.set_input_files("#id_E2E-1-file", str(evidence))
    answer(page, "E2E-2", "not_met")
    with page.expect_navigation():
        page.locator('button[name="save_next"]').click()
    expect(page.locator("h1")).to_have_text("Beveiliging")
    assert_accessible(page)
    answer(page, "E2E-3", "partly")
    with page.expect_navigation():
        page.locator('button[name="save"]').click()
    expect(page.locator(".kw-messages .utrecht-alert--success")).to_be_visible()

    page.goto(detail)
    expect(page.locator("main")).to_contain_text("3")
    with page.expect_navigation():
        page.locator(f'form[action$="{detail[len(server.base_url):]}submit/"] button').click()
    expect(page.locator(".kw-messages .utrecht-alert--success")).to_be_visible()
    assert_accessible(page)

    # The policy officer signs it off.
    officer = officer_page
    officer.goto(detail)
    assert_accessible(officer)
    officer.fill("#id_remarks", "Akkoord; responstijden volgen in de volgende versie van de SLA.")
    with officer.expect_navigation():
        officer.locator('#signoff-heading ~ form button[type=submit]').first.click()
    expect(officer.locator(".kw-messages .utrecht-alert--success")).to_be_visible()
    expect(officer.locator("#steps-heading + ul")).to_contain_text("Akkoord; responstijden")
    assert_accessible(officer)

    # The gap report lists the unmet and partly met items; the PDF download works.
    page.goto(f"{server.base_url}/assessments/suppliers/{setup.supplier_id}/gaps/")
    assert_accessible(page)
    table = page.locator("main table").first
    expect(table).to_contain_text("E2E-2")
    expect(table).to_contain_text("E2E-3")
    expect(table).not_to_contain_text("E2E-1")
    with page.expect_download() as download_info:
        page.locator('main a[href="?format=pdf"]').click()
    pdf = tmp_path / "gaps.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def _create_link(page: Page, detail: str, email: str) -> str:
    page.goto(detail)
    with page.expect_navigation():
        page.locator('main a[href$="/questionnaire/new/"]').first.click()
    assert_accessible(page)
    fill(page, "id_email", email)
    select(page, "id_language", "en")
    with page.expect_navigation():
        page.locator("main form.kw-form button[type=submit]").click()
    assert_accessible(page)
    url = page.locator("#questionnaire-url").input_value()
    assert re.search(r"/assessments/q/[A-Za-z0-9_\-]{20,}/$", url), url
    return url


def test_supplier_answers_through_a_link_and_the_organisation_reviews(
    server, browser: Browser, setup: Setup, editor_page: Page  # noqa: ANN001
) -> None:
    page = editor_page
    detail = create_assessment(page, server.base_url, setup)
    url = _create_link(page, detail, "servicedesk@hosting-kempen.example")
    path = url.split("/assessments/", 1)[1]

    # The supplier, without an account, answers in English and submits.
    anonymous = new_context(browser)
    try:
        supplier = anonymous.new_page()
        response = supplier.goto(f"{server.base_url}/assessments/{path}")
        assert response.status == 200
        assert response.headers["referrer-policy"] == "same-origin"
        expect(supplier.locator("html")).to_have_attribute("lang", "en")
        assert_accessible(supplier)
        answer(supplier, "E2E-1", "met")
        supplier.fill("#id_E2E-1-clause", "SLA 1.4")
        supplier.fill("#id_E2E-1-explanation", "Signed on 3 March.")
        answer(supplier, "E2E-3", "met")
        with supplier.expect_navigation():
            supplier.locator('button[name="submit"]').click()
        expect(supplier.locator(".kw-messages")).to_be_visible()
        assert_accessible(supplier)
    finally:
        anonymous.close()

    # The organisation accepts one answer and rejects the other with a remark.
    page.goto(detail)
    with page.expect_navigation():
        page.locator('main a[href$="/review/"]').click()
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("article", has_text="E2E-1").locator('button[value="accept"]').click()
    rejected = page.locator("article", has_text="E2E-3")
    rejected.locator('input[name="remark"]').fill("MFA geldt niet voor de beheerders; graag toelichten.")
    with page.expect_navigation():
        rejected.locator('button[value="reject"]').click()
    expect(page.locator("article", has_text="E2E-3")).to_contain_text("MFA geldt niet voor de beheerders")
    assert_accessible(page)
    page.goto(detail)
    expect(page.locator("main table").first).to_contain_text("1 / 2")  # E2E-1 answered in section 1


def test_expired_and_withdrawn_links_are_closed(server, browser: Browser, setup: Setup, editor_page: Page) -> None:  # noqa: ANN001
    page = editor_page
    detail = create_assessment(page, server.base_url, setup)
    expired = _create_link(page, detail, "verlopen@hosting-kempen.example")
    _python(server, (
        "from datetime import timedelta\nfrom django.utils import timezone\n"
        "from ketenwacht.assessments.models import QuestionnaireLink\n"
        "QuestionnaireLink.objects.filter(email='verlopen@hosting-kempen.example')"
        ".update(expires_at=timezone.now() - timedelta(minutes=1))\n"
    ))
    withdrawn = _create_link(page, detail, "ingetrokken@hosting-kempen.example")
    page.goto(detail.rstrip("/") + "/review/")
    card = page.locator("section.kw-card", has_text="ingetrokken@hosting-kempen.example")
    with page.expect_navigation():
        card.locator('form[action$="/revoke/"] button').click()
    expect(page.locator("section.kw-card", has_text="ingetrokken@hosting-kempen.example")
           .locator(".kw-link-state .kw-badge--error")).to_be_visible()
    expect(page.locator("section.kw-card", has_text="verlopen@hosting-kempen.example")
           .locator(".kw-link-state .kw-badge--warning")).to_be_visible()
    assert_accessible(page)

    anonymous = new_context(browser)
    try:
        supplier = anonymous.new_page()
        for url in (expired, withdrawn):
            response = supplier.goto(url.replace(url.split("/assessments/")[0], server.base_url))
            assert response.status == 410, url
            expect(supplier.locator("#questionnaire-closed")).to_be_visible()
            assert_accessible(supplier)
    finally:
        anonymous.close()
