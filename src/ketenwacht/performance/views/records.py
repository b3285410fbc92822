"""Incidents and outages of one contract: lists per period and the forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.contracts.models import Contract
from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin
from ketenwacht.performance import selectors, services
from ketenwacht.performance.forms import IncidentForm, OutageForm
from ketenwacht.performance.models import Incident, Outage
from ketenwacht.performance.views.base import bounds, load_contract, period_from, priority_names, web_actor

PAGE_SIZE = 100
Record = Incident | Outage
RecordForm = IncidentForm | OutageForm


class IncidentListView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        period, note = period_from(request)
        start, end = bounds(request, period)
        rows = selectors.incident_list(organisation=request.organisation, contract=contract.pk, start=start, end=end)
        page = Paginator(rows.order_by("-reported_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "performance/incident_list.html", {
            "contract": contract, "period": period, "period_note": note, "page": page,
            "previous": period.shift(-1), "next": period.shift(1), "names": priority_names(contract),
        })


class OutageListView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        period, note = period_from(request)
        start, end = bounds(request, period)
        rows = selectors.outage_list(organisation=request.organisation, contract=contract.pk, start=start, end=end)
        page = Paginator(rows.order_by("-started_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "performance/outage_list.html", {
            "contract": contract, "period": period, "period_note": note, "page": page,
            "previous": period.shift(-1), "next": period.shift(1),
        })


class _RecordFormView(WriterRequiredMixin, View):
    kind = "incident"
    template_name = "performance/record_form.html"

    def form(self, contract: Contract, data: QueryDict | None = None, instance: Record | None = None) -> RecordForm:
        if self.kind == "incident":
            return IncidentForm(data, contract=contract, instance=instance, priority_names=priority_names(contract))
        return OutageForm(data, contract=contract, instance=instance)

    def list_url(self, contract: Contract) -> str:
        return reverse("performance:incidents" if self.kind == "incident" else "performance:outages",
                       kwargs={"pk": contract.pk})

    def render_form(self, contract: Contract, form: RecordForm, instance: Record | None = None,
                    status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, {"contract": contract, "form": form, "kind": self.kind,
                                                         "instance": instance, "cancel_url": self.list_url(contract)},
                      status=status)

    def load(self, request: HttpRequest, record_pk: int) -> Record:
        getter = selectors.incident_get if self.kind == "incident" else selectors.outage_get
        return getter(organisation=request.organisation, pk=record_pk)

    def write(self, request: HttpRequest, contract: Contract, form: RecordForm,
              instance: Record | None) -> HttpResponse | None:
        if not form.is_valid():
            return None
        kwargs = form.service_kwargs()
        try:
            if self.kind == "incident":
                if instance is None:
                    services.incident_create(contract=contract, actor=web_actor(request), **kwargs)
                else:
                    services.incident_update(incident=instance, actor=web_actor(request), **kwargs)
            elif instance is None:
                services.outage_create(contract=contract, actor=web_actor(request), **kwargs)
            else:
                services.outage_update(outage=instance, actor=web_actor(request), **kwargs)
        except ValidationError as exc:
            form.add_service_errors(exc)
            return None
        messages.success(request, _("Saved."))
        return redirect(self.list_url(contract))


class RecordCreateView(_RecordFormView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        return self.render_form(contract, self.form(contract))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        form = self.form(contract, request.POST)
        return self.write(request, contract, form, None) or self.render_form(contract, form, status=400)


class RecordUpdateView(_RecordFormView):
    def get(self, request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        instance = self._instance(request, contract, record_pk)
        return self.render_form(contract, self.form(contract, instance=instance), instance)

    def post(self, request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        instance = self._instance(request, contract, record_pk)
        form = self.form(contract, request.POST, instance=instance)
        return self.write(request, contract, form, instance) or self.render_form(contract, form, instance, status=400)

    def _instance(self, request: HttpRequest, contract: Contract, record_pk: int) -> Record:
        instance = self.load(request, record_pk)
        if instance.contract_id != contract.pk:
            raise Http404
        return instance


class RecordDeleteView(_RecordFormView):
    def post(self, request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        instance = self.load(request, record_pk)
        if instance.contract_id != contract.pk:
            raise Http404
        if self.kind == "incident":
            services.incident_delete(incident=instance, actor=web_actor(request))
        else:
            services.outage_delete(outage=instance, actor=web_actor(request))
        messages.success(request, _("Deleted."))
        return redirect(self.list_url(contract))
