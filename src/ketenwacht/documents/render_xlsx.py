"""XLSX output: a metadata sheet first, then one sheet per table.

The metadata sheet holds the title, subtitle, metadata pairs, footer and each section's
paragraphs and label/value pairs. Table sheets have a bold, frozen header row, an autofilter
and column widths from the content. Every cell is text: nothing a user typed runs as a formula.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ketenwacht.documents.model import Document, KeyValues, Paragraph, Table

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
# Characters XML 1.0 cannot hold; openpyxl refuses them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    return _ILLEGAL_XML.sub("", value)


def _set(ws: Worksheet, row: int, column: int, value: str, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=column, value=_text(value))
    cell.data_type = "s"  # a string starting with '=' stays text, never a formula
    if bold:
        cell.font = _BOLD
    if len(value) > _MAX_WIDTH or "\n" in value:
        cell.alignment = _WRAP


def _sheet_title(wanted: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", _text(wanted)).strip().strip("'")[:31] or "Table"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _metadata_sheet(ws: Worksheet, doc: Document) -> None:
    row = 1
    _set(ws, row, 1, doc.title, bold=True)
    if doc.subtitle:
        row += 1
        _set(ws, row, 1, doc.subtitle)
    row += 2
    for label, value in doc.meta:
        _set(ws, row, 1, label, bold=True)
        _set(ws, row, 2, value)
        row += 1
    for section in doc.sections:
        notes = [b for b in section.blocks if isinstance(b, Paragraph | KeyValues)]
        if not notes:
            continue
        row += 1
        _set(ws, row, 1, section.heading, bold=True)
        row += 1
        for block in notes:
            if isinstance(block, Paragraph):
                _set(ws, row, 1, block.text)
                row += 1
            else:
                for label, value in block.pairs:
                    _set(ws, row, 1, label)
                    _set(ws, row, 2, value)
                    row += 1
    if doc.footer:
        row += 1
        _set(ws, row, 1, doc.footer)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 80


def _table_sheet(ws: Worksheet, table: Table) -> None:
    labels = table.labels
    widths = [len(label) for label in labels]
    for col, label in enumerate(labels, start=1):
        _set(ws, 1, col, label, bold=True)
    for r, (cells, emphasis) in enumerate(table.iter_rows(), start=2):
        for col, value in enumerate(cells, start=1):
            _set(ws, r, col, value, bold=emphasis)
            longest_line = max((len(line) for line in value.splitlines()), default=0)
            widths[col - 1] = max(widths[col - 1], longest_line)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(_MAX_WIDTH, width + 2)
    ws.freeze_panes = "A2"
    if labels:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{max(1, len(table.rows) + 1)}"


def to_xlsx(doc: Document) -> bytes:
    """The document as an XLSX workbook (bytes)."""
    wb = Workbook()
    taken: set[str] = set()
    meta = wb.active
    meta.title = _sheet_title(doc.strings.metadata, taken)
    _metadata_sheet(meta, doc)
    for table in doc.tables():
        ws = wb.create_sheet(_sheet_title(table.caption or table.key, taken))
        _table_sheet(ws, table)
    wb.properties.title = _text(doc.title)[:255]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
