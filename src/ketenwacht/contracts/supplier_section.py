"""The contracts section on a supplier's page: each contract with its end and notice deadline."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from ketenwacht.contracts.selectors import contract_list
from ketenwacht.suppliers.detail_sections import DetailSection, register_detail_section
from ketenwacht.suppliers.models import Supplier


def section_context(request: HttpRequest, supplier: Supplier) -> dict[str, Any]:
    return {"contracts": list(contract_list(organisation=request.organisation, supplier=supplier.pk,
                                            ordering="end_date")),
            "today": timezone.localdate()}


def register_supplier_section() -> None:
    register_detail_section(DetailSection(key="contracts", template_name="contracts/includes/supplier_contracts.html",
                                          context=section_context, order=10))
