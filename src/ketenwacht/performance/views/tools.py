"""Imports (ticket-system files, Statuspage feeds) and monitoring webhooks of one contract."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.contracts.models import Contract
from ketenwacht.core import audit
from ketenwacht.core.permissions import WriterRequiredMixin
from ketenwacht.performance import selectors, webhooks
from ketenwacht.performance.forms import ImportForm, StatuspageForm, WebhookForm
from ketenwacht.performance.importing import ImportFileError, Layout, import_records
from ketenwacht.performance.importing.presets import PRESETS
from ketenwacht.performance.models import ImportMapping, WebhookEndpoint
from ketenwacht.performance.statuspage import import_statuspage
from ketenwacht.performance.views.base import load_contract, web_actor


def _layouts(request: HttpRequest) -> list[tuple[str, str]]:
    choices = [(f"preset:{key}", preset.name) for key, preset in PRESETS.items()]
    for mapping in selectors.import_mappings(organisation=request.organisation):
        choices.append((f"mapping:{mapping.pk}", f"{mapping.name} ({mapping.get_kind_display()})"))
    return choices


def _layout(request: HttpRequest, choice: str, kind: str) -> Layout:
    source, _sep, key = choice.partition(":")
    if source == "mapping":
        mapping = selectors.import_mappings(organisation=request.organisation).filter(pk=int(key)).first()
        if mapping is None:
            raise Http404
        layout = Layout.from_mapping(mapping)
    else:
        layout = Layout.from_preset(key)
    return Layout(kind, layout.columns, layout.date_formats, layout.priority_map, layout.timezone, layout.name)


def _save_mapping(request: HttpRequest, name: str, layout: Layout, columns: dict[str, str], preset: str) -> None:
    try:
        with transaction.atomic():
            mapping, created = ImportMapping.objects.get_or_create(
                organisation=request.organisation, kind=layout.kind, name=name[:100],
                defaults={"columns": columns, "preset": preset, "priority_map": layout.priority_map,
                          "timezone": layout.timezone})
            if created:
                audit.record_create(actor=web_actor(request), organisation=request.organisation, instance=mapping)
            else:
                before = audit.snapshot(mapping)
                mapping.columns, mapping.preset = columns, preset
                mapping.save()
                audit.record_update(actor=web_actor(request), organisation=request.organisation, instance=mapping,
                                    before=before)
    except IntegrityError:
        messages.error(request, _("The mapping could not be saved."))


class ImportView(WriterRequiredMixin, View):
    template_name = "performance/import.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        return render(request, self.template_name, {
            "contract": contract, "form": ImportForm(layouts=_layouts(request), initial={"layout": "preset:topdesk"}),
            "statuspage_form": StatuspageForm(), "dry_run": True})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        form = ImportForm(request.POST, request.FILES, layouts=_layouts(request))
        dry_run = request.POST.get("action") != "import"
        result = None
        if getattr(request, "upload_too_large", False):
            form.is_valid()
            form.add_error("file", _("The file is too large."))
        elif form.is_valid():
            layout = _layout(request, form.cleaned_data["layout"], form.cleaned_data["kind"])
            upload = form.cleaned_data["file"]
            try:
                result = import_records(contract=contract, actor=web_actor(request), data=upload.read(),
                                        filename=upload.name or "", layout=layout, dry_run=dry_run)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                if result.ok and form.cleaned_data.get("save_as"):
                    preset = form.cleaned_data["layout"].partition(":")[2]
                    _save_mapping(request, form.cleaned_data["save_as"], layout, result.columns,
                                  preset if preset in PRESETS else "")
                if result.ok and not dry_run:
                    messages.success(request, _("Imported: %(summary)s.") % {"summary": result.summary()})
                    return redirect("performance:incidents" if layout.kind == "incidents" else "performance:outages",
                                    pk=contract.pk)
        status = 200 if result is not None and result.ok else 400
        return render(request, self.template_name, {
            "contract": contract, "form": form, "result": result, "dry_run": dry_run,
            "statuspage_form": StatuspageForm()}, status=status)


class StatuspageImportView(WriterRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        form = StatuspageForm(request.POST, request.FILES)
        dry_run = request.POST.get("action") != "import"
        result = None
        if getattr(request, "upload_too_large", False):
            form.is_valid()
            form.add_error("file", _("The file is too large."))
        elif form.is_valid():
            try:
                result = import_statuspage(contract=contract, actor=web_actor(request),
                                           data=form.cleaned_data["file"].read(),
                                           component=form.cleaned_data["component"], dry_run=dry_run)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                if result.ok and not dry_run:
                    messages.success(request, _("Imported: %(summary)s.") % {"summary": result.summary()})
                    return redirect("performance:outages", pk=contract.pk)
        return render(request, "performance/import.html", {
            "contract": contract, "form": ImportForm(layouts=_layouts(request)), "statuspage_form": form,
            "statuspage_result": result, "dry_run": dry_run},
            status=200 if result is not None and result.ok else 400)


class WebhookListView(WriterRequiredMixin, View):
    template_name = "performance/webhooks.html"

    def _render(self, request: HttpRequest, contract: Contract, form: WebhookForm, token: str = "",
                endpoint: WebhookEndpoint | None = None, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {
            "contract": contract, "form": form, "token": token, "new_endpoint": endpoint,
            "endpoints": selectors.webhook_list(organisation=request.organisation, contract=contract),
            "base_url": request.build_absolute_uri("/").rstrip("/")}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        return self._render(request, contract, WebhookForm(contract=contract))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        form = WebhookForm(request.POST, contract=contract)
        if form.is_valid():
            try:
                endpoint, token = webhooks.create_endpoint(contract=contract, actor=web_actor(request),
                                                           name=form.cleaned_data["name"],
                                                           service=form.cleaned_data["service"])
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                # The token is shown once, on this page; only its hash is stored.
                return self._render(request, contract, WebhookForm(contract=contract), token, endpoint)
        return self._render(request, contract, form, status=400)


class WebhookDeleteView(WriterRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, hook_pk: int) -> HttpResponse:
        contract = load_contract(request, pk)
        endpoint = selectors.webhook_list(organisation=request.organisation, contract=contract).filter(pk=hook_pk).first()
        if endpoint is None:
            raise Http404
        webhooks.delete_endpoint(endpoint=endpoint, actor=web_actor(request))
        messages.success(request, _("Webhook %(name)s removed.") % {"name": endpoint.name})
        return redirect(reverse("performance:webhooks", kwargs={"pk": contract.pk}))
