"""Contract list, the "contracts ending" list, detail, create, update, delete and documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.contracts import selectors, services
from ketenwacht.contracts.engine import describe_target
from ketenwacht.contracts.forms import ContractFilterForm, ContractForm, DocumentForm
from ketenwacht.contracts.measurability import check_terms
from ketenwacht.contracts.sla_terms import priority_dicts, version_terms
from ketenwacht.core.audit import Actor
from ketenwacht.core.history import history_rows
from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin
from ketenwacht.core.selectors import audit_events_for

PAGE_SIZE = 50
HISTORY_LIMIT = 200
CONTRACT_TYPE = "contracts.contract"
ENDING_HORIZON_DAYS = 180


def web_actor(request: HttpRequest) -> Actor:
    return Actor(user=request.user, via="web")


class ContractListView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = ContractFilterForm(request.GET, organisation=request.organisation)
        kwargs = form.selector_kwargs()
        rows = selectors.contract_list(organisation=request.organisation, **kwargs)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(request, "contracts/contract_list.html", {
            "form": form, "page": page, "page_query": query.urlencode(), "today": timezone.localdate(),
            "filtered": bool(kwargs["search"] or kwargs["supplier"]),
        })


class ContractsEndingView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            days = max(1, min(int(request.GET.get("days", ENDING_HORIZON_DAYS)), 3650))
        except ValueError:
            days = ENDING_HORIZON_DAYS
        today = timezone.localdate()
        rows = selectors.contracts_ending(organisation=request.organisation, today=today, within_days=days)
        return render(request, "contracts/contracts_ending.html", {"rows": rows, "days": days, "today": today})


class ContractDetailView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = selectors.contract_detail(organisation=request.organisation, pk=pk)
        versions = list(contract.sla_versions.all())
        today = timezone.localdate()
        version_rows = []
        for version in versions:
            findings = check_terms(version_terms(version), priority_dicts(version))
            version_rows.append({"version": version, "findings": len(findings), "in_force": version.covers(today),
                                 "explanation": describe_target(version)})
        events = list(audit_events_for(request.organisation, CONTRACT_TYPE, contract.pk)[:HISTORY_LIMIT])
        return render(request, "contracts/contract_detail.html", {
            "contract": contract, "versions": version_rows, "documents": contract.documents.all(),
            "services": contract.services.all(), "today": today, "document_form": DocumentForm(),
            "history_rows": history_rows(events), "history_truncated": len(events) == HISTORY_LIMIT,
        })


class _ContractFormView(WriterRequiredMixin, View):
    template_name = "contracts/contract_form.html"
    contract = None

    def render_form(self, form: ContractForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "contract": self.contract}, status=status)


class ContractCreateView(_ContractFormView):
    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {}
        if request.GET.get("supplier", "").isdigit():
            initial["supplier"] = int(request.GET["supplier"])
        return self.render_form(ContractForm(organisation=request.organisation, initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ContractForm(request.POST, organisation=request.organisation)
        if form.is_valid():
            try:
                contract = services.contract_create(organisation=request.organisation, actor=web_actor(request),
                                                    **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Contract %(ref)s added.") % {"ref": contract.reference})
                return redirect("contracts:detail", pk=contract.pk)
        return self.render_form(form, status=400)


class ContractUpdateView(_ContractFormView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        return self.render_form(ContractForm(organisation=request.organisation, instance=self.contract))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        form = ContractForm(request.POST, organisation=request.organisation, instance=self.contract)
        if form.is_valid():
            try:
                services.contract_update(contract=self.contract, actor=web_actor(request), **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Contract %(ref)s saved.") % {"ref": self.contract.reference})
                return redirect("contracts:detail", pk=self.contract.pk)
        return self.render_form(form, status=400)


class ContractDeleteView(WriterRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(selectors.contract_get(organisation=request.organisation, pk=pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = selectors.contract_get(organisation=request.organisation, pk=pk)
        reference = contract.reference
        try:
            services.contract_delete(contract=contract, actor=web_actor(request))
        except ValidationError as exc:
            return self._render(contract, exc.messages, status=400)
        messages.success(request, _("Contract %(ref)s deleted.") % {"ref": reference})
        return redirect("contracts:list")

    def _render(self, contract: Any, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
        return render(self.request, "confirm_delete.html", {
            "object": contract, "what": _("contract"),
            "consequence": _("Its SLA versions, documents, incidents, outages and breaches are deleted with it."),
            "cancel_url": reverse("contracts:detail", kwargs={"pk": contract.pk}), "errors": errors or [],
        }, status=status)


class DocumentUploadView(WriterRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = selectors.contract_detail(organisation=request.organisation, pk=pk)
        form = DocumentForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            form.is_valid()
            form.add_error("file", _("The file is too large."))
        elif form.is_valid():
            try:
                services.document_add(contract=contract, actor=web_actor(request), kind=form.cleaned_data["kind"],
                                      upload=form.cleaned_data["file"])
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Document attached."))
                return redirect("contracts:detail", pk=contract.pk)
        return render(request, "contracts/document_form.html", {"form": form, "contract": contract}, status=400)


class DocumentDownloadView(MemberRequiredMixin, View):
    """Documents are served only to members of the organisation, never from a public URL."""

    def get(self, request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
        document = selectors.document_get(organisation=request.organisation, pk=doc_pk)
        if document.contract_id != pk:
            raise Http404
        try:
            handle = document.file.open("rb")
        except OSError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=document.original_name,
                                content_type=document.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class DocumentDeleteView(WriterRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
        document = selectors.document_get(organisation=request.organisation, pk=doc_pk)
        if document.contract_id != pk:
            raise Http404
        services.document_delete(document=document, actor=web_actor(request))
        messages.success(request, _("Document %(name)s removed.") % {"name": document.original_name})
        return redirect("contracts:detail", pk=pk)
