"""CSV output: one table per file, metadata as leading ``#`` lines.

Layout (RFC 4180, comma-separated, CRLF line ends, UTF-8 with a byte-order mark so Excel
reads accents and € correctly):

    # <title>
    # <label>: <value>          one line per metadata pair
    <column>,<column>,...       the header row
    <cell>,<cell>,...           one line per row

A reader skips the lines whose first cell starts with ``#`` before the header. Cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) and cells starting with ``'`` get one leading ``'``; :func:`unescape_cell` undoes it.
"""

from __future__ import annotations

import csv
import io

from ketenwacht.documents.model import Document, Table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_cell(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def unescape_cell(value: str) -> str:
    """The original text of a cell written by :func:`escape_cell`."""
    return value[1:] if value.startswith("'") else value


def _pick_table(doc: Document, key: str | None) -> Table:
    tables = doc.tables()
    if not tables:
        raise ValueError("the document has no table to write as CSV")
    if key is None:
        return tables[0]
    for table in tables:
        if table.key == key:
            return table
    raise ValueError(f"the document has no table with key {key!r}")


def to_csv(doc: Document, table_key: str | None = None) -> bytes:
    """The table ``table_key`` (default: the first table) with the document's metadata on top."""
    table = _pick_table(doc, table_key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f"# {doc.title}"])
    for label, value in doc.meta:
        writer.writerow([f"# {label}: {value}"])
    writer.writerow([escape_cell(label) for label in table.labels])
    for cells, _emphasis in table.iter_rows():
        writer.writerow([escape_cell(c) for c in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
