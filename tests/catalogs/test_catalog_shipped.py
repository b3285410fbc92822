"""Content rules for the catalogs shipped with Ketenwacht (beyond what the schema enforces)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ketenwacht.catalogs import FRAMEWORKS, get_catalog, latest_versions, load_catalog, shipped_catalogs

REPO_ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
    # id: (item ID pattern, number of items)
    "dtc-sla": (r"^DTC-[1-8]\.[1-6]$", 32),
    "vocrt-supplier-policy": (r"^VOCRT-(ORG|TECH|HUM)-\d$", 12),
    "gdpr-art28": (r"^GDPR28-\d+$", None),
    "supplier-screening": (r"^SCREEN-\d+$", None),
    "supplier-onboarding": (r"^ONBOARD-\d+$", None),
    "supplier-offboarding": (r"^OFFBOARD-\d+$", None),
}

# The blocking choices documented (with reasons) in docs/catalogs.md.
BLOCKING = {
    "dtc-sla": {"DTC-1.2", "DTC-2.1", "DTC-5.4", "DTC-6.1", "DTC-6.3", "DTC-7.1", "DTC-7.3", "DTC-8.3"},
    "vocrt-supplier-policy": {"VOCRT-ORG-1", "VOCRT-ORG-7", "VOCRT-TECH-1"},
    "gdpr-art28": {f"GDPR28-{n}" for n in (1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15)},
    "supplier-screening": {"SCREEN-1", "SCREEN-5", "SCREEN-9"},
    "supplier-onboarding": {f"ONBOARD-{n}" for n in (1, 2, 3, 4, 5)},
    "supplier-offboarding": {"OFFBOARD-1", "OFFBOARD-2", "OFFBOARD-3", "OFFBOARD-5"},
}


def test_the_six_required_catalogs_are_shipped():
    assert {catalog.id for catalog in latest_versions(shipped_catalogs())} == set(EXPECTED)


@pytest.mark.parametrize("catalog_id", sorted(EXPECTED))
def test_item_ids_and_counts(catalog_id):
    pattern, count = EXPECTED[catalog_id]
    catalog = get_catalog(catalog_id)
    for item in catalog.items:
        assert re.match(pattern, item.id), item.id
    if count is not None:
        assert len(catalog.items) == count
    else:
        assert len(catalog.items) >= 8


@pytest.mark.parametrize("catalog_id", sorted(EXPECTED))
def test_every_item_is_complete_and_translated(catalog_id):
    catalog = get_catalog(catalog_id)
    assert catalog.source is not None
    for item in catalog.items:
        assert item.guidance is not None, item.id
        assert item.text.nl != item.text.en, item.id
        assert item.guidance.good_answer.nl != item.guidance.good_answer.en, item.id
        assert item.guidance.ask_supplier.nl != item.guidance.ask_supplier.en, item.id
        assert item.weight >= 1, item.id
        assert any(item.mappings.get(framework) for framework in FRAMEWORKS), item.id
        assert item.mappings.iso27002, item.id


@pytest.mark.parametrize("catalog_id", sorted(BLOCKING))
def test_blocking_items_are_the_documented_ones(catalog_id):
    catalog = get_catalog(catalog_id)
    assert {item.id for item in catalog.items if item.blocking} == BLOCKING[catalog_id]


def test_every_catalog_has_at_least_one_blocking_item():
    for catalog in shipped_catalogs():
        assert any(item.blocking for item in catalog.items), catalog.id


def test_processor_checklist_covers_article_28():
    catalog = get_catalog("gdpr-art28")
    covered = {control for item in catalog.items for control in item.mappings.gdpr}
    required = {f"28(3)({point})" for point in "abcdefgh"} | {"28(1)", "28(2)", "28(3)", "28(4)", "28(9)"}
    assert required <= covered
    # Every point of 28(3) is mandatory contract content, hence blocking.
    for point in "abcdefgh":
        items = [item for item in catalog.items if f"28(3)({point})" in item.mappings.gdpr]
        assert any(item.blocking for item in items), point


def test_dtc_uptime_item_keeps_the_seed_warning_about_the_measurement_period():
    item = get_catalog("dtc-sla").item("DTC-7.1")
    assert "99,9%" in item.guidance.good_answer.nl
    assert "99.9%" in item.guidance.good_answer.en
    assert item.answer_hint == "percentage"


def test_file_names_carry_id_and_version():
    directory = resources.files("ketenwacht.catalogs") / "data"
    names = sorted(entry.name for entry in directory.iterdir() if entry.name.endswith(".yaml"))
    assert names == sorted(f"{c.id}-{c.version}.yaml" for c in shipped_catalogs())


def test_the_example_in_the_documentation_is_valid():
    text = (REPO_ROOT / "docs" / "catalogs.md").read_text(encoding="utf-8")
    example = text.split("### Example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    catalog = load_catalog(example)
    assert catalog.item("CLOUD-1").blocking is True
    assert catalog.item("CLOUD-1").mappings.gdpr == ("44", "46")
