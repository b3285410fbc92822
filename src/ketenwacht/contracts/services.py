"""Writes to contracts, their documents and SLA versions: validated, in one transaction, audited.

Every function is keyword-only and raises ``django.core.exceptions.ValidationError`` keyed by
field name before anything is written; web forms, the API, the CLI and the demo call these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from ketenwacht.contracts import documents, terms
from ketenwacht.contracts.models import Contract, ContractDocument, SlaPriorityTarget, SlaVersion
from ketenwacht.core import audit
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent, Organisation
from ketenwacht.suppliers.models import Service

CONTRACT_FIELDS = frozenset({
    "supplier", "reference", "title", "framework_contract", "start_date", "end_date", "notice_period_value",
    "notice_period_unit", "renewal", "renewal_period_months", "value_per_month", "internal_owner", "notes",
})
SLA_FIELDS = frozenset({
    "label", "valid_from", "valid_until", "timezone", "availability_target_percent", "availability_period",
    "downtime_definition", "partial_weight", "service_hours", "maintenance", "maintenance_windows",
    "maintenance_max_minutes", "maintenance_max_period", "maintenance_notice_value", "maintenance_notice_unit",
    "support_hours", "security_notification_value", "security_notification_unit", "backup_frequency_value",
    "backup_frequency_unit", "backup_retention_value", "backup_retention_unit", "rpo_value", "rpo_unit",
    "rto_value", "rto_unit", "patch_critical_value", "patch_critical_unit", "audit_right",
    "audit_frequency_value", "audit_frequency_unit", "pentest_frequency_value", "pentest_frequency_unit",
    "credit_tiers", "credit_cap_percent", "liability_cap_amount", "wording", "notes",
})
TARGET_FIELDS = ("priority", "name", "definition", "response_value", "response_unit", "resolution_value",
                 "resolution_unit")

ErrorDict = dict[str, list[Any]]


# --- helpers ---------------------------------------------------------------------------------------


def _check_names(fields: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:  # a programming error in the caller, not bad user input
        raise TypeError(f"unknown {what} field(s): {', '.join(unknown)}")


def _assign(instance: models.Model, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            value = "" if value is None else str(value).strip()
        elif isinstance(field, models.CharField) and value is None:
            value = ""
        setattr(instance, name, value)


def _merge(errors: ErrorDict, more: Mapping[str, list[Any]]) -> None:
    for field, messages in more.items():
        errors.setdefault(field, []).extend(messages)


def _full_clean(errors: ErrorDict, instance: models.Model, exclude: set[str]) -> None:
    """Django's field validation (types, lengths, choices) for fields not already found wrong."""
    try:
        instance.full_clean(exclude=exclude | set(errors), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        _merge(errors, exc.message_dict)


def _raise(errors: ErrorDict) -> None:
    if errors:
        raise ValidationError(errors)


def _restore(instance: models.Model, before: Mapping[str, Any]) -> None:
    instance.refresh_from_db(fields=[instance._meta.get_field(name).attname for name in before])


# --- contracts -------------------------------------------------------------------------------------


def _validate_contract(contract: Contract, services: Iterable[Service] | None) -> None:
    errors: ErrorDict = {}
    _full_clean(errors, contract, exclude={"organisation", "supplier"})
    if contract.supplier_id is None or contract.supplier.organisation_id != contract.organisation_id:
        errors.setdefault("supplier", []).append(_("Choose one of your suppliers."))
    if contract.start_date and contract.end_date and contract.end_date < contract.start_date and "end_date" not in errors:
        errors.setdefault("end_date", []).append(_("The end date lies before the start date."))
    if contract.value_per_month is not None and contract.value_per_month < 0:
        errors.setdefault("value_per_month", []).append(_("An amount cannot be negative."))
    if contract.renewal == "tacit" and contract.end_date is None and "renewal" not in errors:
        errors.setdefault("end_date", []).append(_("A tacitly renewed contract needs an end date to renew from."))
    if services is not None and "supplier" not in errors:
        foreign = [s.name for s in services if s.supplier_id != contract.supplier_id]
        if foreign:
            errors.setdefault("services", []).append(
                _("These services are not the supplier's: %(names)s.") % {"names": ", ".join(foreign)})
    others = Contract.objects.filter(organisation_id=contract.organisation_id).exclude(pk=contract.pk)
    if contract.reference and "reference" not in errors and others.filter(reference__iexact=contract.reference).exists():
        errors.setdefault("reference", []).append(_("Another contract already has this reference."))
    _raise(errors)


def _save_contract(contract: Contract) -> None:
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError as exc:
        raise ValidationError({"reference": [_("Another contract already has this reference.")]}) from exc


def contract_create(*, organisation: Organisation, actor: Actor, services: Iterable[Service] = (),
                    **fields: Any) -> Contract:
    """Register a contract with a supplier; ``services`` are the supplier's services it covers."""
    _check_names(fields, CONTRACT_FIELDS, "contract")
    services = list(services)
    contract = Contract(organisation=organisation)
    _assign(contract, fields)
    _validate_contract(contract, services)
    with transaction.atomic():
        _save_contract(contract)
        contract.services.set(services)
        audit.record_create(actor=actor, organisation=organisation, instance=contract,
                            remark=_services_remark(services))
    return contract


def _services_remark(services: Iterable[Service]) -> str:
    names = ", ".join(sorted(s.name for s in services))
    return f"services: {names}" if names else ""


def contract_update(*, contract: Contract, actor: Actor, services: Iterable[Service] | None = None,
                    **fields: Any) -> Contract:
    """Change a contract's fields (and, when given, the services it covers)."""
    _check_names(fields, CONTRACT_FIELDS, "contract")
    before = audit.snapshot(contract)
    old_services = {s.pk: s for s in contract.services.all()}
    services = None if services is None else list(services)
    _assign(contract, fields)
    try:
        _validate_contract(contract, services)
    except ValidationError:
        _restore(contract, before)
        raise
    services_changed = services is not None and {s.pk for s in services} != set(old_services)
    if audit.snapshot(contract) == before and not services_changed:
        return contract
    with transaction.atomic():
        _save_contract(contract)
        if services_changed:
            contract.services.set(services)
        if not services_changed:
            audit.record_update(actor=actor, organisation=contract.organisation, instance=contract, before=before)
        else:
            _record_contract_update_with_services(actor, contract, before, list(old_services.values()), services)
    return contract


def _record_contract_update_with_services(actor: Actor, contract: Contract, before: dict[str, Any],
                                          old: list[Service], new: list[Service]) -> None:
    """The audit snapshot covers concrete fields only; the covered services go in as one more change."""
    changes = audit.diff(before, audit.snapshot(contract, before.keys()))
    changes["services"] = [sorted(s.name for s in old), sorted(s.name for s in new)]
    AuditEvent.objects.create(
        organisation=contract.organisation, actor=actor.user, actor_label=actor.label, via=actor.via,
        action=AuditEvent.Action.UPDATE, object_type="contracts.contract", object_id=str(contract.pk),
        object_repr=str(contract)[:255], changes=changes,
    )


def contract_delete(*, contract: Contract, actor: Actor) -> None:
    """Delete a contract with its SLA versions, documents and performance data."""
    organisation = contract.organisation
    files = [d.file.name for d in contract.documents.all()]
    with transaction.atomic():
        for version in contract.sla_versions.all():
            audit.record_delete(actor=actor, organisation=organisation, instance=version, parent=contract)
        for document in contract.documents.all():
            audit.record_delete(actor=actor, organisation=organisation, instance=document, parent=contract)
        audit.record_delete(actor=actor, organisation=organisation, instance=contract)
        try:
            with transaction.atomic():
                contract.delete()
        except (ProtectedError, RestrictedError) as exc:
            raise ValidationError({NON_FIELD_ERRORS: [_("This contract is still referred to; remove those first.")]}) from exc
        transaction.on_commit(lambda: documents.remove_files(files))


# --- documents -------------------------------------------------------------------------------------


def document_add(*, contract: Contract, actor: Actor, kind: str, upload: UploadedFile) -> ContractDocument:
    """Attach a PDF, DOCX or XLSX file (checked by size, extension and content) to a contract."""
    errors: ErrorDict = {}
    if kind not in ContractDocument.Kind.values:
        errors.setdefault("kind", []).append(_("Choose the kind of document."))
    try:
        content_type = documents.check_upload(upload)
    except ValidationError as exc:
        errors.setdefault("file", []).extend(exc.messages)
        content_type = ""
    _raise(errors)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = ContractDocument(
        organisation_id=contract.organisation_id, contract=contract, kind=kind,
        original_name=documents.safe_name(upload.name or "document"), content_type=content_type,
        size_bytes=upload.size or 0, sha256=digest.hexdigest(), uploaded_by=actor.user,
    )
    with transaction.atomic():
        document.file.save(document.original_name, upload, save=False)
        name = document.file.name
        try:
            document.save()
            audit.record_create(actor=actor, organisation=contract.organisation, instance=document, parent=contract)
        except Exception:
            documents.remove_files([name])
            raise
    return document


def document_delete(*, document: ContractDocument, actor: Actor) -> None:
    name = document.file.name
    with transaction.atomic():
        audit.record_delete(actor=actor, organisation=document.contract.organisation, instance=document,
                            parent=document.contract)
        document.delete()
        transaction.on_commit(lambda: documents.remove_files([name]))


# --- SLA versions ------------------------------------------------------------------------------------


def _overlap_errors(version: SlaVersion) -> ErrorDict:
    """Versions of one contract may not overlap: on any day exactly one SLA applies, or none."""
    if version.valid_from is None:
        return {}
    others = SlaVersion.objects.filter(contract_id=version.contract_id).exclude(pk=version.pk)
    clash = others.filter(
        models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=version.valid_from)
    )
    if version.valid_until is not None:
        clash = clash.filter(valid_from__lte=version.valid_until)
    first = clash.order_by("valid_from").first()
    if first is None:
        return {}
    until = first.valid_until.isoformat() if first.valid_until else _("further notice")
    return {"valid_from": [_("The validity period overlaps with %(label)s (%(start)s – %(end)s).")
                           % {"label": first.label, "start": first.valid_from.isoformat(), "end": until}]}


def _validate_version(version: SlaVersion, targets: list[Mapping[str, Any]] | None) -> None:
    errors: ErrorDict = {}
    _full_clean(errors, version, exclude={"organisation", "contract", "service_hours", "support_hours",
                                          "maintenance_windows", "credit_tiers", "wording"})
    values = {name: getattr(version, name) for name in SLA_FIELDS}
    for field, messages in terms.validate_version_terms(values).items():
        if field not in errors:
            errors[field] = messages
    if targets is not None:
        _merge(errors, terms.validate_priority_targets(targets))
    if "valid_from" not in errors and "valid_until" not in errors:
        _merge(errors, _overlap_errors(version))
    _raise(errors)


def _clean_targets(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        unknown = set(row) - set(TARGET_FIELDS)
        if unknown:
            raise TypeError(f"unknown priority target field(s): {', '.join(sorted(unknown))}")
        clean = {k: row.get(k) for k in TARGET_FIELDS}
        for key in ("name", "definition", "response_unit", "resolution_unit", "priority"):
            clean[key] = (clean[key] or "").strip() if isinstance(clean[key], str | type(None)) else clean[key]
        for key in ("response_value", "resolution_value"):
            if clean[key] is not None and not isinstance(clean[key], Decimal):
                clean[key] = Decimal(str(clean[key]))
        out.append(clean)
    return out


def _write_targets(version: SlaVersion, rows: list[dict[str, Any]], actor: Actor) -> None:
    """Replace the version's priority targets by ``rows``, auditing each create, change and removal."""
    organisation = version.contract.organisation
    existing = {t.priority: t for t in version.priority_targets.all()}
    wanted = {row["priority"]: row for row in rows}
    for priority, target in existing.items():
        if priority not in wanted:
            audit.record_delete(actor=actor, organisation=organisation, instance=target, parent=version)
            target.delete()
    for priority, row in wanted.items():
        target = existing.get(priority)
        if target is None:
            target = SlaPriorityTarget(organisation_id=version.organisation_id, sla_version=version, **row)
            target.save()
            audit.record_create(actor=actor, organisation=organisation, instance=target, parent=version)
            continue
        before = audit.snapshot(target)
        for key, value in row.items():
            setattr(target, key, value)
        if audit.snapshot(target) != before:
            target.save()
            audit.record_update(actor=actor, organisation=organisation, instance=target, before=before, parent=version)


def sla_version_create(*, contract: Contract, actor: Actor, priority_targets: Iterable[Mapping[str, Any]] = (),
                       **fields: Any) -> SlaVersion:
    """Add an SLA version (its typed terms and its priority targets) to a contract."""
    _check_names(fields, SLA_FIELDS, "SLA version")
    targets = _clean_targets(priority_targets)
    version = SlaVersion(organisation_id=contract.organisation_id, contract=contract)
    if "timezone" not in fields:
        version.timezone = contract.organisation.timezone
    _assign(version, fields)
    with transaction.atomic():
        # Lock the contract so two concurrent versions cannot both pass the overlap check.
        Contract.objects.select_for_update().filter(pk=contract.pk).first()
        _validate_version(version, targets)
        version.save()
        audit.record_create(actor=actor, organisation=contract.organisation, instance=version, parent=contract)
        _write_targets(version, targets, actor)
    return version


def sla_version_update(*, version: SlaVersion, actor: Actor,
                       priority_targets: Iterable[Mapping[str, Any]] | None = None, **fields: Any) -> SlaVersion:
    """Change an SLA version's terms; ``priority_targets``, when given, replaces all of them."""
    _check_names(fields, SLA_FIELDS, "SLA version")
    targets = None if priority_targets is None else _clean_targets(priority_targets)
    before = audit.snapshot(version)
    _assign(version, fields)
    try:
        with transaction.atomic():
            Contract.objects.select_for_update().filter(pk=version.contract_id).first()
            _validate_version(version, targets)
            if audit.snapshot(version) != before:
                version.save()
                audit.record_update(actor=actor, organisation=version.contract.organisation, instance=version,
                                    before=before, parent=version.contract)
            if targets is not None:
                _write_targets(version, targets, actor)
    except ValidationError:
        _restore(version, before)
        raise
    return version


def sla_version_delete(*, version: SlaVersion, actor: Actor) -> None:
    organisation = version.contract.organisation
    with transaction.atomic():
        for target in version.priority_targets.all():
            audit.record_delete(actor=actor, organisation=organisation, instance=target, parent=version)
        audit.record_delete(actor=actor, organisation=organisation, instance=version, parent=version.contract)
        version.delete()


__all__ = [
    "CONTRACT_FIELDS",
    "SLA_FIELDS",
    "TARGET_FIELDS",
    "contract_create",
    "contract_delete",
    "contract_update",
    "document_add",
    "document_delete",
    "sla_version_create",
    "sla_version_delete",
    "sla_version_update",
]
