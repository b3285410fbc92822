"""The document renderers, without Django: PDF text, XLSX read back, HTML self-contained, CSV parsed."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from pypdf import PdfReader

from ketenwacht.documents import (
    Column,
    Document,
    Figure,
    KeyValues,
    Paragraph,
    Row,
    Section,
    Strings,
    Table,
    canonical_json,
    content_sha256,
    render_pdf,
    to_csv,
    to_html,
    to_pdf,
    to_xlsx,
)
from ketenwacht.documents.render_csv import escape_cell, unescape_cell

CHECKSUM = "0123456789abcdef" * 4
ORG = "Gemeente Voorbeeldstad"


def _doc(rows: int = 3, landscape: bool = False) -> Document:
    contacts = Table(
        columns=[Column("Leverancier", 2), "Rol", "Telefoon", Column("Opmerking", 3)],
        rows=[
            Row([f"Leverancier {i} – Brasserie Ça-va", "Incidentmeldpunt", "+32 2 123 45 67",
                 "Lange tekst " * 12 + "€ 1.250,00 ëïé"], emphasis=i == 0)
            for i in range(rows)
        ],
        caption="Contactpersonen",
        key="contacts",
    )
    services = Table(columns=["Leverancier", "Dienst"], rows=[["Hostco", "=HYPERLINK(\"x\")"]],
                     caption="Diensten", key="services")
    return Document(
        title="Crisislijst",
        subtitle=ORG,
        meta=[("Organisatie", ORG), ("Gegenereerd", "2025-03-01 14:05"), ("SHA-256", CHECKSUM)],
        sections=[
            Section("Contacten", [Paragraph("Bel eerst het 24x7-meldpunt."), contacts]),
            Section("Diensten", [services, KeyValues([("Eigenaar", "Team ICT")])]),
        ],
        footer=f"{ORG} · 2025-03-01 14:05 · SHA-256 {CHECKSUM}",
        lang="nl",
        landscape=landscape,
        strings=Strings(page="Pagina {page} van {pages}", metadata="Metagegevens"),
    )


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("landscape", [False, True])
def test_pdf_is_a4_and_shows_org_checksum_and_page_numbers(landscape: bool) -> None:
    data = to_pdf(_doc(rows=120, landscape=landscape))
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    a4 = (595.27, 841.89)
    assert (round(width), round(height)) == ((842, 595) if landscape else (595, 842))
    assert abs(min(width, height) - a4[0]) < 1
    pages, text = _pdf_text(data)
    assert pages > 1
    assert ORG in text
    assert CHECKSUM in text.replace("\n", "")
    assert f"Pagina 1 van {pages}" in text
    assert f"Pagina {pages} van {pages}" in text
    assert "€ 1.250,00 ëïé" in text


def test_pdf_repeats_table_header_on_following_pages() -> None:
    reader = PdfReader(io.BytesIO(to_pdf(_doc(rows=150))))
    assert len(reader.pages) >= 3
    for page in reader.pages[1:-1]:
        assert "Telefoon" in page.extract_text()


def test_pdf_footer_on_every_page() -> None:
    reader = PdfReader(io.BytesIO(to_pdf(_doc(rows=150))))
    for page in reader.pages:
        assert "Gemeente Voorbeeldstad · 2025-03-01 14:05" in page.extract_text()


def test_pdf_empty_table_renders() -> None:
    data = to_pdf(Document(title="Leeg", sections=[Section("S", [Table(["A", "B"], [])])]))
    assert data.startswith(b"%PDF") and "A" in _pdf_text(data)[1]


def test_pdf_figure_is_drawn_or_replaced_by_a_note() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><rect width="120" height="30"/></svg>'
    strings = Strings(figure_omitted="Figuur ontbreekt: {caption}")
    drawn = to_pdf(Document(title="T", strings=strings, sections=[Section("S", [Figure(svg, "Grafiek")])]))
    text = _pdf_text(drawn)[1]
    if render_pdf.svg2rlg is not None:
        assert "Figuur ontbreekt" not in text and "Grafiek" in text
    else:
        assert "Figuur ontbreekt: Grafiek" in text
    broken = to_pdf(Document(title="T", strings=strings, sections=[Section("S", [Figure("garbage", "Kapot")])]))
    assert "Figuur ontbreekt: Kapot" in _pdf_text(broken)[1]


def test_xlsx_reads_back_with_metadata_sheet_and_one_sheet_per_table() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(_doc(rows=4))))
    assert wb.sheetnames == ["Metagegevens", "Contactpersonen", "Diensten"]
    meta_values = [c for row in wb["Metagegevens"].iter_rows(values_only=True) for c in row if c]
    assert ORG in meta_values and CHECKSUM in meta_values
    assert "Team ICT" in meta_values  # key/value block of a section
    contacts = wb["Contactpersonen"]
    assert [c.value for c in contacts[1]] == ["Leverancier", "Rol", "Telefoon", "Opmerking"]
    assert contacts["A1"].font.bold
    assert contacts["A2"].font.bold and not contacts["A3"].font.bold  # the emphasised row
    assert contacts.freeze_panes == "A2"
    assert contacts.max_row == 5
    assert contacts["C2"].value == "+32 2 123 45 67"
    services = wb["Diensten"]
    # A user-typed formula stays text.
    assert services["B2"].value == '=HYPERLINK("x")'
    assert services["B2"].data_type == "s"


def test_xlsx_sheet_names_are_valid_and_unique() -> None:
    tables = [Table(["A"], [["1"]], caption="Twee/drie: [x]*?" + "y" * 40) for _ in range(2)]
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(Document(title="T", sections=[Section("S", tables)]))))
    names = wb.sheetnames[1:]
    assert len(names) == 2 and len(set(names)) == 2
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_and_accessible() -> None:
    html = to_html(_doc(rows=3, landscape=True))
    assert "http://" not in html and "https://" not in html
    assert "src=" not in html and "<link" not in html and "<script" not in html
    parser = _Collect()
    parser.feed(html)
    tags = parser.tags
    assert ("html", {"lang": "nl"}) in tags
    ths = [attrs for tag, attrs in tags if tag == "th"]
    assert ths and all(a.get("scope") == "col" for a in ths)
    assert sum(1 for tag, _ in tags if tag == "caption") == 2
    assert "@page{size:A4 landscape" in html
    assert "@media print" in html
    assert ORG in html and CHECKSUM in html
    assert "&lt;" not in ORG and "Brasserie Ça-va" in html


def test_html_escapes_cell_text() -> None:
    doc = Document(title="<b>x</b>", sections=[Section("S", [Table(["A"], [["<script>alert(1)</script>"]])])])
    html = to_html(doc)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_inlines_figures_but_refuses_external_references() -> None:
    svg = '<svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg>'
    html = to_html(Document(title="T", sections=[Section("S", [Figure(svg, "Grafiek")])]))
    assert svg in html and "<figcaption>Grafiek</figcaption>" in html
    bad = '<svg><image href="https://example.org/x.png"/></svg>'
    with pytest.raises(ValueError):
        to_html(Document(title="T", sections=[Section("S", [Figure(bad)])]))


def test_csv_has_bom_metadata_and_parses() -> None:
    data = to_csv(_doc(rows=2), table_key="contacts")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    comments = [r[0] for r in rows if r and r[0].startswith("#")]
    assert comments[0] == "# Crisislijst"
    assert f"# SHA-256: {CHECKSUM}" in comments
    table = [r for r in rows if not r[0].startswith("#")]
    assert table[0] == ["Leverancier", "Rol", "Telefoon", "Opmerking"]
    assert len(table) == 3
    # "+32 …" would be a formula in a spreadsheet: escaped with a quote, reversibly.
    assert table[1][2] == "'+32 2 123 45 67"
    assert unescape_cell(table[1][2]) == "+32 2 123 45 67"


def test_csv_default_is_first_table_and_unknown_key_is_refused() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_doc()).decode("utf-8-sig"))))
    assert ["Leverancier", "Rol", "Telefoon", "Opmerking"] in rows
    with pytest.raises(ValueError):
        to_csv(_doc(), table_key="nope")


@pytest.mark.parametrize("value", ["=1+1", "+31", "-5", "@x", "'quoted", "\tx", "plain", "", "a=b"])
def test_csv_escape_round_trips(value: str) -> None:
    assert unescape_cell(escape_cell(value)) == value
    assert not escape_cell(value).startswith(("=", "+", "-", "@", "\t"))


def test_content_checksum_is_sha256_of_sorted_compact_utf8_json() -> None:
    content = {"b": ["é", 1], "a": "x"}
    expected_bytes = '{"a":"x","b":["é",1]}'.encode()
    assert canonical_json(content) == expected_bytes
    assert content_sha256(content) == hashlib.sha256(expected_bytes).hexdigest()


def test_characters_outside_the_fonts_and_control_characters_never_break_a_renderer() -> None:
    odd = "Łódź → 東京 😀 \x00\x07 <b>&amp;"
    doc = Document(title=odd, meta=[(odd, odd)], footer=odd * 20,
                   sections=[Section(odd, [Table([odd, "B"], [[odd + "x" * 300, odd]], caption=odd), Paragraph(odd),
                                           KeyValues([(odd, odd)])])])
    assert to_pdf(doc).startswith(b"%PDF")
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(doc)))
    assert wb.worksheets[1]["B2"].value == "Łódź → 東京 😀  <b>&amp;"  # control characters dropped
    assert "&lt;b&gt;&amp;amp;" in to_html(doc)
    rows = list(csv.reader(io.StringIO(to_csv(doc).decode("utf-8-sig"))))
    assert rows[-1][1] == odd
