"""Record the audit trail: every create, update and delete of domain data.

Services call these functions inside their transaction, so a failed write leaves no event
behind and a successful one always has one.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from ketenwacht.core.models import AuditEvent, Organisation, User


@dataclass(frozen=True)
class Actor:
    """Who makes a change and through which interface (web, api, cli, system)."""

    user: User | None
    via: str = "web"

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.email
        # An operator at the command line has no user account; say so instead of "system".
        return "cli" if self.via == "cli" else "system"

    @classmethod
    def cli(cls) -> Actor:
        return cls(user=None, via="cli")

    @classmethod
    def system(cls) -> Actor:
        return cls(user=None, via="system")


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value, readable in the history and the CSV export."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # One instant, one text: the same moment read back from the database (UTC) or given with
        # a local offset must not look like a change.
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        # 99.5 and 99.50 are the same figure (the database pads to its decimal places).
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


# Never copied into the trail: bookkeeping, and secrets (even hashed) that an export would leak.
_UNTRACKED = {"id", "organisation", "created_at", "updated_at", "password", "last_login", "key_hash"}


def tracked_fields(instance: models.Model) -> list[str]:
    return [
        f.name
        for f in instance._meta.concrete_fields
        if f.name not in _UNTRACKED and not getattr(f, "audit_exclude", False)
    ]


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited state of ``instance``: field name → plain value (foreign keys by their id)."""
    names = list(fields) if fields is not None else tracked_fields(instance)
    state: dict[str, Any] = {}
    for name in names:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        state[name] = _plain(value)
    return state


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def _object_type(instance: models.Model) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def _record(
    *,
    actor: Actor,
    organisation: Organisation | None,
    action: str,
    instance: models.Model,
    object_id: str,
    changes: dict[str, list[Any]],
    parent: models.Model | None,
    remark: str,
) -> AuditEvent:
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor.user,
        actor_label=actor.label,
        via=actor.via,
        action=action,
        object_type=_object_type(instance),
        object_id=object_id,
        object_repr=str(instance)[:255],
        parent_type=_object_type(parent) if parent is not None else "",
        parent_id=str(parent.pk) if parent is not None else "",
        changes=changes,
        remark=remark[:500],
    )


def record_create(
    *,
    actor: Actor,
    organisation: Organisation | None,
    instance: models.Model,
    parent: models.Model | None = None,
    remark: str = "",
) -> AuditEvent:
    after = snapshot(instance)
    changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [], {})}
    return _record(
        actor=actor,
        organisation=organisation,
        action=AuditEvent.Action.CREATE,
        instance=instance,
        object_id=str(instance.pk),
        changes=changes,
        parent=parent,
        remark=remark,
    )


def record_update(
    *,
    actor: Actor,
    organisation: Organisation | None,
    instance: models.Model,
    before: dict[str, Any],
    parent: models.Model | None = None,
    remark: str = "",
) -> AuditEvent | None:
    """Record the fields that changed since ``before`` (a :func:`snapshot`); nothing if none did."""
    changes = diff(before, snapshot(instance, before.keys()))
    if not changes:
        return None
    return _record(
        actor=actor,
        organisation=organisation,
        action=AuditEvent.Action.UPDATE,
        instance=instance,
        object_id=str(instance.pk),
        changes=changes,
        parent=parent,
        remark=remark,
    )


def record_delete(
    *,
    actor: Actor,
    organisation: Organisation | None,
    instance: models.Model,
    parent: models.Model | None = None,
    remark: str = "",
) -> AuditEvent:
    """Call before deleting: the primary key is gone afterwards."""
    before = snapshot(instance)
    changes = {k: [v, None] for k, v in before.items() if v not in (None, "", [], {})}
    return _record(
        actor=actor,
        organisation=organisation,
        action=AuditEvent.Action.DELETE,
        instance=instance,
        object_id=str(instance.pk),
        changes=changes,
        parent=parent,
        remark=remark,
    )
