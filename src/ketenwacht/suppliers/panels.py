"""The supplier register's dashboard panel: how many suppliers, in which lifecycle status."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ketenwacht.core.dashboard import Panel, register_panel
from ketenwacht.suppliers.lifecycle import status_label
from ketenwacht.suppliers.models import Criticality, Supplier, SupplierStatus
from ketenwacht.suppliers.selectors import supplier_status_counts


def panel_context(request: HttpRequest) -> dict[str, Any] | None:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return None
    counts = supplier_status_counts(organisation=organisation)
    return {
        "supplier_total": sum(counts.values()),
        "status_counts": [(status, status_label(status), n) for status, n in counts.items()],
        "critical_count": Supplier.objects.filter(organisation=organisation, criticality=Criticality.CRITICAL)
        .exclude(status=SupplierStatus.ENDED)
        .count(),
    }


def register_dashboard_panel() -> None:
    register_panel(Panel(key="suppliers", template_name="suppliers/includes/dashboard_panel.html",
                         context=panel_context, order=10))
