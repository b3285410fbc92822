"""Supplier list, detail, create, update, delete and status change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ketenwacht.core.history import history_rows
from ketenwacht.core.permissions import MemberRequiredMixin, WriterRequiredMixin
from ketenwacht.core.selectors import audit_events_for
from ketenwacht.suppliers import detail_sections, services
from ketenwacht.suppliers.criteria import criticality_criteria
from ketenwacht.suppliers.forms import StatusChangeForm, SupplierFilterForm, SupplierForm
from ketenwacht.suppliers.lifecycle import LIFECYCLE, allowed_statuses
from ketenwacht.suppliers.selectors import SUPPLIER_TYPE, supplier_detail, supplier_list
from ketenwacht.suppliers.views.base import SupplierScopedMixin, web_actor

PAGE_SIZE = 50
HISTORY_LIMIT = 200
# (sort key or None, column heading) in display order.
LIST_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("status", gettext_lazy("Status")),
    ("criticality", gettext_lazy("Criticality")),
    (None, gettext_lazy("Serious incident")),
    ("services", gettext_lazy("Services")),
    ("contacts", gettext_lazy("Contacts")),
    ("city", gettext_lazy("City")),
]


def _columns(query: QueryDict, current: str) -> list[dict[str, Any]]:
    """Column headings with the link that sorts by them and their ``aria-sort`` state."""
    active, descending = current.lstrip("-"), current.startswith("-")
    columns = []
    for key, label in LIST_COLUMNS:
        column: dict[str, Any] = {"key": key, "label": label, "aria_sort": "", "url": ""}
        if key is not None:
            params = query.copy()
            params.pop("page", None)
            params["sort"] = f"-{key}" if key == active and not descending else key
            column["url"] = "?" + params.urlencode()
            if key == active:
                column["aria_sort"] = "descending" if descending else "ascending"
        columns.append(column)
    return columns


class SupplierListView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = SupplierFilterForm(request.GET)
        kwargs = form.selector_kwargs()
        suppliers = supplier_list(organisation=request.organisation, **kwargs)
        page = Paginator(suppliers, PAGE_SIZE).get_page(request.GET.get("page"))
        page_query = request.GET.copy()
        page_query.pop("page", None)
        return render(
            request,
            "suppliers/supplier_list.html",
            {
                "form": form,
                "page": page,
                "columns": _columns(request.GET, kwargs["ordering"]),
                "page_query": page_query.urlencode(),
                "filtered": any(v not in (None, "") for k, v in kwargs.items() if k != "ordering"),
            },
        )


class SupplierDetailView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        supplier = supplier_detail(organisation=request.organisation, pk=pk)
        events = list(audit_events_for(request.organisation, SUPPLIER_TYPE, supplier.pk)[:HISTORY_LIMIT])
        return render(
            request,
            "suppliers/supplier_detail.html",
            {
                "supplier": supplier,
                "services": supplier.services.all(),
                "contacts": supplier.contacts.all(),
                "status_changes": supplier.status_changes.all(),
                "extra_sections": detail_sections.render_context(request, supplier),
                "lifecycle": LIFECYCLE,
                "history_rows": history_rows(events),
                "history_truncated": len(events) == HISTORY_LIMIT,
                "history_limit": HISTORY_LIMIT,
                "history_export_url": reverse("core:audit_export")
                + "?"
                + urlencode({"object_type": SUPPLIER_TYPE, "object_id": supplier.pk}),
            },
        )


class SupplierCreateView(WriterRequiredMixin, View):
    template_name = "suppliers/supplier_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(SupplierForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SupplierForm(request.POST)
        if form.is_valid():
            try:
                supplier = services.supplier_create(
                    organisation=request.organisation, actor=web_actor(request), **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Supplier %(name)s added.") % {"name": supplier.name})
                return redirect("suppliers:detail", pk=supplier.pk)
        return self._render(form, status=400)

    def _render(self, form: SupplierForm, status: int = 200) -> HttpResponse:
        return render(
            self.request, self.template_name,
            {"form": form, "criteria": criticality_criteria(), "supplier": None}, status=status,
        )


class SupplierUpdateView(WriterRequiredMixin, SupplierScopedMixin, View):
    template_name = "suppliers/supplier_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        supplier = self.load_supplier()
        return self._render(SupplierForm(instance=supplier, with_status=False))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        supplier = self.load_supplier()
        form = SupplierForm(request.POST, instance=supplier, with_status=False)
        if form.is_valid():
            try:
                services.supplier_update(supplier=supplier, actor=web_actor(request), **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Supplier %(name)s saved.") % {"name": supplier.name})
                return redirect("suppliers:detail", pk=supplier.pk)
        return self._render(form, status=400)

    def _render(self, form: SupplierForm, status: int = 200) -> HttpResponse:
        return render(
            self.request, self.template_name,
            {"form": form, "criteria": criticality_criteria(), "supplier": self.supplier}, status=status,
        )


class SupplierDeleteView(WriterRequiredMixin, SupplierScopedMixin, View):
    template_name = "confirm_delete.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render()

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        supplier = self.load_supplier()
        name = supplier.name
        try:
            services.supplier_delete(supplier=supplier, actor=web_actor(request))
        except ValidationError as exc:
            return self._render(errors=exc.messages, status=400)
        messages.success(request, _("Supplier %(name)s deleted.") % {"name": name})
        return redirect("suppliers:list")

    def _render(self, errors: list[str] | None = None, status: int = 200) -> HttpResponse:
        supplier = self.load_supplier()
        return render(
            self.request, self.template_name,
            {
                "supplier": supplier,
                "object": supplier,
                "what": _("supplier"),
                "consequence": _("Its services, contacts and lifecycle steps are deleted with it."),
                "cancel_url": reverse("suppliers:detail", kwargs={"pk": supplier.pk}),
                "errors": errors or [],
            },
            status=status,
        )


class SupplierStatusView(WriterRequiredMixin, SupplierScopedMixin, View):
    template_name = "suppliers/supplier_status.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        supplier = self.load_supplier()
        return self._render(StatusChangeForm(supplier=supplier))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        supplier = self.load_supplier()
        form = StatusChangeForm(request.POST, supplier=supplier)
        if form.is_valid():
            try:
                services.supplier_change_status(
                    supplier=supplier,
                    actor=web_actor(request),
                    to_status=form.cleaned_data["to_status"],
                    reason=form.cleaned_data["reason"],
                    changed_at=form.changed_at(),
                )
            except ValidationError as exc:
                for field, errors in _status_errors(exc).message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, _("Status of %(name)s changed to %(status)s.")
                    % {"name": supplier.name, "status": supplier.get_status_display()},
                )
                return redirect("suppliers:detail", pk=supplier.pk)
        return self._render(form, status=400)

    def _render(self, form: StatusChangeForm, status: int = 200) -> HttpResponse:
        return render(
            self.request, self.template_name,
            {"form": form, "supplier": self.supplier, "allowed": allowed_statuses(self.supplier)},
            status=status,
        )


def _status_errors(exc: ValidationError) -> ValidationError:
    """The service names the model fields; the form calls them to_status and changed_on."""
    if not hasattr(exc, "error_dict"):
        return exc
    renamed = {"status": "to_status", "changed_at": "changed_on"}
    return ValidationError({renamed.get(k, k): v for k, v in exc.message_dict.items()})
