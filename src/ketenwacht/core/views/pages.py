"""The dashboard, the page for users without an organisation, and the organisation switcher."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ketenwacht.core import dashboard
from ketenwacht.core.middleware import SESSION_KEY
from ketenwacht.core.permissions import MemberRequiredMixin
from ketenwacht.core.selectors import membership_for


class DashboardView(MemberRequiredMixin, TemplateView):
    """The organisation's start page: the panels the apps registered, in their order.

    Each panel template is rendered with its own context at the top level (and as ``panel``).
    """

    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rendered = []
        for panel in dashboard.render_context(self.request):
            html = render_to_string(panel["template"], {**panel, "panel": panel}, request=self.request)
            rendered.append({"key": panel["key"], "html": mark_safe(html)})  # our own templates' output
        return super().get_context_data(panels=rendered, **kwargs)


class NoOrganisationView(LoginRequiredMixin, TemplateView):
    """Shown to a user who belongs to no organisation yet."""

    template_name = "core/no_organisation.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "membership", None) is not None:
            return redirect("core:dashboard")
        return super().get(request, *args, **kwargs)


class SwitchOrganisationView(LoginRequiredMixin, View):
    """Make another of the user's organisations the active one (POST ``organisation``=id)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        membership = membership_for(user=request.user, organisation_id=request.POST.get("organisation"))
        if membership is None:
            raise PermissionDenied(_("You are not a member of that organisation."))
        request.session[SESSION_KEY] = membership.organisation_id
        messages.success(
            request, _("You are now working in %(name)s.") % {"name": membership.organisation.name}
        )
        # Pages of the previous organisation are not found in this one: go to the start page.
        return redirect("core:dashboard")
