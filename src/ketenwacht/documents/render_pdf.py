"""PDF output with reportlab's platypus: A4, printable, page numbers "page x of y".

Every page carries the document title at the top and, at the bottom, the document's footer
line (e.g. organisation, generation time, checksum) and the page number. Tables repeat their
header row on each page and wrap long cells (words longer than a column are split). The
built-in Helvetica covers Dutch and French accents and the euro sign (Windows-1252);
characters outside that set print as a blank. Figures are drawn when ``svglib`` is installed;
without it a note with the caption takes their place.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import Flowable, KeepTogether

from ketenwacht.documents.model import Document, Figure, KeyValues, Paragraph, Section, Table

try:  # optional: draws Figure blocks; the PDF is complete without it
    from svglib.svglib import svg2rlg
except ImportError:  # pragma: no cover - depends on the environment
    svg2rlg = None

MARGIN = 15 * mm
FOOTER_FONT_SIZE = 7
CELL_PADDING = 3

_BASE = ParagraphStyle("kw-base", fontName="Helvetica", fontSize=9, leading=11.5, alignment=TA_LEFT)
_CELL = ParagraphStyle("kw-cell", parent=_BASE, fontSize=8, leading=9.8)
_CELL_BOLD = ParagraphStyle("kw-cell-bold", parent=_CELL, fontName="Helvetica-Bold")
_HEAD = ParagraphStyle("kw-head", parent=_CELL, fontName="Helvetica-Bold")
_TITLE = ParagraphStyle("kw-title", parent=_BASE, fontName="Helvetica-Bold", fontSize=17, leading=21)
_SUBTITLE = ParagraphStyle("kw-subtitle", parent=_BASE, fontSize=12, leading=15, spaceAfter=6)
_H2 = ParagraphStyle("kw-h2", parent=_BASE, fontName="Helvetica-Bold", fontSize=12.5, leading=15,
                     spaceBefore=10, spaceAfter=5)
_CAPTION = ParagraphStyle("kw-caption", parent=_BASE, fontName="Helvetica-Bold", spaceAfter=3)
_LABEL = ParagraphStyle("kw-label", parent=_BASE, fontName="Helvetica-Bold")

_HEADER_BG = colors.HexColor("#e6ecf2")
_EMPHASIS_BG = colors.HexColor("#fff4d6")
_GRID = colors.HexColor("#8c8c8c")


def _para(text: str, style: ParagraphStyle) -> RLParagraph:
    return RLParagraph(escape(text).replace("\n", "<br/>"), style)


class _NumberedCanvas(Canvas):
    """Holds every page until the end so each can say "page x of y"."""

    def __init__(self, *args: object, document: Document, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._document = document
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_page_furniture(number, total)
            super().showPage()
        super().save()

    def _draw_page_furniture(self, number: int, total: int) -> None:
        doc = self._document
        width, height = self._pagesize
        usable = width - 2 * MARGIN
        self.saveState()
        self.setFillColor(colors.HexColor("#3d3d3d"))
        self.setFont("Helvetica", FOOTER_FONT_SIZE)
        self.drawString(MARGIN, height - MARGIN + 4 * mm, doc.title[:150])
        page_text = doc.strings.page.format(page=number, pages=total)
        self.drawRightString(width - MARGIN, MARGIN - 7 * mm, page_text)
        page_width = self.stringWidth(page_text, "Helvetica", FOOTER_FONT_SIZE) + 6 * mm
        lines = simpleSplit(doc.footer, "Helvetica", FOOTER_FONT_SIZE, usable - page_width)
        y = MARGIN - 7 * mm
        for line in reversed(lines[:3]):
            self.drawString(MARGIN, y, line)
            y += FOOTER_FONT_SIZE + 1.5
        self.setStrokeColor(_GRID)
        self.setLineWidth(0.4)
        self.line(MARGIN, MARGIN - 3 * mm, width - MARGIN, MARGIN - 3 * mm)
        self.restoreState()


def _widths(weights: list[float], usable: float) -> list[float]:
    total = sum(weights) or 1.0
    return [usable * w / total for w in weights]


def _table_flowable(header: list, rows: list[list], emphasis: list[bool], widths: list[float]) -> RLTable:
    table = RLTable([header, *rows], colWidths=widths, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 1), (-1, -1), _CELL.fontName),
        ("FONTSIZE", (0, 1), (-1, -1), _CELL.fontSize),
        ("LEADING", (0, 1), (-1, -1), _CELL.leading),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, emph in enumerate(emphasis, start=1):
        if emph:
            style.append(("BACKGROUND", (0, i), (-1, i), _EMPHASIS_BG))
            style.append(("FONTNAME", (0, i), (-1, i), _CELL_BOLD.fontName))
    table.setStyle(TableStyle(style))
    return table


def _cell(text: str, style: ParagraphStyle, width: float) -> str | RLParagraph:
    """The cell's text wrapped into plain lines (far cheaper to lay out than a paragraph).

    A word wider than the column falls back to a paragraph, which splits long words.
    """
    avail = width - 2 * CELL_PADDING
    lines = simpleSplit(text, style.fontName, style.fontSize, avail)
    if all(stringWidth(line, style.fontName, style.fontSize) <= avail for line in lines):
        return "\n".join(lines)
    return _para(text, style)


def _table(table: Table, usable: float, heading: str = "") -> list[Flowable]:
    columns = table.column_list
    widths = _widths([c.weight for c in columns], usable)
    header = [_para(c.label, _HEAD) for c in columns]
    flowables: list[Flowable] = []
    if table.caption and table.caption != heading:  # on paper the section heading already says it
        flowables.append(_para(table.caption, _CAPTION))
    rows: list[list] = []
    emphasis: list[bool] = []
    for cells, emph in table.iter_rows():
        style = _CELL_BOLD if emph else _CELL
        rows.append([_cell(c, style, w) for c, w in zip(cells, widths, strict=True)])
        emphasis.append(emph)
    flowables.append(_table_flowable(header, rows, emphasis, widths))
    flowables.append(Spacer(1, 4 * mm))
    return flowables


def _key_values(pairs: list[tuple[str, str]], usable: float) -> RLTable:
    data = [[_para(k, _LABEL), _para(v, _BASE)] for k, v in pairs]
    table = RLTable(data, colWidths=[min(55 * mm, usable * 0.3), usable - min(55 * mm, usable * 0.3)])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def _figure(figure: Figure, doc: Document, usable: float) -> list[Flowable]:
    drawing = None
    if svg2rlg is not None:
        try:
            drawing = svg2rlg(io.BytesIO(figure.svg.encode("utf-8")))
        except Exception:  # noqa: BLE001 - a broken picture must not cost the whole report; the note says so
            drawing = None
    if drawing is None:
        return [_para(doc.strings.figure_omitted.format(caption=figure.caption), _BASE)]
    if drawing.width > usable:
        factor = usable / drawing.width
        drawing.scale(factor, factor)
        drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    parts: list[Flowable] = [drawing]
    if figure.caption:
        parts.append(_para(figure.caption, _BASE))
    return [KeepTogether(parts)]


def _section(section: Section, doc: Document, usable: float) -> list[Flowable]:
    flowables: list[Flowable] = [_para(section.heading, _H2)]
    for block in section.blocks:
        if isinstance(block, Table):
            flowables.extend(_table(block, usable, section.heading))
        elif isinstance(block, Paragraph):
            flowables.append(_para(block.text, _BASE))
            flowables.append(Spacer(1, 2 * mm))
        elif isinstance(block, KeyValues):
            flowables.append(_key_values(list(block.pairs), usable))
            flowables.append(Spacer(1, 3 * mm))
        elif isinstance(block, Figure):
            flowables.extend(_figure(block, doc, usable))
    return flowables


def to_pdf(doc: Document) -> bytes:
    """The document as an A4 PDF (bytes)."""
    pagesize = landscape(A4) if doc.landscape else A4
    usable = pagesize[0] - 2 * MARGIN
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm, title=doc.title, subject=doc.subtitle, creator="Ketenwacht",
        lang=doc.lang,
    )
    story: list[Flowable] = [_para(doc.title, _TITLE)]
    if doc.subtitle:
        story.append(_para(doc.subtitle, _SUBTITLE))
    if doc.meta:
        story.append(_key_values(list(doc.meta), usable))
    for section in doc.sections:
        story.extend(_section(section, doc, usable))

    def canvas_maker(*args: object, **kwargs: object) -> _NumberedCanvas:
        return _NumberedCanvas(*args, document=doc, **kwargs)

    template.build(story, canvasmaker=canvas_maker)
    return buffer.getvalue()
