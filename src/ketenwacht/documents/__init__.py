"""Render one neutral report model to PDF, XLSX, CSV and self-contained HTML (PURE: no Django).

Build a :class:`Document` from plain, already-translated text and hand it to a renderer::

    doc = Document(
        title="Crisis list",
        subtitle="Gemeente Voorbeeldstad",
        meta=[("Generated at", "2025-03-01 14:05"), ("SHA-256", checksum)],
        sections=[
            Section("Suppliers", [
                Paragraph("All critical suppliers that are not ended."),
                Table(columns=[Column("Supplier", 2), "Phone"], rows=[Row(["Hostco", "+32 2 …"], emphasis=True)],
                      caption="Suppliers", key="suppliers"),
                KeyValues([("Owner", "ICT")]),
                Figure(svg="<svg …>…</svg>", caption="Availability"),
            ]),
        ],
        footer="Gemeente Voorbeeldstad · 2025-03-01 14:05 · SHA-256 …",
        lang="nl", landscape=True, strings=Strings(page="Pagina {page} van {pages}", …),
    )
    to_pdf(doc) -> bytes; to_xlsx(doc) -> bytes; to_csv(doc, table_key=None) -> bytes; to_html(doc) -> str

What each renderer does with the model:

- ``to_pdf``: A4 (portrait, or landscape with ``landscape=True``); title on top of each page,
  ``footer`` and "page x of y" at the bottom; metadata as a label/value block on page one;
  tables repeat their header row on every page, wrap long cells, emphasised rows bold on a
  tinted background; figures via ``svglib`` when installed, else a note with the caption.
- ``to_xlsx``: a metadata sheet (title, metadata, paragraphs and label/value pairs, footer),
  then one sheet per table named after its caption: bold frozen header, autofilter, widths.
- ``to_csv``: ONE table per file (``table_key`` picks it, default the first); comma-separated,
  UTF-8 with byte-order mark, metadata as leading ``# label: value`` lines; cells that a
  spreadsheet would run as a formula get a leading ``'`` (see :mod:`.render_csv`).
- ``to_html``: one HTML5 file with inline CSS (screen + A4 print), ``lang``, ``<caption>`` and
  ``<th scope="col">``; no scripts and no reference to anything outside the file.

:func:`content_sha256` gives a checksum over a canonical JSON form of any content, so every
format of one export can carry the same, independently verifiable value.
"""

from ketenwacht.documents.checksum import canonical_json, content_sha256
from ketenwacht.documents.model import (
    Column,
    Document,
    Figure,
    KeyValues,
    Paragraph,
    Row,
    Section,
    Strings,
    Table,
)
from ketenwacht.documents.render_csv import to_csv
from ketenwacht.documents.render_html import to_html
from ketenwacht.documents.render_pdf import to_pdf
from ketenwacht.documents.render_xlsx import to_xlsx

__all__ = [
    "Column",
    "Document",
    "Figure",
    "KeyValues",
    "Paragraph",
    "Row",
    "Section",
    "Strings",
    "Table",
    "canonical_json",
    "content_sha256",
    "to_csv",
    "to_html",
    "to_pdf",
    "to_xlsx",
]
