"""Reads for assessments, always scoped to an organisation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    CatalogVersion,
    PolicyOverride,
    QuestionnaireLink,
    SupplierAnswer,
)
from ketenwacht.assessments.scoring import CatalogScore, gap_items, score_catalog
from ketenwacht.catalogs import Item, catalog_to_dict, latest_versions, shipped_catalogs
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Supplier

# The catalog whose clean, signed-off review lets a supplier become active (Vo-CRT: SLA before commitment).
GATE_CATALOG_ID = "dtc-sla"


def ensure_shipped_catalogs() -> None:
    """Store a snapshot of each shipped catalog version that is not stored yet."""
    stored = set(CatalogVersion.objects.filter(organisation__isnull=True).values_list("catalog_id", "version"))
    new = [
        CatalogVersion(
            organisation=None, catalog_id=c.id, version=c.version, title_nl=c.title.nl, title_en=c.title.en,
            checksum=c.checksum, snapshot=catalog_to_dict(c), item_count=len(c.items),
        )
        for c in shipped_catalogs()
        if (c.id, c.version) not in stored
    ]
    if new:
        CatalogVersion.objects.bulk_create(new, ignore_conflicts=True)


def catalog_versions_available(*, organisation: Organisation) -> list[CatalogVersion]:
    """The newest version of each shipped catalog and of each of the organisation's own catalogs."""
    ensure_shipped_catalogs()
    newest_shipped = {(c.id, c.version) for c in latest_versions(shipped_catalogs())}
    # Snapshots are left out: a caller that needs one (the matrix) loads only that one.
    versions = list(CatalogVersion.objects.filter(organisation__isnull=True).defer("snapshot").order_by("catalog_id"))
    chosen = [v for v in versions if (v.catalog_id, v.version) in newest_shipped]
    own: dict[str, CatalogVersion] = {}
    for version in (CatalogVersion.objects.filter(organisation=organisation).defer("snapshot")
                    .order_by("catalog_id", "imported_at")):
        own[version.catalog_id] = version  # the latest import of each id wins
    return chosen + list(own.values())


def catalog_version_get(*, organisation: Organisation, pk: int) -> CatalogVersion:
    return get_object_or_404(CatalogVersion.objects.filter(organisation__in=[organisation]) |
                             CatalogVersion.objects.filter(organisation__isnull=True), pk=pk)


def assessment_list(*, organisation: Organisation, supplier: Supplier | None = None,
                    status: str | None = None) -> QuerySet[Assessment]:
    qs = Assessment.objects.filter(organisation=organisation).select_related("supplier").prefetch_related("catalogs")
    if supplier is not None:
        qs = qs.filter(supplier=supplier)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def assessment_get(*, organisation: Organisation, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("supplier", "previous", "signed_off_by", "created_by"),
        organisation=organisation, pk=pk,
    )


def answers_by_catalog(assessment: Assessment) -> dict[int, dict[str, Answer]]:
    """catalog version id → item id → answer."""
    result: dict[int, dict[str, Answer]] = defaultdict(dict)
    for answer in assessment.answers.select_related("answered_by"):
        result[answer.catalog_version_id][answer.item_id] = answer
    return result


def assessment_scores(assessment: Assessment) -> list[CatalogScore]:
    answers = answers_by_catalog(assessment)
    return [
        score_catalog(version.catalog, {k: a.status for k, a in answers.get(version.pk, {}).items()})
        for version in assessment.catalogs.order_by("catalog_id")
    ]


@dataclass(frozen=True)
class AnswerChange:
    catalog_id: str
    item_id: str
    before: str | None
    after: str | None


def changes_since_previous(assessment: Assessment) -> list[AnswerChange]:
    """Items whose answer differs from the previous assessment's (matched by catalog id and item id)."""
    if assessment.previous_id is None:
        return []
    def keyed(a: Assessment) -> dict[tuple[str, str], str]:
        return {(ans.catalog_version.catalog_id, ans.item_id): ans.status
                for ans in a.answers.select_related("catalog_version")}
    old, new = keyed(assessment.previous), keyed(assessment)
    return [AnswerChange(k[0], k[1], old.get(k), new.get(k))
            for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]


def latest_signed_off(*, supplier: Supplier, catalog_id: str) -> Assessment | None:
    return (Assessment.objects.filter(organisation_id=supplier.organisation_id, supplier=supplier,
                                      status=AssessmentStatus.SIGNED_OFF, catalogs__catalog_id=catalog_id)
            .order_by("-signed_off_at", "-id").first())


def active_override(supplier: Supplier) -> PolicyOverride | None:
    return (PolicyOverride.objects.filter(supplier=supplier, revoked_at__isnull=True)
            .select_related("decided_by").order_by("-created_at").first())


def supplier_activation_blockers(supplier: Supplier) -> list[str]:
    """Why ``supplier`` may not become active yet: empty when a clean sign-off or an override exists."""
    if active_override(supplier) is not None:
        return []
    assessment = latest_signed_off(supplier=supplier, catalog_id=GATE_CATALOG_ID)
    if assessment is None:
        return [_("No signed-off assessment of the DTC SLA checklist exists for this supplier. "
                  "Conclude the SLA review first, or have a policy officer record an override.")]
    for score in assessment_scores(assessment):
        if score.catalog.id == GATE_CATALOG_ID and score.blocking_unmet:
            ids = ", ".join(item.id for item in score.blocking_unmet)
            return [_("The signed-off SLA review has unmet blocking items: %(items)s.") % {"items": ids}]
    return []


def supplier_gaps(*, organisation: Organisation, supplier: Supplier) -> list[tuple[CatalogVersion, list]]:
    """Per catalog, the gaps of the supplier's latest assessment that includes it."""
    latest: dict[str, tuple[Assessment, CatalogVersion]] = {}
    for assessment in assessment_list(organisation=organisation, supplier=supplier):
        for version in assessment.catalogs.all():
            latest.setdefault(version.catalog_id, (assessment, version))
    out = []
    for assessment, version in latest.values():
        answers = {a.item_id: a.status for a in assessment.answers.filter(catalog_version=version)}
        out.append((version, gap_items(version.catalog, answers)))
    return out


# --- supplier questionnaires ---------------------------------------------------------------------


def link_state(link: QuestionnaireLink, now: dt.datetime | None = None) -> str:
    """One word for a questionnaire link: revoked, expired, submitted or sent."""
    now = now or timezone.now()
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= now:
        return "expired"
    if link.submitted_at is not None:
        return "submitted"
    return "sent"


@dataclass(frozen=True)
class ProposalRow:
    proposal: SupplierAnswer
    item: Item | None  # None only if the snapshot lost the item, which a frozen snapshot cannot


@dataclass(frozen=True)
class LinkReview:
    link: QuestionnaireLink
    state: str
    rows: list[ProposalRow]

    @property
    def pending(self) -> int:
        return sum(1 for r in self.rows if r.proposal.review == SupplierAnswer.Review.PENDING)


def questionnaire_reviews(assessment: Assessment) -> list[LinkReview]:
    """Every link of the assessment with its state and the supplier's proposals in catalog order."""
    links = (assessment.questionnaire_links.select_related("catalog_version", "contact", "created_by")
             .prefetch_related("answers__reviewed_by").order_by("-created_at", "-id"))
    now = timezone.now()
    out = []
    for link in links:
        catalog = link.catalog_version.catalog
        order = {item.id: n for n, item in enumerate(catalog.items)}
        items = {item.id: item for item in catalog.items}
        proposals = sorted(link.answers.all(), key=lambda a: order.get(a.item_id, len(order)))
        out.append(LinkReview(link, link_state(link, now), [ProposalRow(p, items.get(p.item_id)) for p in proposals]))
    return out


def pending_supplier_answers(*, organisation: Organisation, assessment: Assessment | None = None) -> int:
    """Supplier proposals still to review, for draft assessments (only a draft can take them in)."""
    qs = SupplierAnswer.objects.filter(organisation=organisation, review=SupplierAnswer.Review.PENDING,
                                       link__assessment__status=AssessmentStatus.DRAFT)
    if assessment is not None:
        qs = qs.filter(link__assessment=assessment)
    return qs.count()
