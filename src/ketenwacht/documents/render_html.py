"""HTML output: ONE self-contained file that opens anywhere without a network.

Inline CSS only (screen and an A4 print stylesheet), no scripts, no images, fonts, links or
other references to anything outside the file; figures are inline SVG. Tables carry a
``<caption>`` and ``<th scope="col">`` headers; emphasised rows are bold (their text says why).
"""

from __future__ import annotations

import re
from html import escape

from ketenwacht.documents.model import Document, Figure, KeyValues, Paragraph, Section, Table

_CSS = """
*{box-sizing:border-box}
body{font-family:Helvetica,Arial,sans-serif;font-size:11pt;line-height:1.4;color:#1a1a1a;margin:1.5rem}
h1{font-size:1.6rem;margin:0 0 .2rem}
.subtitle{font-size:1.1rem;margin:0 0 1rem}
h2{font-size:1.25rem;margin:1.6rem 0 .5rem;border-bottom:2px solid #154273}
dl.meta,dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 1rem}
dt{font-weight:bold}
dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:9.5pt}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #8c8c8c;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:#e6ecf2}
tr.emphasis td{font-weight:bold;background:#fff4d6}
figure{margin:0 0 1rem}
footer{margin-top:2rem;font-size:8.5pt;color:#3d3d3d;border-top:1px solid #8c8c8c;padding-top:.4rem;overflow-wrap:anywhere}
@media print{
  body{margin:0;font-size:9pt}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  h2{break-after:avoid}
  tr.emphasis td{background:none}
}
"""

# Anything that would make a browser fetch from outside the file (or run code) inside a figure.
_UNSAFE_SVG = re.compile(r"<script|\bon\w+\s*=|(?:href|src)\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)", re.IGNORECASE)


def _page_css(doc: Document) -> str:
    orientation = " landscape" if doc.landscape else ""
    return f"@page{{size:A4{orientation};margin:12mm}}"


def _table(table: Table) -> str:
    parts = ["<table>"]
    if table.caption:
        parts.append(f"<caption>{escape(table.caption)}</caption>")
    parts.append("<thead><tr>")
    parts.extend(f'<th scope="col">{escape(label)}</th>' for label in table.labels)
    parts.append("</tr></thead><tbody>")
    for cells, emphasis in table.iter_rows():
        parts.append('<tr class="emphasis">' if emphasis else "<tr>")
        parts.extend(f"<td>{escape(c)}</td>" for c in cells)
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _key_values(pairs: KeyValues | list[tuple[str, str]], css_class: str) -> str:
    items = pairs.pairs if isinstance(pairs, KeyValues) else pairs
    body = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    return f'<dl class="{css_class}">{body}</dl>'


def _figure(figure: Figure) -> str:
    if _UNSAFE_SVG.search(figure.svg):
        raise ValueError("a figure's SVG must be self-contained: no scripts, event handlers or external references")
    caption = f"<figcaption>{escape(figure.caption)}</figcaption>" if figure.caption else ""
    return f"<figure>{figure.svg}{caption}</figure>"


def _section(section: Section) -> str:
    parts = [f"<section><h2>{escape(section.heading)}</h2>"]
    for block in section.blocks:
        if isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, KeyValues):
            parts.append(_key_values(block, "kv"))
        elif isinstance(block, Figure):
            parts.append(_figure(block))
    parts.append("</section>")
    return "".join(parts)


def to_html(doc: Document) -> str:
    """The document as one HTML5 page with everything inline."""
    lang = escape(doc.lang or "nl")
    head = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>{_CSS}{_page_css(doc)}</style>\n</head>\n"
    )
    body = ["<body>\n<header>", f"<h1>{escape(doc.title)}</h1>"]
    if doc.subtitle:
        body.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    if doc.meta:
        body.append(_key_values(list(doc.meta), "meta"))
    body.append("</header>\n<main>")
    body.extend(_section(section) for section in doc.sections)
    body.append("</main>")
    if doc.footer:
        body.append(f"<footer>{escape(doc.footer)}</footer>")
    body.append("</body>\n</html>\n")
    return head + "\n".join(body)
