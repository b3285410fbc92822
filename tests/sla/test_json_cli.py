"""The JSON interface and the command line, in-process and as a subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketenwacht.sla import evaluate, evaluate_request
from ketenwacht.sla.cli import main

CAL = {"timezone": "Europe/Amsterdam", "weekly": {"mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]],
                                                  "wed": [["08:00", "18:00"]], "thu": [["08:00", "18:00"]],
                                                  "fri": [["08:00", "18:00"]], "sat": [], "sun": []},
       "holidays": ["2025-12-25", {"from": "2025-12-24", "to": "2026-01-02"}], "public_holidays": {"country": "NL"}}


def test_business_time() -> None:
    answer = evaluate_request({"op": "business_time", "calendar": CAL, "start": "2025-03-28T17:00",
                               "end": "2025-03-31T09:00"})
    assert answer == {"seconds": 7200}


def test_due_carries_an_offset() -> None:
    answer = evaluate_request({"op": "due", "calendar": CAL, "start": "2025-03-28T17:00", "duration_seconds": 7200})
    assert answer == {"due": "2025-03-31T09:00:00+02:00"}
    answer = evaluate_request({"op": "due", "calendar": CAL, "start": "2025-12-23T10:00", "duration_seconds": 86400,
                               "unit": "working_days", "end_of_day": True})
    assert answer == {"due": "2026-01-05T18:00:00+01:00"}
    answer = evaluate_request({"op": "due", "calendar": "24x7", "start": "2025-03-28T17:00Z",
                               "duration_seconds": 3600, "pauses": [{"from": "2025-03-28T17:30Z",
                                                                     "to": "2025-03-28T18:00Z"}]})
    assert answer == {"due": "2025-03-28T19:30:00+01:00"}  # 24x7 in the default zone


def test_availability() -> None:
    answer = evaluate_request({
        "op": "availability", "window": {"month": "2025-03"}, "timezone": "Europe/Brussels",
        "outages": [{"start": "2025-03-10T10:00", "end": "2025-03-10T11:00"},
                    {"start": "2025-03-11T01:00", "end": "2025-03-11T03:00", "planned": True}],
        "maintenance": "excluded", "service_calendar": None, "granularity_seconds": 60, "target_percent": 99.9,
        "credits": [{"below_percent": 99.9, "credit_percent": 10}]})
    assert answer["downtime_seconds"] == 3600
    assert answer["measured_seconds"] == 743 * 3600
    assert answer["met"] is False and answer["credit_percent"] == 10
    assert answer["window"]["end"] == "2025-04-01T00:00:00+02:00"
    for key in ("availability_percent", "allowed_downtime_seconds", "budget_used_percent", "longest_outage_seconds"):
        assert key in answer


def test_incidents() -> None:
    answer = evaluate_request({
        "op": "incidents", "calendar": CAL,
        "targets": {"P1": {"response_seconds": 3600, "resolution_seconds": 14400, "unit": "business_hours"}},
        "incidents": [{"id": "INC-1", "priority": "P1", "reported": "2025-06-16T09:00",
                       "responded": "2025-06-16T09:30", "resolved": None,
                       "pauses": [{"from": "2025-06-16T10:00", "to": None}]}],
        "as_of": "2025-06-16T12:00"})
    inc = answer["incidents"][0]
    assert inc["response"]["status"] == "met"
    assert inc["resolution"]["paused_seconds"] == 7200  # still waiting for the customer
    assert inc["resolution"]["elapsed_seconds"] == 3600
    assert answer["summary"]["P1"]["count"] == 1


def test_allowed_downtime_both_ways() -> None:
    assert evaluate_request({"op": "allowed_downtime", "percent": 99.9, "period": "year",
                             "convention": "fixed"})["seconds"] == pytest.approx(31536)
    exact = evaluate_request({"op": "allowed_downtime", "percent": 99.9, "period": "month", "convention": "exact",
                              "window": {"month": "2025-02"}, "timezone": "Europe/Amsterdam"})
    assert exact["seconds"] == pytest.approx(2419.2)
    assert evaluate_request({"op": "allowed_downtime", "seconds": 31536, "period": "year",
                             "convention": "fixed"})["percent"] == pytest.approx(99.9)


@pytest.mark.parametrize(("request_", "field"), [
    ({"op": "nope"}, "op"),
    ([], ""),
    ({"op": "business_time", "calendar": CAL, "start": "2025-03-28T17:00"}, "end"),
    ({"op": "business_time", "calendar": {**CAL, "weekly": {"mon": [["8", "18:00"]]}}, "start": "2025-03-28",
      "end": "2025-03-29"}, "calendar.weekly.mon[0][0]"),
    ({"op": "due", "calendar": CAL, "start": "2025-03-28T17:00", "duration_seconds": "1h"}, "duration_seconds"),
    ({"op": "due", "calendar": CAL, "start": "2025-03-28T17:00", "duration_seconds": 60, "unit": "weeks"}, "unit"),
    ({"op": "availability", "window": {"month": "2025-03"}, "outages": [{"start": "2025-03-01"}]},
     "outages[0].end"),
    ({"op": "availability", "window": {"month": "2025-03"}, "timezone": "Mars/Base"}, "timezone"),
    ({"op": "availability", "window": {"month": "2025-03"}, "maintenance": "sometimes"}, "maintenance"),
    ({"op": "availability", "window": {"month": "2025-03"}, "credits": [{"below_percent": "x"}]},
     "credits[0].below_percent"),
    ({"op": "availability", "window": {"month": "2025-03"}, "service_calendar": {"weekly": 5}},
     "service_calendar.weekly"),
    ({"op": "incidents", "calendar": CAL, "targets": {"P1": {"response_seconds": -1}}, "incidents": []},
     "targets.P1.response_seconds"),
    ({"op": "incidents", "calendar": CAL, "targets": {}, "incidents": [{"priority": "P1"}]},
     "incidents[0].reported"),
    ({"op": "allowed_downtime", "percent": 99.9, "period": "fortnight"}, "period"),
    ({"op": "business_time", "calendar": CAL, "start": "2025-03-28", "end": "2025-03-29", "extra": 1}, "extra"),
])
def test_bad_requests_name_the_field(request_: object, field: str) -> None:
    answer = evaluate_request(request_)
    assert set(answer) == {"error", "field"}
    assert answer["field"] == field
    assert field in answer["error"]


def test_list_answers_each_element() -> None:
    answers, ok = evaluate([{"op": "allowed_downtime", "percent": 99.9}, {"op": "bad"},
                            {"op": "allowed_downtime", "percent": 99}])
    assert not ok
    assert "seconds" in answers[0] and "error" in answers[1] and "seconds" in answers[2]


class TestCommandLine:
    def run(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, argv: list[str],
            stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    def test_eval_list(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
        payload = json.dumps([{"op": "allowed_downtime", "percent": 99.9, "convention": "fixed"}, {"op": "x"}])
        code, out, _ = self.run(monkeypatch, capsys, ["eval"], payload)
        assert code == 2
        answers = json.loads(out)
        assert answers[0]["seconds"] == pytest.approx(31536) and "error" in answers[1]

    def test_eval_ok_from_file(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                               tmp_path: Path) -> None:
        path = tmp_path / "req.json"
        path.write_text(json.dumps({"op": "allowed_downtime", "percent": 99.9}), encoding="utf-8")
        code, out, _ = self.run(monkeypatch, capsys, ["eval", "--input", str(path)])
        assert code == 0 and json.loads(out)["seconds"] == pytest.approx(31557.6)

    def test_bad_json_and_missing_file_are_one_line(self, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture) -> None:
        code, out, err = self.run(monkeypatch, capsys, ["eval"], "{nope")
        assert code == 2 and out == "" and err.count("\n") == 1
        code, _, err = self.run(monkeypatch, capsys, ["eval", "--input", "/nonexistent/x.json"])
        assert code == 2 and err.count("\n") == 1 and "--input" in err

    def test_downtime_table(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
        code, out, _ = self.run(monkeypatch, capsys, ["downtime", "99.9"])
        assert code == 0
        assert "| jaar | 8 uur en 46 minuten | 8 uur en 46 minuten |" in out
        assert "| maand | 44 minuten | 43 minuten |" in out
        assert "minder dan één uur" in out
        code, out, _ = self.run(monkeypatch, capsys, ["downtime", "99.9", "--period", "year", "--json"])
        assert json.loads(out)[0]["fixed"] == pytest.approx(31536)

    def test_downtime_reverse_and_errors(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
        code, out, _ = self.run(monkeypatch, capsys, ["downtime", "--downtime", "8h45m36s", "--period", "year",
                                                      "--convention", "fixed", "--lang", "en"])
        assert code == 0 and out.strip().endswith("99.9%")
        code, _, err = self.run(monkeypatch, capsys, ["downtime", "120"])
        assert code == 2 and "percent" in err
        code, _, err = self.run(monkeypatch, capsys, ["downtime", "--period", "decade"])
        assert code == 2 and err.count("\n") == 1

    def test_as_a_module(self) -> None:
        root = Path(__file__).resolve().parents[2]
        env = {**os.environ, "PYTHONPATH": str(root / "src")}
        proc = subprocess.run([sys.executable, "-m", "ketenwacht.sla.cli", "eval"], input='{"op": "nope"}',
                              capture_output=True, text=True, env=env, check=False)
        assert proc.returncode == 2 and "error" in json.loads(proc.stdout)
        assert "Traceback" not in proc.stderr
