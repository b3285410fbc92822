"""Self-contained SVG charts for the SLA report: the same markup goes into the page and the PDF.

Plain shapes with inline attributes (no CSS, scripts or external references), a ``<title>`` and
``<desc>`` for screen readers, and every value written out as text, so no meaning rests on
colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 44
MET, BREACHED, NEUTRAL, INK, GRID, BUDGET = "#2e7d32", "#b71c1c", "#5f6b7a", "#1a1a1a", "#d0d4da", "#8a4b00"
FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _svg(key: str, title: str, desc: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}" role="img" aria-labelledby="{key}-title {key}-desc">'
            f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(desc)}</desc>'
            f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>' + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, size: int = 11, anchor: str = "middle", fill: str = INK,
          weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'font-weight="{weight}" {FONT}>{escape(text)}</text>')


def trend_chart(points: Sequence[dict], *, key: str = "trend", title: str, desc: str, fmt_percent: Callable[[float], str],
                target_label: str) -> str:
    """Bars of availability per period (value written above each bar), the target as a dashed line."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body: list[str] = []
    if not points:
        return _svg(key, title, desc, [_text(WIDTH / 2, HEIGHT / 2, desc, 13)])
    values = [p["availability_percent"] for p in points]
    targets = [p["target_percent"] for p in points if p.get("target_percent") is not None]
    low = min(values + targets)
    # Zoom in on the interesting band: from just under the lowest value (or target) to 100 %.
    span = max(100 - low, 0.05) * 1.25
    floor = max(0.0, 100 - span)

    def y(value: float) -> float:
        return TOP + plot_h * (100 - value) / (100 - floor)

    for frac in (0, 0.5, 1):
        value = floor + (100 - floor) * frac
        body.append(f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" '
                    f'stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(LEFT - 6, y(value) + 4, fmt_percent(value), 10, "end"))
    slot = plot_w / len(points)
    bar = min(40.0, slot * 0.6)
    for i, point in enumerate(points):
        cx = LEFT + slot * (i + 0.5)
        value = point["availability_percent"]
        met = point.get("met")
        colour = NEUTRAL if met is None else (MET if met else BREACHED)
        top = y(value)
        body.append(f'<rect x="{cx - bar / 2:.1f}" y="{top:.1f}" width="{bar:.1f}" '
                    f'height="{max(TOP + plot_h - top, 1):.1f}" fill="{colour}"/>')
        body.append(_text(cx, top - 4, fmt_percent(value), 9))
        body.append(_text(cx, HEIGHT - BOTTOM + 16, point["label"], 10))
        if met is False:
            body.append(_text(cx, HEIGHT - BOTTOM + 30, "✗", 11, fill=BREACHED, weight="bold"))
    if targets:
        ty = y(targets[-1])
        body.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="{INK}" '
                    f'stroke-width="1.5" stroke-dasharray="6 4"/>')
        body.append(_text(WIDTH - RIGHT, ty - 5, f"{target_label} {fmt_percent(targets[-1])}", 10, "end"))
    return _svg(key, title, desc, body)


def budget_chart(points: Sequence[dict], allowed_seconds: float | None, *, key: str = "budget", title: str, desc: str,
                 fmt_duration: Callable[[float], str], budget_label: str, start_label: str) -> str:
    """Downtime used since the start of the measurement period (a step line) against the budget."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body: list[str] = []
    used = [p["downtime_seconds"] for p in points]
    top_value = max(used + [allowed_seconds or 0, 60.0]) * 1.15

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top_value)

    for frac in (0, 0.5, 1):
        value = top_value * frac
        body.append(f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" '
                    f'stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(LEFT - 6, y(value) + 4, fmt_duration(value), 9, "end"))
    if allowed_seconds:
        by = y(allowed_seconds)
        body.append(f'<line x1="{LEFT}" y1="{by:.1f}" x2="{WIDTH - RIGHT}" y2="{by:.1f}" stroke="{BUDGET}" '
                    f'stroke-width="2" stroke-dasharray="6 4"/>')
        body.append(_text(WIDTH - RIGHT, by - 5, f"{budget_label}: {fmt_duration(allowed_seconds)}", 10, "end",
                          fill=BUDGET))
    if points:
        n = len(points)
        step = plot_w / n
        coords = [(LEFT, y(0))]
        previous = 0.0
        for i, value in enumerate(used):
            x = LEFT + step * (i + 1)
            coords += [(x, y(previous)), (x, y(value))]
            previous = value
        over = allowed_seconds is not None and previous > allowed_seconds
        colour = BREACHED if over else MET
        body.append('<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"/>'.format(
            colour, " ".join(f"{a:.1f},{b:.1f}" for a, b in coords)))
        body.append(_text(coords[-1][0], coords[-1][1] - 6, fmt_duration(previous), 10, "end", fill=colour,
                          weight="bold"))
        body.append(_text(LEFT, HEIGHT - BOTTOM + 16, start_label, 10, "start"))
        body.append(_text(WIDTH - RIGHT, HEIGHT - BOTTOM + 16, points[-1]["at"], 10, "end"))
    return _svg(key, title, desc, body)
