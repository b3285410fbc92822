"""Versions, checksums and snapshots: a new catalog version never changes an older one."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from ketenwacht.catalogs import (
    CatalogError,
    CatalogNotFound,
    catalog_from_data,
    catalog_to_dict,
    diff_catalogs,
    get_catalog,
    load_catalog,
    load_catalog_directory,
    shipped_catalogs,
    version_key,
)

V1 = """\
id: own
version: "{version}"
title: {{nl: Eigen lijst, en: Own list}}
description: {{nl: Van ons., en: Ours.}}
sections:
  - id: A
    title: {{nl: Afspraken, en: Agreements}}
    items:
      - id: OWN-1
        text: {{nl: Is er een SLA, en: Is there an SLA}}
        weight: 2
      - id: OWN-2
        text: {{nl: Is er een exitplan, en: Is there an exit plan}}
"""


def own(version: str, text: str = V1):
    return load_catalog(text.format(version=version))


def test_version_ordering_is_numeric():
    assert version_key("1.10") > version_key("1.9")
    assert version_key("2") == version_key("2.0") == version_key("2.0.0")
    assert sorted(["1.10", "1.2", "1.9.1", "0.9"], key=version_key) == ["0.9", "1.2", "1.9.1", "1.10"]
    with pytest.raises(ValueError):
        version_key("1.x")


def test_get_catalog_defaults_to_the_newest_version():
    catalogs = [own("1.9"), own("1.10"), own("1.2")]
    assert get_catalog("own", catalogs=catalogs).version == "1.10"
    assert get_catalog("own", "1.9", catalogs=catalogs).version == "1.9"
    assert get_catalog("own", "1.2.0", catalogs=catalogs).version == "1.2"


def test_unknown_catalog_or_version_names_what_exists():
    catalogs = [own("1.0"), own("2.0")]
    with pytest.raises(CatalogNotFound, match="known versions: 1.0, 2.0"):
        get_catalog("own", "3.0", catalogs=catalogs)
    with pytest.raises(CatalogNotFound, match="known catalogs: own"):
        get_catalog("other", catalogs=catalogs)


def test_checksum_is_sha256_of_the_canonical_json():
    catalog = own("1.0")
    # The canonical form written out by hand: every optional field present with its default.
    item_defaults = {
        "guidance": None,
        "blocking": False,
        "answer_hint": "yes_partial_no",
        "mappings": {"iso27002": [], "cyfun2023": [], "cyfun2025": [], "nis2": [], "gdpr": []},
    }
    canonical = {
        "schema_version": 1,
        "id": "own",
        "version": "1.0",
        "title": {"nl": "Eigen lijst", "en": "Own list"},
        "description": {"nl": "Van ons.", "en": "Ours."},
        "source": None,
        "sections": [
            {
                "id": "A",
                "title": {"nl": "Afspraken", "en": "Agreements"},
                "intro": None,
                "items": [
                    {"id": "OWN-1", "text": {"nl": "Is er een SLA", "en": "Is there an SLA"}, "weight": 2}
                    | item_defaults,
                    {
                        "id": "OWN-2",
                        "text": {"nl": "Is er een exitplan", "en": "Is there an exit plan"},
                        "weight": 1,
                    }
                    | item_defaults,
                ],
            }
        ],
    }
    encoded = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert catalog.checksum == hashlib.sha256(encoded).hexdigest()
    assert catalog_to_dict(catalog) == canonical | {"checksum": catalog.checksum}


def test_checksum_ignores_layout_but_not_content():
    reordered = V1.replace("        weight: 2\n", "").replace(
        "      - id: OWN-1\n", "      - weight: 2\n        blocking: false\n        id: OWN-1\n"
    )
    assert own("1.0", reordered).checksum == own("1.0").checksum
    changed = V1.replace("Is there an SLA", "Is there a signed SLA")
    assert own("1.0", changed).checksum != own("1.0").checksum
    assert own("1.1").checksum != own("1.0").checksum


def test_snapshot_round_trip_gives_the_same_catalog():
    for catalog in shipped_catalogs():
        snapshot = json.loads(json.dumps(catalog_to_dict(catalog)))
        restored = catalog_from_data(snapshot)
        assert restored == catalog
        assert restored.checksum == catalog.checksum


def test_a_tampered_snapshot_is_refused():
    snapshot = json.loads(json.dumps(catalog_to_dict(get_catalog("dtc-sla"))))
    snapshot["sections"][6]["items"][0]["weight"] = 0
    with pytest.raises(CatalogError) as caught:
        catalog_from_data(snapshot)
    [problem] = caught.value.problems
    assert problem.path == "checksum"


def test_a_new_version_leaves_the_old_one_untouched():
    old = own("1.0")
    old_snapshot = catalog_to_dict(old)
    new_text = V1.replace("Is there an exit plan", "Is there a tested exit plan") + (
        "      - id: OWN-3\n        text: {{nl: Is er MFA, en: Is there MFA}}\n"
    )
    new = own("2.0", new_text)
    catalogs = [old, new]
    assert get_catalog("own", "1.0", catalogs=catalogs) is old
    assert catalog_to_dict(get_catalog("own", "1.0", catalogs=catalogs)) == old_snapshot
    diff = diff_catalogs(old, new)
    assert (diff.added, diff.removed, diff.changed) == (("OWN-3",), (), ("OWN-2",))


def test_diff_sees_removed_items_and_moves_between_sections():
    moved = V1.replace(
        "      - id: OWN-2\n",
        "  - id: B\n    title: {{nl: Exit, en: Exit}}\n    items:\n      - id: OWN-2\n",
    )
    diff = diff_catalogs(own("1.0"), own("1.1", moved))
    assert diff.changed == ("OWN-2",)
    dropped = V1.split("      - id: OWN-2")[0]
    diff = diff_catalogs(own("1.0"), own("1.1", dropped))
    assert (diff.added, diff.removed, diff.changed) == ((), ("OWN-2",), ())
    assert diff_catalogs(own("1.0"), own("1.1")).is_empty


def test_catalogs_are_immutable():
    catalog = get_catalog("dtc-sla")
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.version = "9.9"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.items[0].weight = 0  # type: ignore[misc]
    assert isinstance(catalog.sections, tuple)
    assert isinstance(catalog.items[0].mappings.iso27002, tuple)


def test_shipped_catalogs_are_cached_and_unique_per_version():
    assert shipped_catalogs() is shipped_catalogs()
    keys = [(c.id, c.version) for c in shipped_catalogs()]
    assert len(keys) == len(set(keys))


def test_a_directory_with_the_same_version_twice_is_refused(tmp_path):
    (tmp_path / "own-2.yaml").write_text(V1.format(version="2"), encoding="utf-8")
    (tmp_path / "own-2.0.yaml").write_text(V1.format(version="2.0"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a catalog", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog_directory(tmp_path)
    [problem] = caught.value.problems
    assert problem.path == "own-2.yaml:"
    assert "own-2.0.yaml" in problem.message


def test_a_directory_names_the_broken_file(tmp_path):
    (tmp_path / "good-1.0.yaml").write_text(V1.format(version="1.0"), encoding="utf-8")
    (tmp_path / "bad-1.0.yaml").write_text(
        V1.format(version="1.0").replace("weight: 2", "weight: x"), encoding="utf-8"
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog_directory(tmp_path)
    assert [p.path for p in caught.value.problems] == ["bad-1.0.yaml:sections[0].items[0].weight"]


def test_a_directory_of_versions_loads_in_order(tmp_path):
    for version in ("1.10", "1.9"):
        (tmp_path / f"own-{version}.yaml").write_text(V1.format(version=version), encoding="utf-8")
    assert [c.version for c in load_catalog_directory(tmp_path)] == ["1.9", "1.10"]
