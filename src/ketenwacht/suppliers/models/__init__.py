"""Supplier register: suppliers, the services they supply, their contacts, crisis-list exports."""

from ketenwacht.suppliers.models.crisis import CrisisListExport
from ketenwacht.suppliers.models.suppliers import (
    Contact,
    Criticality,
    Service,
    Supplier,
    SupplierStatus,
    SupplierStatusChange,
)

__all__ = [
    "Contact",
    "CrisisListExport",
    "Criticality",
    "Service",
    "Supplier",
    "SupplierStatus",
    "SupplierStatusChange",
]
