"""The dashboard panel of SLA performance: this period's status of every contract, in words."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ketenwacht.core.dashboard import Panel, register_panel
from ketenwacht.performance.models import Breach
from ketenwacht.performance.views.register import status_rows

WORST = 5


def panel_context(request: HttpRequest) -> dict[str, Any] | None:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return None
    rows = status_rows(request)
    if not rows:
        return None
    counts = {key: sum(1 for r in rows if r["item"].status == key) for key in ("breached", "at_risk", "met")}
    return {
        "counts": counts,
        "worst": [r for r in rows if r["item"].status in ("breached", "at_risk")][:WORST],
        "open_breaches": Breach.objects.filter(organisation=organisation, status=Breach.Status.OPEN).count(),
    }


def register_dashboard_panel() -> None:
    register_panel(Panel(key="sla-status", template_name="performance/panels/sla_status.html",
                         context=panel_context, order=30))
