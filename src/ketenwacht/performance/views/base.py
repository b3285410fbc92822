"""Helpers shared by the performance views."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone, translation

from ketenwacht.contracts.models import Contract
from ketenwacht.contracts.periods import Period, PeriodError
from ketenwacht.contracts.selectors import contract_get, sla_versions, version_in_force
from ketenwacht.core.audit import Actor


def current_lang() -> str:
    """The report language: the interface language (Dutch unless English is chosen)."""
    return "en" if (translation.get_language() or "nl").startswith("en") else "nl"


def web_actor(request: HttpRequest) -> Actor:
    return Actor(user=request.user, via="web")


def load_contract(request: HttpRequest, pk: int) -> Contract:
    return contract_get(organisation=request.organisation, pk=pk)


def period_from(request: HttpRequest, default_kind: str = "month") -> tuple[Period, str]:
    """The ``period`` query parameter, or the current month; a bad value falls back with a note."""
    today = timezone.localdate()
    text = request.GET.get("period", "")
    if text:
        try:
            return Period.parse(text), ""
        except PeriodError as exc:
            return Period.containing(default_kind, today), str(exc)
    return Period.containing(default_kind, today), ""


def bounds(request: HttpRequest, period: Period) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(request.organisation.timezone)
    return (dt.datetime.combine(period.first_day, dt.time(), tzinfo=zone),
            dt.datetime.combine(period.last_day + dt.timedelta(days=1), dt.time(), tzinfo=zone))


def priority_names(contract: Contract) -> dict[str, str]:
    """The organisation's own names of P1–P4 in the SLA version in force today."""
    version = version_in_force(sla_versions(contract=contract), timezone.localdate())
    return {t.priority: t.name for t in version.priority_targets.all()} if version is not None else {}
