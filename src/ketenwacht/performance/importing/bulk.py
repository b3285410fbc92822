"""Write many checked incidents or outages at once, each change still in the audit trail.

The importers and the Statuspage import write thousands of rows; one ``save()`` and one audit
call per row would take minutes, so rows and their audit events are created in batches. The
audit events carry the same content ``ketenwacht.core.audit`` records for a single change.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone as djtz

from ketenwacht.contracts.models import Contract
from ketenwacht.core import audit
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import AuditEvent
from ketenwacht.performance.models import Incident, IncidentPause, Outage

BATCH = 2000


def _event(actor: Actor, contract: Contract, instance: Any, action: str, changes: dict, remark: str) -> AuditEvent:
    meta = instance._meta
    return AuditEvent(
        organisation_id=contract.organisation_id, actor=actor.user, actor_label=actor.label, via=actor.via,
        action=action, object_type=f"{meta.app_label}.{meta.model_name}", object_id=str(instance.pk),
        object_repr=str(instance)[:255], parent_type="contracts.contract", parent_id=str(contract.pk),
        changes=changes, remark=remark[:500],
    )


def write_records(*, contract: Contract, actor: Actor, kind: str, steps: list[tuple[str, dict, Any, list[str]]],
                  source: str) -> None:
    """Create and update the planned rows (inside the caller's transaction)."""
    model = Incident if kind == "incidents" else Outage
    remark = f"import ({source})"
    new_objects, new_pauses, updated, changed_fields, replaced_pauses = [], [], [], set(), {}
    to_update = [stored.pk for action, _row, stored, _changed in steps if action == "update"]
    instances = {}
    for start in range(0, len(to_update), BATCH):
        instances.update(model.objects.in_bulk(to_update[start:start + BATCH]))
    for action, row, stored, changed in steps:
        fields = {k: v for k, v in row.items() if k != "pauses"}
        if action == "create":
            new_objects.append(model(organisation_id=contract.organisation_id, contract=contract, source=source,
                                     **fields))
            new_pauses.append(row.get("pauses") or [])
        elif action == "update":
            obj = instances[stored.pk]
            before = audit.snapshot(obj)
            for name in changed:
                if name != "pauses":
                    setattr(obj, name, fields[name])
                    changed_fields.add(name)
            if "pauses" in changed:
                replaced_pauses[obj.pk] = row["pauses"]
            updated.append((obj, before))
    events = []
    created = model.objects.bulk_create(new_objects, batch_size=BATCH)
    for obj in created:
        after = audit.snapshot(obj)
        events.append(_event(actor, contract, obj, AuditEvent.Action.CREATE,
                             {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})}, remark))
    pauses = []
    if kind == "incidents":
        for obj, rows in zip(created, new_pauses, strict=True):
            pauses += [IncidentPause(organisation_id=contract.organisation_id, incident=obj, **p) for p in rows]
        if replaced_pauses:
            IncidentPause.objects.filter(incident_id__in=list(replaced_pauses)).delete()
            by_id = {obj.pk: obj for obj, _before in updated}
            for pk, rows in replaced_pauses.items():
                pauses += [IncidentPause(organisation_id=contract.organisation_id, incident=by_id[pk], **p)
                           for p in rows]
        IncidentPause.objects.bulk_create(pauses, batch_size=BATCH)
    if updated:
        fields = sorted(changed_fields | {"updated_at"})
        now = djtz.now()
        for obj, _before in updated:
            obj.updated_at = now
        if changed_fields:
            model.objects.bulk_update([obj for obj, _before in updated], fields, batch_size=BATCH)
        for obj, before in updated:
            changes = audit.diff(before, audit.snapshot(obj, before.keys()))
            if obj.pk in replaced_pauses:
                changes["pauses"] = ["replaced", len(replaced_pauses[obj.pk])]
            events.append(_event(actor, contract, obj, AuditEvent.Action.UPDATE, changes, remark))
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)
