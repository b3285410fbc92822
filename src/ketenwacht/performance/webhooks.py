"""Monitoring notifications → outages: Uptime Kuma and Prometheus Alertmanager webhooks.

Each endpoint belongs to one contract (and optionally one service) and has a secret token. A
"down" opens an outage, the matching "up" closes it. Every outage is keyed by where it came
from (monitor or alert fingerprint and its start), so a notification delivered twice, or
replayed later, changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenwacht.contracts.models import Contract
from ketenwacht.core import audit
from ketenwacht.core.audit import Actor
from ketenwacht.performance import services
from ketenwacht.performance.models import Outage, Source, WebhookEndpoint
from ketenwacht.performance.validation import parse_weight
from ketenwacht.suppliers.models import Service

KUMA_DOWN, KUMA_UP, KUMA_PENDING, KUMA_MAINTENANCE = 0, 1, 2, 3


class PayloadError(ValueError):
    """A notification we cannot read; the message names the field."""


@dataclass
class Outcome:
    kind: str
    opened: int = 0
    closed: int = 0
    ignored: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.kind, "opened": self.opened, "closed": self.closed, "ignored": self.ignored,
                "notes": self.notes}


def create_endpoint(*, contract: Contract, actor: Actor, name: str, service: Service | None = None
                    ) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its token (shown once; only its hash is kept)."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = [_("This field is required.")]
    if service is not None and not contract.services.filter(pk=service.pk).exists():
        errors["service"] = [_("Choose one of the contract's services.")]
    if errors:
        raise ValidationError(errors)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(
            organisation_id=contract.organisation_id, contract=contract, service=service, name=name[:100],
            token_hash=WebhookEndpoint.hash_token(token), token_prefix=token[:8], created_by=actor.user)
        audit.record_create(actor=actor, organisation=contract.organisation, instance=endpoint, parent=contract)
    return endpoint, token


def delete_endpoint(*, endpoint: WebhookEndpoint, actor: Actor) -> None:
    with transaction.atomic():
        audit.record_delete(actor=actor, organisation=endpoint.contract.organisation, instance=endpoint,
                            parent=endpoint.contract)
        endpoint.delete()


def token_matches(endpoint: WebhookEndpoint, token: str) -> bool:
    return bool(token) and hmac.compare_digest(endpoint.token_hash, WebhookEndpoint.hash_token(token))


def _instant(value: object, fld: str, naive_is_utc: bool = True) -> dt.datetime:
    if not isinstance(value, str) or not value.strip():
        raise PayloadError(f"{fld}: expected a date and time")
    text = value.strip().replace(" ", "T", 1)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise PayloadError(f"{fld}: {value!r} is not a date and time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC) if naive_is_utc else timezone.make_aware(parsed)
    return parsed


def detect(payload: Mapping[str, Any]) -> str:
    if "alerts" in payload and isinstance(payload.get("alerts"), list):
        return "alertmanager"
    if "heartbeat" in payload or "monitor" in payload:
        return "uptime_kuma"
    raise PayloadError("not an Uptime Kuma or Alertmanager notification (no 'heartbeat' or 'alerts')")


def handle(*, endpoint: WebhookEndpoint, payload: object) -> Outcome:
    """Apply one notification to the endpoint's contract."""
    if not isinstance(payload, Mapping):
        raise PayloadError("the body must be a JSON object")
    kind = detect(payload)
    actor = Actor(user=None, via="api")
    with transaction.atomic():
        outcome = _kuma(endpoint, payload, actor) if kind == "uptime_kuma" else _alertmanager(endpoint, payload, actor)
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(last_event_at=timezone.now())
    return outcome


def _open(endpoint: WebhookEndpoint, actor: Actor, reference: str, start: dt.datetime, planned: bool,
          description: str, weight: Any = None) -> bool:
    if Outage.objects.filter(contract=endpoint.contract, external_reference=reference).exists():
        return False  # a replay
    services.outage_create(contract=endpoint.contract, actor=actor, service=endpoint.service,
                           external_reference=reference, started_at=start, ended_at=None, planned=planned,
                           partial_weight=weight, description=description[:2000], source=Source.WEBHOOK)
    return True


def _close(outage: Outage, actor: Actor, end: dt.datetime) -> bool:
    if outage.ended_at is not None:
        return False
    services.outage_update(outage=outage, actor=actor, ended_at=max(end, outage.started_at + dt.timedelta(seconds=1)))
    return True


def _kuma(endpoint: WebhookEndpoint, payload: Mapping[str, Any], actor: Actor) -> Outcome:
    outcome = Outcome("uptime_kuma")
    beat = payload.get("heartbeat")
    if beat is None:
        outcome.ignored += 1
        outcome.notes.append("test notification")
        return outcome
    if not isinstance(beat, Mapping):
        raise PayloadError("heartbeat: expected an object")
    monitor = beat.get("monitorID", (payload.get("monitor") or {}).get("id"))
    if isinstance(monitor, bool) or not isinstance(monitor, int | str) or str(monitor) == "":
        raise PayloadError("heartbeat.monitorID: expected the monitor's id")
    status = beat.get("status")
    if status not in (KUMA_DOWN, KUMA_UP, KUMA_PENDING, KUMA_MAINTENANCE):
        raise PayloadError("heartbeat.status: expected 0 (down), 1 (up), 2 (pending) or 3 (maintenance)")
    when = _instant(beat.get("time"), "heartbeat.time")
    name = str((payload.get("monitor") or {}).get("name") or f"monitor {monitor}")
    prefix = f"kuma:{endpoint.pk}:{monitor}:"
    still_open = (Outage.objects.filter(contract=endpoint.contract, external_reference__startswith=prefix,
                                        ended_at__isnull=True).order_by("started_at").first())
    if status == KUMA_PENDING:
        outcome.ignored += 1
    elif status in (KUMA_DOWN, KUMA_MAINTENANCE):
        planned = status == KUMA_MAINTENANCE
        if still_open is not None and still_open.planned == planned:
            outcome.ignored += 1  # still down: repeated notification
        else:
            if still_open is not None:  # down → maintenance or back: one ends where the other starts
                outcome.closed += _close(still_open, actor, when)
            reference = f"{prefix}{when.astimezone(dt.UTC):%Y%m%dT%H%M%S}"
            message = str(beat.get("msg") or "")
            opened = _open(endpoint, actor, reference, when, planned, f"{name}: {message}".strip(": "))
            outcome.opened += opened
            outcome.ignored += not opened
    else:  # up
        if still_open is not None and when >= still_open.started_at:
            outcome.closed += _close(still_open, actor, when)
        else:
            outcome.ignored += 1
    return outcome


def _alertmanager(endpoint: WebhookEndpoint, payload: Mapping[str, Any], actor: Actor) -> Outcome:
    outcome = Outcome("alertmanager")
    for i, alert in enumerate(payload["alerts"]):
        here = f"alerts[{i}]"
        if not isinstance(alert, Mapping):
            raise PayloadError(f"{here}: expected an object")
        fingerprint = alert.get("fingerprint")
        if not isinstance(fingerprint, str) or not fingerprint:
            raise PayloadError(f"{here}.fingerprint: expected the alert's fingerprint")
        status = alert.get("status")
        if status not in ("firing", "resolved"):
            raise PayloadError(f"{here}.status: expected 'firing' or 'resolved'")
        start = _instant(alert.get("startsAt"), f"{here}.startsAt")
        labels = alert.get("labels") if isinstance(alert.get("labels"), Mapping) else {}
        annotations = alert.get("annotations") if isinstance(alert.get("annotations"), Mapping) else {}
        description = str(annotations.get("summary") or annotations.get("description") or labels.get("alertname") or "")
        planned = str(labels.get("ketenwacht_planned", "")).lower() in ("1", "true", "yes")
        try:
            weight = parse_weight(labels.get("ketenwacht_partial_weight"))
        except ValueError:
            raise PayloadError(f"{here}.labels.ketenwacht_partial_weight: expected a weight such as 0.5") from None
        reference = f"am:{endpoint.pk}:{fingerprint}:{start.astimezone(dt.UTC):%Y%m%dT%H%M%S}"
        existing = Outage.objects.filter(contract=endpoint.contract, external_reference=reference).first()
        if status == "firing":
            if existing is None:
                outcome.opened += _open(endpoint, actor, reference, start, planned, description, weight)
            else:
                outcome.ignored += 1
            continue
        end = _instant(alert.get("endsAt"), f"{here}.endsAt")
        if end.year <= 1:
            raise PayloadError(f"{here}.endsAt: a resolved alert needs its end")
        if existing is None:  # resolved before we heard it fire: still an outage
            _open(endpoint, actor, reference, start, planned, description, weight)
            existing = Outage.objects.get(contract=endpoint.contract, external_reference=reference)
            outcome.opened += 1
        closed = _close(existing, actor, end)
        outcome.closed += closed
        outcome.ignored += not closed
    return outcome
