"""Reads from the supplier register, always scoped to one organisation.

A row of another organisation is never returned: lookups by primary key answer 404 instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, Replace
from django.http import Http404

from ketenwacht.core.models import AuditEvent, Organisation
from ketenwacht.suppliers.lifecycle import LIFECYCLE
from ketenwacht.suppliers.models import Contact, Criticality, Service, Supplier, SupplierStatusChange

SUPPLIER_TYPE = "suppliers.supplier"

# Public ordering keys → model ordering; status and criticality sort by meaning, not alphabet.
ORDERINGS = {
    "name": ("name_lower",),
    "status": ("status_rank", "name_lower"),
    "criticality": ("criticality_rank", "name_lower"),
    "city": ("city", "name_lower"),
    "country": ("country", "name_lower"),
    "services": ("service_count", "name_lower"),
    "contacts": ("contact_count", "name_lower"),
    "updated": ("updated_at", "name_lower"),
}
CRITICALITY_ORDER = [Criticality.CRITICAL, Criticality.HIGH, Criticality.MEDIUM, Criticality.LOW]
# A filter on equipment also finds suppliers whose service is "both", and likewise for services.
SERVICE_KIND_MATCHES = {
    Service.Kind.SERVICE: [Service.Kind.SERVICE, Service.Kind.BOTH],
    Service.Kind.EQUIPMENT: [Service.Kind.EQUIPMENT, Service.Kind.BOTH],
    Service.Kind.BOTH: [Service.Kind.BOTH],
}


def _rank(field: str, order: list[str]) -> Case:
    return Case(
        *[When(**{field: value}, then=Value(i)) for i, value in enumerate(order)],
        default=Value(len(order)),
        output_field=IntegerField(),
    )


def _child_count(model: type[Service] | type[Contact]) -> Coalesce:
    counts = (
        model.objects.filter(supplier=OuterRef("pk"))
        .order_by()
        .values("supplier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if v]


def _search(qs: QuerySet[Supplier], search: str) -> QuerySet[Supplier]:
    """Every word must occur in the name, identifiers, city, owner, framework contract or a service name."""
    qs = qs.annotate(number_digits=Replace("enterprise_number", Value("."), Value("")))
    for word in search.split():
        condition = (
            Q(name__icontains=word)
            | Q(enterprise_number__icontains=word)
            | Q(vat_number__icontains=word)
            | Q(city__icontains=word)
            | Q(internal_owner__icontains=word)
            | Q(framework_contract__icontains=word)
            | Exists(Service.objects.filter(supplier=OuterRef("pk"), name__icontains=word))
        )
        digits = "".join(ch for ch in word if ch.isdigit())
        if len(digits) >= 4:  # "0123456789" finds "0123.456.789"
            condition |= Q(number_digits__contains=digits)
        qs = qs.filter(condition)
    return qs


def supplier_list(
    *,
    organisation: Organisation,
    search: str | None = None,
    status: str | Iterable[str] | None = None,
    criticality: str | Iterable[str] | None = None,
    service_kind: str | None = None,
    personal_data: bool | None = None,
    incident_relevant: bool | None = None,
    ordering: str = "name",
) -> QuerySet[Supplier]:
    """The organisation's suppliers, filtered and sorted, with ``service_count`` and ``contact_count``.

    ``ordering`` is one of :data:`ORDERINGS`, optionally prefixed with ``-``; unknown keys sort by name.
    The counts are subqueries, so a page of any size costs one query.
    """
    qs = Supplier.objects.filter(organisation=organisation).annotate(
        service_count=_child_count(Service),
        contact_count=_child_count(Contact),
        status_rank=_rank("status", LIFECYCLE),
        criticality_rank=_rank("criticality", CRITICALITY_ORDER),
        name_lower=Lower("name"),
    )
    if search and search.strip():
        qs = _search(qs, search.strip())
    statuses = _as_list(status)
    if statuses:
        qs = qs.filter(status__in=statuses)
    tiers = _as_list(criticality)
    if tiers:
        qs = qs.filter(criticality__in=tiers)
    if service_kind:
        kinds = SERVICE_KIND_MATCHES.get(service_kind, [service_kind])
        qs = qs.filter(Exists(Service.objects.filter(supplier=OuterRef("pk"), kind__in=kinds)))
    if personal_data is not None:
        qs = qs.filter(processes_personal_data=personal_data)
    if incident_relevant is not None:
        qs = qs.filter(incident_relevant=incident_relevant)
    return qs.order_by(*_ordering(ordering), "pk")


def _ordering(ordering: str) -> list[str]:
    descending = ordering.startswith("-")
    key = ordering.lstrip("-")
    fields = ORDERINGS.get(key, ORDERINGS["name"])
    if descending:
        return [f"-{fields[0]}", *fields[1:]]
    return list(fields)


def supplier_get(*, organisation: Organisation, pk: int | str) -> Supplier:
    """One supplier of the organisation, or 404 (also for another organisation's supplier)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404("No such supplier") from exc
    supplier = Supplier.objects.select_related("organisation").filter(organisation=organisation, pk=pk).first()
    if supplier is None:
        raise Http404("No such supplier")
    return supplier


def supplier_detail(*, organisation: Organisation, pk: int | str) -> Supplier:
    """A supplier with its services, contacts (escalation order) and lifecycle steps prefetched."""
    supplier_get(organisation=organisation, pk=pk)  # 404 first, with the same rule as everywhere
    contact_order = _rank("role", [str(r) for r in Contact.ESCALATION_ORDER])
    return (
        Supplier.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("services", queryset=Service.objects.order_by("name")),
            Prefetch("contacts", queryset=Contact.objects.annotate(rank=contact_order).order_by("rank", "name")),
            Prefetch(
                "status_changes",
                queryset=SupplierStatusChange.objects.select_related("changed_by").order_by("changed_at", "id"),
            ),
        )
        .get(organisation=organisation, pk=int(pk))
    )


def service_get(*, organisation: Organisation, supplier_pk: int | str, pk: int | str) -> Service:
    """One service of one of the organisation's suppliers, or 404."""
    try:
        supplier_pk, pk = int(supplier_pk), int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404("No such service") from exc
    service = (
        Service.objects.select_related("supplier", "supplier__organisation")
        .filter(organisation=organisation, supplier__organisation=organisation, supplier_id=supplier_pk, pk=pk)
        .first()
    )
    if service is None:
        raise Http404("No such service")
    return service


def contact_get(*, organisation: Organisation, supplier_pk: int | str, pk: int | str) -> Contact:
    """One contact of one of the organisation's suppliers, or 404."""
    try:
        supplier_pk, pk = int(supplier_pk), int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404("No such contact") from exc
    contact = (
        Contact.objects.select_related("supplier", "supplier__organisation")
        .filter(organisation=organisation, supplier__organisation=organisation, supplier_id=supplier_pk, pk=pk)
        .first()
    )
    if contact is None:
        raise Http404("No such contact")
    return contact


def supplier_history(*, supplier: Supplier) -> QuerySet[AuditEvent]:
    """Audit events of the supplier and of its services and contacts, newest first."""
    pk = str(supplier.pk)
    return (
        AuditEvent.objects.filter(organisation_id=supplier.organisation_id)
        .filter(Q(object_type=SUPPLIER_TYPE, object_id=pk) | Q(parent_type=SUPPLIER_TYPE, parent_id=pk))
        .order_by("-timestamp", "-id")
    )


def supplier_status_counts(*, organisation: Organisation) -> dict[str, int]:
    """Number of suppliers per lifecycle status (every status present, zero when none)."""
    counts = dict.fromkeys(LIFECYCLE, 0)
    rows = Supplier.objects.filter(organisation=organisation).values_list("status").annotate(n=Count("pk"))
    for status, n in rows:
        counts[status] = n
    return counts


def service_list(*, organisation: Organisation) -> QuerySet[Service]:
    """All services of the organisation's suppliers, in index order (supplier, then id)."""
    return (
        Service.objects.filter(organisation=organisation, supplier__organisation=organisation)
        .select_related("supplier__organisation")
        .order_by("supplier_id", "pk")
    )


def contact_list(*, organisation: Organisation) -> QuerySet[Contact]:
    """All contacts of the organisation's suppliers, in index order (supplier, then id)."""
    return (
        Contact.objects.filter(organisation=organisation, supplier__organisation=organisation)
        .select_related("supplier__organisation")
        .order_by("supplier_id", "pk")
    )
