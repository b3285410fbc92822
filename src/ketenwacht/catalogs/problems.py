"""Validation problems: where in the document (a YAML path) and what is wrong.

Messages are English msgids with named placeholders, marked with ``gettext_noop`` so the web
app can extract and translate them (``gettext(problem.template) % problem.params``) while this
package stays free of Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

ROOT_LABEL = "(document)"


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it here."""
    return message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog document.

    ``path`` is a YAML path such as ``sections[2].items[0].weight`` (empty for the document
    itself); ``line`` is the 1-based line in the source text when known.
    """

    path: str
    template: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    line: int | None = None

    @property
    def message(self) -> str:
        return self.template % self.params

    def __str__(self) -> str:
        where = self.path or ROOT_LABEL
        if self.line is not None:
            where = f"{where} (line {self.line})"
        return f"{where}: {self.message}"


class CatalogError(ValueError):
    """A catalog document could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        summary = "; ".join(str(problem) for problem in self.problems[:3])
        if count > 3:
            summary += f"; and {count - 3} more"
        super().__init__(f"invalid catalog ({count} problem{'s' if count != 1 else ''}): {summary}")


def join_path(base: str, key: str | int) -> str:
    """Extend a YAML path: ``join_path("sections[1]", "items")`` is ``sections[1].items``."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key
