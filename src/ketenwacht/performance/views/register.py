"""The organisation-wide SLA overview and the breach register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin
from ketenwacht.performance import selectors, services
from ketenwacht.performance.forms import BreachStatusForm
from ketenwacht.performance.models import Breach
from ketenwacht.performance.reporting import render as presenter
from ketenwacht.performance.views.base import current_lang, web_actor

PAGE_SIZE = 100
STATUS_ORDER = {"breached": 0, "at_risk": 1, "met": 2, "no_target": 3}


def status_rows(request: HttpRequest) -> list[dict]:
    lang = current_lang()
    rows = []
    for item in selectors.contracts_status(organisation=request.organisation):
        rows.append({"item": item, "availability": presenter.pct(item.availability_percent, lang),
                     "target": presenter.pct(item.target_percent, lang),
                     "budget": presenter.pct(item.budget_used_percent, lang),
                     "downtime": presenter.duration(item.downtime_seconds, lang)})
    rows.sort(key=lambda r: (STATUS_ORDER[r["item"].status], r["item"].contract.reference))
    return rows


class OverviewView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        rows = status_rows(request)
        counts = {key: sum(1 for r in rows if r["item"].status == key) for key in STATUS_ORDER}
        return render(request, "performance/overview.html", {"rows": rows, "counts": counts})


class BreachListView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("status", "")
        status = status if status in Breach.Status.values else ""
        term = request.GET.get("term", "")
        term = term if term in Breach.Term.values else ""
        rows = selectors.breach_list(organisation=request.organisation, status=status or None, term=term or None)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "performance/breach_list.html", {
            "page": page, "status": status, "term": term, "statuses": Breach.Status.choices,
            "terms": Breach.Term.choices, "form": BreachStatusForm(),
        })


class BreachStatusView(WriterRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        breach = selectors.breach_get(organisation=request.organisation, pk=pk)
        form = BreachStatusForm(request.POST)
        if form.is_valid():
            try:
                services.breach_set_status(breach=breach, actor=web_actor(request), status=form.cleaned_data["status"],
                                           reason=form.cleaned_data["status_reason"])
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Follow-up saved."))
                return redirect("performance:breaches")
        return render(request, "performance/breach_status.html", {"breach": breach, "form": form}, status=400)
