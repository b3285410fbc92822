"""The catalog data model: frozen dataclasses and their canonical JSON shape.

A catalog is immutable once loaded. Its canonical dictionary (``catalog_to_dict``) is both the JSON
that ``ketenwacht catalog show --format json`` prints and valid input for the loader again, so a
snapshot stored alongside an assessment can always be turned back into a ``Catalog``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

#: Version of the file format described in docs/catalogs.md (not the version of a catalog).
SCHEMA_VERSION = 1

#: The languages every text must be given in; Dutch is the default language.
LANGUAGES: tuple[str, ...] = ("nl", "en")

#: Reference frameworks an item can be mapped to, in display order.
FRAMEWORKS: tuple[str, ...] = ("iso27002", "cyfun2023", "cyfun2025", "nis2", "gdpr")

FRAMEWORK_TITLES: dict[str, str] = {
    "iso27002": "ISO/IEC 27002:2022",
    "cyfun2023": "CyberFundamentals 2023",
    "cyfun2025": "CyberFundamentals 2025",
    "nis2": "NIS2 (Directive 2022/2555, Implementing Regulation 2024/2690)",
    "gdpr": "GDPR (Regulation 2016/679)",
}

#: What kind of answer an item expects; the assessment screens pick a widget from it.
ANSWER_HINTS: tuple[str, ...] = (
    "yes_no",
    "yes_partial_no",
    "text",
    "number",
    "percentage",
    "duration",
)
DEFAULT_ANSWER_HINT = "yes_partial_no"

_VERSION_RE = re.compile(r"^\d+(?:\.\d+){0,2}$")


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for catalog versions: ``"1.10"`` sorts after ``"1.9"``, ``"2"`` equals ``"2.0"``."""
    if not _VERSION_RE.match(version):
        raise ValueError(f"not a catalog version: {version!r}")
    parts = [int(part) for part in version.split(".")]
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts)


def is_valid_version(version: str) -> bool:
    return bool(_VERSION_RE.match(version))


@dataclass(frozen=True)
class LocalizedText:
    """The same text in every supported language."""

    nl: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language``, falling back to Dutch for unknown languages."""
        return self.en if language == "en" else self.nl

    def to_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


@dataclass(frozen=True)
class Guidance:
    """Help for whoever answers an item: what a good answer looks like, what to ask the supplier."""

    good_answer: LocalizedText
    ask_supplier: LocalizedText

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {
            "good_answer": self.good_answer.to_dict(),
            "ask_supplier": self.ask_supplier.to_dict(),
        }


@dataclass(frozen=True)
class Mappings:
    """Control IDs of the reference frameworks an item relates to (IDs only, never control texts)."""

    iso27002: tuple[str, ...] = ()
    cyfun2023: tuple[str, ...] = ()
    cyfun2025: tuple[str, ...] = ()
    nis2: tuple[str, ...] = ()
    gdpr: tuple[str, ...] = ()

    def get(self, framework: str) -> tuple[str, ...]:
        if framework not in FRAMEWORKS:
            raise KeyError(framework)
        return getattr(self, framework)

    def to_dict(self) -> dict[str, list[str]]:
        return {framework: list(self.get(framework)) for framework in FRAMEWORKS}


@dataclass(frozen=True)
class Item:
    """One question or recommendation of a catalog."""

    id: str
    text: LocalizedText
    weight: int = 1
    blocking: bool = False
    guidance: Guidance | None = None
    mappings: Mappings = field(default_factory=Mappings)
    answer_hint: str = DEFAULT_ANSWER_HINT

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text.to_dict(),
            "guidance": self.guidance.to_dict() if self.guidance else None,
            "weight": self.weight,
            "blocking": self.blocking,
            "answer_hint": self.answer_hint,
            "mappings": self.mappings.to_dict(),
        }


@dataclass(frozen=True)
class Section:
    """A titled group of items, in the order of the source document."""

    id: str
    title: LocalizedText
    items: tuple[Item, ...]
    intro: LocalizedText | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "intro": self.intro.to_dict() if self.intro else None,
            "items": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class Source:
    """Where a catalog's content comes from (attribution)."""

    title: str
    publisher: str
    url: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"title": self.title, "publisher": self.publisher, "url": self.url}


@dataclass(frozen=True)
class Catalog:
    """One version of a checklist catalog.

    ``(id, version)`` identifies it; ``checksum`` identifies its exact content, so a stored snapshot
    can prove it is the catalog an assessment was made against.
    """

    id: str
    version: str
    title: LocalizedText
    description: LocalizedText
    sections: tuple[Section, ...]
    source: Source | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def item(self, item_id: str) -> Item:
        """The item with ``item_id``; raises ``KeyError`` if there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def section_of(self, item_id: str) -> Section:
        for section in self.sections:
            if any(item.id == item_id for item in section.items):
                return section
        raise KeyError(item_id)

    @cached_property
    def checksum(self) -> str:
        # cached_property writes to the instance __dict__ directly, which a frozen dataclass allows.
        return checksum_of(catalog_to_dict(self, include_checksum=False))


def catalog_to_dict(catalog: Catalog, *, include_checksum: bool = True) -> dict[str, Any]:
    """The catalog as plain JSON-compatible data, every optional field filled in.

    The result is valid loader input, so it doubles as the frozen snapshot an assessment stores.
    """
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": catalog.id,
        "version": catalog.version,
        "title": catalog.title.to_dict(),
        "description": catalog.description.to_dict(),
        "source": catalog.source.to_dict() if catalog.source else None,
        "sections": [section.to_dict() for section in catalog.sections],
    }
    if include_checksum:
        data["checksum"] = catalog.checksum
    return data


def checksum_of(data: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON form (sorted keys, no whitespace, UTF-8) of ``data``."""
    payload = {key: value for key, value in data.items() if key != "checksum"}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
