"""SLA versions: their terms, the measurability check, and the forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.contracts import selectors, services
from ketenwacht.contracts.engine import describe_target
from ketenwacht.contracts.measurability import TERM_LABELS
from ketenwacht.contracts.models import Contract, SlaVersion
from ketenwacht.contracts.sla_forms import SlaVersionForm
from ketenwacht.contracts.sla_terms import check_version
from ketenwacht.contracts.views.contracts import web_actor
from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin


def _findings_by_term(version: SlaVersion) -> list[dict]:
    findings = check_version(version)
    groups = []
    for key, label in TERM_LABELS.items():
        mine = [f for f in findings if f.term == key]
        groups.append({"key": key, "label": label, "findings": mine, "ask": mine[0].ask if mine else ""})
    return groups


class SlaVersionDetailView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
        contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        version = selectors.sla_version_get(organisation=request.organisation, contract=contract, pk=version_pk)
        groups = _findings_by_term(version)
        return render(request, "contracts/sla_detail.html", {
            "contract": contract, "version": version, "groups": groups,
            "finding_count": sum(len(g["findings"]) for g in groups),
            "targets": sorted(version.priority_targets.all(), key=lambda t: t.priority),
            "explanation": describe_target(version),
        })


class _SlaFormView(WriterRequiredMixin, View):
    contract: Contract
    version: SlaVersion | None = None

    def render_form(self, form: SlaVersionForm, status: int = 200) -> HttpResponse:
        return render(self.request, "contracts/sla_form.html",
                      {"form": form, "contract": self.contract, "version": self.version}, status=status)

    def save(self, form: SlaVersionForm) -> SlaVersion | None:
        if not form.is_valid():
            return None
        kwargs = form.service_kwargs()
        if form.errors:
            return None
        try:
            if self.version is None:
                return services.sla_version_create(contract=self.contract, actor=web_actor(self.request), **kwargs)
            return services.sla_version_update(version=self.version, actor=web_actor(self.request), **kwargs)
        except ValidationError as exc:
            form.add_service_errors(exc)
            return None


class SlaVersionCreateView(_SlaFormView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        initial = {}
        source = request.GET.get("copy", "")
        if source.isdigit():
            template = selectors.sla_version_get(organisation=request.organisation, contract=self.contract,
                                                 pk=source)
            initial = SlaVersionForm.instance_initial(template)
            initial.update({"label": "", "valid_from": None, "valid_until": None})
        else:
            initial["valid_from"] = self.contract.start_date
        return self.render_form(SlaVersionForm(initial=initial, default_timezone=request.organisation.timezone))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        form = SlaVersionForm(request.POST, default_timezone=request.organisation.timezone)
        version = self.save(form)
        if version is None:
            return self.render_form(form, status=400)
        messages.success(request, _("SLA version %(label)s added.") % {"label": version.label})
        return redirect("contracts:sla_detail", pk=self.contract.pk, version_pk=version.pk)


class SlaVersionUpdateView(_SlaFormView):
    def _load(self, request: HttpRequest, pk: int, version_pk: int) -> None:
        self.contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        self.version = selectors.sla_version_get(organisation=request.organisation, contract=self.contract,
                                                 pk=version_pk)

    def get(self, request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
        self._load(request, pk, version_pk)
        return self.render_form(SlaVersionForm(instance=self.version))

    def post(self, request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
        self._load(request, pk, version_pk)
        form = SlaVersionForm(request.POST, instance=self.version)
        version = self.save(form)
        if version is None:
            return self.render_form(form, status=400)
        messages.success(request, _("SLA version %(label)s saved.") % {"label": version.label})
        return redirect("contracts:sla_detail", pk=self.contract.pk, version_pk=version.pk)


class SlaVersionDeleteView(WriterRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
        contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        version = selectors.sla_version_get(organisation=request.organisation, contract=contract, pk=version_pk)
        return render(request, "confirm_delete.html", {
            "object": version, "what": _("SLA version"), "errors": [],
            "consequence": _("Its terms and priority targets are deleted; incidents and outages stay."),
            "cancel_url": reverse("contracts:sla_detail", kwargs={"pk": pk, "version_pk": version_pk}),
        })

    def post(self, request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
        contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        version = selectors.sla_version_get(organisation=request.organisation, contract=contract, pk=version_pk)
        label = version.label
        services.sla_version_delete(version=version, actor=web_actor(request))
        messages.success(request, _("SLA version %(label)s deleted.") % {"label": label})
        return redirect("contracts:detail", pk=pk)
