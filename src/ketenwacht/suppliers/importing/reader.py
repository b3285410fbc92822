"""Read an import file into rows of cell text, each with the line number people see in their editor.

CSV: UTF-8 with or without byte-order mark, else Windows-1252 (older Excel); comma or semicolon
separated (Dutch and Belgian Excel write semicolons). XLSX: the first sheet, read-only.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ketenwacht.suppliers.importing.columns import cell_text

MAX_ROWS = 20_000
XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, encoding, no header …)."""


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)
    kind: str  # "csv" or "xlsx"


def read_file(data: bytes, filename: str = "") -> Sheet:
    """Parse ``data`` as XLSX when it is one (by content, not name), else as CSV."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(_("This is not a valid XLSX file."))
    if filename.lower().endswith(".xls"):
        raise ImportFileError(_("Old Excel .xls files cannot be read; save the file as .xlsx or .csv."))
    return _read_csv(data)


def decode(data: bytes) -> str:
    """UTF-8 (with or without byte-order mark), else Windows-1252, the encoding of older Excel."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The file is neither UTF-8 nor Windows-1252 text.")) from exc


def sniff_delimiter(header_line: str) -> str:
    """Semicolon when the header has more semicolons than commas (Dutch Excel), else comma."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _read_csv(data: bytes) -> Sheet:
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The file is not valid UTF-8 text.")) from exc
    if "\x00" in text:
        raise ImportFileError(_("This is not a CSV text file."))
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None
    line = 1
    try:
        for record in reader:
            start = line
            line = reader.line_num + 1
            if headers is None:
                if not any(c.strip() for c in record):
                    continue
                headers = [c.strip() for c in record]
                continue
            rows.append((start, [c.strip() for c in record]))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    except csv.Error as exc:
        raise ImportFileError(_("Line %(line)s cannot be read as CSV: %(reason)s") % {"line": line, "reason": exc}) from exc
    if headers is None:
        raise ImportFileError(_("The file has no header row."))
    return Sheet(headers=headers, rows=rows, kind="csv")


def _iter_xlsx(data: bytes) -> Iterator[tuple[int, list[str]]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(v) for v in values]
    finally:
        workbook.close()


def _read_xlsx(data: bytes) -> Sheet:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in _iter_xlsx(data):
            if headers is None:
                if any(cells):
                    headers = cells
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, IndexError) as exc:
        raise ImportFileError(_("This is not a valid XLSX file.")) from exc
    if headers is None:
        raise ImportFileError(_("The file has no header row."))
    while headers and not headers[-1]:
        headers.pop()
    return Sheet(headers=headers, rows=rows, kind="xlsx")
