"""Contracts, their documents and their SLA versions with typed terms."""

from ketenwacht.contracts.models.contracts import Contract, ContractDocument, NoticeUnit, Renewal, add_months
from ketenwacht.contracts.models.sla import (
    DURATION_TERMS,
    DowntimeDefinition,
    MaintenanceTreatment,
    MeasurementPeriod,
    Priority,
    SlaPriorityTarget,
    SlaVersion,
    TargetUnit,
    TimeUnit,
)

__all__ = [
    "DURATION_TERMS",
    "Contract",
    "ContractDocument",
    "DowntimeDefinition",
    "MaintenanceTreatment",
    "MeasurementPeriod",
    "NoticeUnit",
    "Priority",
    "Renewal",
    "SlaPriorityTarget",
    "SlaVersion",
    "TargetUnit",
    "TimeUnit",
    "add_months",
]
