"""The organisation-wide gap matrix: suppliers × catalog sections, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from ketenwacht.assessments.models import Answer, Assessment, CatalogVersion
from ketenwacht.catalogs import Catalog, Section
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Supplier

# Cell states, worst first; each is shown as a word with a colour that only supports it.
NOT_MET, PARTLY, OPEN, MET, NOT_ASSESSED, NOT_APPLICABLE = (
    "not_met", "partly", "open", "met", "not_assessed", "not_applicable")


@dataclass(frozen=True)
class MatrixColumn:
    catalog: Catalog
    section: Section


@dataclass(frozen=True)
class MatrixRow:
    supplier: Supplier
    assessment_id: int | None
    cells: tuple[str, ...]


def section_state(section: Section, answers: dict[str, str]) -> str:
    """One word for a section: not met if any item is not met, partly if any is partly met or open."""
    states = [answers.get(item.id) for item in section.items]
    relevant = [s for s in states if s != "not_applicable"]
    if not relevant:
        return NOT_APPLICABLE
    if "not_met" in relevant:
        return NOT_MET
    if "partly" in relevant:
        return PARTLY
    if None in relevant:
        return OPEN
    return MET


def gap_matrix(*, organisation: Organisation, catalog_version: CatalogVersion,
               suppliers: QuerySet[Supplier]) -> tuple[list[MatrixColumn], list[MatrixRow]]:
    """Rows for ``suppliers`` (already scoped and filtered), columns for the catalog's sections.

    A supplier's cells come from its newest assessment that includes a version of this catalog.
    Four queries whatever the number of suppliers: suppliers, assessment links, versions, answers.
    """
    supplier_list = list(suppliers)
    through = Assessment.catalogs.through
    links = (through.objects.filter(assessment__organisation=organisation,
                                    catalogversion__catalog_id=catalog_version.catalog_id,
                                    assessment__supplier__in=[s.pk for s in supplier_list])
             .values_list("assessment_id", "assessment__supplier_id", "catalogversion_id")
             .order_by("assessment__created_at", "assessment_id"))
    latest: dict[int, tuple[int, int]] = {}
    for assessment_id, supplier_id, version_id in links:
        latest[supplier_id] = (assessment_id, version_id)  # ordered oldest first: the last one wins
    versions = {v.pk: v for v in CatalogVersion.objects.filter(pk__in={v for _, v in latest.values()})}
    answers: dict[int, dict[str, str]] = defaultdict(dict)
    for assessment_id, item_id, status in Answer.objects.filter(
        assessment_id__in=[a for a, _ in latest.values()],
        catalog_version__catalog_id=catalog_version.catalog_id,
    ).values_list("assessment_id", "item_id", "status"):
        answers[assessment_id][item_id] = status
    columns = [MatrixColumn(catalog_version.catalog, s) for s in catalog_version.catalog.sections]
    rows = []
    for supplier in supplier_list:
        if supplier.pk not in latest:
            rows.append(MatrixRow(supplier, None, tuple(NOT_ASSESSED for _ in columns)))
            continue
        assessment_id, version_id = latest[supplier.pk]
        catalog = versions[version_id].catalog
        by_id = {s.id: s for s in catalog.sections}
        cells = tuple(
            section_state(by_id[c.section.id], answers[assessment_id]) if c.section.id in by_id else NOT_ASSESSED
            for c in columns
        )
        rows.append(MatrixRow(supplier, assessment_id, cells))
    return columns, rows
