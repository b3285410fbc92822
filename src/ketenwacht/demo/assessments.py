"""Demo assessments: signed-off SLA reviews, one with a policy override, a draft and one awaiting sign-off.

Answers are chosen deterministically from the supplier and item (the same on every run), mostly
met, some partly, a few not met, so the gap reports and the matrix show something real.
"""

from __future__ import annotations

import hashlib

from ketenwacht.assessments import selectors, services
from ketenwacht.assessments.models import Assessment
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, User
from ketenwacht.suppliers.models import Supplier

EDITOR_EMAIL = "editor@voorbeeldstad.be"
OFFICER_EMAIL = "beleid@voorbeeldstad.be"

# supplier name → (catalog ids, what happens): "signed" (clean review), "override" (blocking gap,
# policy officer's override), "submitted" (awaiting sign-off), "draft" (half answered)
PLAN = {
    "Datacentrum Scheldeland NV": (["dtc-sla", "gdpr-art28"], "signed"),
    "Burgerzaken Online BV": (["dtc-sla", "gdpr-art28", "vocrt-supplier-policy"], "signed"),
    "Vlotte Werkplek BV": (["dtc-sla"], "signed"),
    "Netwerk Kempen NV": (["dtc-sla"], "signed"),
    "TeleVoice Benelux BV": (["dtc-sla"], "override"),
    "MailWolk Inc.": (["dtc-sla", "gdpr-art28"], "submitted"),
    "Back-up Bunker BV": (["dtc-sla"], "signed"),
    "Cyberwacht SOC BV": (["dtc-sla", "supplier-onboarding"], "draft"),
}

OVERRIDE_REASON = (
    "Telefonie moest na het faillissement van de vorige leverancier binnen een week draaien; "
    "de reactie- en oplostijden worden bij de verlenging in 2026 vastgelegd."
)


def _pick(supplier: str, item_id: str) -> str:
    roll = int(hashlib.sha256(f"{supplier}|{item_id}".encode()).hexdigest()[:4], 16) % 100
    if roll < 72:
        return "met"
    if roll < 90:
        return "partly"
    if roll < 97:
        return "not_met"
    return "not_applicable"


def _answer_all(assessment: Assessment, actor: Actor, supplier: Supplier, outcome: str, limit: int | None) -> None:
    for version in assessment.catalogs.all():
        for index, item in enumerate(version.catalog.items):
            if limit is not None and index >= limit:
                break
            status = _pick(supplier.name, item.id)
            if item.blocking:
                status = "met"
            if outcome == "override" and item.id == "DTC-6.3":
                status = "not_met"
            services.answer_set(
                assessment=assessment, actor=actor, catalog_version=version, item_id=item.id, status=status,
                clause_reference=f"SLA art. {index // 4 + 1}.{index % 4 + 1}" if status != "not_applicable" else "",
                evidence="" if status == "met" else "Toelichting gevraagd aan de leverancier.",
            )


def ensure_assessments(organisation: Organisation) -> int:
    """Create the demo assessments once; a supplier that already has one is left alone."""
    editor = Actor(User.objects.get(email=EDITOR_EMAIL), via="system")
    officer = Actor(User.objects.get(email=OFFICER_EMAIL), via="system")
    versions = {v.catalog_id: v for v in selectors.catalog_versions_available(organisation=organisation)}
    created = 0
    for name, (catalog_ids, outcome) in PLAN.items():
        supplier = Supplier.objects.filter(organisation=organisation, name=name).first()
        if supplier is None or supplier.assessments.exists():
            continue
        assessment = services.assessment_create(
            organisation=organisation, actor=editor, supplier=supplier,
            catalog_versions=[versions[c] for c in catalog_ids],
            title=f"SLA-review {supplier.name}",
        )
        _answer_all(assessment, editor, supplier, outcome, limit=12 if outcome == "draft" else None)
        if outcome in ("signed", "override", "submitted"):
            services.assessment_submit(assessment=assessment, actor=editor)
        if outcome in ("signed", "override"):
            services.assessment_sign_off(assessment=assessment, actor=officer, remarks="Gecontroleerd tegen het contract.")
        if outcome == "override":
            services.policy_override_create(supplier=supplier, actor=officer, reason=OVERRIDE_REASON)
        created += 1
    return created
