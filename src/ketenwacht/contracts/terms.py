"""Validation of SLA terms: impossible values are refused with an error naming the field.

Incomplete terms (a value without a unit, a target without a period) are *allowed* here: a
draft SLA may be incomplete, and the measurability check says what is missing. What is refused
is what cannot be true: a percentage above 100, a resolution target shorter than the response
target, a calendar the SLA engine cannot read, a unit that does not fit the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from ketenwacht.contracts.models.sla import DURATION_TERMS, TargetUnit
from ketenwacht.sla import Calendar, SLAInputError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
TERM_KEYS = (
    "availability", "downtime", "maintenance", "service_hours", "support_hours", "priorities",
    "security_notification", "backup", "rpo", "rto", "patch_critical", "audit", "pentest",
    "credits", "liability",
)

Errors = dict[str, list[str]]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _minutes(text: str) -> int | None:
    match = _TIME.match(text) if isinstance(text, str) else None
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes:
        return None
    return hours * 60 + minutes


def validate_timezone(value: object, field: str, errors: Errors) -> None:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        _add(errors, field, _("Unknown time zone %(zone)s; use e.g. Europe/Brussels.") % {"zone": value})


def validate_calendar(value: object, field: str, errors: Errors) -> None:
    """A calendar in the SLA engine's format, or '24x7'; the engine itself decides what it can read."""
    if value in (None, ""):
        return
    try:
        Calendar.from_dict(value)  # type: ignore[arg-type]
    except SLAInputError as exc:
        where = f" ({exc.field})" if exc.field else ""
        _add(errors, field, _("This calendar cannot be used%(where)s: %(reason)s") % {"where": where, "reason": exc.message})
    except (TypeError, ValueError) as exc:
        _add(errors, field, _("This calendar cannot be used: %(reason)s") % {"reason": exc})


def validate_maintenance_windows(value: object, errors: Errors) -> None:
    field = "maintenance_windows"
    if value in (None, ""):
        return
    if not isinstance(value, list):
        _add(errors, field, _("Must be a list of weekday and time ranges."))
        return
    for i, item in enumerate(value, start=1):
        if not isinstance(item, Mapping) or set(item) - {"day", "start", "end"}:
            _add(errors, field, _("Window %(n)s must have a day, a start and an end.") % {"n": i})
            continue
        if item.get("day") not in WEEKDAYS:
            _add(errors, field, _("Window %(n)s: the day must be one of mon, tue, wed, thu, fri, sat, sun.") % {"n": i})
        start, end = _minutes(item.get("start", "")), _minutes(item.get("end", ""))
        if start is None or end is None or start >= 24 * 60:
            _add(errors, field, _("Window %(n)s: times must look like 02:00 and lie between 00:00 and 24:00.") % {"n": i})
        elif end <= start:
            _add(errors, field, _("Window %(n)s: the end must be after the start; split a window that runs past "
                                  "midnight into two.") % {"n": i})


def validate_credit_tiers(value: object, errors: Errors) -> None:
    field = "credit_tiers"
    if value in (None, ""):
        return
    if not isinstance(value, list):
        _add(errors, field, _("Must be a list of tiers."))
        return
    seen: set[float] = set()
    for i, item in enumerate(value, start=1):
        if not isinstance(item, Mapping) or set(item) != {"below_percent", "credit_percent"}:
            _add(errors, field, _("Tier %(n)s needs 'below %%' and 'credit %%'.") % {"n": i})
            continue
        below, credit = item["below_percent"], item["credit_percent"]
        if isinstance(below, bool) or not isinstance(below, int | float | Decimal) or not 0 < below <= 100:
            _add(errors, field, _("Tier %(n)s: 'below %%' must be a percentage above 0 and at most 100.") % {"n": i})
        elif float(below) in seen:
            _add(errors, field, _("Tier %(n)s: two tiers have the same threshold.") % {"n": i})
        else:
            seen.add(float(below))
        if isinstance(credit, bool) or not isinstance(credit, int | float | Decimal) or not 0 <= credit <= 100:
            _add(errors, field, _("Tier %(n)s: 'credit %%' must be a percentage from 0 to 100.") % {"n": i})


def validate_version_terms(data: Mapping[str, Any]) -> Errors:
    """Field errors for the terms of one SLA version (a dict of model field values)."""
    errors: Errors = {}
    start, end = data.get("valid_from"), data.get("valid_until")
    if start is not None and end is not None and end < start:
        _add(errors, "valid_until", _("The end of the validity period lies before its start."))
    validate_timezone(data.get("timezone") or "", "timezone", errors)
    target = data.get("availability_target_percent")
    if target is not None and not 0 <= target <= 100:
        _add(errors, "availability_target_percent", _("A percentage must lie between 0 and 100."))
    weight = data.get("partial_weight")
    if weight is not None and not 0 < weight <= 1:
        _add(errors, "partial_weight", _("The weight must be above 0 and at most 1."))
    for pct_field in ("credit_cap_percent",):
        value = data.get(pct_field)
        if value is not None and not 0 <= value <= 100:
            _add(errors, pct_field, _("A percentage must lie between 0 and 100."))
    for money_field in ("liability_cap_amount",):
        value = data.get(money_field)
        if value is not None and value < 0:
            _add(errors, money_field, _("An amount cannot be negative."))
    for term, allowed in DURATION_TERMS.items():
        unit = data.get(f"{term}_unit") or ""
        value = data.get(f"{term}_value")
        if unit and unit not in allowed:
            _add(errors, f"{term}_unit", _("This unit does not fit this term; choose one of: %(units)s.")
                 % {"units": ", ".join(allowed)})
        if value is not None and value < 0:
            _add(errors, f"{term}_value", _("Cannot be negative."))
    validate_maintenance_windows(data.get("maintenance_windows"), errors)
    validate_calendar(data.get("service_hours"), "service_hours", errors)
    validate_calendar(data.get("support_hours"), "support_hours", errors)
    validate_credit_tiers(data.get("credit_tiers"), errors)
    wording = data.get("wording") or {}
    if not isinstance(wording, Mapping):
        _add(errors, "wording", _("Must map terms to their text."))
    else:
        for key, text in wording.items():
            if key not in TERM_KEYS or not isinstance(text, str):
                _add(errors, "wording", _("Unknown term %(key)s.") % {"key": key})
    return errors


def validate_priority_target(data: Mapping[str, Any], prefix: str = "") -> Errors:
    """Field errors for one priority target (keys without ``prefix``; errors with it)."""
    errors: Errors = {}
    for clock in ("response", "resolution"):
        value, unit = data.get(f"{clock}_value"), data.get(f"{clock}_unit") or ""
        if value is not None and value <= 0:
            _add(errors, f"{prefix}{clock}_value", _("A target must be longer than zero."))
        if unit and unit not in TargetUnit.values:
            _add(errors, f"{prefix}{clock}_unit", _("Choose business hours, working days or clock hours."))
        if unit == TargetUnit.WORKING_DAYS and value is not None and value != int(value):
            _add(errors, f"{prefix}{clock}_value", _("Working days must be a whole number."))
    response, resolution = data.get("response_value"), data.get("resolution_value")
    r_unit, s_unit = data.get("response_unit") or "", data.get("resolution_unit") or ""
    if response is not None and resolution is not None and not errors and _shorter(resolution, s_unit, response, r_unit):
        _add(errors, f"{prefix}resolution_value", _("The resolution target is shorter than the response target."))
    return errors


def _shorter(resolution: Decimal, s_unit: str, response: Decimal, r_unit: str) -> bool:
    """Whether the resolution target certainly ends before the response target.

    Same unit: compare the numbers. A clock-hour resolution is certainly shorter than a response
    of as many business hours (business time never runs faster than the clock) or of N working
    days (each at least 23 hours, the shortest day at a DST change). Other mixes depend on the
    calendar and are left alone.
    """
    if not r_unit or not s_unit:
        return False
    if r_unit == s_unit:
        return resolution < response
    if s_unit == TargetUnit.CLOCK and r_unit == TargetUnit.BUSINESS_HOURS:
        return resolution < response
    if s_unit == TargetUnit.CLOCK and r_unit == TargetUnit.WORKING_DAYS:
        return resolution < response * 23
    return False


def validate_priority_targets(rows: Iterable[Mapping[str, Any]]) -> Errors:
    """Errors for all priority rows, fields named ``priority_targets.<n>.<field>``; duplicates refused."""
    errors: Errors = {}
    seen: set[str] = set()
    for i, row in enumerate(rows):
        prefix = f"priority_targets.{i}."
        priority = row.get("priority")
        if priority not in ("P1", "P2", "P3", "P4"):
            _add(errors, f"{prefix}priority", _("Choose P1, P2, P3 or P4."))
        elif priority in seen:
            _add(errors, f"{prefix}priority", _("%(p)s appears twice.") % {"p": priority})
        else:
            seen.add(priority)
        for key, messages in validate_priority_target(row, prefix).items():
            errors.setdefault(key, []).extend(messages)
    return errors
