"""Monitoring webhooks with the payloads Uptime Kuma and Alertmanager really send."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.test import Client

from ketenwacht.core.audit import Actor
from ketenwacht.performance import webhooks
from ketenwacht.performance.models import Outage
from tests.contracts.helpers import make_contract, make_service

UTC = dt.UTC


def kuma(status: int, time: str, msg: str) -> dict:
    """An Uptime Kuma 1.23 webhook body (notification type Webhook, 'application/json')."""
    return {
        "heartbeat": {"monitorID": 3, "status": status, "time": time, "msg": msg, "ping": None, "important": True,
                      "duration": 60, "timezone": "Europe/Brussels", "timezoneOffset": "+01:00",
                      "localDateTime": time},
        "monitor": {"id": 3, "name": "Website", "description": None, "url": "https://www.voorbeeldstad.be",
                    "type": "http", "interval": 60, "retryInterval": 60, "active": True, "maxretries": 0},
        "msg": f"[Website] [{'🔴 Down' if status == 0 else '✅ Up'}] {msg}",
    }


def alertmanager(status: str, ends: str = "0001-01-01T00:00:00Z") -> dict:
    """An Alertmanager webhook_config body (version 4)."""
    alert = {
        "status": status,
        "labels": {"alertname": "ProbeFailed", "instance": "https://mail.voorbeeldstad.be", "severity": "critical"},
        "annotations": {"summary": "Webmail is niet bereikbaar"},
        "startsAt": "2025-03-12T08:15:30.123Z", "endsAt": ends,
        "generatorURL": "http://prometheus:9090/graph?g0.expr=probe_success+%3D%3D+0",
        "fingerprint": "c5f3a2e1b0d94f71",
    }
    return {"version": "4", "groupKey": "{}:{alertname=\"ProbeFailed\"}", "truncatedAlerts": 0, "status": status,
            "receiver": "ketenwacht", "groupLabels": {"alertname": "ProbeFailed"}, "commonLabels": alert["labels"],
            "commonAnnotations": alert["annotations"], "externalURL": "http://alertmanager:9093", "alerts": [alert]}


@pytest.fixture
def endpoint(org):  # noqa: ANN001, ANN201
    contract = make_contract(org)
    service = make_service(contract.supplier, "Website")
    contract.services.add(service)
    hook, token = webhooks.create_endpoint(contract=contract, actor=Actor.system(), name="Kuma", service=service)
    return hook, token


def post(hook, token: str | None, body: dict, via_query: bool = False):  # noqa: ANN001, ANN201
    client = Client()
    url = f"/api/v1/webhooks/{hook.pk}"
    headers = {}
    if token is not None and via_query:
        url += f"?token={token}"
    elif token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(url, body, content_type="application/json", **headers)


@pytest.mark.django_db
def test_bad_or_missing_token_is_refused(endpoint) -> None:  # noqa: ANN001
    hook, token = endpoint
    body = kuma(0, "2025-03-10 09:00:00.000", "timeout")
    for bad in (None, "wrong", token[:-1]):
        response = post(hook, bad, body)
        assert response.status_code == 401
        assert response["Content-Type"].startswith("application/problem+json")
    assert Client().post("/api/v1/webhooks/999999", body, content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert not Outage.objects.exists()


@pytest.mark.django_db
def test_kuma_down_up_and_replays(endpoint) -> None:  # noqa: ANN001
    hook, token = endpoint
    down, up = kuma(0, "2025-03-10 09:00:00.000", "timeout of 48000ms exceeded"), kuma(1, "2025-03-10 09:42:00.000", "200 - OK")
    assert post(hook, token, down).json()["opened"] == 1
    outage = Outage.objects.get()
    assert outage.started_at == dt.datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # Kuma sends UTC
    assert outage.ended_at is None and outage.service == hook.service
    assert post(hook, token, down).json()["opened"] == 0  # delivered twice
    assert post(hook, token, kuma(0, "2025-03-10 09:01:00.000", "still down")).json()["opened"] == 0
    assert post(hook, token, up, via_query=True).json()["closed"] == 1
    outage.refresh_from_db()
    assert outage.ended_at == dt.datetime(2025, 3, 10, 9, 42, tzinfo=UTC)
    # Replaying the whole conversation changes nothing.
    assert post(hook, token, down).json() == {"format": "uptime_kuma", "opened": 0, "closed": 0, "ignored": 1,
                                              "notes": []}
    assert post(hook, token, up).json()["closed"] == 0
    assert Outage.objects.count() == 1
    # A new failure later is a new outage.
    post(hook, token, kuma(0, "2025-03-11 07:00:00.000", "connection refused"))
    assert Outage.objects.count() == 2


@pytest.mark.django_db
def test_kuma_test_button(endpoint) -> None:  # noqa: ANN001
    hook, token = endpoint
    response = post(hook, token, {"heartbeat": None, "monitor": None, "msg": "Uptime Kuma Webhook testing"})
    assert response.status_code == 200 and response.json()["ignored"] == 1
    assert not Outage.objects.exists()


@pytest.mark.django_db
def test_alertmanager_firing_resolved_and_replays(endpoint) -> None:  # noqa: ANN001
    hook, token = endpoint
    assert post(hook, token, alertmanager("firing")).json()["opened"] == 1
    assert post(hook, token, alertmanager("firing")).json()["opened"] == 0  # repeat_interval resend
    resolved = alertmanager("resolved", "2025-03-12T09:05:00Z")
    assert post(hook, token, resolved).json()["closed"] == 1
    assert post(hook, token, resolved).json()["closed"] == 0
    outage = Outage.objects.get()
    assert outage.started_at == dt.datetime(2025, 3, 12, 8, 15, 30, 123000, tzinfo=UTC)
    assert outage.ended_at == dt.datetime(2025, 3, 12, 9, 5, tzinfo=UTC)
    assert outage.description == "Webmail is niet bereikbaar"


@pytest.mark.django_db
def test_alertmanager_resolved_without_firing_is_still_an_outage(endpoint) -> None:  # noqa: ANN001
    hook, token = endpoint
    post(hook, token, alertmanager("resolved", "2025-03-12T08:45:30Z"))
    outage = Outage.objects.get()
    assert (outage.ended_at - outage.started_at).total_seconds() == pytest.approx(1799.877)


@pytest.mark.django_db
@pytest.mark.parametrize(("mutate", "field"), [
    (lambda b: b["heartbeat"].update(status=7), "heartbeat.status"),
    (lambda b: b["heartbeat"].update(time="gisteren"), "heartbeat.time"),
    (lambda b: b.pop("heartbeat") and b.pop("monitor"), "heartbeat"),
])
def test_malformed_kuma_payload_names_the_field(endpoint, mutate, field) -> None:  # noqa: ANN001
    hook, token = endpoint
    body = copy.deepcopy(kuma(0, "2025-03-10 09:00:00.000", "x"))
    mutate(body)
    response = post(hook, token, body)
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert not Outage.objects.exists()


@pytest.mark.django_db
def test_not_json_is_a_problem_not_a_crash(endpoint) -> None:  # noqa: ANN001
    hook, token = endpoint
    response = Client().post(f"/api/v1/webhooks/{hook.pk}", "{not json", content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 400
