"""Validation of catalog documents (parsed YAML or JSON) against the schema in docs/catalogs.md.

``validate`` never stops at the first mistake: it reports every problem it can find, each with
the YAML path of the offending value, so an author can fix a document in one pass.
"""

from __future__ import annotations

import re
from typing import Any

from .builder import build_catalog
from .frameworks import EXAMPLES, is_valid_control_id
from .model import (
    ANSWER_HINTS,
    FRAMEWORK_TITLES,
    FRAMEWORKS,
    LANGUAGES,
    SCHEMA_VERSION,
    catalog_to_dict,
    checksum_of,
    is_valid_version,
)
from .problems import Problem, gettext_noop, join_path

CATALOG_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$")
ELEMENT_ID_RE = re.compile(r"^[A-Z0-9](?:[A-Z0-9.-]{0,62}[A-Z0-9])?$")

CATALOG_KEYS = ("schema_version", "id", "version", "title", "description", "source", "sections", "checksum")
CATALOG_REQUIRED = ("id", "version", "title", "description", "sections")
SOURCE_KEYS = ("title", "publisher", "url")
SECTION_KEYS = ("id", "title", "intro", "items")
ITEM_KEYS = ("id", "text", "guidance", "weight", "blocking", "answer_hint", "mappings")
GUIDANCE_KEYS = ("good_answer", "ask_supplier")

MSG_REQUIRED = gettext_noop("is required")
MSG_UNKNOWN_FIELD = gettext_noop("unknown field '%(key)s'; allowed fields: %(allowed)s")
MSG_NOT_MAPPING = gettext_noop("must be a mapping of fields (key: value), not %(value)s")
MSG_NOT_LIST = gettext_noop("must be a list, not %(value)s")
MSG_NOT_TEXT = gettext_noop("must be text, not %(value)s; put the value in quotes")
MSG_EMPTY = gettext_noop("must not be empty")
MSG_EMPTY_LIST = gettext_noop("must contain at least one entry")
MSG_WEIGHT = gettext_noop("must be a whole number of 0 or more, not %(value)s")
MSG_BOOLEAN = gettext_noop("must be true or false, not %(value)s")
MSG_CHOICE = gettext_noop("must be one of %(allowed)s, not %(value)s")
MSG_CATALOG_ID = gettext_noop(
    "'%(value)s' is not a valid catalog ID: use 2 to 64 lower-case letters, digits and hyphens,"
    " e.g. 'my-supplier-checklist'"
)
MSG_ELEMENT_ID = gettext_noop(
    "'%(value)s' is not a valid ID: use up to 64 upper-case letters, digits, hyphens and dots, e.g. 'DTC-1.1'"
)
MSG_VERSION = gettext_noop(
    "must be a version such as '1.0' or '2.1.3' (numbers separated by dots) written in quotes, not %(value)s"
)
MSG_SCHEMA_VERSION = gettext_noop(
    "schema version %(value)s is not supported; the supported version is %(supported)s"
)
MSG_DUPLICATE_ID = gettext_noop("ID '%(value)s' is already used at %(other)s")
MSG_UNKNOWN_FRAMEWORK = gettext_noop("unknown framework '%(key)s'; known frameworks: %(allowed)s")
MSG_CONTROL_ID = gettext_noop("'%(value)s' is not a valid %(framework)s ID (example: %(example)s)")
MSG_DUPLICATE_CONTROL = gettext_noop("'%(value)s' is listed more than once")
MSG_URL = gettext_noop("must be a web address starting with https:// or http://")
MSG_CHECKSUM = gettext_noop(
    "does not match the content (the content gives %(expected)s); the document was changed after it"
    " was exported: remove the checksum field or restore the original content"
)


def _show(value: object) -> str:
    """A short, language-neutral rendering of a wrong value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    text = value if isinstance(value, str) else str(value)
    shown = text if len(text) <= 40 else text[:39] + "…"
    return repr(shown) if isinstance(value, str) else shown


class _Validator:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, template: str, **params: Any) -> None:
        self.problems.append(Problem(path=path, template=template, params=params))

    def mapping(self, value: Any, path: str, keys: tuple[str, ...], required: tuple[str, ...]) -> dict | None:
        """Check that ``value`` is a mapping with only ``keys`` and all of ``required``."""
        if not isinstance(value, dict):
            self.add(path, MSG_NOT_MAPPING, value=_show(value))
            return None
        for key in value:
            if key not in keys:
                self.add(join_path(path, str(key)), MSG_UNKNOWN_FIELD, key=key, allowed=", ".join(keys))
        for key in required:
            if key not in value:
                self.add(join_path(path, key), MSG_REQUIRED)
        return value

    def text(self, value: Any, path: str) -> bool:
        if not isinstance(value, str):
            self.add(path, MSG_NOT_TEXT, value=_show(value))
            return False
        if not value.strip():
            self.add(path, MSG_EMPTY)
            return False
        return True

    def localized(self, value: Any, path: str) -> None:
        data = self.mapping(value, path, LANGUAGES, LANGUAGES)
        if data is None:
            return
        for language in LANGUAGES:
            if language in data:
                self.text(data[language], join_path(path, language))

    def optional_localized(self, data: dict, key: str, path: str) -> None:
        if data.get(key) is not None:
            self.localized(data[key], join_path(path, key))

    def list_(self, value: Any, path: str) -> list | None:
        if not isinstance(value, list):
            self.add(path, MSG_NOT_LIST, value=_show(value))
            return None
        if not value:
            self.add(path, MSG_EMPTY_LIST)
        return value

    def element_id(self, value: Any, path: str, seen: dict[str, str]) -> None:
        if not self.text(value, path):
            return
        if not ELEMENT_ID_RE.match(value):
            self.add(path, MSG_ELEMENT_ID, value=value)
        elif value in seen:
            self.add(path, MSG_DUPLICATE_ID, value=value, other=seen[value])
        else:
            seen[value] = path

    # -- the document, top-down -------------------------------------------------------------

    def catalog(self, data: Any) -> None:
        doc = self.mapping(data, "", CATALOG_KEYS, CATALOG_REQUIRED)
        if doc is None:
            return
        schema_version = doc.get("schema_version", SCHEMA_VERSION)
        if schema_version != SCHEMA_VERSION or isinstance(schema_version, bool):
            self.add(
                "schema_version", MSG_SCHEMA_VERSION, value=_show(schema_version), supported=SCHEMA_VERSION
            )
        if "id" in doc and self.text(doc["id"], "id") and not CATALOG_ID_RE.match(doc["id"]):
            self.add("id", MSG_CATALOG_ID, value=doc["id"])
        if "version" in doc:
            version = doc["version"]
            if not isinstance(version, str) or not is_valid_version(version):
                self.add("version", MSG_VERSION, value=_show(version))
        for key in ("title", "description"):
            if key in doc:
                self.localized(doc[key], key)
        if doc.get("source") is not None:
            self.source(doc["source"], "source")
        sections = self.list_(doc["sections"], "sections") if "sections" in doc else None
        section_ids: dict[str, str] = {}
        item_ids: dict[str, str] = {}
        for index, section in enumerate(sections or []):
            self.section(section, join_path("sections", index), section_ids, item_ids)
        if doc.get("checksum") is not None and not self.problems:
            expected = checksum_of(_canonical_shape(doc))
            if doc["checksum"] != expected:
                self.add("checksum", MSG_CHECKSUM, expected=expected)

    def source(self, value: Any, path: str) -> None:
        data = self.mapping(value, path, SOURCE_KEYS, ("title", "publisher"))
        if data is None:
            return
        for key in ("title", "publisher"):
            if key in data:
                self.text(data[key], join_path(path, key))
        url = data.get("url")
        url_path = join_path(path, "url")
        if url is not None and self.text(url, url_path) and not url.startswith(("https://", "http://")):
            self.add(url_path, MSG_URL)

    def section(self, value: Any, path: str, section_ids: dict[str, str], item_ids: dict[str, str]) -> None:
        data = self.mapping(value, path, SECTION_KEYS, ("id", "title", "items"))
        if data is None:
            return
        if "id" in data:
            self.element_id(data["id"], join_path(path, "id"), section_ids)
        if "title" in data:
            self.localized(data["title"], join_path(path, "title"))
        self.optional_localized(data, "intro", path)
        items_path = join_path(path, "items")
        items = self.list_(data["items"], items_path) if "items" in data else None
        for index, item in enumerate(items or []):
            self.item(item, join_path(items_path, index), item_ids)

    def item(self, value: Any, path: str, item_ids: dict[str, str]) -> None:
        data = self.mapping(value, path, ITEM_KEYS, ("id", "text"))
        if data is None:
            return
        if "id" in data:
            self.element_id(data["id"], join_path(path, "id"), item_ids)
        if "text" in data:
            self.localized(data["text"], join_path(path, "text"))
        if data.get("guidance") is not None:
            self.guidance(data["guidance"], join_path(path, "guidance"))
        if "weight" in data:
            weight = data["weight"]
            if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
                self.add(join_path(path, "weight"), MSG_WEIGHT, value=_show(weight))
        if "blocking" in data and not isinstance(data["blocking"], bool):
            self.add(join_path(path, "blocking"), MSG_BOOLEAN, value=_show(data["blocking"]))
        if "answer_hint" in data and data["answer_hint"] not in ANSWER_HINTS:
            self.add(
                join_path(path, "answer_hint"),
                MSG_CHOICE,
                allowed=", ".join(ANSWER_HINTS),
                value=_show(data["answer_hint"]),
            )
        if data.get("mappings") is not None:
            self.mappings(data["mappings"], join_path(path, "mappings"))

    def guidance(self, value: Any, path: str) -> None:
        data = self.mapping(value, path, GUIDANCE_KEYS, GUIDANCE_KEYS)
        if data is None:
            return
        for key in GUIDANCE_KEYS:
            if key in data:
                self.localized(data[key], join_path(path, key))

    def mappings(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            self.add(path, MSG_NOT_MAPPING, value=_show(value))
            return
        for framework, controls in value.items():
            framework_path = join_path(path, str(framework))
            if framework not in FRAMEWORKS:
                self.add(framework_path, MSG_UNKNOWN_FRAMEWORK, key=framework, allowed=", ".join(FRAMEWORKS))
                continue
            if not isinstance(controls, list):
                self.add(framework_path, MSG_NOT_LIST, value=_show(controls))
                continue
            seen: set[str] = set()
            for index, control in enumerate(controls):
                control_path = join_path(framework_path, index)
                if not self.text(control, control_path):
                    continue
                if not is_valid_control_id(framework, control):
                    self.add(
                        control_path,
                        MSG_CONTROL_ID,
                        value=control,
                        framework=FRAMEWORK_TITLES[framework],
                        example=EXAMPLES[framework],
                    )
                elif control in seen:
                    self.add(control_path, MSG_DUPLICATE_CONTROL, value=control)
                seen.add(control)


def _canonical_shape(doc: dict) -> dict:
    # The checksum covers the canonical form (defaults filled in), not the text as written.
    return catalog_to_dict(build_catalog(doc), include_checksum=False)


def validate(data: Any) -> list[Problem]:
    """Every problem with a parsed catalog document; an empty list means it is valid."""
    validator = _Validator()
    validator.catalog(data)
    return validator.problems
