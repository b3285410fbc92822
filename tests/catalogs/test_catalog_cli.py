"""``ketenwacht catalog list|show|check`` through ``main`` and through ``register``."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from ketenwacht.catalogs.cli import main, register

REPO_ROOT = Path(__file__).resolve().parents[2]

VALID = """\
id: org-extra
version: "1.0"
title: {nl: Extra vragen, en: Extra questions}
description: {nl: Eigen vragen., en: Own questions.}
sections:
  - id: EXTRA
    title: {nl: Extra, en: Extra}
    items:
      - id: EXTRA-1
        text: {nl: Heeft de leverancier een ISO 27001-certificaat, en: Does the supplier hold ISO 27001}
        blocking: true
        mappings: {iso27002: ["5.19"]}
"""


def test_list_prints_one_line_per_catalog(capsys):
    assert main(["catalog", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in lines}
    assert len(lines) == 6
    assert rows["dtc-sla"] == ["1.0", "32", "items"]
    assert rows["vocrt-supplier-policy"] == ["1.0", "12", "items"]


def test_list_json(capsys):
    assert main(["catalog", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["id"]: row["items"] for row in rows}["dtc-sla"] == 32


def test_show_json_has_the_whole_catalog(capsys):
    assert main(["catalog", "show", "dtc-sla", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["id"], data["version"]) == ("dtc-sla", "1.0")
    assert len(data["sections"]) == 8
    item = data["sections"][5]["items"][0]
    assert item["id"] == "DTC-6.1"
    assert set(item) >= {"id", "text", "guidance", "blocking", "weight", "mappings"}
    assert item["blocking"] is True
    assert set(item["mappings"]) == {"iso27002", "cyfun2023", "cyfun2025", "nis2", "gdpr"}
    assert item["mappings"]["iso27002"] == ["5.20", "5.24", "6.8"]
    assert set(item["guidance"]) == {"good_answer", "ask_supplier"}
    assert len(data["checksum"]) == 64


def test_show_text_in_english(capsys):
    assert main(["catalog", "show", "vocrt-supplier-policy", "--version", "1.0", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "VOCRT-TECH-1" in out
    assert "Make multi-factor authentication (MFA) mandatory" in out


def test_show_unknown_catalog_is_exit_2_with_one_line(capsys):
    assert main(["catalog", "show", "no-such-list"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "no-such-list" in captured.err


def test_show_unknown_version_is_exit_2(capsys):
    assert main(["catalog", "show", "dtc-sla", "--version", "7.0"]) == 2
    assert "known versions: 1.0" in capsys.readouterr().err


def test_check_valid_file(tmp_path, capsys):
    path = tmp_path / "extra.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert main(["catalog", "check", str(path)]) == 0
    assert "valid catalog org-extra 1.0: 1 section, 1 item (1 blocking)" in capsys.readouterr().out


def test_check_lists_every_problem_with_its_path(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text(VALID.replace("blocking: true", "blocking: 1\n        weight: -3"), encoding="utf-8")
    assert main(["catalog", "check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("invalid catalog, 2 problems:")
    assert err[1].strip().startswith("sections[0].items[0].blocking (line 11):")
    assert err[2].strip().startswith("sections[0].items[0].weight (line 12):")


def test_check_missing_file_is_exit_2(tmp_path, capsys):
    assert main(["catalog", "check", str(tmp_path / "absent.yaml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_show_json_output_passes_check(tmp_path, capsys):
    main(["catalog", "show", "gdpr-art28", "--format", "json"])
    exported = tmp_path / "gdpr.json"
    exported.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["catalog", "check", str(exported)]) == 0


def test_missing_subcommand_is_exit_2(capsys):
    assert main(["catalog"]) == 2
    assert main(["catalog", "show"]) == 2


def test_register_lets_another_module_add_a_verb():
    parser = argparse.ArgumentParser(prog="ketenwacht")
    groups: dict = {}
    returned = register(parser.add_subparsers(dest="command"), groups)
    assert groups["catalog"] is returned
    extra = returned.add_parser("import")
    extra.add_argument("file")
    extra.add_argument("--org", required=True)
    extra.set_defaults(handler=lambda args: 0)
    args = parser.parse_args(["catalog", "import", "own.yaml", "--org", "gemeente-x"])
    assert (args.file, args.org, args.handler(args)) == ("own.yaml", "gemeente-x", 0)
    args = parser.parse_args(["catalog", "list"])
    assert args.handler.__name__ == "handle_list"


def test_runs_as_a_module():
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "ketenwacht.catalogs.cli", "catalog", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[0] == "dtc-sla"


def test_the_package_imports_nothing_from_django():
    code = (
        "import sys, ketenwacht.catalogs, ketenwacht.catalogs.cli;"
        "ketenwacht.catalogs.shipped_catalogs();"
        "sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
