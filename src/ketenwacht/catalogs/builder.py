"""Turn a validated catalog document into frozen dataclasses, filling in defaults.

Only call ``build_catalog`` on data that ``schema.validate`` accepted; it trusts the shape.
"""

from __future__ import annotations

from typing import Any

from .model import (
    DEFAULT_ANSWER_HINT,
    FRAMEWORKS,
    Catalog,
    Guidance,
    Item,
    LocalizedText,
    Mappings,
    Section,
    Source,
)


def _text(data: dict[str, str]) -> LocalizedText:
    return LocalizedText(nl=data["nl"].strip(), en=data["en"].strip())


def _optional_text(data: dict[str, str] | None) -> LocalizedText | None:
    return _text(data) if data is not None else None


def _item(data: dict[str, Any]) -> Item:
    guidance = data.get("guidance")
    mappings = data.get("mappings") or {}
    return Item(
        id=data["id"],
        text=_text(data["text"]),
        weight=data.get("weight", 1),
        blocking=data.get("blocking", False),
        guidance=(
            Guidance(good_answer=_text(guidance["good_answer"]), ask_supplier=_text(guidance["ask_supplier"]))
            if guidance is not None
            else None
        ),
        mappings=Mappings(**{framework: tuple(mappings.get(framework, ())) for framework in FRAMEWORKS}),
        answer_hint=data.get("answer_hint", DEFAULT_ANSWER_HINT),
    )


def _section(data: dict[str, Any]) -> Section:
    return Section(
        id=data["id"],
        title=_text(data["title"]),
        intro=_optional_text(data.get("intro")),
        items=tuple(_item(item) for item in data["items"]),
    )


def build_catalog(data: dict[str, Any]) -> Catalog:
    """The ``Catalog`` described by a valid document."""
    source = data.get("source")
    return Catalog(
        id=data["id"],
        version=data["version"],
        title=_text(data["title"]),
        description=_text(data["description"]),
        source=(
            Source(title=source["title"], publisher=source["publisher"], url=source.get("url"))
            if source is not None
            else None
        ),
        sections=tuple(_section(section) for section in data["sections"]),
    )
