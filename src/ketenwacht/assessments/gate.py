"""The policy gate (Vo-CRT: conclude an SLA before you commit), plugged into the supplier lifecycle.

A supplier may become active only with a signed-off review of the DTC SLA checklist that has no
unmet blocking items, or with a policy officer's recorded override.
"""

from __future__ import annotations

from ketenwacht.assessments.selectors import supplier_activation_blockers
from ketenwacht.suppliers.lifecycle import register_transition_check
from ketenwacht.suppliers.models import Supplier, SupplierStatus


def activation_gate(supplier: Supplier, to_status: str) -> list[str]:
    # A supplier registered (or imported) as already active has no review to look up yet; the
    # dashboard lists such suppliers as "active without a clean SLA review" instead.
    if to_status != SupplierStatus.ACTIVE or supplier.pk is None:
        return []
    return supplier_activation_blockers(supplier)


def register_gate() -> None:
    register_transition_check(activation_gate)
