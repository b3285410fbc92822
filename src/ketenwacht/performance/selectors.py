"""Reads of performance data, always within one organisation, in a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone as djtz

from ketenwacht.contracts.models import Contract, SlaPriorityTarget, SlaVersion
from ketenwacht.contracts.periods import Period
from ketenwacht.contracts.selectors import version_in_force
from ketenwacht.core.models import Organisation
from ketenwacht.performance.models import (
    Breach,
    ImportMapping,
    Incident,
    IncidentPause,
    Outage,
    WebhookEndpoint,
)
from ketenwacht.performance.reporting import incidents as incident_part
from ketenwacht.performance.reporting.availability import measure, outage_rows

AT_RISK_BUDGET = 75.0  # percent of the downtime budget used before a contract shows "at risk"


def _int(pk: object) -> int:
    try:
        return int(pk)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404 from None


def incident_list(*, organisation: Organisation, contract: int | None = None, start: dt.datetime | None = None,
                  end: dt.datetime | None = None, priority: str | None = None) -> QuerySet[Incident]:
    """Incidents reported in [start, end), newest first, with contract and pauses."""
    rows = Incident.objects.filter(organisation=organisation).select_related("contract", "service")
    if contract is not None:
        rows = rows.filter(contract_id=contract)
    if start is not None:
        rows = rows.filter(reported_at__gte=start)
    if end is not None:
        rows = rows.filter(reported_at__lt=end)
    if priority:
        rows = rows.filter(priority=priority)
    return rows.prefetch_related(Prefetch("pauses", queryset=IncidentPause.objects.order_by("started_at")))


def incident_get(*, organisation: Organisation, pk: object) -> Incident:
    incident = (Incident.objects.filter(organisation=organisation, pk=_int(pk))
                .select_related("contract__organisation", "contract__supplier", "service")
                .prefetch_related("pauses").first())
    if incident is None:
        raise Http404
    return incident


def outage_list(*, organisation: Organisation, contract: int | None = None, start: dt.datetime | None = None,
                end: dt.datetime | None = None) -> QuerySet[Outage]:
    """Outages overlapping [start, end), newest first."""
    rows = Outage.objects.filter(organisation=organisation).select_related("contract", "service")
    if contract is not None:
        rows = rows.filter(contract_id=contract)
    if end is not None:
        rows = rows.filter(started_at__lt=end)
    if start is not None:
        rows = rows.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=start))
    return rows


def outage_get(*, organisation: Organisation, pk: object) -> Outage:
    outage = (Outage.objects.filter(organisation=organisation, pk=_int(pk))
              .select_related("contract__organisation", "contract__supplier", "service").first())
    if outage is None:
        raise Http404
    return outage


def breach_list(*, organisation: Organisation, status: str | None = None, contract: int | None = None,
                term: str | None = None) -> QuerySet[Breach]:
    rows = Breach.objects.filter(organisation=organisation).select_related("contract__supplier", "incident")
    if status:
        rows = rows.filter(status=status)
    if contract is not None:
        rows = rows.filter(contract_id=contract)
    if term:
        rows = rows.filter(term=term)
    return rows.order_by("-period_start", "contract__reference", "term", "priority", "pk")


def breach_get(*, organisation: Organisation, pk: object) -> Breach:
    breach = (Breach.objects.filter(organisation=organisation, pk=_int(pk))
              .select_related("contract__organisation", "contract__supplier", "incident").first())
    if breach is None:
        raise Http404
    return breach


def import_mappings(*, organisation: Organisation, kind: str | None = None) -> QuerySet[ImportMapping]:
    rows = ImportMapping.objects.filter(organisation=organisation)
    return rows.filter(kind=kind) if kind else rows


def webhook_list(*, organisation: Organisation, contract: Contract | None = None) -> QuerySet[WebhookEndpoint]:
    rows = WebhookEndpoint.objects.filter(organisation=organisation).select_related("contract", "service")
    return rows.filter(contract=contract) if contract is not None else rows


@dataclass
class ContractStatus:
    """This period's SLA status of one contract, in words (``status``) for the dashboard."""

    contract: Contract
    version: SlaVersion | None
    period: Period | None
    availability_percent: float | None = None
    target_percent: float | None = None
    budget_used_percent: float | None = None
    downtime_seconds: float = 0.0
    allowed_downtime_seconds: float | None = None
    incidents: int = 0
    clocks_breached: int = 0
    clocks_at_risk: int = 0
    open_breaches: int = 0
    status: str = "no_target"  # met | at_risk | breached | no_target

    def decide(self) -> None:
        availability_breached = (self.allowed_downtime_seconds is not None
                                 and self.budget_used_percent is not None and self.budget_used_percent > 100)
        if availability_breached or self.clocks_breached:
            self.status = "breached"
        elif (self.budget_used_percent or 0) >= AT_RISK_BUDGET or self.clocks_at_risk:
            self.status = "at_risk"
        elif self.target_percent is not None or self.incidents:
            self.status = "met"


def contracts_status(*, organisation: Organisation, now: dt.datetime | None = None) -> list[ContractStatus]:
    """The SLA status of every contract in force, for the current measurement period so far.

    Seven queries whatever the number of contracts: contracts, versions, targets, outages,
    incidents, pauses and open-breach counts; the engine does the rest in memory.
    """
    now = now or djtz.now()
    zone = ZoneInfo(organisation.timezone)
    today = now.astimezone(zone).date()
    contracts = list(Contract.objects.filter(organisation=organisation, start_date__lte=today)
                     .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
                     .select_related("supplier", "organisation")
                     .prefetch_related(Prefetch("sla_versions", queryset=SlaVersion.objects.order_by("valid_from")
                                                .prefetch_related(Prefetch("priority_targets",
                                                                           queryset=SlaPriorityTarget.objects.order_by("priority")))))
                     .order_by("reference"))
    statuses: list[ContractStatus] = []
    earliest = Period.containing("month", today)
    for contract in contracts:
        versions = list(contract.sla_versions.all())
        version = version_in_force(versions, today)
        kind = version.availability_period if version is not None and version.availability_period else "month"
        period = Period.containing(kind, today)
        earliest = min(earliest, period, key=lambda p: p.first_month)
        statuses.append(ContractStatus(contract=contract, version=version, period=period))
    if not statuses:
        return []
    ids = [s.contract.pk for s in statuses]
    start = dt.datetime.combine(earliest.first_day - dt.timedelta(days=1), dt.time(), tzinfo=zone)
    by_contract: dict[int, list[tuple]] = defaultdict(list)
    for row in (Outage.objects.filter(contract_id__in=ids, started_at__lt=now)
                .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=start))
                .values_list("contract_id", "pk", "started_at", "ended_at", "planned", "partial_weight",
                             "description", "external_reference")):
        by_contract[row[0]].append(row[1:])
    month = Period.containing("month", today)
    month_start = dt.datetime.combine(month.first_day - dt.timedelta(days=1), dt.time(), tzinfo=zone)
    incidents = incident_part.load_rows(
        Incident.objects.filter(contract_id__in=ids, reported_at__gte=month_start, reported_at__lte=now), now)
    open_counts = dict(Breach.objects.filter(organisation=organisation, status=Breach.Status.OPEN,
                                             contract_id__in=ids)
                       .values_list("contract_id").annotate(n=Count("pk")).values_list("contract_id", "n"))
    jobs, judged = [], []
    month_starts: dict[str, dt.datetime] = {}
    for item in statuses:
        item.open_breaches = open_counts.get(item.contract.pk, 0)
        version = item.version
        if version is not None:
            window = item.period.window(version.timezone)
            result, _counted = measure(version, window, outage_rows(by_contract[item.contract.pk], now), now)
            item.availability_percent = result.availability_percent
            item.downtime_seconds = result.downtime_seconds
            item.allowed_downtime_seconds = result.allowed_downtime_seconds
            item.budget_used_percent = result.budget_used_percent
            if version.availability_target_percent is not None:
                item.target_percent = float(version.availability_target_percent)
            if version.timezone not in month_starts:
                month_starts[version.timezone] = month.window(version.timezone).start
            mine = [r for r in incidents.get(item.contract.pk, ()) if r.reported >= month_starts[version.timezone]]
            item.incidents = len(mine)
            jobs.append(([version], mine, version.timezone))
            judged.append(item)
    # One engine call per distinct support calendar and targets, over all contracts.
    for item, evaluated in zip(judged, incident_part.evaluate_many(jobs, now, outcomes=False), strict=True):
        for p in evaluated["priorities"].values():
            for clock in incident_part.CLOCKS:
                item.clocks_breached += p[clock]["breached"]
                item.clocks_at_risk += p[clock]["at_risk"]
    for item in statuses:
        item.decide()
    return statuses
