"""The shipped DTC and Vo-CRT catalogs against the seed documents they come from.

The seeds live in the shared seeds directory next to the repository (``../shared/seeds`` from the
repository root). If they are missing this test fails: silently skipping would hide a catalog that
drifted from its source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketenwacht.catalogs import Catalog, get_catalog

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
DTC_SEED = "000_94fc4d3f9221287c.txt"
VOCRT_SEED = "002_c7f31628da64ebe9.txt"

VOCRT_HEADINGS = {
    "Organisatorische maatregelen": "ORG",
    "Technische maatregelen": "TECH",
    "Mensgerichte maatregelen": "HUM",
}


def _read_seed(name: str) -> str:
    path = SEEDS_DIR / name
    if not path.is_file():
        pytest.fail(
            f"seed file {name} not found in {SEEDS_DIR} (expected ../shared/seeds from the repository root)"
        )
    return path.read_text(encoding="utf-8")


def _plain(text: str) -> str:
    """Seed markup removed: ``[word](#)`` links become the word, ``*emphasis*`` loses its stars."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("*", "").split())


def _dtc_seed_sections() -> list[tuple[int, str, list[str]]]:
    """(number, title, questions) per numbered section of the DTC checklist."""
    text = _read_seed(DTC_SEED)
    body = text[text.index("Checklist Service Level Agreement") :]
    sections: list[tuple[int, str, list[str]]] = []
    for line in body.splitlines():
        heading = re.match(r"^(\d+)\. (.+)$", line.strip())
        if heading:
            sections.append((int(heading.group(1)), _plain(heading.group(2)).rstrip("."), []))
        elif line.startswith("- ") and sections:
            sections[-1][2].append(_plain(line[2:]))
    return sections


def _vocrt_seed_recommendations() -> list[tuple[str, list[str]]]:
    """(section ID, recommendations) for section 4 of the Vo-CRT policy, in seed order."""
    text = _read_seed(VOCRT_SEED)
    body = text[text.index("4 AANBEVELINGEN") : text.index("5 VERKLARENDE")]
    groups: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        heading = line.strip().rstrip(":")
        if heading in VOCRT_HEADINGS:
            groups.append((VOCRT_HEADINGS[heading], []))
        elif line.startswith("- ") and groups:
            groups[-1][1].append(_plain(line[2:]))
    return groups


def _occurrences(catalog: Catalog, text: str) -> list[tuple[int, str, str]]:
    """(section position, section ID, item ID) of every item whose Dutch text is ``text``."""
    return [
        (position, section.id, item.id)
        for position, section in enumerate(catalog.sections, start=1)
        for item in section.items
        if _plain(item.text.nl) == text
    ]


def test_dtc_seed_has_32_questions_in_8_sections():
    # Guards the seed parser itself: the DTC document is known to hold 32 questions in 8 sections.
    sections = _dtc_seed_sections()
    assert [number for number, _, _ in sections] == list(range(1, 9))
    assert sum(len(questions) for _, _, questions in sections) == 32


def test_every_dtc_question_appears_once_in_its_section():
    catalog = get_catalog("dtc-sla")
    for number, title, questions in _dtc_seed_sections():
        section = catalog.sections[number - 1]
        assert section.title.nl == title
        for position, question in enumerate(questions, start=1):
            found = _occurrences(catalog, question)
            assert found == [(number, section.id, f"DTC-{number}.{position}")], question


def test_dtc_catalog_has_nothing_beyond_the_seed():
    seed_questions = {question for _, _, questions in _dtc_seed_sections() for question in questions}
    catalog = get_catalog("dtc-sla")
    assert len(catalog.sections) == 8
    assert len(catalog.items) == 32
    assert {_plain(item.text.nl) for item in catalog.items} == seed_questions


def test_vocrt_seed_has_12_recommendations():
    groups = _vocrt_seed_recommendations()
    assert [(section, len(items)) for section, items in groups] == [("ORG", 8), ("TECH", 3), ("HUM", 1)]


def test_every_vocrt_recommendation_appears_once_in_its_section():
    catalog = get_catalog("vocrt-supplier-policy")
    assert [section.id for section in catalog.sections] == ["ORG", "TECH", "HUM"]
    for section_id, recommendations in _vocrt_seed_recommendations():
        position = [section.id for section in catalog.sections].index(section_id) + 1
        for number, recommendation in enumerate(recommendations, start=1):
            found = _occurrences(catalog, recommendation)
            assert found == [(position, section_id, f"VOCRT-{section_id}-{number}")], recommendation
    assert len(catalog.items) == 12
