"""The charts of ``charts`` drawn as SVG for the PDF, in plain Python: axes with round ticks, bars, lines,
points and a legend, in the same colours and with the same title and description as the page's chart."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from saferhub.crimedata.charts import COLOURS, FONT, GRID, TEXT


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (1, 2 or 5 times a power of ten apart)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    top = math.ceil(maximum / step - 1e-9) * step
    return [round(i * step, 10) for i in range(int(round(top / step)) + 1)]


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _text_width(text: str, size: float) -> float:
    return len(text) * size * 0.55


def _fit(text: str, width: float, size: float) -> str:
    """The text, cut with an ellipsis to fit ``width`` at font ``size``."""
    if _text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * 0.55)) - 1)
    return text[:keep].rstrip() + "…"


class _Canvas:
    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x: float, y: float, text: str, *, size: float = 12, anchor: str = "start", **attrs: Any) -> None:
        extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{TEXT}"{extra}>'
            f"{escape(text)}</text>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = TEXT, width: float = 1) -> None:
        self.add(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="{width}"/>'
        )

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        self.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" fill="{colour}"/>')


def _legend(canvas: _Canvas, names: list[str], top: float, left: float, width: float, line: bool = False) -> float:
    """Legend entries in rows under the plot; returns the y below them."""
    x, y = left, top
    for i, name in enumerate(names):
        entry = 22 + _text_width(name, 12) + 18
        if x + entry > left + width and x > left:
            x, y = left, y + 20
        colour = COLOURS[i % len(COLOURS)]
        if line:
            canvas.line(x, y - 4, x + 16, y - 4, colour, 3)
        else:
            canvas.rect(x, y - 11, 12, 12, colour)
        canvas.text(x + 20, y, name)
        x += entry
    return y + 8


def draw(chart: dict[str, Any], width: int = 640) -> str:
    """The chart as an SVG document fragment (see ``charts.svg``)."""
    kind = chart["kind"]
    if kind == "scatter":
        canvas, plot = _scatter(chart, width)
    elif kind in ("bar", "grouped_bar") or (kind == "stacked_bar" and chart["horizontal"]):
        canvas, plot = _horizontal_bars(chart, width)
    else:
        canvas, plot = _vertical(chart, width)
    del plot
    title_id, desc_id = f"{chart['id']}-title", f"{chart['id']}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{canvas.width:.0f}" '
        f'height="{canvas.height:.0f}" viewBox="0 0 {canvas.width:.0f} {canvas.height:.0f}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{escape(FONT)}">'
        f'<title id="{title_id}">{escape(chart["title"])}</title>'
        f'<desc id="{desc_id}">{escape(chart["description"])}</desc>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(canvas.parts) + "</svg>"
    )


def _series_max(chart: dict[str, Any], stacked: bool) -> float:
    if chart.get("value_max"):
        return float(chart["value_max"])
    series = list(chart["series"].values())
    if stacked:
        return max(
            (sum(v[i] or 0 for v in series) for i in range(len(chart["categories"]))),
            default=0,
        )
    return max((v for values in series for v in values if v is not None), default=0)


def _vertical(chart: dict[str, Any], width: int) -> tuple[_Canvas, tuple[float, float, float, float]]:
    """Lines, or vertical stacked bars, over ordered categories (months)."""
    stacked = chart["kind"] == "stacked_bar"
    names = list(chart["series"])
    categories = chart["categories"]
    ticks = nice_ticks(_series_max(chart, stacked))
    label_width = max(_text_width(_number(t), 12) for t in ticks)
    left, top, plot_height = 28 + label_width, 12, 240
    plot_width = width - left - 12
    bottom = top + plot_height
    legend_rows = 1 + int(sum(40 + _text_width(n, 12) for n in names) // max(plot_width, 1))
    canvas = _Canvas(width, bottom + 62 + 20 * legend_rows)
    scale = plot_height / ticks[-1]
    for tick in ticks:
        y = bottom - tick * scale
        canvas.line(left, y, left + plot_width, y, GRID)
        canvas.text(left - 6, y + 4, _number(tick), anchor="end")
    canvas.text(
        12,
        top + plot_height / 2,
        chart.get("y_title") or chart.get("value_title", ""),
        anchor="middle",
        transform=f"rotate(-90 12 {top + plot_height / 2:.1f})",
    )
    band = plot_width / max(len(categories), 1)
    step = max(1, math.ceil(len(categories) * 60 / plot_width))
    for i, category in enumerate(categories):
        if i % step == 0:
            canvas.text(left + band * (i + 0.5), bottom + 16, category, anchor="middle")
    canvas.line(left, bottom, left + plot_width, bottom)
    canvas.text(
        left + plot_width / 2, bottom + 36, chart.get("x_title") or chart.get("category_title", ""), anchor="middle"
    )
    if stacked:
        for i in range(len(categories)):
            base = 0.0
            for j, name in enumerate(names):
                value = chart["series"][name][i] or 0
                height = value * scale
                canvas.rect(
                    left + band * i + band * 0.15, bottom - base - height, band * 0.7, height, COLOURS[j % len(COLOURS)]
                )
                base += height
    else:
        for j, name in enumerate(names):
            colour = COLOURS[j % len(COLOURS)]
            points: list[list[tuple[float, float]]] = [[]]
            for i, value in enumerate(chart["series"][name]):
                if value is None:
                    points.append([])
                    continue
                points[-1].append((left + band * (i + 0.5), bottom - value * scale))
            for run in points:
                if len(run) > 1:
                    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                    canvas.add(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
                for x, y in run:
                    canvas.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
    _legend(canvas, names, bottom + 60, left, plot_width, line=not stacked)
    return canvas, (left, top, plot_width, plot_height)


def _horizontal_bars(chart: dict[str, Any], width: int) -> tuple[_Canvas, tuple[float, float, float, float]]:
    """Horizontal bars: one per category, side by side per series (grouped) or stacked."""
    kind = chart["kind"]
    stacked = kind == "stacked_bar"
    names = list(chart["series"])
    categories = chart["categories"]
    ticks = nice_ticks(_series_max(chart, stacked))
    label_room = min(width * 0.4, max((_text_width(c, 12) for c in categories), default=0) + 8)
    left, top = 12 + label_room, 12
    plot_width = width - left - 24
    per_bar = 14 if kind == "grouped_bar" else 22
    band = per_bar * (len(names) if kind == "grouped_bar" else 1) + 8
    plot_height = band * len(categories)
    bottom = top + plot_height
    legend = kind != "bar"
    legend_rows = 1 + int(sum(40 + _text_width(n, 12) for n in names) // max(plot_width, 1)) if legend else 0
    canvas = _Canvas(width, bottom + 48 + 20 * legend_rows)
    scale = plot_width / ticks[-1]
    for tick in ticks:
        x = left + tick * scale
        canvas.line(x, top, x, bottom, GRID)
        canvas.text(x, bottom + 16, _number(tick), anchor="middle")
    canvas.text(left + plot_width / 2, bottom + 36, chart["value_title"], anchor="middle")
    highlight = chart.get("highlight")
    for i, category in enumerate(categories):
        y0 = top + band * i + 4
        canvas.text(left - 6, y0 + (band - 8) / 2 + 4, _fit(category, label_room - 8, 12), anchor="end")
        base = 0.0
        for j, name in enumerate(names):
            value = chart["series"][name][i]
            if value is None:
                continue
            colour = COLOURS[1] if kind == "bar" and category == highlight else COLOURS[j % len(COLOURS)]
            length = value * scale
            if stacked:
                length = min(length, plot_width - base)  # rounded shares may add up to a little over 100
                canvas.rect(left + base, y0, length, band - 8, colour)
                base += length
            elif kind == "grouped_bar":
                canvas.rect(left, y0 + per_bar * j, length, per_bar - 2, colour)
            else:
                canvas.rect(left, y0, length, band - 8, colour)
    canvas.line(left, top, left, bottom)
    if legend:
        _legend(canvas, names, bottom + 60, left, plot_width)
    return canvas, (left, top, plot_width, plot_height)


def _scatter(chart: dict[str, Any], width: int) -> tuple[_Canvas, tuple[float, float, float, float]]:
    points = chart["points"]
    x_ticks = nice_ticks(max((p["x"] for p in points), default=0))
    y_ticks = nice_ticks(max((p["y"] for p in points), default=0))
    label_width = max(_text_width(_number(t), 12) for t in y_ticks)
    left, top, plot_height = 28 + label_width, 12, 260
    plot_width = width - left - 16
    bottom = top + plot_height
    canvas = _Canvas(width, bottom + 48)
    sx, sy = plot_width / x_ticks[-1], plot_height / y_ticks[-1]
    for tick in y_ticks:
        canvas.line(left, bottom - tick * sy, left + plot_width, bottom - tick * sy, GRID)
        canvas.text(left - 6, bottom - tick * sy + 4, _number(tick), anchor="end")
    for tick in x_ticks:
        canvas.text(left + tick * sx, bottom + 16, _number(tick), anchor="middle")
    canvas.line(left, bottom, left + plot_width, bottom)
    canvas.text(left + plot_width / 2, bottom + 36, chart["x_title"], anchor="middle")
    canvas.text(
        12,
        top + plot_height / 2,
        chart["y_title"],
        anchor="middle",
        transform=f"rotate(-90 12 {top + plot_height / 2:.1f})",
    )
    for p in points:
        canvas.add(
            f'<circle cx="{left + p["x"] * sx:.1f}" cy="{bottom - p["y"] * sy:.1f}" r="3" fill="{COLOURS[0]}" '
            'fill-opacity="0.7"/>'
        )
    return canvas, (left, top, plot_width, plot_height)
