"""Load a catalog from YAML (or JSON, which YAML reads too), reporting every problem with its path.

Loading is all-or-nothing: either a complete ``Catalog`` comes back or ``CatalogError`` is raised
with the full list of problems; nothing is half-built.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .builder import build_catalog
from .model import Catalog
from .problems import CatalogError, Problem, gettext_noop, join_path
from .schema import validate

#: Catalogs are small; anything bigger is a mistake (or an attack) rather than a checklist.
MAX_DOCUMENT_BYTES = 2_000_000

MSG_UNREADABLE = gettext_noop("cannot read the file: %(detail)s")
MSG_NOT_UTF8 = gettext_noop("the file is not UTF-8 text")
MSG_TOO_LARGE = gettext_noop("the document is larger than %(limit)s bytes")
MSG_SYNTAX = gettext_noop("YAML syntax error: %(detail)s")
MSG_EMPTY_DOCUMENT = gettext_noop("the document is empty")
MSG_DUPLICATE_KEY = gettext_noop("field '%(key)s' appears more than once (first on line %(line)s)")
MSG_ALIAS = gettext_noop("YAML anchors and aliases (&name, *name) are not supported in catalogs")
MSG_TOO_DEEP = gettext_noop("the document is nested too deeply")


class _NodeIndex:
    """Line numbers of every YAML path, plus structural problems found while walking the nodes."""

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def walk(self, node: yaml.Node, path: str) -> None:
        if id(node) in self._seen:
            # The same node reached twice can only be an alias; refusing them also rules out
            # exponential "billion laughs" documents.
            self.problems.append(Problem(path, MSG_ALIAS, line=node.start_mark.line + 1))
            return
        self._seen.add(id(node))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            first_lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = join_path(path, key)
                line = key_node.start_mark.line + 1
                if key in first_lines:
                    self.problems.append(
                        Problem(child, MSG_DUPLICATE_KEY, {"key": key, "line": first_lines[key]}, line=line)
                    )
                    continue
                first_lines[key] = line
                self.lines[child] = line
                self.walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, value_node in enumerate(node.value):
                self.walk(value_node, join_path(path, index))

    def line_of(self, path: str) -> int | None:
        """Line of ``path`` or, for a missing field, of the nearest enclosing value."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""


def _read(source: str | bytes | os.PathLike[str]) -> str:
    if isinstance(source, os.PathLike):
        try:
            size = os.path.getsize(source)
            if size > MAX_DOCUMENT_BYTES:
                raise CatalogError([Problem("", MSG_TOO_LARGE, {"limit": MAX_DOCUMENT_BYTES})])
            source = Path(source).read_bytes()
        except OSError as exc:
            raise CatalogError([Problem("", MSG_UNREADABLE, {"detail": exc.strerror or str(exc)})]) from exc
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CatalogError([Problem("", MSG_NOT_UTF8)]) from exc
    if len(source.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        raise CatalogError([Problem("", MSG_TOO_LARGE, {"limit": MAX_DOCUMENT_BYTES})])
    return source


def _parse(text: str) -> tuple[Any, _NodeIndex]:
    index = _NodeIndex()
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CatalogError([Problem("", MSG_EMPTY_DOCUMENT)])
        index.walk(node, "")
        if index.problems:
            raise CatalogError(index.problems)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        raise CatalogError([Problem("", MSG_SYNTAX, {"detail": detail}, line=line)]) from exc
    except RecursionError as exc:
        # PyYAML composes recursively; absurd nesting must still end in a clear message.
        raise CatalogError([Problem("", MSG_TOO_DEEP)]) from exc
    finally:
        loader.dispose()
    return data, index


def catalog_from_data(data: Any) -> Catalog:
    """The ``Catalog`` for already-parsed data (e.g. a stored JSON snapshot)."""
    problems = validate(data)
    if problems:
        raise CatalogError(problems)
    return build_catalog(data)


def load_catalog(source: str | bytes | os.PathLike[str]) -> Catalog:
    """Load one catalog from a file (a ``Path``) or from YAML/JSON text (``str`` or ``bytes``).

    Raises ``CatalogError`` listing every problem, each with its YAML path and line.
    """
    data, index = _parse(_read(source))
    problems = validate(data)
    if problems:
        located = [Problem(p.path, p.template, p.params, line=index.line_of(p.path)) for p in problems]
        # In file order, so an author can work through the list top to bottom.
        raise CatalogError(sorted(located, key=lambda p: p.line or 0))
    return build_catalog(data)
