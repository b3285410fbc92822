"""An SLA version's terms as plain values, for the measurability check and for display."""

from __future__ import annotations

from typing import Any

from ketenwacht.contracts.measurability import Finding, check_terms
from ketenwacht.contracts.models import SlaVersion
from ketenwacht.contracts.services import SLA_FIELDS, TARGET_FIELDS


def version_terms(version: SlaVersion) -> dict[str, Any]:
    return {name: getattr(version, name) for name in SLA_FIELDS}


def priority_dicts(version: SlaVersion) -> list[dict[str, Any]]:
    """The priority targets (prefetched or not) in priority order."""
    rows = sorted(version.priority_targets.all(), key=lambda t: t.priority)
    return [{key: getattr(row, key) for key in TARGET_FIELDS} for row in rows]


def check_version(version: SlaVersion) -> list[Finding]:
    return check_terms(version_terms(version), priority_dicts(version))
