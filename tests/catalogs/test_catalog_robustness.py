"""No input, however odd, makes the catalog loader fail with anything but ``CatalogError``."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ketenwacht.catalogs import CatalogError, catalog_to_dict, get_catalog, load_catalog, validate

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
json_like = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)
FIELDS = [
    "id",
    "version",
    "title",
    "description",
    "sections",
    "items",
    "text",
    "weight",
    "mappings",
    "nl",
    "en",
]


@given(json_like)
def test_validate_returns_problems_for_any_json_value(value):
    problems = validate(value)
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem.message, str)


tokens = st.sampled_from(list("{}[]:,-'\"!&*#|>\n ") + FIELDS)


@settings(max_examples=200)
@given(st.lists(tokens, max_size=80).map("".join))
def test_load_catalog_never_raises_anything_else(text):
    try:
        load_catalog(text)
    except CatalogError as exc:
        assert exc.problems


@given(st.data())
def test_mutating_a_shipped_catalog_either_loads_or_reports_a_path(data):
    document = catalog_to_dict(get_catalog("supplier-onboarding"), include_checksum=False)
    # Walk to a random place in the document and replace the value there with junk.
    node, key = document, None
    path = []
    while True:
        key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
        path.append(key)
        child = node[key]
        if not isinstance(child, (dict, list)) or not child or data.draw(st.booleans()):
            break
        node = child
    node[key] = data.draw(json_like)
    try:
        load_catalog(json.dumps(document))
    except CatalogError as exc:
        assert exc.problems
        assert all(isinstance(problem.path, str) for problem in exc.problems)
