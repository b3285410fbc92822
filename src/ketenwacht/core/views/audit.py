"""The organisation's audit trail: a page for administrators and auditors, and a CSV export."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from ketenwacht.core.forms import AuditFilterForm
from ketenwacht.core.history import csv_lines, history_rows, object_type_label
from ketenwacht.core.models import AuditEvent, Organisation, Role
from ketenwacht.core.permissions import AuditReaderRequiredMixin, MemberRequiredMixin
from ketenwacht.core.selectors import audit_events, audit_object_types

PAGE_SIZE = 50


def _filter_form(request: HttpRequest) -> AuditFilterForm:
    types = audit_object_types(organisation=request.organisation)
    return AuditFilterForm(request.GET or None, object_types=[(t, object_type_label(t)) for t in types])


def _filtered(organisation: Organisation, data: dict[str, Any]) -> QuerySet[AuditEvent]:
    return audit_events(
        organisation=organisation,
        object_type=data.get("object_type") or "",
        object_id=(data.get("object_id") or "").strip(),
        action=data.get("action") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        tz=timezone.get_current_timezone(),
    )


class AuditView(AuditReaderRequiredMixin, View):
    """Every recorded change in the organisation, newest first, with filters."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = _filter_form(request)
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        events = _filtered(request.organisation, data)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page_obj": page,
            "rows": history_rows(page.object_list),
            "query": query.urlencode(),
        }
        return render(request, "core/audit.html", context)


class AuditExportView(MemberRequiredMixin, View):
    """The trail as CSV, one line per changed field.

    With ``?object_type=&object_id=`` any member may export one object's history (they can see
    the object); the whole trail is for administrators and auditors.
    """

    def get(self, request: HttpRequest) -> HttpResponse:
        form = _filter_form(request)
        if form.is_bound and not form.is_valid():
            reasons = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
            return HttpResponse(reasons, status=400, content_type="text/plain; charset=utf-8")
        data = form.cleaned_data if form.is_bound else {}
        one_object = bool(data.get("object_type") and (data.get("object_id") or "").strip())
        if not one_object and request.membership.role not in (Role.ADMIN, Role.AUDITOR):
            raise PermissionDenied(_("Only administrators and auditors may export the whole audit trail."))
        events = _filtered(request.organisation, data)
        name = [request.organisation.slug, "audit"]
        if one_object:
            name += [data["object_type"].replace(".", "-"), data["object_id"].strip()]
        name.append(timezone.localdate().isoformat())
        filename = slugify("-".join(name)) + ".csv"
        response = StreamingHttpResponse(
            csv_lines(events.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
