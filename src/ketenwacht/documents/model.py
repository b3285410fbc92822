"""The neutral report model that every renderer in this package reads.

Plain frozen dataclasses holding already-formatted text: the caller decides wording, language
and number formats; the renderers decide only layout.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """A table column: its heading and a relative width (the PDF and XLSX use it)."""

    label: str
    weight: float = 1.0


@dataclass(frozen=True)
class Row:
    """A table row; ``emphasis`` renders it in bold (highlight, e.g. a 24x7 contact).

    Emphasis is never the only signal: the row's own text must say why it matters.
    """

    cells: Sequence[str]
    emphasis: bool = False


@dataclass(frozen=True)
class Table:
    """A table with one header row. ``key`` names it in XLSX sheet names and CSV exports."""

    columns: Sequence[Column | str]
    rows: Sequence[Row | Sequence[str]]
    caption: str = ""
    key: str = ""

    @property
    def column_list(self) -> list[Column]:
        return [c if isinstance(c, Column) else Column(str(c)) for c in self.columns]

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.column_list]

    def iter_rows(self) -> Iterator[tuple[list[str], bool]]:
        """Each row as (cells as text, emphasis), padded or cut to the number of columns."""
        width = len(self.columns)
        for row in self.rows:
            cells, emphasis = (row.cells, row.emphasis) if isinstance(row, Row) else (row, False)
            text = ["" if c is None else str(c) for c in cells][:width]
            text += [""] * (width - len(text))
            yield text, emphasis


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (no markup; renderers escape it)."""

    text: str


@dataclass(frozen=True)
class KeyValues:
    """Label/value pairs, shown as a definition list."""

    pairs: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Figure:
    """An inline SVG picture (a chart). The SVG must be self-contained: no external references.

    HTML embeds it as is; the PDF draws it when ``svglib`` is installed and otherwise prints a
    note with the caption; XLSX and CSV leave figures out.
    """

    svg: str
    caption: str = ""


Block = Table | Paragraph | KeyValues | Figure


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: Sequence[Block] = ()


@dataclass(frozen=True)
class Strings:
    """The renderers' own words, so the caller can pass them in its language."""

    page: str = "Page {page} of {pages}"
    metadata: str = "Metadata"
    figure_omitted: str = "Figure not shown in this format: {caption}"
    label: str = "Label"
    value: str = "Value"


@dataclass(frozen=True)
class Document:
    """A report: title, metadata pairs (shown on top of every format) and sections.

    ``footer`` is repeated on every PDF page and at the end of the HTML, e.g. organisation,
    generation time and checksum. ``landscape`` selects A4 landscape for print.
    """

    title: str
    subtitle: str = ""
    meta: Sequence[tuple[str, str]] = ()
    sections: Sequence[Section] = ()
    footer: str = ""
    lang: str = "nl"
    landscape: bool = False
    strings: Strings = field(default_factory=Strings)

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]
