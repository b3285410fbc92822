"""The assessments panel on the dashboard: what needs someone's attention, each a number with a link.

* assessments awaiting sign-off (submitted);
* suppliers with unmet blocking items: for each supplier and catalog, the newest assessment that
  includes the catalog has a blocking item answered "not met";
* supplier answers to review: proposals from questionnaire links of draft assessments.

A fixed number of queries whatever the number of suppliers.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ketenwacht.assessments import selectors
from ketenwacht.assessments.models import Answer, Assessment, AssessmentStatus, CatalogVersion
from ketenwacht.core.dashboard import Panel, register_panel
from ketenwacht.core.models import Organisation

PANEL_KEY = "assessments"


def unmet_blocking(*, organisation: Organisation) -> dict[int, set[int]]:
    """supplier id → ids of the newest assessments (one per catalog) with a blocking item not met."""
    through = Assessment.catalogs.through
    links = (through.objects.filter(assessment__organisation=organisation)
             .values_list("assessment_id", "assessment__supplier_id", "catalogversion_id",
                          "catalogversion__catalog_id")
             .order_by("assessment__created_at", "assessment_id"))
    latest: dict[tuple[int, str], tuple[int, int]] = {}
    for assessment_id, supplier_id, version_id, catalog_id in links:
        latest[(supplier_id, catalog_id)] = (assessment_id, version_id)  # oldest first: the newest wins
    if not latest:
        return {}
    wanted = set(latest.values())
    not_met: dict[tuple[int, int], set[str]] = {}
    for assessment_id, version_id, item_id in Answer.objects.filter(
        organisation=organisation, assessment_id__in={a for a, _ in wanted}, status="not_met",
    ).values_list("assessment_id", "catalog_version_id", "item_id"):
        if (assessment_id, version_id) in wanted:
            not_met.setdefault((assessment_id, version_id), set()).add(item_id)
    if not not_met:
        return {}
    versions = CatalogVersion.objects.filter(pk__in={v for _, v in not_met}).only("pk", "snapshot", "checksum")
    blocking = {v.pk: {item.id for item in v.catalog.items if item.blocking} for v in versions}
    out: dict[int, set[int]] = {}
    for (supplier_id, _catalog_id), (assessment_id, version_id) in latest.items():
        if not_met.get((assessment_id, version_id), set()) & blocking.get(version_id, set()):
            out.setdefault(supplier_id, set()).add(assessment_id)
    return out


def panel_context(request: HttpRequest) -> dict[str, Any] | None:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return None
    return {
        "awaiting_sign_off": Assessment.objects.filter(organisation=organisation,
                                                       status=AssessmentStatus.SUBMITTED).count(),
        "suppliers_blocking": len(unmet_blocking(organisation=organisation)),
        "answers_to_review": selectors.pending_supplier_answers(organisation=organisation),
    }


def register_dashboard_panel() -> None:
    register_panel(Panel(key=PANEL_KEY, template_name="assessments/includes/dashboard_panel.html",
                         context=panel_context, order=40))
