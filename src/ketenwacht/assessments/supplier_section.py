"""The assessments section on a supplier's page: its reviews, the policy gate and any override."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ketenwacht.assessments.selectors import active_override, assessment_list, supplier_activation_blockers
from ketenwacht.suppliers.detail_sections import DetailSection, register_detail_section
from ketenwacht.suppliers.models import Supplier, SupplierStatus


def section_context(request: HttpRequest, supplier: Supplier) -> dict[str, Any]:
    blockers = supplier_activation_blockers(supplier)
    return {
        "assessments": list(assessment_list(organisation=request.organisation, supplier=supplier)[:10]),
        "override": active_override(supplier),
        "gate_blockers": blockers,
        "active_without_review": supplier.status == SupplierStatus.ACTIVE and bool(blockers),
    }


def register_supplier_section() -> None:
    register_detail_section(DetailSection(key="assessments", template_name="assessments/includes/supplier_section.html",
                                          context=section_context, order=20))
