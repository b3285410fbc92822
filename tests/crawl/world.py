"""The data the crawler walks over: the demo organisation (A) and a second organisation (B).

A is ``setup_demo()``'s Gemeente Voorbeeldstad, with the demo contracts and a year of performance
data added when the demo does not create them yet. B gets its own copy of the demo suppliers,
contracts and performance data through the same services, plus objects the demo lacks (an
assessment, a questionnaire link, a webhook, a contract document), and every B supplier and
contract carries the marker ``MARKER`` in its name, so a page of A that shows B's data is caught
by a plain text search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenwacht.assessments import questionnaires
from ketenwacht.assessments import selectors as assessment_selectors
from ketenwacht.assessments import services as assessment_services
from ketenwacht.assessments.models import Assessment, AssessmentStatus
from ketenwacht.contracts import services as contract_services
from ketenwacht.contracts.models import Contract
from ketenwacht.core import services as core_services
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, Role, User
from ketenwacht.demo import contracts as demo_contracts
from ketenwacht.demo import performance as demo_performance
from ketenwacht.demo import setup_demo
from ketenwacht.demo import suppliers as demo_suppliers
from ketenwacht.performance import webhooks
from ketenwacht.performance.models import WebhookEndpoint
from ketenwacht.suppliers import services as supplier_services
from ketenwacht.suppliers.models import Contact, Service, Supplier

ROLES = (Role.ADMIN, Role.EDITOR, Role.POLICY_OFFICER, Role.AUDITOR)
MARKER = "Zwartewaterkwartier"  # appears in no demo data of A, so any hit on an A page is a leak
B_SLUG = "crawl-zwartewater"
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    users_a: dict[str, User]  # role → demo user of A
    users_b: dict[str, User]  # role → user of B
    questionnaire_url: str = ""  # the public questionnaire of A's draft assessment (no log-in)
    cache: dict[str, Any] = field(default_factory=dict)  # crawl results shared by the tests of one run


# Form fields that pick an object of the organisation, by name; B's ids must be refused in A's forms.
FIELD_MODELS: dict[str, type[models.Model]] = {
    "supplier": Supplier, "services": Service, "service": Service, "contact": Contact, "contract": Contract,
}


def b_ids(world: World, model: type[models.Model], limit: int = 2) -> list[int]:
    """The first ids of ``model`` rows that belong to organisation B."""
    fields = {f.name for f in model._meta.fields}
    scope = "organisation" if "organisation" in fields else "contract__organisation"
    return list(model.objects.filter(**{scope: world.org_b}).order_by("pk").values_list("pk", flat=True)[:limit])


def verified_client(user: User) -> Client:
    """A test client logged in as ``user`` whose session passed the second factor.

    Exceptions inside a view are raised in the test (``raise_request_exception``) so the crawler
    can report the traceback of a server error.
    """
    client = Client(raise_request_exception=True)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="crawl", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _ensure_contracts_and_performance(organisation: Organisation, actor: Actor) -> None:
    """The demo contracts and performance data, unless the demo set-up already made them."""
    if Contract.objects.filter(organisation=organisation).exists():
        return
    contracts = demo_contracts.ensure_contracts(organisation, actor)
    demo_performance.ensure_performance(organisation, actor, contracts)


def build_org_a() -> tuple[Organisation, dict[str, User], str]:
    """The demo organisation, its four users and the address of a public questionnaire."""
    organisation = setup_demo().organisation
    _ensure_contracts_and_performance(organisation, Actor.system())
    users = {
        role: User.objects.get(memberships__organisation=organisation, memberships__role=role) for role in ROLES
    }
    token = _add_missing_objects(organisation, Actor(user=users[Role.EDITOR], via="web"))
    url = reverse("assessments:questionnaire", kwargs={"token": token}) if token else ""
    return organisation, users, url


def _add_missing_objects(organisation: Organisation, editor: Actor) -> str:
    """A contract document, a webhook and a questionnaire link, so their pages are crawled too.

    Returns the questionnaire link's token ("" when no draft assessment could take one).
    """
    contract = Contract.objects.filter(organisation=organisation).order_by("pk").first()
    if contract is not None and not contract.documents.exists():
        contract_services.document_add(
            contract=contract, actor=editor, kind="signed_contract",
            upload=SimpleUploadedFile("contract.pdf", TINY_PDF, content_type="application/pdf"),
        )
    if contract is not None and not WebhookEndpoint.objects.filter(contract=contract).exists():
        webhooks.create_endpoint(contract=contract, actor=editor, name="Monitor")
    draft = Assessment.objects.filter(organisation=organisation, status=AssessmentStatus.DRAFT).first()
    if draft is None:
        return ""
    _link, token = questionnaires.link_create(assessment=draft, actor=editor, catalog_version=draft.catalogs.first(),
                                              email="leverancier@example.org", send=False)
    return token


def build_org_b() -> tuple[Organisation, dict[str, User]]:
    system = Actor.system()
    organisation = core_services.organisation_create(
        actor=system, slug=B_SLUG, name=f"Gemeente {MARKER}", timezone=Organisation.TimeZone.AMSTERDAM,
        holiday_country=Organisation.HolidayCountry.NL,
    )
    users = {
        role: core_services.user_create(
            actor=system, email=f"{role}@{B_SLUG}.example", password=None, full_name=f"{role} {MARKER}",
            organisation=organisation, role=role,
        )
        for role in ROLES
    }
    editor = Actor(user=users[Role.EDITOR], via="web")
    officer = Actor(user=users[Role.POLICY_OFFICER], via="web")
    demo_suppliers.ensure_suppliers(organisation, editor)
    contracts = demo_contracts.ensure_contracts(organisation, editor)
    demo_performance.ensure_performance(organisation, editor, contracts)

    # Mark every supplier and contract of B (after the demo modules, which find them by name).
    for supplier in Supplier.objects.filter(organisation=organisation):
        supplier_services.supplier_update(supplier=supplier, actor=editor, name=f"{supplier.name} {MARKER}")
    for contract in Contract.objects.filter(organisation=organisation):
        contract_services.contract_update(contract=contract, actor=editor, title=f"{contract.title} {MARKER}")

    # Objects the demo of A may not have: a document, a webhook, assessments, a questionnaire link.
    _add_missing_objects(organisation, editor)
    versions = assessment_selectors.catalog_versions_available(organisation=organisation)
    suppliers = list(Supplier.objects.filter(organisation=organisation).order_by("pk")[:3])
    for index, supplier in enumerate(suppliers):
        # 0: a half-answered draft; 1: submitted; 2: signed off.
        assessment = assessment_services.assessment_create(
            organisation=organisation, actor=editor, supplier=supplier, catalog_versions=versions[:1],
            title=f"Review {MARKER} {index}",
        )
        for version in assessment.catalogs.all():
            items = version.catalog.items[:5] if index == 0 else version.catalog.items
            for item in items:
                assessment_services.answer_set(
                    assessment=assessment, actor=editor, catalog_version=version, item_id=item.id,
                    status="not_met" if index == 0 else "met", evidence=f"Evidence {MARKER}",
                )
        if index >= 1:
            assessment_services.assessment_submit(assessment=assessment, actor=editor)
        if index == 2:
            assessment_services.assessment_sign_off(assessment=assessment, actor=officer, remarks=MARKER)
    assessment_services.policy_override_create(supplier=suppliers[0], actor=officer, reason=f"Override {MARKER}")
    return organisation, users
