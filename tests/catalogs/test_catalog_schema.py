"""Validation of catalog documents: every problem reported, each with its exact YAML path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from ketenwacht.catalogs import (
    Catalog,
    CatalogError,
    LocalizedText,
    Mappings,
    catalog_from_data,
    load_catalog,
    validate,
)

MINIMAL_YAML = """\
id: demo
version: "1.0"
title: {nl: Demo, en: Demo}
description: {nl: Een demo., en: A demo.}
sections:
  - id: S1
    title: {nl: Eerste, en: First}
    items:
      - id: DEMO-1
        text: {nl: "Is er een SLA?", en: "Is there an SLA?"}
"""


def minimal() -> dict[str, Any]:
    return {
        "id": "demo",
        "version": "1.0",
        "title": {"nl": "Demo", "en": "Demo"},
        "description": {"nl": "Een demo.", "en": "A demo."},
        "sections": [
            {
                "id": "S1",
                "title": {"nl": "Eerste", "en": "First"},
                "items": [{"id": "DEMO-1", "text": {"nl": "Is er een SLA?", "en": "Is there an SLA?"}}],
            }
        ],
    }


def paths(problems) -> list[str]:
    return [problem.path for problem in problems]


def test_minimal_document_loads_with_defaults():
    catalog = load_catalog(MINIMAL_YAML)
    assert isinstance(catalog, Catalog)
    assert (catalog.id, catalog.version) == ("demo", "1.0")
    item = catalog.item("DEMO-1")
    assert item.text == LocalizedText(nl="Is er een SLA?", en="Is there an SLA?")
    assert item.weight == 1
    assert item.blocking is False
    assert item.guidance is None
    assert item.mappings == Mappings()
    assert item.answer_hint == "yes_partial_no"
    assert catalog.source is None
    assert catalog.sections[0].intro is None


def test_valid_data_has_no_problems():
    assert validate(minimal()) == []


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        (lambda d: d.pop("id"), "id", "is required"),
        (lambda d: d.update(id="Demo Catalog"), "id", "not a valid catalog ID"),
        (lambda d: d.update(version=1.0), "version", "written in quotes"),
        (lambda d: d.update(version="v1"), "version", "version such as '1.0'"),
        (lambda d: d.update(schema_version=2), "schema_version", "not supported"),
        (lambda d: d["title"].pop("en"), "title.en", "is required"),
        (lambda d: d["title"].update(nl="  "), "title.nl", "must not be empty"),
        (lambda d: d["title"].update(fr="Démo"), "title.fr", "unknown field 'fr'"),
        (lambda d: d.update(description="Een demo."), "description", "must be a mapping"),
        (lambda d: d.update(sections=[]), "sections", "at least one entry"),
        (lambda d: d.update(sections={"S1": {}}), "sections", "must be a list"),
        (lambda d: d.update(source={"title": "X"}), "source.publisher", "is required"),
        (
            lambda d: d.update(source={"title": "X", "publisher": "Y", "url": "ftp://x"}),
            "source.url",
            "https://",
        ),
        (lambda d: d["sections"][0].update(id="s 1"), "sections[0].id", "not a valid ID"),
        (lambda d: d["sections"][0].update(items=[]), "sections[0].items", "at least one entry"),
        (lambda d: d["sections"][0].update(intro={"nl": "x"}), "sections[0].intro.en", "is required"),
        (
            lambda d: d["sections"][0]["items"][0].update(weight=-1),
            "sections[0].items[0].weight",
            "0 or more",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(weight=True),
            "sections[0].items[0].weight",
            "0 or more",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(weight=1.5),
            "sections[0].items[0].weight",
            "0 or more",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(blocking="yes"),
            "sections[0].items[0].blocking",
            "true or false",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(answer_hint="essay"),
            "sections[0].items[0].answer_hint",
            "one of",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(blokking=True),
            "sections[0].items[0].blokking",
            "unknown field",
        ),
        (
            lambda d: d["sections"][0]["items"][0]["text"].update(nl=False),
            "sections[0].items[0].text.nl",
            "put the value in quotes",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(guidance={"good_answer": {"nl": "a", "en": "b"}}),
            "sections[0].items[0].guidance.ask_supplier",
            "is required",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(mappings={"bio2": ["5.1"]}),
            "sections[0].items[0].mappings.bio2",
            "unknown framework",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(mappings={"iso27002": "5.20"}),
            "sections[0].items[0].mappings.iso27002",
            "must be a list",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(mappings={"iso27002": ["5.20", "5.38"]}),
            "sections[0].items[0].mappings.iso27002[1]",
            "not a valid ISO/IEC 27002:2022 ID",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(mappings={"iso27002": [5.2]}),
            "sections[0].items[0].mappings.iso27002[0]",
            "put the value in quotes",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(mappings={"cyfun2025": ["GV.SC-5.1"]}),
            "sections[0].items[0].mappings.cyfun2025[0]",
            "CyberFundamentals 2025",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(mappings={"gdpr": ["28(3)(a)", "28(3)(a)"]}),
            "sections[0].items[0].mappings.gdpr[1]",
            "more than once",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_path(change, path, fragment):
    data = minimal()
    change(data)
    problems = validate(data)
    assert paths(problems) == [path]
    assert fragment in problems[0].message


def test_every_problem_is_reported_not_just_the_first():
    data = minimal()
    data["sections"].append(copy.deepcopy(data["sections"][0]))
    data["sections"].append(
        {"id": "S3", "title": {"nl": "Derde", "en": "Third"}, "items": [{"id": "DEMO-3"}]}
    )
    data["sections"][1]["items"][0]["weight"] = "3"
    data["version"] = 2
    problems = validate(data)
    assert paths(problems) == [
        "version",
        "sections[1].id",  # S1 used twice
        "sections[1].items[0].id",  # DEMO-1 used twice
        "sections[1].items[0].weight",
        "sections[2].items[0].text",
    ]
    assert "sections[0].id" in problems[1].message
    assert "sections[0].items[0].id" in problems[2].message


def test_the_brief_example_path_sections_2_items_0_weight():
    data = minimal()
    for number in (2, 3):
        section = copy.deepcopy(data["sections"][0])
        section["id"] = f"S{number}"
        section["items"][0]["id"] = f"DEMO-{number}"
        data["sections"].append(section)
    data["sections"][2]["items"][0]["weight"] = "heavy"
    assert paths(validate(data)) == ["sections[2].items[0].weight"]


@pytest.mark.parametrize("document", [None, [], "text", 42])
def test_a_document_that_is_not_a_mapping(document):
    problems = validate(document)
    assert paths(problems) == [""]
    assert "mapping" in problems[0].message


def test_load_catalog_reports_lines_and_changes_nothing(tmp_path: Path):
    source = MINIMAL_YAML.replace("id: DEMO-1", "id: DEMO-1\n        weight: -2\n        blocking: maybe")
    path = tmp_path / "own.yaml"
    path.write_text(source, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    problems = caught.value.problems
    assert [(p.path, p.line) for p in problems] == [
        ("sections[0].items[0].weight", 10),
        ("sections[0].items[0].blocking", 11),
    ]
    assert (
        str(problems[0])
        == "sections[0].items[0].weight (line 10): must be a whole number of 0 or more, not -2"
    )
    assert path.read_bytes() == before


def test_missing_field_points_at_the_enclosing_line():
    source = MINIMAL_YAML.replace('        text: {nl: "Is er een SLA?", en: "Is there an SLA?"}\n', "")
    with pytest.raises(CatalogError) as caught:
        load_catalog(source)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("sections[0].items[0].text", 9)


def test_duplicate_yaml_keys_are_refused():
    with pytest.raises(CatalogError) as caught:
        load_catalog(MINIMAL_YAML + 'version: "2.0"\n')
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("version", 11)
    assert "first on line 2" in problem.message


def test_yaml_aliases_are_refused():
    source = MINIMAL_YAML.replace("title: {nl: Demo, en: Demo}", "title: &t {nl: Demo, en: Demo}")
    source = source.replace("description: {nl: Een demo., en: A demo.}", "description: *t")
    with pytest.raises(CatalogError) as caught:
        load_catalog(source)
    assert [p.path for p in caught.value.problems] == ["description"]


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("id: [unclosed\n", "YAML syntax error"),
        ("", "empty"),
        ("# only a comment\n", "empty"),
        (b"id: \xff\xfe\n", "not UTF-8"),
        ("[" * 3000 + "]" * 3000, "nested too deeply"),
    ],
)
def test_unparseable_input_gives_one_clear_problem(source, fragment):
    with pytest.raises(CatalogError) as caught:
        load_catalog(source)
    [problem] = caught.value.problems
    assert fragment in problem.message


def test_unreadable_file(tmp_path: Path):
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path / "absent.yaml")
    assert "cannot read the file" in caught.value.problems[0].message


def test_python_specific_yaml_tags_are_not_executed():
    with pytest.raises(CatalogError) as caught:
        load_catalog("id: !!python/object/apply:os.system ['true']\n")
    assert "YAML syntax error" in caught.value.problems[0].message


def test_json_is_accepted_too():
    catalog = load_catalog(json.dumps(minimal()))
    assert catalog.item("DEMO-1").text.en == "Is there an SLA?"


def test_catalog_from_data_raises_with_all_problems():
    data = minimal()
    data["id"] = "X"
    data["sections"][0]["items"][0]["weight"] = -1
    with pytest.raises(CatalogError) as caught:
        catalog_from_data(data)
    assert paths(caught.value.problems) == ["id", "sections[0].items[0].weight"]
    assert "2 problems" in str(caught.value)


def test_problem_messages_are_translatable_templates():
    data = minimal()
    data["sections"][0]["items"][0]["weight"] = -1
    [problem] = validate(data)
    assert problem.template == "must be a whole number of 0 or more, not %(value)s"
    assert problem.params == {"value": "-1"}
