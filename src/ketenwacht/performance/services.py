"""Writes to incidents, outages and the breach register: validated first, one transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.contracts.models import Contract
from ketenwacht.contracts.periods import Period
from ketenwacht.core import audit
from ketenwacht.core.audit import Actor
from ketenwacht.performance import validation
from ketenwacht.performance.models import Breach, Incident, IncidentPause, Outage, Source
from ketenwacht.performance.reporting.build import sla_report
from ketenwacht.suppliers.models import Service

INCIDENT_FIELDS = frozenset({"service", "external_reference", "priority", "reported_at", "first_response_at",
                             "resolved_at", "description", "security_related", "source"})
OUTAGE_FIELDS = frozenset({"service", "external_reference", "started_at", "ended_at", "planned", "partial_weight",
                           "description", "source"})
PAUSE_FIELDS = ("started_at", "ended_at", "reason")


def _check_names(fields: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"unknown {what} field(s): {', '.join(unknown)}")


def _clean_text(fields: dict[str, Any]) -> dict[str, Any]:
    for key in ("external_reference", "description"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    return fields


def _service_errors(contract: Contract, service: Service | None) -> dict[str, list[str]]:
    if service is None:
        return {}
    if service.organisation_id != contract.organisation_id or service.supplier_id != contract.supplier_id:
        return {"service": [_("Choose one of the contract supplier's services.")]}
    return {}


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def _reference_taken(model: type[models.Model], contract: Contract, reference: str, pk: int | None) -> bool:
    return bool(reference) and model.objects.filter(contract=contract, external_reference=reference).exclude(pk=pk).exists()


def _save(instance: models.Model) -> None:
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError({"external_reference": [_("Another record of this contract has this reference.")]}) from exc


# --- incidents ---------------------------------------------------------------------------------------


def _merged_incident(incident: Incident, fields: Mapping[str, Any]) -> dict[str, Any]:
    data = {name: getattr(incident, name) for name in INCIDENT_FIELDS if name != "service"}
    data.update({k: v for k, v in fields.items() if k != "service"})
    return data


def _check_incident(incident: Incident, fields: Mapping[str, Any], pauses: list[dict] | None) -> None:
    data = _merged_incident(incident, fields)
    current = pauses if pauses is not None else [
        {"started_at": p.started_at, "ended_at": p.ended_at} for p in incident.pauses.all()] if incident.pk else []
    errors = validation.check_incident(data, current)
    if "service" in fields:
        for key, messages in _service_errors(incident.contract, fields["service"]).items():
            errors.setdefault(key, []).extend(messages)
    if _reference_taken(Incident, incident.contract, data.get("external_reference") or "", incident.pk):
        errors.setdefault("external_reference", []).append(_("This contract already has an incident with this reference."))
    _raise(errors)


def _clean_pauses(pauses: Iterable[Mapping[str, Any]] | None) -> list[dict] | None:
    if pauses is None:
        return None
    out = []
    for pause in pauses:
        unknown = set(pause) - set(PAUSE_FIELDS)
        if unknown:
            raise TypeError(f"unknown pause field(s): {', '.join(sorted(unknown))}")
        out.append({"started_at": pause.get("started_at"), "ended_at": pause.get("ended_at"),
                    "reason": (pause.get("reason") or "").strip()[:200]})
    return out


def _write_pauses(incident: Incident, pauses: list[dict], actor: Actor) -> None:
    organisation = incident.contract.organisation
    for old in incident.pauses.all():
        audit.record_delete(actor=actor, organisation=organisation, instance=old, parent=incident)
        old.delete()
    for pause in pauses:
        row = IncidentPause.objects.create(organisation_id=incident.organisation_id, incident=incident, **pause)
        audit.record_create(actor=actor, organisation=organisation, instance=row, parent=incident)


def incident_create(*, contract: Contract, actor: Actor, pauses: Iterable[Mapping[str, Any]] = (),
                    **fields: Any) -> Incident:
    """Record an incident of a contract (with its pauses)."""
    _check_names(fields, INCIDENT_FIELDS, "incident")
    fields = _clean_text(dict(fields))
    fields.setdefault("source", Source.API if actor.via == "api" else Source.WEB)
    clean = _clean_pauses(pauses) or []
    incident = Incident(organisation_id=contract.organisation_id, contract=contract)
    _check_incident(incident, fields, clean)
    for key, value in fields.items():
        setattr(incident, key, value)
    with transaction.atomic():
        _save(incident)
        audit.record_create(actor=actor, organisation=contract.organisation, instance=incident, parent=contract)
        _write_pauses(incident, clean, actor)
    return incident


def incident_update(*, incident: Incident, actor: Actor, pauses: Iterable[Mapping[str, Any]] | None = None,
                    **fields: Any) -> Incident:
    """Change an incident; ``pauses``, when given, replaces all of its pauses."""
    _check_names(fields, INCIDENT_FIELDS, "incident")
    fields = _clean_text(dict(fields))
    clean = _clean_pauses(pauses)
    _check_incident(incident, fields, clean)
    before = audit.snapshot(incident)
    for key, value in fields.items():
        setattr(incident, key, value)
    old_pauses = [(p.started_at, p.ended_at, p.reason) for p in incident.pauses.all()]
    pauses_changed = clean is not None and [(p["started_at"], p["ended_at"], p["reason"]) for p in clean] != old_pauses
    with transaction.atomic():
        if audit.snapshot(incident) != before:
            _save(incident)
            audit.record_update(actor=actor, organisation=incident.contract.organisation, instance=incident,
                                before=before, parent=incident.contract)
        if pauses_changed:
            _write_pauses(incident, clean, actor)
    return incident


def incident_delete(*, incident: Incident, actor: Actor) -> None:
    with transaction.atomic():
        for pause in incident.pauses.all():
            audit.record_delete(actor=actor, organisation=incident.contract.organisation, instance=pause,
                                parent=incident)
        audit.record_delete(actor=actor, organisation=incident.contract.organisation, instance=incident,
                            parent=incident.contract)
        incident.delete()


# --- outages -----------------------------------------------------------------------------------------


def _check_outage(outage: Outage, fields: Mapping[str, Any]) -> None:
    data = {name: getattr(outage, name) for name in OUTAGE_FIELDS if name != "service"}
    data.update({k: v for k, v in fields.items() if k != "service"})
    errors = validation.check_outage(data)
    if "service" in fields:
        for key, messages in _service_errors(outage.contract, fields["service"]).items():
            errors.setdefault(key, []).extend(messages)
    if _reference_taken(Outage, outage.contract, data.get("external_reference") or "", outage.pk):
        errors.setdefault("external_reference", []).append(_("This contract already has an outage with this reference."))
    _raise(errors)


def outage_create(*, contract: Contract, actor: Actor, **fields: Any) -> Outage:
    """Record an outage or planned maintenance of a contract's service."""
    _check_names(fields, OUTAGE_FIELDS, "outage")
    fields = _clean_text(dict(fields))
    fields.setdefault("source", Source.API if actor.via == "api" else Source.WEB)
    outage = Outage(organisation_id=contract.organisation_id, contract=contract)
    _check_outage(outage, fields)
    for key, value in fields.items():
        setattr(outage, key, value)
    with transaction.atomic():
        _save(outage)
        audit.record_create(actor=actor, organisation=contract.organisation, instance=outage, parent=contract)
    return outage


def outage_update(*, outage: Outage, actor: Actor, **fields: Any) -> Outage:
    _check_names(fields, OUTAGE_FIELDS, "outage")
    fields = _clean_text(dict(fields))
    _check_outage(outage, fields)
    before = audit.snapshot(outage)
    for key, value in fields.items():
        setattr(outage, key, value)
    if audit.snapshot(outage) == before:
        return outage
    with transaction.atomic():
        _save(outage)
        audit.record_update(actor=actor, organisation=outage.contract.organisation, instance=outage, before=before,
                            parent=outage.contract)
    return outage


def outage_delete(*, outage: Outage, actor: Actor) -> None:
    with transaction.atomic():
        audit.record_delete(actor=actor, organisation=outage.contract.organisation, instance=outage,
                            parent=outage.contract)
        outage.delete()


# --- breach register ---------------------------------------------------------------------------------


def breach_set_status(*, breach: Breach, actor: Actor, status: str, reason: str = "") -> Breach:
    """Follow a breach up: open → claimed → credited, or waived (a waiver needs a reason)."""
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if status not in Breach.Status.values:
        errors["status"] = [_("Choose open, claimed, credited or waived.")]
    if status == Breach.Status.WAIVED and not reason:
        errors["status_reason"] = [_("Say why the breach is waived.")]
    if len(reason) > 500:
        errors["status_reason"] = [_("Keep the reason under 500 characters.")]
    _raise(errors)
    before = audit.snapshot(breach)
    breach.status, breach.status_reason = status, reason
    if audit.snapshot(breach) == before:
        return breach
    breach.status_changed_at = timezone.now()
    with transaction.atomic():
        breach.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
        audit.record_update(actor=actor, organisation=breach.contract.organisation, instance=breach, before=before,
                            parent=breach.contract, remark=reason)
    return breach


def _breach_values(item: Mapping[str, Any], period_start: dt.datetime, period_end: dt.datetime) -> dict[str, Any]:
    return {
        "term": item["term"], "priority": item["priority"], "period_label": item["period"],
        "period_start": period_start, "period_end": period_end, "incident_id": item["incident_id"],
        "sla_version_id": item["sla_version_id"], "measured": float(item["measured"]),
        "promised": float(item["promised"]), "unit": item["unit"], "cause": item["cause_text"][:2000],
        "credit_percent": Decimal(str(item["credit_percent"])).quantize(Decimal("0.01")),
        "credit_amount": Decimal(str(item["credit_amount"])).quantize(Decimal("0.01")),
    }


def breaches_refresh(*, contract: Contract, period: Period, actor: Actor, as_of: dt.datetime | None = None,
                     report: dict | None = None) -> dict[str, int]:
    """Bring the register in line with the engine's report for ``period``.

    New breaches are added (open); known ones get their figures updated but keep their follow-up;
    an *open* breach that the data no longer shows (an incident corrected) is removed, while one
    already claimed, credited or waived stays as the record of what happened.
    """
    report = report or sla_report(contract=contract, period=period, as_of=as_of, trend=False)
    start = dt.datetime.fromisoformat(report["period"]["start"])
    end = dt.datetime.fromisoformat(report["period"]["end"])
    found = {item["key"]: item for item in report["breaches"]}
    counts = {"created": 0, "updated": 0, "removed": 0}
    organisation = contract.organisation
    with transaction.atomic():
        existing = {b.key: b for b in Breach.objects.filter(contract=contract, key__in=list(found))}
        for key, item in found.items():
            p_start = dt.datetime.fromisoformat(item["start"]) if item["start"] else start
            p_end = dt.datetime.fromisoformat(item["end"]) if item["end"] else end
            values = _breach_values(item, p_start, p_end)
            breach = existing.get(key)
            if breach is None:
                breach = Breach.objects.create(organisation=organisation, contract=contract, key=key, **values)
                audit.record_create(actor=actor, organisation=organisation, instance=breach, parent=contract)
                counts["created"] += 1
                continue
            before = audit.snapshot(breach)
            for name, value in values.items():
                setattr(breach, name, value)
            if audit.snapshot(breach) != before:
                breach.save()
                audit.record_update(actor=actor, organisation=organisation, instance=breach, before=before,
                                    parent=contract)
                counts["updated"] += 1
        stale = (Breach.objects.filter(contract=contract, status=Breach.Status.OPEN, period_start__gte=start,
                                       period_end__lte=end)
                 .exclude(key__in=list(found)))
        for breach in stale:
            audit.record_delete(actor=actor, organisation=organisation, instance=breach, parent=contract,
                                remark="no longer a breach")
            breach.delete()
            counts["removed"] += 1
    return counts
