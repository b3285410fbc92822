"""Apply an import plan through the supplier services, all or nothing.

Everything runs in one transaction that is rolled back when any row is bad or on a dry run, so a
dry run reports exactly what a real import would do, validated by the same services as the web
forms and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ketenwacht.core import audit
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers import services, validators
from ketenwacht.suppliers.importing.columns import CONTACT, SERVICE, SUPPLIER
from ketenwacht.suppliers.importing.plan import Part, Plan, RowError, SupplierPlan, build_plan
from ketenwacht.suppliers.importing.reader import read_file
from ketenwacht.suppliers.models import Contact, Service, Supplier


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    dry_run: bool
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    suppliers: Counts = field(default_factory=Counts)
    services: Counts = field(default_factory=Counts)
    contacts: Counts = field(default_factory=Counts)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run

    def summary(self) -> str:
        def part(label: str, c: Counts) -> str:
            return _("%(what)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged") % {
                "what": label, "created": c.created, "updated": c.updated, "unchanged": c.unchanged,
            }

        return "; ".join(
            [part(_("suppliers"), self.suppliers), part(_("services"), self.services), part(_("contacts"), self.contacts)]
        )


def import_suppliers(
    *, organisation: Organisation, actor: Actor, data: bytes, filename: str = "", dry_run: bool = False
) -> ImportResult:
    """Import the file's suppliers, services and contacts into ``organisation``.

    Raises :class:`~ketenwacht.suppliers.importing.reader.ImportFileError` when the file as a whole
    cannot be read. Row problems are returned in ``result.errors``; then nothing is written.
    """
    plan = build_plan(read_file(data, filename))
    result = ImportResult(dry_run=dry_run, rows=plan.row_count)
    errors = list(plan.errors)
    with transaction.atomic():
        _Applier(organisation, actor, plan, result, errors, filename).run()
        if errors or dry_run:
            transaction.set_rollback(True)
    if not plan.suppliers and not errors:
        errors.append(RowError(2, "", _("the file has no rows with suppliers.")))
    result.errors = sorted(set(errors))
    return result


class _Applier:
    def __init__(
        self, organisation: Organisation, actor: Actor, plan: Plan, result: ImportResult, errors: list[RowError],
        filename: str,
    ) -> None:
        self.organisation, self.actor, self.plan = organisation, actor, plan
        self.result, self.errors = result, errors
        self.reason = _("Imported from %(file)s") % {"file": filename} if filename else _("Imported")

    def run(self) -> None:
        for supplier_plan in self.plan.suppliers:
            supplier = self.supplier(supplier_plan)
            for part in supplier_plan.services.values():
                self.child(part, supplier, SERVICE)
            for part in supplier_plan.contacts.values():
                self.child(part, supplier, CONTACT)

    def report(self, exc: ValidationError, part: Part, target: str) -> None:
        details = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        for field_name, messages in details.items():
            if field_name == NON_FIELD_ERRORS:
                line, header = part.line, ""
            else:
                line, header = part.where(field_name, self.plan.headers, target)
            for message in messages:
                self.errors.append(RowError(line, header, str(message)))

    def match(self, values: dict[str, Any]) -> Supplier | None:
        """The stored supplier: same enterprise number, else same name (if it has no other number)."""
        suppliers = Supplier.objects.filter(organisation=self.organisation)
        number = values.get("enterprise_number") or ""
        if number:
            try:
                number = validators.normalise_enterprise_number(number, values.get("country") or "BE")
            except ValidationError:
                number = ""
            found = suppliers.filter(enterprise_number=number).first() if number else None
            if found is not None:
                return found
        by_name = suppliers.filter(name__iexact=(values.get("name") or "").strip()).first()
        if by_name is not None and (not values.get("enterprise_number") or not by_name.enterprise_number):
            return by_name
        return None

    def supplier(self, plan: SupplierPlan) -> Supplier | None:
        values = plan.supplier.values()
        existing = self.match(values)
        if plan.failed:
            return existing
        try:
            if existing is None:
                supplier = services.supplier_create(organisation=self.organisation, actor=self.actor, **values)
                self.result.suppliers.created += 1
                return supplier
            before = audit.snapshot(existing)
            services.supplier_update(supplier=existing, actor=self.actor, status_reason=self.reason, **values)
            self._count(self.result.suppliers, before != audit.snapshot(existing))
            return existing
        except ValidationError as exc:
            self.report(exc, plan.supplier, SUPPLIER)
            return existing

    def child(self, part: Part, supplier: Supplier | None, target: str) -> None:
        values = part.values()
        counts = self.result.services if target == SERVICE else self.result.contacts
        model: type[models.Model] = Service if target == SERVICE else Contact
        try:
            if supplier is None or supplier.pk is None:
                # The supplier itself failed: still check this row, so every bad row is reported at once.
                check = services.validate_service if target == SERVICE else services.validate_contact
                check(model(organisation=self.organisation, **values))
                return
            existing = self._existing_child(supplier, values, target)
            if existing is None:
                create = services.service_create if target == SERVICE else services.contact_create
                create(supplier=supplier, actor=self.actor, **values)
                counts.created += 1
                return
            before = audit.snapshot(existing)
            if target == SERVICE:
                services.service_update(service=existing, actor=self.actor, **values)
            else:
                services.contact_update(contact=existing, actor=self.actor, **values)
            self._count(counts, before != audit.snapshot(existing))
        except ValidationError as exc:
            self.report(exc, part, target)

    @staticmethod
    def _existing_child(supplier: Supplier, values: dict[str, Any], target: str) -> models.Model | None:
        if target == SERVICE:
            return Service.objects.filter(supplier=supplier, name__iexact=values["name"]).first()
        return Contact.objects.filter(supplier=supplier, name__iexact=values["name"], role=values["role"]).first()

    @staticmethod
    def _count(counts: Counts, changed: bool) -> None:
        if changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
