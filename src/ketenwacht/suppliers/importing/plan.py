"""Turn the rows of an import file into a plan: suppliers with their services and contacts.

Nothing touches the database here; every cell problem becomes a :class:`RowError` with the line
and the column header as written in the file. Rows for the same supplier (same enterprise number,
else same name) are merged; a value that contradicts an earlier row for the same supplier is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ketenwacht.suppliers import validators
from ketenwacht.suppliers.importing.columns import (
    CONTACT,
    SERVICE,
    SUPPLIER,
    CellError,
    Column,
    allowed_words,
    find_column,
    fold,
    parse_cell,
)
from ketenwacht.suppliers.importing.reader import Sheet


@dataclass(frozen=True, order=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line, "column": self.column, "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Cell:
    value: Any
    line: int
    header: str


@dataclass
class Part:
    """The fields of one supplier, service or contact, each remembering where it came from."""

    line: int
    cells: dict[str, Cell] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        return {name: cell.value for name, cell in self.cells.items()}

    def where(self, field_name: str, headers: dict[tuple[str, str], str], target: str) -> tuple[int, str]:
        cell = self.cells.get(field_name)
        if cell is not None:
            return cell.line, cell.header
        return self.line, headers.get((target, field_name), "")


@dataclass
class SupplierPlan:
    supplier: Part
    services: dict[str, Part] = field(default_factory=dict)  # folded name → part
    contacts: dict[tuple[str, str], Part] = field(default_factory=dict)  # (folded name, role) → part
    failed: bool = False  # a cell of this supplier could not be read


@dataclass
class Plan:
    suppliers: list[SupplierPlan]
    errors: list[RowError]
    headers: dict[tuple[str, str], str]  # (target, field) → header as written
    row_count: int


_CELL_MESSAGES = {
    "yes_no": lambda c: _("write yes or no (ja or nee)."),
    "date": lambda c: _("write a date as YYYY-MM-DD or DD-MM-YYYY."),
    "choice": lambda c: _("not one of: %(words)s.") % {"words": ", ".join(allowed_words(c))},
}


def _map_headers(sheet: Sheet, errors: list[RowError]) -> list[Column | None]:
    mapped: list[Column | None] = []
    seen: dict[str, str] = {}
    for header in sheet.headers:
        if not header.strip():
            mapped.append(None)
            continue
        column = find_column(header)
        if column is None:
            errors.append(RowError(1, header, _("unknown column; see the import format for the accepted headers.")))
        elif column.key in seen:
            errors.append(RowError(1, header, _("same column as %(other)s.") % {"other": seen[column.key]}))
            column = None
        else:
            seen[column.key] = header
        mapped.append(column)
    if "name" not in seen:
        errors.append(RowError(1, "", _("the file needs a column with the supplier's name (name or naam).")))
    return mapped


def _supplier_key(values: dict[str, Any]) -> tuple[str | None, str | None]:
    """(enterprise number as stored, folded name) used to recognise the same supplier."""
    number = (values.get("enterprise_number") or "").strip()
    if number:
        try:
            number = validators.normalise_enterprise_number(number, values.get("country") or "BE")
        except ValidationError:
            number = number.replace(" ", "").upper()
    name = (values.get("name") or "").strip().casefold() or None
    return number or None, name


def _differs(field_name: str, first: Any, other: Any) -> bool:
    if field_name == "name":  # "Alfa" and "ALFA" name the same supplier, service or contact
        return str(first).casefold() != str(other).casefold()
    return first != other


def _merge(part: Part, cells: dict[str, Cell], errors: list[RowError]) -> None:
    for name, cell in cells.items():
        known = part.cells.get(name)
        if known is None:
            part.cells[name] = cell
        elif _differs(name, known.value, cell.value):
            errors.append(RowError(cell.line, cell.header, _(
                "differs from line %(line)s for the same supplier (%(value)s)."
            ) % {"line": known.line, "value": known.value}))


def build_plan(sheet: Sheet) -> Plan:
    errors: list[RowError] = []
    columns = _map_headers(sheet, errors)
    headers = {(c.target, c.field): h for c, h in zip(columns, sheet.headers, strict=False) if c is not None}
    plans: list[SupplierPlan] = []
    by_number: dict[str, SupplierPlan] = {}
    by_name: dict[str, SupplierPlan] = {}
    row_count = 0
    for line, cells in sheet.rows:
        if not any(cells):
            continue
        row_count += 1
        parts: dict[str, dict[str, Cell]] = {SUPPLIER: {}, SERVICE: {}, CONTACT: {}}
        row_failed = False
        for column, header, text in zip(columns, sheet.headers, cells, strict=False):
            if column is None or not text:
                continue
            try:
                value = parse_cell(column, text)
            except CellError as exc:
                errors.append(RowError(line, header, f"'{text}': {_CELL_MESSAGES[str(exc)](column)}"))
                row_failed = True
                continue
            parts[column.target][column.field] = Cell(value, line, header)
        supplier_values = {k: c.value for k, c in parts[SUPPLIER].items()}
        number, name = _supplier_key(supplier_values)
        if number:  # "0202 239 951" and "0202.239.951" on two rows are the same number
            parts[SUPPLIER]["enterprise_number"].value = number
        if name is None:
            errors.append(RowError(line, headers.get((SUPPLIER, "name"), ""), _("the supplier's name is missing.")))
            continue
        plan = by_number.get(number) if number else None
        named = by_name.get(name)
        if plan is not None and named is not None and named is not plan:
            errors.append(RowError(line, headers.get((SUPPLIER, "enterprise_number"), ""), _(
                "line %(line)s has a supplier with this name but another enterprise number."
            ) % {"line": named.supplier.line}))
            continue
        plan = plan or named
        if plan is None:
            plan = SupplierPlan(supplier=Part(line))
            plans.append(plan)
        _merge(plan.supplier, parts[SUPPLIER], errors)
        if number:
            by_number.setdefault(number, plan)
        by_name.setdefault(name, plan)
        plan.failed = plan.failed or row_failed
        _add_child(plan.services, parts[SERVICE], line, "name", None, headers, errors, SERVICE)
        _add_child(plan.contacts, parts[CONTACT], line, "name", "role", headers, errors, CONTACT)
    return Plan(suppliers=plans, errors=errors, headers=headers, row_count=row_count)


def _add_child(
    children: dict[Any, Part],
    cells: dict[str, Cell],
    line: int,
    name_field: str,
    role_field: str | None,
    headers: dict[tuple[str, str], str],
    errors: list[RowError],
    target: str,
) -> None:
    if not cells:
        return
    name = cells.get(name_field)
    if name is None:
        message = (
            _("the service name is missing while other service columns are filled in.")
            if target == SERVICE
            else _("the contact name is missing while other contact columns are filled in.")
        )
        errors.append(RowError(line, headers.get((target, name_field), f"{target}_name"), message))
        return
    key: Any = fold(name.value)
    if role_field is not None:
        role = cells.get(role_field)
        if role is None:
            errors.append(RowError(line, headers.get((target, role_field), f"{target}_role"), _(
                "the contact's role is missing."
            )))
            return
        key = (key, role.value)
    part = children.get(key)
    if part is None:
        children[key] = Part(line, dict(cells))
    else:
        _merge(part, cells, errors)
