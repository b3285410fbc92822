from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from ketenwacht.core.permissions import MemberRequiredMixin


class DashboardView(MemberRequiredMixin, TemplateView):
    """The organisation's start page."""

    template_name = "core/dashboard.html"


class NoOrganisationView(LoginRequiredMixin, TemplateView):
    """Shown to a user who belongs to no organisation yet."""

    template_name = "core/no_organisation.html"
