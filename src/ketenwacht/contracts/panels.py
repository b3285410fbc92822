"""The dashboard panel of contracts: notice deadlines and ends coming up."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from ketenwacht.contracts.models import Contract
from ketenwacht.contracts.selectors import contracts_ending
from ketenwacht.core.dashboard import Panel, register_panel

HORIZON_DAYS = 90
SHOWN = 6


def panel_context(request: HttpRequest) -> dict[str, Any] | None:
    organisation = getattr(request, "organisation", None)
    if organisation is None or not Contract.objects.filter(organisation=organisation).exists():
        return None
    rows = contracts_ending(organisation=organisation, today=timezone.localdate(), within_days=HORIZON_DAYS)
    return {"rows": rows[:SHOWN], "days": HORIZON_DAYS}


def register_dashboard_panel() -> None:
    register_panel(Panel(key="contracts-ending", template_name="contracts/panels/contracts_ending.html",
                         context=panel_context, order=20))
