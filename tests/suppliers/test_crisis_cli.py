"""``ketenwacht export crisis-list``: files, checksum on stderr, exit code 2 with one line on bad input."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from ketenwacht.cli import main
from ketenwacht.suppliers.models import CrisisListExport, Supplier


@pytest.fixture
def listed(make_supplier: Callable[..., Supplier]) -> Supplier:
    return make_supplier(name="Kritieke Hosting", criticality="critical", status="active")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["pdf", "html", "xlsx", "csv"])
def test_export_writes_the_file_and_prints_the_checksum(
    listed: Supplier, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"crisis.{fmt}"
    assert main(["export", "crisis-list", "--org", "gemeente-a", "--format", fmt, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    match = re.search(r"^sha256 ([0-9a-f]{64})$", err, re.MULTILINE)
    assert match
    record = CrisisListExport.objects.get()
    assert (record.format, record.via, record.exported_by, record.sha256) == (fmt, "cli", None, match.group(1))
    data = out.read_bytes()
    assert match.group(1).encode() in data or fmt in {"pdf", "xlsx"}
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(data))
        values = [c for row in wb.worksheets[0].iter_rows(values_only=True) for c in row]
        assert match.group(1) in values
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


@pytest.mark.django_db
def test_english_language_option(listed: Supplier, tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    assert main(["export", "crisis-list", "--org", "gemeente-a", "--format", "html", "--out", str(out),
                 "--language", "en"]) == 0
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "flag"), [
    (["--org", "bestaat-niet", "--format", "pdf"], "--org"),
    (["--org", "gemeente-a", "--format", "docx"], "--format"),
])
def test_bad_org_or_format_exits_2_with_one_line(
    listed: Supplier, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], flag: str
) -> None:
    code = main(["export", "crisis-list", *args, "--out", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and flag in err and "Traceback" not in err
    assert not CrisisListExport.objects.exists() and not (tmp_path / "x").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["missing-folder", "is-a-folder"])
def test_unwritable_path_exits_2_and_records_nothing(
    listed: Supplier, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    out = tmp_path / "nope" / "x.pdf" if where == "missing-folder" else tmp_path
    code = main(["export", "crisis-list", "--org", "gemeente-a", "--format", "pdf", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "--out" in err and len(err.strip().splitlines()) == 1
    assert not CrisisListExport.objects.exists()


@pytest.mark.django_db
def test_missing_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "crisis-list", "--org", "gemeente-a"])
    assert exc.value.code == 2
