"""Reads of contracts and SLA versions, always within one organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from ketenwacht.contracts.models import Contract, ContractDocument, SlaPriorityTarget, SlaVersion
from ketenwacht.core.models import Organisation

ORDERINGS = ("reference", "title", "supplier", "end_date", "start_date")


def contract_list(*, organisation: Organisation, search: str | None = None, supplier: int | None = None,
                  active_on: dt.date | None = None, ordering: str = "reference") -> QuerySet[Contract]:
    """The organisation's contracts, filtered and ordered; the supplier comes along."""
    rows = Contract.objects.filter(organisation=organisation).select_related("supplier")
    if supplier is not None:
        rows = rows.filter(supplier_id=supplier)
    if active_on is not None:
        rows = rows.filter(Q(start_date__lte=active_on), Q(end_date__isnull=True) | Q(end_date__gte=active_on))
    for word in (search or "").split():
        rows = rows.filter(Q(reference__icontains=word) | Q(title__icontains=word) | Q(supplier__name__icontains=word)
                           | Q(framework_contract__icontains=word) | Q(internal_owner__icontains=word))
    key = ordering.lstrip("-")
    if key not in ORDERINGS:
        key = "reference"
    field = "supplier__name" if key == "supplier" else key
    return rows.annotate(sla_count=Count("sla_versions", distinct=True)).order_by(
        ("-" if ordering.startswith("-") else "") + field, "pk")


def contract_get(*, organisation: Organisation, pk: int | str) -> Contract:
    """One contract of the organisation (404 for any other id)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    contract = (Contract.objects.filter(organisation=organisation, pk=pk)
                .select_related("supplier", "organisation").first())
    if contract is None:
        raise Http404
    return contract


def contract_get_by_reference(*, organisation: Organisation, reference: str) -> Contract:
    contract = (Contract.objects.filter(organisation=organisation, reference__iexact=reference.strip())
                .select_related("supplier", "organisation").first())
    if contract is None:
        raise Http404
    return contract


def contract_detail(*, organisation: Organisation, pk: int | str) -> Contract:
    """A contract with its services, documents and SLA versions (with their targets) prefetched."""
    contract = contract_get(organisation=organisation, pk=pk)
    return (Contract.objects.filter(pk=contract.pk).select_related("supplier", "organisation")
            .prefetch_related("services", "documents", _versions_prefetch()).get())


def _versions_prefetch() -> Prefetch:
    return Prefetch(
        "sla_versions",
        queryset=SlaVersion.objects.order_by("valid_from").prefetch_related(
            Prefetch("priority_targets", queryset=SlaPriorityTarget.objects.order_by("priority"))),
    )


def sla_versions(*, contract: Contract) -> list[SlaVersion]:
    """The contract's SLA versions in date order, each with its priority targets."""
    return list(SlaVersion.objects.filter(contract=contract).order_by("valid_from")
                .prefetch_related(Prefetch("priority_targets", queryset=SlaPriorityTarget.objects.order_by("priority"))))


def sla_version_get(*, organisation: Organisation, contract: Contract, pk: int | str) -> SlaVersion:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    version = (SlaVersion.objects.filter(organisation=organisation, contract=contract, pk=pk)
               .select_related("contract__organisation").prefetch_related("priority_targets").first())
    if version is None:
        raise Http404
    return version


def version_in_force(versions: list[SlaVersion], day: dt.date) -> SlaVersion | None:
    """The version in force on ``day`` among ``versions`` (they do not overlap)."""
    for version in versions:
        if version.covers(day):
            return version
    return None


def document_get(*, organisation: Organisation, pk: int | str) -> ContractDocument:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    document = ContractDocument.objects.filter(organisation=organisation, pk=pk).select_related("contract").first()
    if document is None:
        raise Http404
    return document


@dataclass(frozen=True)
class EndingContract:
    """A contract whose end or notice deadline falls within the horizon."""

    contract: Contract
    notice_deadline: dt.date | None
    end_date: dt.date
    days_to_notice: int | None
    days_to_end: int


def contracts_ending(*, organisation: Organisation, today: dt.date, within_days: int = 180,
                     supplier: int | None = None) -> list[EndingContract]:
    """Contracts ending (or whose notice deadline passes) within ``within_days``, soonest deadline first.

    Contracts already ended are left out; a passed notice deadline with the end still ahead is kept,
    because that is exactly what the list is for.
    """
    horizon = today + dt.timedelta(days=within_days)
    rows = Contract.objects.filter(organisation=organisation, end_date__gte=today).select_related("supplier")
    if supplier is not None:
        rows = rows.filter(supplier_id=supplier)
    out = []
    for contract in rows:
        deadline = contract.notice_deadline
        if contract.end_date > horizon and (deadline is None or deadline > horizon):
            continue
        out.append(EndingContract(
            contract=contract, notice_deadline=deadline, end_date=contract.end_date,
            days_to_notice=None if deadline is None else (deadline - today).days,
            days_to_end=(contract.end_date - today).days,
        ))
    out.sort(key=lambda e: (e.notice_deadline or e.end_date, e.contract.reference))
    return out
