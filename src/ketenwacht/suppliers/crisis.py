"""The offline crisis list: which suppliers are on it, its exports, and whether the last export is stale.

On the list: every supplier of the organisation that is critical or flagged as possibly involved
in a serious incident, and not ended. Per supplier: its services, the escalation chain in
``Contact.ESCALATION_ORDER`` (24x7 incident contacts highlighted), the account manager and DPO,
framework contract reference and internal owner.

Every export carries a SHA-256 over a canonical form of the list's content (organisation,
generation time, the rows of the CSV), so each format of one export shows the same checksum
and anyone can recompute it from the CSV; ``docs/crisis-list.md`` describes how.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ketenwacht import documents
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent, Organisation
from ketenwacht.documents import Column, Document, KeyValues, Paragraph, Row, Section, Strings, Table
from ketenwacht.suppliers.models import (
    Contact,
    CrisisListExport,
    Criticality,
    Service,
    Supplier,
    SupplierStatus,
)

CANONICAL_FORMAT = "ketenwacht-crisis-list/1"
CRITICALITY_RANK = {c: i for i, c in enumerate([Criticality.CRITICAL, Criticality.HIGH, Criticality.MEDIUM,
                                                 Criticality.LOW])}
CHAIN_RANK = {role: i for i, role in enumerate(Contact.ESCALATION_ORDER)}
# Listed after the escalation chain, without a position in it.
OTHER_ROLES = [Contact.ContactRole.ACCOUNT_MANAGER, Contact.ContactRole.DPO]
REGISTER_OBJECT_TYPES = ("suppliers.supplier", "suppliers.service", "suppliers.contact")
DATA_COLUMNS = [
    "supplier", "enterprise_number", "criticality", "incident_relevant", "status", "services",
    "framework_contract", "internal_owner", "chain_position", "contact_role", "contact_name",
    "reachability", "hours", "phone", "email", "languages",
]
CONTENT_TYPES = {
    CrisisListExport.Format.PDF: "application/pdf",
    CrisisListExport.Format.HTML: "text/html; charset=utf-8",
    CrisisListExport.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CrisisListExport.Format.CSV: "text/csv; charset=utf-8",
}
FORMATS = [f.value for f in CrisisListExport.Format]


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrisisEntry:
    """One supplier on the crisis list with what a crisis team needs to reach it."""

    supplier: Supplier
    services: list[Service]
    chain: list[Contact]
    other_contacts: list[Contact]

    @property
    def incident_contacts_24x7(self) -> list[Contact]:
        return [c for c in self.chain if is_24x7_incident_contact(c)]

    @property
    def contacts(self) -> list[tuple[int | None, Contact]]:
        """(position in the escalation chain or None, contact) in list order."""
        return [(i, c) for i, c in enumerate(self.chain, start=1)] + [(None, c) for c in self.other_contacts]


@dataclass(frozen=True)
class CrisisList:
    organisation: Organisation
    generated_at: dt.datetime
    entries: list[CrisisEntry] = field(default_factory=list)


def is_24x7_incident_contact(contact: Contact) -> bool:
    return (
        contact.role == Contact.ContactRole.INCIDENT_CONTACT and contact.reachability == Contact.Reachability.ALWAYS
    )


def crisis_suppliers(organisation: Organisation) -> QuerySet[Supplier]:
    """The suppliers on the crisis list (unordered): critical or incident-relevant, not ended."""
    return Supplier.objects.filter(organisation=organisation).exclude(status=SupplierStatus.ENDED).filter(
        Q(criticality=Criticality.CRITICAL) | Q(incident_relevant=True)
    )


def _contact_key(contact: Contact) -> tuple:
    return (contact.name.casefold(), contact.pk)


def crisis_list(organisation: Organisation, *, now: dt.datetime | None = None) -> CrisisList:
    """The crisis list in three queries, ordered by criticality then name (case-insensitive)."""
    roles = [*Contact.ESCALATION_ORDER, *OTHER_ROLES]
    suppliers = crisis_suppliers(organisation).prefetch_related(
        Prefetch("services", queryset=Service.objects.filter(organisation=organisation).order_by("name", "pk")),
        Prefetch("contacts", queryset=Contact.objects.filter(organisation=organisation, role__in=roles)),
    )
    entries = []
    for supplier in suppliers:
        contacts = list(supplier.contacts.all())
        chain = sorted((c for c in contacts if c.role in CHAIN_RANK), key=lambda c: (CHAIN_RANK[c.role], *_contact_key(c)))
        others = sorted(
            (c for c in contacts if c.role in OTHER_ROLES), key=lambda c: (OTHER_ROLES.index(c.role), *_contact_key(c))
        )
        services = sorted(supplier.services.all(), key=lambda s: (s.name.casefold(), s.pk))
        entries.append(CrisisEntry(supplier=supplier, services=services, chain=chain, other_contacts=others))
    entries.sort(key=lambda e: (CRITICALITY_RANK.get(e.supplier.criticality, 99), e.supplier.name.casefold()))
    generated = (now or timezone.now()).astimezone(dt.UTC).replace(microsecond=0)
    return CrisisList(organisation=organisation, generated_at=generated, entries=entries)


@dataclass(frozen=True)
class CrisisListStatus:
    """Is the last exported (printed, offline) crisis list still good?"""

    last_export: CrisisListExport | None
    register_changed_at: dt.datetime | None
    max_age_days: int
    now: dt.datetime

    @property
    def changed_since_export(self) -> bool:
        return (
            self.last_export is not None
            and self.register_changed_at is not None
            and self.register_changed_at > self.last_export.created_at
        )

    @property
    def too_old(self) -> bool:
        return self.last_export is not None and (
            self.now - self.last_export.created_at > dt.timedelta(days=self.max_age_days)
        )

    @property
    def state(self) -> str:
        """``never``, ``changed``, ``outdated`` or ``current`` (the first that applies)."""
        if self.last_export is None:
            return "never"
        if self.changed_since_export:
            return "changed"
        if self.too_old:
            return "outdated"
        return "current"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def register_changed_at(organisation: Organisation) -> dt.datetime | None:
    """The newest change to suppliers, services or contacts: audit trail (also deletions) or ``updated_at``."""
    times = [
        AuditEvent.objects.filter(organisation=organisation, object_type__in=REGISTER_OBJECT_TYPES).aggregate(
            t=Max("timestamp")
        )["t"]
    ]
    for model in (Supplier, Service, Contact):
        times.append(model.objects.filter(organisation=organisation).aggregate(t=Max("updated_at"))["t"])
    known = [t for t in times if t is not None]
    return max(known) if known else None


def crisis_list_status(organisation: Organisation, *, now: dt.datetime | None = None) -> CrisisListStatus:
    last = (
        CrisisListExport.objects.filter(organisation=organisation)
        .select_related("exported_by")
        .order_by("-created_at", "-pk")
        .first()
    )
    return CrisisListStatus(
        last_export=last,
        register_changed_at=register_changed_at(organisation),
        max_age_days=organisation.crisis_list_max_age_days,
        now=now or timezone.now(),
    )


# --- content and checksum ------------------------------------------------------------------------


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def data_rows(crisis: CrisisList) -> list[list[str]]:
    """The list's content as flat rows (``DATA_COLUMNS``): one per contact, or one per supplier without."""
    rows = []
    for entry in crisis.entries:
        s = entry.supplier
        supplier_cells = [
            s.name, s.enterprise_number, s.criticality, "true" if s.incident_relevant else "false", s.status,
            "; ".join(service.name for service in entry.services), s.framework_contract, s.internal_owner,
        ]
        contacts = entry.contacts
        if not contacts:
            rows.append(supplier_cells + [""] * (len(DATA_COLUMNS) - len(supplier_cells)))
        for position, c in contacts:
            rows.append(supplier_cells + [
                "" if position is None else str(position), c.role, c.name, c.reachability, c.hours, c.phone,
                c.email, c.languages,
            ])
    return rows


def canonical_content(crisis: CrisisList) -> dict:
    """What the checksum covers; see ``docs/crisis-list.md``."""
    return {
        "format": CANONICAL_FORMAT,
        "organisation": crisis.organisation.name,
        "generated_at": iso_utc(crisis.generated_at),
        "columns": DATA_COLUMNS,
        "rows": data_rows(crisis),
    }


def crisis_checksum(crisis: CrisisList) -> str:
    return documents.content_sha256(canonical_content(crisis))


# --- documents -----------------------------------------------------------------------------------


def _local(crisis: CrisisList) -> dt.datetime:
    return crisis.generated_at.astimezone(ZoneInfo(crisis.organisation.timezone))


def _generated_label(crisis: CrisisList) -> str:
    return f"{_local(crisis):%Y-%m-%d %H:%M:%S} ({crisis.organisation.timezone})"


def _reach(contact: Contact) -> str:
    if contact.reachability == Contact.Reachability.ALWAYS:
        return "24x7"
    return contact.hours or str(contact.get_reachability_display())


def _supplier_table(crisis: CrisisList) -> Table:
    rows = []
    for entry in crisis.entries:
        s = entry.supplier
        desks = "\n".join("\n".join(filter(None, [c.name, c.phone])) for c in entry.incident_contacts_24x7)
        rows.append(Row([
            s.name, str(s.get_criticality_display()), str(s.get_status_display()),
            "\n".join(service.name for service in entry.services), desks or _("no 24x7 incident contact"),
            s.framework_contract, s.internal_owner,
        ]))
    return Table(
        columns=[Column(_("Supplier"), 2), Column(_("Criticality"), 0.9), Column(_("Status"), 0.9),
                 Column(_("Services"), 2.2), Column(_("24x7 incident contact"), 2.2),
                 Column(_("Framework contract"), 1.2), Column(_("Internal owner"), 1.8)],
        rows=rows, caption=_("Suppliers"), key="suppliers",
    )


def _contact_table(crisis: CrisisList) -> Table:
    rows = []
    for entry in crisis.entries:
        for position, c in entry.contacts:
            rows.append(Row(
                [entry.supplier.name, "–" if position is None else str(position), str(c.get_role_display()),
                 c.name, c.phone, c.email, _reach(c), c.languages],
                emphasis=is_24x7_incident_contact(c),
            ))
    return Table(
        columns=[Column(_("Supplier"), 2), Column(_("Step"), 0.45), Column(_("Role"), 1.6), Column(_("Name"), 1.7),
                 Column(_("Phone"), 1.5), Column(_("E-mail"), 2.5), Column(_("Reachable"), 1.4),
                 Column(_("Languages"), 0.95)],
        rows=rows, caption=_("Escalation chains and contacts"), key="contacts",
    )


def _service_table(crisis: CrisisList) -> Table:
    rows = [
        [entry.supplier.name, service.name, str(service.get_kind_display()), service.purpose,
         service.own_responsibility]
        for entry in crisis.entries
        for service in entry.services
    ]
    return Table(
        columns=[Column(_("Supplier"), 1.6), Column(_("Service"), 1.6), Column(_("Kind"), 1.2),
                 Column(_("Purpose"), 2.6), Column(_("Remains our responsibility"), 2.6)],
        rows=rows, caption=_("Services"), key="services",
    )


def crisis_document(crisis: CrisisList, checksum: str) -> Document:
    """The crisis list for people: PDF, HTML and XLSX, in the active language."""
    org = crisis.organisation
    generated = _generated_label(crisis)
    meta = [
        (_("Organisation"), org.name),
        (_("Generated at"), generated),
        (_("Suppliers listed"), str(len(crisis.entries))),
        (_("SHA-256 of the content"), checksum),
    ]
    intro = Paragraph(_(
        "All suppliers that are critical or may be involved in a serious incident, and not ended. "
        "Call the 24x7 incident contact first (in bold), then follow the escalation chain in order."
    ))
    if crisis.entries:
        blocks: list = [intro, _supplier_table(crisis)]
    else:
        blocks = [intro, Paragraph(_("No supplier is on the crisis list."))]
    sections = [
        Section(_("Suppliers on the crisis list"), blocks),
        Section(_("Escalation chains and contacts"), [_contact_table(crisis)]),
        Section(_("Services"), [_service_table(crisis)]),
        Section(_("About this list"), [KeyValues([
            (_("How the checksum is made"), _(
                "SHA-256 over the list's content (organisation, generation time and the rows of the CSV "
                "export); the same in every format of one export.")),
            (_("SHA-256 of the content"), checksum),
        ])]),
    ]
    return Document(
        title=_("Crisis list"),
        subtitle=org.name,
        meta=meta,
        sections=sections,
        footer=f"{org.name} · {_('generated')} {generated} · SHA-256 {checksum}",
        lang=(get_language() or "nl").split("-")[0],
        landscape=True,
        strings=Strings(page=_("Page {page} of {pages}"), metadata=_("Metadata"),
                        figure_omitted=_("Figure not shown in this format: {caption}")),
    )


def crisis_data_document(crisis: CrisisList, checksum: str) -> Document:
    """The crisis list for machines (CSV): stable column names and codes, independent of language."""
    return Document(
        title="Ketenwacht crisis list",
        meta=[
            ("format", CANONICAL_FORMAT),
            ("organisation", crisis.organisation.name),
            ("generated_at", iso_utc(crisis.generated_at)),
            ("suppliers", str(len(crisis.entries))),
            ("sha256", checksum),
        ],
        sections=[Section("data", [Table(columns=DATA_COLUMNS, rows=data_rows(crisis), key="data")])],
    )


def render(crisis: CrisisList, export_format: str) -> tuple[bytes, str]:
    """The export file's bytes and the content checksum."""
    checksum = crisis_checksum(crisis)
    if export_format == CrisisListExport.Format.CSV:
        return documents.to_csv(crisis_data_document(crisis, checksum)), checksum
    doc = crisis_document(crisis, checksum)
    if export_format == CrisisListExport.Format.PDF:
        return documents.to_pdf(doc), checksum
    if export_format == CrisisListExport.Format.XLSX:
        return documents.to_xlsx(doc), checksum
    return documents.to_html(doc).encode("utf-8"), checksum


# --- exporting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrisisExport:
    content: bytes
    filename: str
    content_type: str
    sha256: str
    record: CrisisListExport


def validate_format(value: str) -> str:
    fmt = (value or "").strip().lower()
    if fmt not in FORMATS:
        raise ValidationError(
            {"format": [_("Unknown format '%(format)s': choose one of %(choices)s.")
                        % {"format": value, "choices": ", ".join(FORMATS)}]}
        )
    return fmt


def crisis_list_export(
    *,
    organisation: Organisation,
    actor: Actor,
    export_format: str,
    write: Callable[[bytes], None] | None = None,
    now: dt.datetime | None = None,
) -> CrisisExport:
    """Generate the crisis list in ``export_format`` and record the export.

    ``write`` (e.g. saving the file) runs inside the transaction: if it fails, no export is recorded.
    """
    fmt = validate_format(export_format)
    crisis = crisis_list(organisation, now=now)
    content, checksum = render(crisis, fmt)
    with transaction.atomic():
        if write is not None:
            write(content)
        record = CrisisListExport.objects.create(
            organisation=organisation, format=fmt, exported_by=actor.user, via=actor.via, sha256=checksum,
            supplier_count=len(crisis.entries),
        )
    filename = f"crisis-list-{organisation.slug}-{_local(crisis):%Y%m%d-%H%M%S}.{fmt}"
    return CrisisExport(content=content, filename=filename, content_type=CONTENT_TYPES[fmt], sha256=checksum,
                        record=record)
