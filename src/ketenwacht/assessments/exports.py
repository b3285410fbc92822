"""An assessment as plain JSON-ready data, for ``ketenwacht export assessment`` and archiving.

Everything needed to read the assessment without the application: the catalogs it was made
against (ID, version, checksum), each answer with its evidence, the scores per section, the
blocking items that are not met and the sign-off history.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ketenwacht.assessments import selectors
from ketenwacht.assessments.models import Assessment
from ketenwacht.assessments.scoring import CatalogScore, SectionScore

FORMAT_NAME = "ketenwacht-assessment"
FORMAT_VERSION = 1


def _number(value: Decimal | None) -> float | int | None:
    """Scores are halves and percentages one decimal: exact as JSON numbers."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _when(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def _section(score: SectionScore) -> dict[str, Any]:
    return {
        "id": score.section.id,
        "title": score.section.title.to_dict(),
        "answered": score.answered,
        "total": score.total,
        "earned": _number(score.earned),
        "maximum": _number(score.maximum),
        "percent": _number(score.percent),
        "counts": dict(score.counts),
    }


def catalog_score_data(score: CatalogScore) -> dict[str, Any]:
    """The score of one catalog: totals, per section, and the unmet blocking items."""
    return {
        "answered": score.answered,
        "total": score.total,
        "earned": _number(score.earned),
        "maximum": _number(score.maximum),
        "percent": _number(score.percent),
        "complete": score.complete,
        "blocking_unmet": [item.id for item in score.blocking_unmet],
        "sections": [_section(s) for s in score.sections],
    }


def assessment_export(assessment: Assessment) -> dict[str, Any]:
    """The whole assessment; the caller has already scoped it to its organisation."""
    versions = list(assessment.catalogs.order_by("catalog_id"))
    scores = {score.catalog.id: score for score in selectors.assessment_scores(assessment)}
    answers = (assessment.answers.select_related("catalog_version", "answered_by")
               .order_by("catalog_version__catalog_id", "item_id"))
    steps = assessment.review_steps.select_related("actor").order_by("created_at", "id")
    supplier = assessment.supplier
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "organisation": {"slug": assessment.organisation.slug, "name": assessment.organisation.name},
        "assessment": {
            "id": assessment.pk,
            "title": assessment.title,
            "status": assessment.status,
            "supplier": {"id": supplier.pk, "name": supplier.name},
            "previous_id": assessment.previous_id,
            "created_at": _when(assessment.created_at),
            "submitted_at": _when(assessment.submitted_at),
            "signed_off_at": _when(assessment.signed_off_at),
            "signed_off_by": assessment.signed_off_by.email if assessment.signed_off_by else None,
        },
        "catalogs": [
            {
                "id": v.catalog_id,
                "version": v.version,
                "checksum": v.checksum,
                "title": {"nl": v.title_nl, "en": v.title_en},
                "own": v.organisation_id is not None,
                "score": catalog_score_data(scores[v.catalog_id]),
            }
            for v in versions
        ],
        "answers": [
            {
                "catalog_id": a.catalog_version.catalog_id,
                "catalog_version": a.catalog_version.version,
                "item_id": a.item_id,
                "status": a.status,
                "clause_reference": a.clause_reference,
                "evidence": a.evidence,
                "evidence_file_name": a.evidence_file_name or None,
                "from_supplier": a.from_supplier,
                "answered_by": a.answered_by.email if a.answered_by else None,
                "answered_at": _when(a.answered_at),
            }
            for a in answers
        ],
        "review_steps": [
            {"action": s.action, "by": s.actor.email if s.actor else None, "at": _when(s.created_at),
             "remarks": s.remarks}
            for s in steps
        ],
    }
