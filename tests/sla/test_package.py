"""The package stays pure, its examples run, and its public surface is complete."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ketenwacht.sla as sla
from ketenwacht.sla import calendar, downtime

ROOT = Path(__file__).resolve().parents[2]


def test_imports_nothing_from_django() -> None:
    code = "import sys, ketenwacht.sla, ketenwacht.sla.cli; print([m for m in sys.modules if m.startswith('django')])"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("module", [calendar, downtime])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_public_names() -> None:
    expected = {"Calendar", "Window", "Outage", "CreditTier", "availability", "availability_batch",
                "AvailabilityResult", "Target", "IncidentRecord", "Pause", "evaluate_incidents", "IncidentReport",
                "allowed_downtime", "describe_allowed_downtime", "percent_for_downtime", "due_instant",
                "SLAInputError", "evaluate", "evaluate_request"}
    assert expected <= set(sla.__all__)
    assert all(hasattr(sla, name) for name in sla.__all__)
    documented = (ROOT / "docs" / "sla-semantics.md").read_text(encoding="utf-8")
    assert all(f"`{name}" in documented or f"{name}(" in documented or f" {name}," in documented
               for name in expected)
