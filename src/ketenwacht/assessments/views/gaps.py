"""Gap report per supplier and the organisation-wide matrix, on screen and as PDF, XLSX or CSV."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views import View

from ketenwacht.assessments import selectors
from ketenwacht.assessments.matrix import gap_matrix
from ketenwacht.assessments.reports import mappings_text, matrix_document, state_label, supplier_gap_document
from ketenwacht.assessments.views.assessments import _language
from ketenwacht.core.permissions import MemberRequiredMixin
from ketenwacht.documents.model import Document
from ketenwacht.documents.render_csv import to_csv
from ketenwacht.documents.render_pdf import to_pdf
from ketenwacht.documents.render_xlsx import to_xlsx
from ketenwacht.suppliers.models import Criticality, Supplier

CELL_BADGES = {
    "met": "kw-badge--met", "partly": "kw-badge--warning", "open": "kw-badge--warning",
    "not_met": "kw-badge--error", "not_assessed": "kw-badge--info", "not_applicable": "kw-badge--info",
}
EXPORTS = {
    "pdf": ("application/pdf", to_pdf),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "csv": ("text/csv; charset=utf-8", to_csv),
}


def export_response(doc: Document, fmt: str, filename: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    content_type, render_fn = EXPORTS[fmt]
    response = HttpResponse(render_fn(doc), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


class SupplierGapReportView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, supplier_pk: int) -> HttpResponse:
        supplier = get_object_or_404(Supplier, organisation=request.organisation, pk=supplier_pk)
        gaps = selectors.supplier_gaps(organisation=request.organisation, supplier=supplier)
        language = _language()
        fmt = request.GET.get("format")
        if fmt:
            doc = supplier_gap_document(supplier=supplier, gaps=gaps, language=language, single_table=fmt == "csv")
            return export_response(doc, fmt, f"gap-report-{slugify(supplier.name)}")
        rows = [
            (version, [(section, item, state, state_label(state), mappings_text(item)) for section, item, state in items])
            for version, items in gaps
        ]
        return render(request, "assessments/gaps.html", {"supplier": supplier, "gaps": rows, "language": language})


class GapMatrixView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        language = _language()
        versions = selectors.catalog_versions_available(organisation=request.organisation)
        chosen = next((v for v in versions if v.catalog_id == request.GET.get("catalog")), None)
        chosen = chosen or next((v for v in versions if v.catalog_id == selectors.GATE_CATALOG_ID), versions[0])
        tier = request.GET.get("criticality") or ""
        suppliers = Supplier.objects.filter(organisation=request.organisation).order_by("name")
        if tier in Criticality.values:
            suppliers = suppliers.filter(criticality=tier)
        else:
            tier = ""
        columns, rows = gap_matrix(organisation=request.organisation, catalog_version=chosen, suppliers=suppliers)
        fmt = request.GET.get("format")
        if fmt:
            doc = matrix_document(organisation_name=request.organisation.name, catalog_title=chosen.title(language),
                                  columns=columns, rows=rows, language=language)
            return export_response(doc, fmt, f"gap-matrix-{chosen.catalog_id}")
        # Each state's cell is built (and escaped) once and joined per row: rendering 8,000 cells one
        # template node at a time took most of the page's time at 1,000 suppliers.
        cells = {s: format_html('<td><span class="kw-badge {}">{}</span></td>', CELL_BADGES[s], state_label(s))
                 for s in CELL_BADGES}
        return render(request, "assessments/matrix.html", {
            "versions": versions, "chosen": chosen, "columns": columns, "tier": tier,
            "tiers": Criticality.choices, "language": language,
            "rows": [(row, mark_safe("".join(cells[state] for state in row.cells))) for row in rows],  # noqa: S308
        })
