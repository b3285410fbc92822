"""The SLA report page of one contract, its PDF/XLSX/JSON downloads, and the breach scan."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.contracts.periods import Period, PeriodError
from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin
from ketenwacht.documents import to_pdf, to_xlsx
from ketenwacht.performance import services
from ketenwacht.performance.reporting import render as presenter
from ketenwacht.performance.reporting.build import sla_report
from ketenwacht.performance.views.base import current_lang, load_contract, period_from, web_actor
from ketenwacht.sla import SLAInputError

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


class ReportView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        period, note = period_from(request)
        lang = current_lang()
        try:
            report = sla_report(contract=contract, period=period, lang=lang)
        except SLAInputError as exc:
            return render(request, "performance/report_error.html", {"contract": contract, "error": str(exc)},
                          status=400)
        charts = presenter.charts(report, lang)
        return render(request, "performance/report.html", {
            "contract": contract, "period": period, "period_note": note, "report": report,
            "summary": presenter.summary_pairs(report, lang), "priority_rows": presenter.priority_rows(report, lang),
            "breach_rows": presenter.breach_rows(report, lang), "measurements": [
                {**m, "availability": presenter.pct(m["availability_percent"], lang),
                 "target": presenter.pct(m["target_percent"], lang),
                 "downtime": presenter.duration(m["downtime_seconds"], lang),
                 "allowed": presenter.duration(m["allowed_downtime_seconds"], lang),
                 "status": presenter.status_word(m["met"]), "credit": presenter.money(m["credit_amount"], lang)}
                for m in report["measurements"]],
            # Built by our own chart code from numbers only (labels escaped there), so safe to inline.
            "trend_svg": mark_safe(charts["trend"]),  # noqa: S308
            "budget_svg": mark_safe(charts["budget"]),  # noqa: S308
            "previous": period.shift(-1), "next": period.shift(1),
            "status_word": presenter.status_word(report["met"]),
        })


class ReportExportView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in CONTENT_TYPES:
            raise Http404
        contract = load_contract(request, pk)
        try:
            period = Period.parse(request.GET.get("period", ""))
        except PeriodError:
            period, _note = period_from(request)
        lang = current_lang()
        try:
            report = sla_report(contract=contract, period=period, lang=lang)
        except SLAInputError as exc:
            return render(request, "performance/report_error.html", {"contract": contract, "error": str(exc)},
                          status=400)
        if fmt == "json":
            body = json.dumps(presenter.as_json(report), indent=2, ensure_ascii=False).encode()
        elif fmt == "pdf":
            body = to_pdf(presenter.document(report, lang))
        else:
            body = to_xlsx(presenter.document(report, lang))
        response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
        safe_ref = "".join(c if c.isalnum() or c in "-_" else "_" for c in contract.reference)
        response["Content-Disposition"] = f'attachment; filename="sla-{safe_ref}-{period.label}.{fmt}"'
        response["Cache-Control"] = "private, no-store"
        return response


class BreachScanView(WriterRequiredMixin, View):
    """Record the report's breaches in the register (new ones open; follow-ups are kept)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        try:
            period = Period.parse(request.POST.get("period", ""))
        except PeriodError as exc:
            messages.error(request, str(exc))
            return redirect("performance:report", pk=contract.pk)
        try:
            counts = services.breaches_refresh(contract=contract, period=period, actor=web_actor(request))
        except SLAInputError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Breach register updated: %(created)s new, %(updated)s updated, "
                                        "%(removed)s no longer breaches.") % counts)
        return redirect(reverse("performance:report", kwargs={"pk": contract.pk}) + f"?period={period.label}")
