"""Helpers shared by the supplier views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ketenwacht.core.audit import Actor
from ketenwacht.suppliers.models import Supplier
from ketenwacht.suppliers.selectors import supplier_get


def web_actor(request: HttpRequest) -> Actor:
    return Actor(user=request.user, via="web")


class SupplierScopedMixin:
    """Loads ``self.supplier`` from the URL, within the active organisation only (404 otherwise)."""

    supplier: Supplier
    request: HttpRequest
    kwargs: dict[str, Any]

    def load_supplier(self) -> Supplier:
        self.supplier = supplier_get(organisation=self.request.organisation, pk=self.kwargs["pk"])
        return self.supplier
