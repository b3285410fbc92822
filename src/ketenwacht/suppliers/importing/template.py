"""The downloadable import template: every column, with example rows showing the layout."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ketenwacht.suppliers.importing.columns import COLUMNS

TEXT_FORMAT_ROWS = 500
# Two rows for one Belgian supplier (the second adds a contact), one row for a Dutch supplier.
_EXAMPLE_ROWS: list[dict[str, str]] = [
    {c.key: c.example for c in COLUMNS},
    {
        "name": "Voorbeeld ICT BV",
        "enterprise_number": "0202.239.951",
        "contact_name": "An Peeters",
        "contact_role": "escalation_1",
        "contact_email": "an.peeters@example.be",
        "contact_reachability": "hours",
        "contact_hours": "ma–vr 08:00–17:00",
        "contact_languages": "nl, fr",
    },
    {
        "name": "Netwerkbeheer Noord BV",
        "enterprise_number": "17001910",
        "country": "NL",
        "status": "onboarding",
        "criticality": "high",
        "incident_relevant": "no",
        "processes_personal_data": "no",
        "service_name": "Switches en wifi",
        "service_kind": "both",
        "contact_name": "Storingsdienst",
        "contact_role": "incident_contact",
        "contact_phone": "+31 20 123 4567",
        "contact_reachability": "24x7",
    },
]


def headers(language: str) -> list[str]:
    return [c.nl if language == "nl" else c.key for c in COLUMNS]


def rows() -> list[list[str]]:
    return [[row.get(c.key, "") for c in COLUMNS] for row in _EXAMPLE_ROWS]


def template_csv(language: str) -> bytes:
    """UTF-8 with byte-order mark so Excel reads accents; semicolons for the Dutch template, as Excel there."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if language == "nl" else ",", lineterminator="\r\n")
    writer.writerow(headers(language))
    writer.writerows(rows())
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(language: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Leveranciers" if language == "nl" else "Suppliers"
    sheet.append(headers(language))
    for row in rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column_cells in sheet.columns:
        width = max(len(str(c.value or "")) for c in column_cells)
        sheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 10), 40)
    # Text format for numbers with meaningful leading zeros (0202.239.951, 020 …), so Excel keeps them.
    for key in ("enterprise_number", "contact_phone", "postal_code"):
        letter = sheet.cell(row=1, column=[c.key for c in COLUMNS].index(key) + 1).column_letter
        for number in range(2, TEXT_FORMAT_ROWS + 2):
            sheet[f"{letter}{number}"].number_format = "@"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
