"""Writes to the supplier register: the one place where suppliers, services and contacts change.

Every function is keyword-only, validates everything before writing (raising
``django.core.exceptions.ValidationError`` keyed by field name), runs in one transaction and
records the audit event. Web forms, the API, the CLI and the importer all call these.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.core import audit
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers import validators
from ketenwacht.suppliers.lifecycle import check_status_transition
from ketenwacht.suppliers.models import Contact, Service, Supplier, SupplierStatus, SupplierStatusChange
from ketenwacht.suppliers.models.suppliers import DpaStatus

SUPPLIER_FIELDS = frozenset(
    {
        "name", "enterprise_number", "vat_number", "website", "address", "postal_code", "city", "country",
        "status", "criticality", "incident_relevant", "internal_owner", "framework_contract", "notes",
        "processes_personal_data", "personal_data_categories", "dpa_status", "dpa_signed_on",
        "data_location", "data_countries",
    }
)
SERVICE_FIELDS = frozenset({"name", "kind", "description", "purpose", "own_responsibility"})
CONTACT_FIELDS = frozenset({"name", "role", "email", "phone", "reachability", "hours", "languages"})

ErrorDict = dict[str, list[Any]]


# --- helpers -------------------------------------------------------------------------------------


def _check_names(fields: dict[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:  # a programming error in the caller, not bad user input
        raise TypeError(f"unknown {what} field(s): {', '.join(unknown)}")


def _assign(instance: models.Model, fields: dict[str, Any]) -> None:
    """Set the given fields, trimming text and turning ``None`` into blank for text fields."""
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if isinstance(field, models.CharField | models.TextField):
            value = "" if value is None else str(value).strip()
        setattr(instance, name, value)


def _add(errors: ErrorDict, field: str, error: ValidationError | str) -> None:
    messages = error.messages if isinstance(error, ValidationError) else [error]
    errors.setdefault(field, []).extend(messages)


def _normalise(errors: ErrorDict, instance: models.Model, field: str, func: Any, *args: Any) -> None:
    try:
        setattr(instance, field, func(getattr(instance, field), *args))
    except ValidationError as exc:
        _add(errors, field, exc)


def _full_clean(errors: ErrorDict, instance: models.Model, exclude: set[str]) -> None:
    """Django's field validation for the fields not already found wrong (constraints checked by us)."""
    try:
        instance.full_clean(exclude=exclude | set(errors), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)


def _raise(errors: ErrorDict) -> None:
    if errors:
        raise ValidationError(errors)


def _save(instance: models.Model, conflict_field: str, conflict_message: str) -> None:
    """Save in a savepoint; a unique-constraint race becomes a validation error, not a 500."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError({conflict_field: [conflict_message]}) from exc


# --- suppliers ------------------------------------------------------------------------------------


def validate_supplier(supplier: Supplier) -> None:
    """Normalise the supplier's identifiers in place and raise every problem at once, by field."""
    errors: ErrorDict = {}
    _normalise(errors, supplier, "country", validators.normalise_country)
    country = supplier.country if "country" not in errors else ""
    _normalise(errors, supplier, "enterprise_number", validators.normalise_enterprise_number, country)
    _normalise(errors, supplier, "vat_number", validators.normalise_vat, country)
    _normalise(errors, supplier, "data_countries", validators.normalise_country_list)
    if (
        country == "BE"
        and supplier.vat_number
        and supplier.enterprise_number
        and not errors.get("vat_number")
        and not errors.get("enterprise_number")
        and supplier.vat_number[2:] != supplier.enterprise_number.replace(".", "")
    ):
        _add(errors, "vat_number", _("A Belgian VAT number must be BE followed by the enterprise number."))
    if supplier.dpa_status == DpaStatus.SIGNED and not supplier.dpa_signed_on:
        _add(errors, "dpa_signed_on", _("Enter the date the processor agreement was signed."))
    _full_clean(errors, supplier, exclude={"organisation"})
    if (
        isinstance(supplier.dpa_signed_on, dt.date)
        and supplier.dpa_signed_on > timezone.localdate()
        and "dpa_signed_on" not in errors
    ):
        _add(errors, "dpa_signed_on", _("The signing date cannot be in the future."))
    others = Supplier.objects.filter(organisation_id=supplier.organisation_id).exclude(pk=supplier.pk)
    if supplier.name and "name" not in errors and others.filter(name__iexact=supplier.name).exists():
        _add(errors, "name", _("Another supplier already has this name."))
    if (
        supplier.enterprise_number
        and "enterprise_number" not in errors
        and others.filter(enterprise_number=supplier.enterprise_number).exists()
    ):
        _add(errors, "enterprise_number", _("Another supplier already has this enterprise number."))
    _raise(errors)


def _record_status(
    *, supplier: Supplier, actor: Actor, from_status: str, to_status: str, when: dt.datetime, reason: str
) -> SupplierStatusChange:
    return SupplierStatusChange.objects.create(
        supplier=supplier,
        from_status=from_status,
        to_status=to_status,
        changed_at=when,
        changed_by=actor.user,
        reason=reason[:500],
    )


def supplier_create(*, organisation: Organisation, actor: Actor, **fields: Any) -> Supplier:
    """Create a supplier (status defaults to prospect; its first lifecycle step is recorded)."""
    _check_names(fields, SUPPLIER_FIELDS, "supplier")
    supplier = Supplier(organisation=organisation)
    _assign(supplier, fields)
    validate_supplier(supplier)
    now = timezone.now()
    supplier.status_changed_at = now
    with transaction.atomic():
        _save(supplier, "name", _("Another supplier already has this name or enterprise number."))
        _record_status(supplier=supplier, actor=actor, from_status="", to_status=supplier.status, when=now, reason="")
        audit.record_create(actor=actor, organisation=organisation, instance=supplier)
    return supplier


def supplier_update(*, supplier: Supplier, actor: Actor, status_reason: str = "", **fields: Any) -> Supplier:
    """Change a supplier's fields; a new ``status`` goes through the lifecycle rules.

    Nothing is written (and no event recorded) when nothing changed.
    """
    _check_names(fields, SUPPLIER_FIELDS, "supplier")
    before = audit.snapshot(supplier)
    old_status = supplier.status
    new_status = fields.pop("status", old_status) or old_status
    _assign(supplier, fields)
    errors: ErrorDict = {}
    if new_status != old_status:
        for reason in check_status_transition(supplier, new_status):
            _add(errors, "status", reason)
    try:
        validate_supplier(supplier)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        _restore(supplier, before)
        _raise(errors)
    with transaction.atomic():
        if new_status != old_status:
            now = timezone.now()
            supplier.status, supplier.status_changed_at = new_status, now
            _record_status(
                supplier=supplier, actor=actor, from_status=old_status, to_status=new_status, when=now,
                reason=status_reason,
            )
        if audit.snapshot(supplier) == before:
            return supplier
        _save(supplier, "name", _("Another supplier already has this name or enterprise number."))
        audit.record_update(
            actor=actor, organisation=supplier.organisation, instance=supplier, before=before, remark=status_reason
        )
    return supplier


def _restore(instance: models.Model, before: dict[str, Any]) -> None:
    """Undo in-memory assignments after a refused update, so callers keep the stored state."""
    instance.refresh_from_db(fields=[instance._meta.get_field(name).attname for name in before])


def supplier_change_status(
    *, supplier: Supplier, actor: Actor, to_status: str, reason: str = "", changed_at: dt.datetime | None = None
) -> SupplierStatusChange:
    """Move the supplier to ``to_status`` if the lifecycle (and registered checks) allow it.

    Records a :class:`SupplierStatusChange` with the date, and the supplier's update in the audit trail.
    Refusals raise ``ValidationError({"status": [reasons]})``.
    """
    errors: ErrorDict = {}
    for refusal in check_status_transition(supplier, to_status):
        _add(errors, "status", refusal)
    when = changed_at or timezone.now()
    if changed_at is not None and changed_at > timezone.now():
        _add(errors, "changed_at", _("The date of a status change cannot be in the future."))
    elif changed_at is not None and supplier.status_changed_at and changed_at < supplier.status_changed_at:
        _add(errors, "changed_at", _("The date of a status change cannot be before the previous change."))
    if len(reason or "") > 500:
        _add(errors, "reason", _("Keep the reason under 500 characters."))
    _raise(errors)
    before = audit.snapshot(supplier)
    with transaction.atomic():
        change = _record_status(
            supplier=supplier, actor=actor, from_status=supplier.status, to_status=to_status, when=when,
            reason=(reason or "").strip(),
        )
        supplier.status, supplier.status_changed_at = to_status, when
        supplier.save(update_fields=["status", "status_changed_at", "updated_at"])
        audit.record_update(
            actor=actor, organisation=supplier.organisation, instance=supplier, before=before,
            remark=(reason or "").strip(),
        )
    return change


def supplier_delete(*, supplier: Supplier, actor: Actor) -> None:
    """Delete a supplier with its services, contacts and status history; each removal is audited."""
    organisation = supplier.organisation
    with transaction.atomic():
        for child in [*supplier.services.all(), *supplier.contacts.all()]:
            audit.record_delete(actor=actor, organisation=organisation, instance=child, parent=supplier)
        audit.record_delete(actor=actor, organisation=organisation, instance=supplier)
        try:
            with transaction.atomic():
                supplier.delete()
        except (ProtectedError, RestrictedError) as exc:
            raise ValidationError(
                {NON_FIELD_ERRORS: [_("This supplier is still referred to (e.g. by a contract); remove those first.")]}
            ) from exc


# --- services -------------------------------------------------------------------------------------


def validate_service(service: Service) -> None:
    """Raise every problem of an (unsaved or changed) service at once, by field."""
    errors: ErrorDict = {}
    _full_clean(errors, service, exclude={"organisation", "supplier"})
    if (
        service.name
        and "name" not in errors
        and Service.objects.filter(supplier_id=service.supplier_id, name__iexact=service.name)
        .exclude(pk=service.pk)
        .exists()
    ):
        _add(errors, "name", _("This supplier already has a service with this name."))
    _raise(errors)


def service_create(*, supplier: Supplier, actor: Actor, **fields: Any) -> Service:
    _check_names(fields, SERVICE_FIELDS, "service")
    service = Service(organisation_id=supplier.organisation_id, supplier=supplier)
    _assign(service, fields)
    validate_service(service)
    with transaction.atomic():
        _save(service, "name", _("This supplier already has a service with this name."))
        audit.record_create(actor=actor, organisation=supplier.organisation, instance=service, parent=supplier)
    return service


def service_update(*, service: Service, actor: Actor, **fields: Any) -> Service:
    _check_names(fields, SERVICE_FIELDS, "service")
    before = audit.snapshot(service)
    _assign(service, fields)
    try:
        validate_service(service)
    except ValidationError:
        _restore(service, before)
        raise
    if audit.snapshot(service) == before:
        return service
    with transaction.atomic():
        _save(service, "name", _("This supplier already has a service with this name."))
        audit.record_update(
            actor=actor, organisation=service.supplier.organisation, instance=service, before=before,
            parent=service.supplier,
        )
    return service


def service_delete(*, service: Service, actor: Actor) -> None:
    with transaction.atomic():
        audit.record_delete(
            actor=actor, organisation=service.supplier.organisation, instance=service, parent=service.supplier
        )
        service.delete()


# --- contacts -------------------------------------------------------------------------------------


def validate_contact(contact: Contact) -> None:
    """Normalise phone and languages in place and raise every problem at once, by field."""
    errors: ErrorDict = {}
    _normalise(errors, contact, "phone", validators.normalise_phone)
    _normalise(errors, contact, "languages", validators.normalise_languages)
    _full_clean(errors, contact, exclude={"organisation", "supplier"})
    if not contact.email and not contact.phone and "email" not in errors and "phone" not in errors:
        _add(errors, "email", _("Enter an e-mail address or a phone number, so the contact can be reached."))
    _raise(errors)


def contact_create(*, supplier: Supplier, actor: Actor, **fields: Any) -> Contact:
    _check_names(fields, CONTACT_FIELDS, "contact")
    contact = Contact(organisation_id=supplier.organisation_id, supplier=supplier)
    _assign(contact, fields)
    validate_contact(contact)
    with transaction.atomic():
        contact.save()
        audit.record_create(actor=actor, organisation=supplier.organisation, instance=contact, parent=supplier)
    return contact


def contact_update(*, contact: Contact, actor: Actor, **fields: Any) -> Contact:
    _check_names(fields, CONTACT_FIELDS, "contact")
    before = audit.snapshot(contact)
    _assign(contact, fields)
    try:
        validate_contact(contact)
    except ValidationError:
        _restore(contact, before)
        raise
    if audit.snapshot(contact) == before:
        return contact
    with transaction.atomic():
        contact.save()
        audit.record_update(
            actor=actor, organisation=contact.supplier.organisation, instance=contact, before=before,
            parent=contact.supplier,
        )
    return contact


def contact_delete(*, contact: Contact, actor: Actor) -> None:
    with transaction.atomic():
        audit.record_delete(
            actor=actor, organisation=contact.supplier.organisation, instance=contact, parent=contact.supplier
        )
        contact.delete()


__all__ = [
    "CONTACT_FIELDS",
    "SERVICE_FIELDS",
    "SUPPLIER_FIELDS",
    "SupplierStatus",
    "contact_create",
    "contact_delete",
    "contact_update",
    "service_create",
    "service_delete",
    "service_update",
    "supplier_change_status",
    "supplier_create",
    "supplier_delete",
    "supplier_update",
    "validate_contact",
    "validate_service",
    "validate_supplier",
]
