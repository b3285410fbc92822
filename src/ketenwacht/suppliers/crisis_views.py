"""Web pages of the crisis list: the list on screen, its downloads, and its dashboard panel.

Every member may read and export it (auditors export it as evidence).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from ketenwacht.core.audit import Actor
from ketenwacht.core.dashboard import Panel, register_panel
from ketenwacht.core.permissions import MemberRequiredMixin
from ketenwacht.suppliers.crisis import FORMATS, crisis_list, crisis_list_export, crisis_list_status

PANEL_KEY = "suppliers.crisis_list"


class CrisisListView(MemberRequiredMixin, TemplateView):
    """The crisis list on screen (printable), its export status and download links."""

    template_name = "suppliers/crisis_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        organisation = self.request.organisation
        crisis = crisis_list(organisation)
        return super().get_context_data(
            crisis=crisis,
            crisis_status=crisis_list_status(organisation),
            crisis_formats=FORMATS,
            without_24x7=[e for e in crisis.entries if not e.incident_contacts_24x7],
            **kwargs,
        )


class CrisisExportView(MemberRequiredMixin, View):
    """Download the crisis list: ``?format=pdf|html|xlsx|csv``; each download is recorded."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            result = crisis_list_export(
                organisation=request.organisation,
                actor=Actor(user=request.user, via="web"),
                export_format=request.GET.get("format", ""),
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("format", exc.messages):
                messages.error(request, message)
            return redirect("suppliers:crisis_list")
        response = HttpResponse(result.content, content_type=result.content_type)
        response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
        response["X-Content-SHA256"] = result.sha256
        response["Cache-Control"] = "no-store"
        return response


def crisis_panel_context(request: HttpRequest) -> dict[str, Any] | None:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return None
    return {"crisis_status": crisis_list_status(organisation), "crisis_formats": FORMATS}


def register_dashboard_panel() -> None:
    register_panel(
        Panel(
            key=PANEL_KEY,
            template_name="suppliers/includes/crisis_status.html",
            context=crisis_panel_context,
            order=20,
        )
    )
