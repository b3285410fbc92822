"""Framework ID syntax and mapping lookup.

Expected hits are read by hand from the reference crosswalk table (which items list the control),
not computed with the code under test.
"""

from __future__ import annotations

import pytest

from ketenwacht.catalogs import (
    control_matches,
    find_by_mapping,
    get_catalog,
    is_valid_control_id,
    normalise_control_id,
)


def seeded():
    return [get_catalog("dtc-sla"), get_catalog("vocrt-supplier-policy")]


def hit_ids(framework: str, control_id: str, catalogs=None) -> set[str]:
    return {hit.item.id for hit in find_by_mapping(framework, control_id, catalogs)}


@pytest.mark.parametrize(
    ("framework", "control_id", "valid"),
    [
        ("iso27002", "5.1", True),
        ("iso27002", "5.37", True),
        ("iso27002", "5.38", False),
        ("iso27002", "6.8", True),
        ("iso27002", "6.9", False),
        ("iso27002", "7.14", True),
        ("iso27002", "8.34", True),
        ("iso27002", "8.35", False),
        ("iso27002", "4.1", False),
        ("iso27002", "A.5.1", False),
        ("cyfun2023", "ID.SC-3.1", True),
        ("cyfun2023", "PR.AC-4.5", True),
        ("cyfun2023", "GV.SC-05.1", False),
        ("cyfun2023", "id.sc-3.1", False),
        ("cyfun2025", "GV.SC-05.1", True),
        ("cyfun2025", "ID.AM-08.11", True),
        ("cyfun2025", "GV.SC-5.1", False),
        ("nis2", "21(2)(d)", True),
        ("nis2", "23", True),
        ("nis2", "IR 5.1.4(a)", True),
        ("nis2", "IR 5.2", True),
        ("nis2", "47", False),
        ("nis2", "21(2)(D)", False),
        ("gdpr", "28(3)(a)", True),
        ("gdpr", "82", True),
        ("gdpr", "100", False),
        ("gdpr", "art. 28", False),
    ],
)
def test_control_id_syntax(framework, control_id, valid):
    assert is_valid_control_id(framework, control_id) is valid


@pytest.mark.parametrize(
    ("query", "control_id", "matches"),
    [
        ("28(3)", "28(3)(a)", True),
        ("28(3)(a)", "28(3)(a)", True),
        ("28", "28(4)", True),
        ("2", "28(4)", False),
        ("5.1", "5.19", False),
        ("5", "5.19", True),
        ("IR 5.1", "IR 5.1.4(a)", True),
        ("PR.AC", "PR.AC-4.1", True),
        ("PR.AC-4", "PR.AC-4.1", True),
        ("PR.AC-4.1", "PR.AC-4.12", False),
        ("28(3)(a)", "28(3)", False),
    ],
)
def test_control_matches(query, control_id, matches):
    assert control_matches(query, control_id) is matches


def test_normalise_control_id():
    assert normalise_control_id("cyfun2023", "  pr.ac-3.2 ") == "PR.AC-3.2"
    assert normalise_control_id("nis2", "ir  5.1.4(a)") == "IR 5.1.4(a)"
    assert normalise_control_id("gdpr", " 28(3)(h) ") == "28(3)(h)"


def test_exact_gdpr_point_in_the_seeded_catalogs():
    assert hit_ids("gdpr", "28(3)(h)", seeded()) == {"DTC-3.6", "VOCRT-ORG-4", "VOCRT-ORG-8"}


def test_gdpr_paragraph_includes_its_points():
    assert hit_ids("gdpr", "28(3)", seeded()) == {
        "DTC-1.1",
        "DTC-1.2",
        "DTC-1.3",
        "DTC-3.5",
        "DTC-3.6",
        "DTC-5.1",
        "DTC-5.3",
        "VOCRT-ORG-1",
        "VOCRT-ORG-4",
        "VOCRT-ORG-8",
        "VOCRT-HUM-1",
    }


def test_nis2_mfa_point():
    assert hit_ids("nis2", "21(2)(j)", seeded()) == {"DTC-3.3", "VOCRT-TECH-1"}


def test_iso_control_does_not_match_longer_numbers():
    # 5.1 is mapped only from DTC-4.1; 5.19, 5.10 … must not count as 5.1.
    assert hit_ids("iso27002", "5.1", seeded()) == {"DTC-4.1"}


def test_cyfun_lookup_is_case_insensitive():
    assert hit_ids("cyfun2023", "pr.ac-3.2", seeded()) == {"DTC-3.3", "VOCRT-TECH-1"}
    assert hit_ids("cyfun2025", "PR.AA-03.2", seeded()) == {"DTC-3.3", "VOCRT-TECH-1"}


def test_backup_control():
    assert hit_ids("iso27002", "8.13", seeded()) == {"DTC-5.4"}


def test_default_search_covers_every_shipped_catalog():
    catalogs = {hit.catalog.id for hit in find_by_mapping("gdpr", "28(3)(g)")}
    assert catalogs == {"gdpr-art28", "supplier-offboarding", "supplier-screening"}


def test_hit_carries_section_and_the_control_it_matched():
    [hit] = find_by_mapping("iso27002", "8.13", seeded())
    assert (hit.catalog.id, hit.section.id, hit.control_id) == ("dtc-sla", "DATA", "8.13")


def test_unknown_framework():
    with pytest.raises(KeyError):
        find_by_mapping("bio2", "5.1")


def test_unknown_control_finds_nothing():
    assert find_by_mapping("gdpr", "99") == []
