"""Statuspage feeds and the command line: imports, the breach register, bad input as exit code 2."""

from __future__ import annotations

import json

import pytest

from ketenwacht.cli import main
from ketenwacht.core.audit import Actor
from ketenwacht.performance.models import Breach, Incident, Outage
from ketenwacht.performance.statuspage import import_statuspage
from tests.contracts.helpers import make_contract
from tests.performance.test_import import TOPDESK_CSV
from tests.performance.test_report_known_answers import small_contract  # noqa: F401 (fixture)


def _incident(ident: str, impact: str, resolved: str | None, component: str = "Webmail", **extra: object) -> dict:
    return {"id": ident, "name": f"Incident {ident}", "status": "resolved" if resolved else "investigating",
            "created_at": "2025-03-14T09:02:21.123Z", "updated_at": "2025-03-14T10:31:00.000Z",
            "monitoring_at": None, "resolved_at": resolved, "impact": impact, "shortlink": "https://stspg.io/abc",
            "started_at": "2025-03-14T09:00:00.000Z", "page_id": "y2j98763l7f5",
            "incident_updates": [{"id": "u1", "status": "investigating", "body": "We are looking into it.",
                                  "created_at": "2025-03-14T09:02:21.123Z"}],
            "components": [{"id": "c1", "name": component, "status": "operational"}], **extra}


def _feed(*incidents: dict) -> bytes:
    return json.dumps({"page": {"id": "y2j98763l7f5", "name": "Hostco", "url": "https://status.hostco.example",
                                "time_zone": "Etc/UTC", "updated_at": "2025-03-20T10:00:00.000Z"},
                       "incidents": list(incidents)}).encode()


@pytest.mark.django_db
def test_statuspage_feed_and_a_newer_feed(org) -> None:  # noqa: ANN001
    contract = make_contract(org)
    feed = _feed(_incident("a1", "major", None), _incident("b2", "minor", "2025-03-14T10:30:00Z"),
                 _incident("c3", "none", "2025-03-14T09:10:00Z"),
                 _incident("d4", "critical", "2025-03-14T11:00:00Z", component="Telefonie"),
                 _incident("m5", "maintenance", None, status="completed", scheduled_for="2025-03-16T01:00:00Z",
                           scheduled_until="2025-03-16T03:00:00Z"))
    result = import_statuspage(contract=contract, actor=Actor.system(), data=feed, component="webmail")
    assert result.ok and result.created == 3  # c3 had no impact, d4 is another component
    ongoing = Outage.objects.get(external_reference="statuspage:a1")
    assert ongoing.ended_at is None and ongoing.partial_weight is None
    assert str(Outage.objects.get(external_reference="statuspage:b2").partial_weight) == "0.500"
    assert Outage.objects.get(external_reference="statuspage:m5").planned is True
    newer = _feed(_incident("a1", "major", "2025-03-14T12:00:00Z"), _incident("b2", "minor", "2025-03-14T10:30:00Z"))
    again = import_statuspage(contract=contract, actor=Actor.system(), data=newer, component="Webmail")
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Outage.objects.get(external_reference="statuspage:a1").ended_at is not None


@pytest.mark.django_db
def test_cli_imports(small_contract, tmp_path, capsys) -> None:  # noqa: F811, ANN001
    org, ref = small_contract.organisation.slug, small_contract.reference
    path = tmp_path / "topdesk.csv"
    path.write_text(TOPDESK_CSV, encoding="utf-8")
    base = ["import", "incidents", str(path), "--org", org, "--contract", ref, "--preset", "topdesk"]
    assert main([*base, "--dry-run"]) == 0
    assert "Would import 3 row(s): 3 new" in capsys.readouterr().out
    assert not Incident.objects.filter(external_reference__startswith="I 2503").exists()
    assert main(base) == 0
    assert main(base) == 0
    assert "0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(TOPDESK_CSV + "I 9;x;P9;99-99-2025 12:00;;;\r\n", encoding="utf-8")
    assert main(["import", "incidents", str(bad), "--org", org, "--contract", ref, "--preset", "topdesk"]) == 2
    err = capsys.readouterr().err
    assert "row 5" in err and "nothing was imported" in err
    assert main([*base[:3], "--org", "nope", "--contract", ref]) == 2
    assert main(["import", "incidents", str(tmp_path / "missing.csv"), "--org", org, "--contract", ref]) == 2
    assert main([*base, "--timezone", "Mars/Olympus"]) == 2
    feed = tmp_path / "incidents.json"
    feed.write_bytes(_feed(_incident("z9", "major", "2025-03-14T12:00:00Z")))
    assert main(["import", "statuspage", str(feed), "--org", org, "--contract", ref]) == 0
    (tmp_path / "broken.json").write_text("{")
    assert main(["import", "statuspage", str(tmp_path / "broken.json"), "--org", org, "--contract", ref]) == 2


@pytest.mark.django_db
def test_cli_report_and_breaches(small_contract, tmp_path, capsys) -> None:  # noqa: F811, ANN001
    org, ref = small_contract.organisation.slug, small_contract.reference
    assert main(["report", "breaches", "--org", org, "--period", "2025-03"]) == 0
    assert Breach.objects.filter(contract=small_contract, term="availability", period_label="2025-03").exists()
    for fmt in ("pdf", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        assert main(["report", "sla", "--org", org, "--contract", ref, "--period", "2025", "--format", fmt,
                     "--out", str(out), "--lang", "en"]) == 0
        assert out.stat().st_size > 1000
    assert main(["report", "sla", "--org", org, "--contract", ref, "--period", "2025-Q5"]) == 2
    assert main(["report", "sla", "--org", org, "--contract", ref, "--period", "2025-03", "--out",
                 str(tmp_path / "no" / "such" / "dir.json")]) == 2
    assert "ketenwacht: error:" in capsys.readouterr().err
