"""Read a CSV or XLSX export into a header row and data rows, whatever the ticket system wrote.

CSV: UTF-8 (with or without byte-order mark) or Windows-1252; comma, semicolon or tab separated.
XLSX: the first sheet; date cells stay ``datetime`` values. Empty rows are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_ROWS = 1_000_000
Cell = str | dt.datetime | dt.date | float | int | bool | None


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not a single row's problem)."""


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list[Cell]]  # each as long as ``headers``
    numbers: list[int]  # the row number in the file of each row (the heading is row 1)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("the file is neither UTF-8 nor Windows-1252 text"))


def _delimiter(sample: str) -> str:
    first = sample.splitlines()[0] if sample else ""
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes) -> Sheet:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(_("the file contains binary data; export it as CSV or XLSX"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text[:4096]))
    try:
        rows = [row for row in reader]
    except csv.Error as exc:
        raise ImportFileError(_("the CSV cannot be read: %(reason)s") % {"reason": exc}) from None
    return _sheet(rows)


def read_xlsx(data: bytes) -> Sheet:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("the XLSX cannot be read: %(reason)s") % {"reason": exc}) from None
    try:
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return _sheet(rows)


def _sheet(rows: list[list[Cell]]) -> Sheet:
    while rows and all(c in (None, "") for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise ImportFileError(_("the file is empty"))
    headers = [("" if h is None else str(h)).strip() for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise ImportFileError(_("the first row has no column headings"))
    body = []
    numbers = []
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row[:len(headers)]) + [None] * (len(headers) - len(row))
        cells = [c.strip() if isinstance(c, str) else c for c in cells]
        if all(c in (None, "") for c in cells):
            continue
        body.append(cells)
        numbers.append(number)
        if len(body) > MAX_ROWS:
            raise ImportFileError(_("more than %(n)s rows; split the file") % {"n": MAX_ROWS})
    return Sheet(headers, body, numbers)


def read_file(data: bytes, filename: str) -> Sheet:
    """The sheet of a CSV or XLSX file (chosen by name, then by content)."""
    name = filename.lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return read_xlsx(data)
    if name.endswith((".xls", ".ods")):
        raise ImportFileError(_("save the file as CSV or XLSX first"))
    return read_csv(data)
