"""Gap reports as neutral documents (rendered to PDF, XLSX or CSV by ``ketenwacht.documents``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ketenwacht.assessments.matrix import MatrixColumn, MatrixRow
from ketenwacht.catalogs import Item
from ketenwacht.documents.model import Column, Document, Paragraph, Section, Strings, Table
from ketenwacht.suppliers.models import Supplier

FRAMEWORK_LABELS = {"iso27002": "ISO 27002", "cyfun2023": "CyFun 2023", "cyfun2025": "CyFun 2025",
                    "nis2": "NIS2", "gdpr": "GDPR"}


def state_label(state: str) -> str:
    return {
        "met": _("Met"), "partly": _("Partly met"), "not_met": _("Not met"), "unanswered": _("Not answered yet"),
        "open": _("Open items"), "not_assessed": _("Not assessed"), "not_applicable": _("Not applicable"),
    }.get(state, state)


def mappings_text(item: Item) -> str:
    parts = []
    for framework, label in FRAMEWORK_LABELS.items():
        ids = item.mappings.get(framework)
        if ids:
            parts.append(f"{label}: {', '.join(ids)}")
    return "; ".join(parts)


def _strings() -> Strings:
    return Strings(page=_("Page {page} of {pages}"), metadata=_("Metadata"),
                   figure_omitted=_("Figure not shown in this format: {caption}"), label=_("Label"), value=_("Value"))


def _gap_row(section: Any, item: Item, state: str, language: str) -> list[str]:
    return [item.id, section.title.get(language), item.text.get(language), state_label(state),
            item.guidance.ask_supplier.get(language) if item.guidance else "", mappings_text(item),
            _("yes") if item.blocking else ""]


def _gap_columns() -> list[Column]:
    return [Column(_("Item"), 0.6), Column(_("Section"), 1), Column(_("Question"), 2.2),
            Column(_("Status"), 0.8), Column(_("What to ask for"), 2.2), Column(_("Mappings"), 1.6),
            Column(_("Blocking"), 0.6)]


def supplier_gap_document(*, supplier: Supplier, gaps: list, language: str, single_table: bool = False) -> Document:
    """Unmet and partly met items by catalog and section, with what to ask for and the mappings.

    ``single_table`` puts every catalog's gaps in one table with the catalog as first column:
    CSV holds one table per file.
    """
    if single_table:
        rows = [[f"{version.catalog_id} {version.version}", *_gap_row(section, item, state, language)]
                for version, items in gaps for section, item, state in items]
        table = Table(columns=[Column(_("Catalog"), 1), *_gap_columns()], rows=rows, key="gaps",
                      caption=_("Gap report: %(supplier)s") % {"supplier": supplier.name})
        return _gap_document(supplier, [Section(heading=_("Gaps"), blocks=[table])], language)
    sections = []
    for version, items in gaps:
        catalog = version.catalog
        rows = [_gap_row(section, item, state, language) for section, item, state in items]
        blocks = [Table(columns=_gap_columns(), rows=rows, caption=catalog.title.get(language), key=catalog.id)] \
            if rows else [Paragraph(_("No gaps: every item is met or not applicable."))]
        sections.append(Section(heading=f"{catalog.title.get(language)} {catalog.version}", blocks=blocks))
    if not sections:
        sections = [Section(heading=_("No assessment yet"), blocks=[Paragraph(_("This supplier has no assessment."))])]
    return _gap_document(supplier, sections, language)


def _gap_document(supplier: Supplier, sections: list[Section], language: str) -> Document:
    now = timezone.localtime()
    return Document(
        title=_("Gap report: %(supplier)s") % {"supplier": supplier.name},
        subtitle=supplier.organisation.name,
        meta=[(_("Organisation"), supplier.organisation.name), (_("Supplier"), supplier.name),
              (_("Generated"), date_format(now, "DATETIME_FORMAT"))],
        sections=sections, lang=language, landscape=True, strings=_strings(),
    )


def matrix_document(*, organisation_name: str, catalog_title: str, columns: list[MatrixColumn],
                    rows: list[MatrixRow], language: str) -> Document:
    table = Table(
        columns=[Column(_("Supplier"), 1.6), Column(_("Criticality"), 0.8)]
        + [Column(c.section.title.get(language), 1) for c in columns],
        rows=[[r.supplier.name, r.supplier.get_criticality_display()] + [state_label(s) for s in r.cells]
              for r in rows],
        caption=catalog_title, key="matrix",
    )
    return Document(
        title=_("Gap matrix: %(catalog)s") % {"catalog": catalog_title}, subtitle=organisation_name,
        meta=[(_("Organisation"), organisation_name),
              (_("Generated"), date_format(timezone.localtime(), "DATETIME_FORMAT"))],
        sections=[Section(heading=catalog_title, blocks=[table])], lang=language, landscape=True,
        strings=_strings(),
    )
