"""Checks on incidents and outages shared by the forms, the API, the importers and the webhooks.

Each returns field errors (``{field: [message]}``) instead of raising, so an import can list the
errors of every row before deciding to write nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.contracts.models import Priority

Errors = dict[str, list[str]]
# Clocks of a supplier's ticket system and ours may differ a little.
FUTURE_TOLERANCE = dt.timedelta(minutes=10)
# The years the SLA engine computes in (and far beyond any real incident).
FIRST_YEAR, LAST_YEAR = 1970, 2199


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _aware(errors: Errors, field: str, value: Any, required: bool) -> dt.datetime | None:
    if value is None or value == "":
        if required:
            _add(errors, field, _("This field is required."))
        return None
    if not isinstance(value, dt.datetime):
        _add(errors, field, _("Enter a date and time."))
        return None
    if timezone.is_naive(value):
        _add(errors, field, _("The date and time needs a time zone."))
        return None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        _add(errors, field, _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR})
        return None
    # Compare instants in UTC: Python compares two datetimes that share one tzinfo by their wall
    # time, which puts 03:10 after 02:30 even on the night the clocks skip that hour.
    return value.astimezone(dt.UTC)


def check_incident(data: Mapping[str, Any], pauses: Sequence[Mapping[str, Any]] = (),
                   now: dt.datetime | None = None) -> Errors:
    """Errors in one incident: ``priority``, ``reported_at``, ``first_response_at``, ``resolved_at``, pauses."""
    errors: Errors = {}
    now = now or timezone.now()
    if data.get("priority") not in Priority.values:
        _add(errors, "priority", _("Choose P1, P2, P3 or P4."))
    reported = _aware(errors, "reported_at", data.get("reported_at"), required=True)
    responded = _aware(errors, "first_response_at", data.get("first_response_at"), required=False)
    resolved = _aware(errors, "resolved_at", data.get("resolved_at"), required=False)
    for field, value in (("reported_at", reported), ("first_response_at", responded), ("resolved_at", resolved)):
        if value is not None and value > now + FUTURE_TOLERANCE:
            _add(errors, field, _("This moment lies in the future."))
    if reported is not None:
        if responded is not None and responded < reported:
            _add(errors, "first_response_at", _("The first response lies before the incident was reported."))
        if resolved is not None and resolved < reported:
            _add(errors, "resolved_at", _("The incident is resolved before it was reported."))
    if responded is not None and resolved is not None and responded > resolved and "resolved_at" not in errors:
        _add(errors, "first_response_at", _("The first response lies after the resolution."))
    reference = data.get("external_reference") or ""
    if len(reference) > 100:
        _add(errors, "external_reference", _("Keep the reference under 100 characters."))
    for i, pause in enumerate(pauses):
        prefix = f"pauses.{i}."
        start = _aware(errors, prefix + "started_at", pause.get("started_at"), required=True)
        end = _aware(errors, prefix + "ended_at", pause.get("ended_at"), required=False)
        if start is None:
            continue
        if end is not None and end < start:
            _add(errors, prefix + "ended_at", _("The pause ends before it starts."))
        if reported is not None and start < reported:
            _add(errors, prefix + "started_at", _("The pause starts before the incident was reported."))
        if resolved is not None and start > resolved:
            _add(errors, prefix + "started_at", _("The pause starts after the incident was resolved."))
        if resolved is not None and end is None:
            _add(errors, prefix + "ended_at", _("A resolved incident cannot still be waiting."))
    return errors


def parse_weight(value: Any) -> Decimal | None:
    """A partial weight from text or a number ('0,5', '50%', 0.5); ``ValueError`` when not one."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(",", ".")
    percent = text.endswith("%")
    try:
        number = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise ValueError(value) from None
    return number / 100 if percent else number


def check_outage(data: Mapping[str, Any], now: dt.datetime | None = None) -> Errors:
    """Errors in one outage: ``started_at``, ``ended_at``, ``partial_weight``."""
    errors: Errors = {}
    now = now or timezone.now()
    start = _aware(errors, "started_at", data.get("started_at"), required=True)
    end = _aware(errors, "ended_at", data.get("ended_at"), required=False)
    if start is not None and start > now + FUTURE_TOLERANCE and not data.get("planned"):
        _add(errors, "started_at", _("An outage cannot start in the future; only planned maintenance can."))
    if start is not None and end is not None and end <= start:
        _add(errors, "ended_at", _("The outage ends before (or when) it starts."))
    weight = data.get("partial_weight")
    if weight is not None and not (isinstance(weight, Decimal) and 0 < weight <= 1):
        _add(errors, "partial_weight", _("The weight must be above 0 and at most 1, e.g. 0.5."))
    if len(data.get("external_reference") or "") > 200:
        _add(errors, "external_reference", _("Keep the reference under 200 characters."))
    return errors
