"""Ketenwacht's SLA engine: a pure package (no Django) behind every SLA figure.

Two clocks: response/resolution times run on a business ``Calendar``; availability runs on
physical time over a ``Window``.  See ``docs/sla-semantics.md`` for the conventions.
"""

from .availability import (
    AvailabilityBatch,
    AvailabilityResult,
    CreditTier,
    Outage,
    availability,
    availability_batch,
)
from .calendar import Calendar
from .closed import public_holiday_names
from .downtime import (
    allowed_downtime,
    describe_allowed_downtime,
    downtime_table,
    format_duration,
    format_percent,
    percent_for_downtime,
    period_seconds,
)
from .errors import SLAInputError
from .incidents import (
    ClockResult,
    ClockSummary,
    IncidentRecord,
    IncidentReport,
    IncidentResult,
    Pause,
    PrioritySummary,
    Target,
    due_instant,
    evaluate_incidents,
)
from .jsonapi import evaluate, evaluate_request
from .window import Window

__all__ = [
    "AvailabilityBatch",
    "AvailabilityResult",
    "Calendar",
    "ClockResult",
    "ClockSummary",
    "CreditTier",
    "IncidentRecord",
    "IncidentReport",
    "IncidentResult",
    "Outage",
    "Pause",
    "PrioritySummary",
    "SLAInputError",
    "Target",
    "Window",
    "allowed_downtime",
    "availability",
    "availability_batch",
    "describe_allowed_downtime",
    "downtime_table",
    "due_instant",
    "evaluate",
    "evaluate_incidents",
    "evaluate_request",
    "format_duration",
    "format_percent",
    "percent_for_downtime",
    "period_seconds",
    "public_holiday_names",
]
