"""``ketenwacht catalog import`` and ``ketenwacht export assessment``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ketenwacht.assessments.models import CatalogVersion
from ketenwacht.cli import main
from ketenwacht.core.models import AuditEvent, Role
from tests.assessments.conftest import TINY_CATALOG, answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    path = tmp_path / "eigen.yaml"
    path.write_text(TINY_CATALOG, encoding="utf-8")
    return path


def test_import_stores_the_catalog_for_the_organisation_as_cli(org, catalog_file, capsys) -> None:  # noqa: ANN001
    assert main(["catalog", "import", str(catalog_file), "--org", org.slug]) == 0
    version = CatalogVersion.objects.get(organisation=org)
    assert (version.catalog_id, version.version, version.item_count) == ("tiny", "1.0", 3)
    assert version.imported_by is None
    assert "tiny 1.0" in capsys.readouterr().out
    event = AuditEvent.objects.get(object_type="assessments.catalogversion")
    assert event.via == "cli" and event.actor_label == "cli" and event.organisation_id == org.pk
    # The same file again is a no-op, not an error.
    assert main(["catalog", "import", str(catalog_file), "--org", org.slug]) == 0
    assert CatalogVersion.objects.filter(organisation=org).count() == 1


def test_import_can_be_attributed_to_a_writing_member(org, editor, make_member, catalog_file, capsys) -> None:  # noqa: ANN001
    auditor = make_member(org, Role.AUDITOR)
    assert main(["catalog", "import", str(catalog_file), "--org", org.slug, "--user", auditor.email]) == 2
    assert "--user" in capsys.readouterr().err
    assert main(["catalog", "import", str(catalog_file), "--org", org.slug, "--user", editor.email]) == 0
    assert CatalogVersion.objects.get(organisation=org).imported_by == editor


def test_bad_file_lists_every_problem_with_its_path_and_imports_nothing(org, tmp_path, capsys) -> None:  # noqa: ANN001
    bad = tmp_path / "fout.yaml"
    bad.write_text(TINY_CATALOG.replace("weight: 3", "weight: drie").replace("weight: 1", "weight: -1"),
                   encoding="utf-8")
    assert main(["catalog", "import", str(bad), "--org", org.slug]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert "2 problems" in lines[0]
    assert lines[1].strip().startswith("sections[0].items[1].weight (line ")
    assert lines[2].strip().startswith("sections[1].items[0].weight (line ")
    assert "Traceback" not in err
    assert not CatalogVersion.objects.filter(organisation=org).exists()


@pytest.mark.parametrize("args", [
    ["--org", "nobody"],
    ["--org", "gemeente-a", "--file-missing"],
])
def test_import_usage_errors_are_one_line(org, catalog_file, capsys, args) -> None:  # noqa: ANN001
    argv = ["catalog", "import", str(catalog_file), *args]
    if "--file-missing" in args:
        argv = ["catalog", "import", str(catalog_file.with_name("missing.yaml")), "--org", org.slug]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_same_version_with_other_content_is_refused(org, catalog_file, tmp_path, capsys) -> None:  # noqa: ANN001
    assert main(["catalog", "import", str(catalog_file), "--org", org.slug]) == 0
    changed = tmp_path / "changed.yaml"
    changed.write_text(TINY_CATALOG.replace("Vraag een", "Andere vraag"), encoding="utf-8")
    assert main(["catalog", "import", str(changed), "--org", org.slug]) == 2
    err = capsys.readouterr().err
    assert "new version" in err and len(err.strip().splitlines()) == 1


def test_export_assessment_as_json(org, as_editor, assessment, tiny, tmp_path, capsys) -> None:  # noqa: ANN001
    answer_all(assessment, as_editor, tiny, status="met")
    out = tmp_path / "assessment.json"
    assert main(["export", "assessment", "--org", org.slug, "--id", str(assessment.pk), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["assessment"]["id"] == assessment.pk
    assert data["catalogs"][0]["checksum"] == tiny.checksum
    assert data["catalogs"][0]["score"]["percent"] == 100
    assert len(data["answers"]) == 3
    capsys.readouterr()
    assert main(["export", "assessment", "--org", org.slug, "--id", str(assessment.pk), "--out", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == data


def test_export_refuses_unknown_and_other_organisations_assessments(org, other_org, assessment, capsys) -> None:  # noqa: ANN001
    assert main(["export", "assessment", "--org", other_org.slug, "--id", str(assessment.pk), "--out", "-"]) == 2
    assert main(["export", "assessment", "--org", org.slug, "--id", "99999", "--out", "-"]) == 2
    assert main(["export", "assessment", "--org", org.slug, "--id", str(assessment.pk),
                 "--out", "/nonexistent-dir/x.json"]) == 2
    with pytest.raises(SystemExit) as exc:  # argparse refuses a malformed id itself, also with 2
        main(["export", "assessment", "--org", org.slug, "--id", "0", "--out", "-"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 4
