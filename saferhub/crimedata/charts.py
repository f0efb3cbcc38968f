"""Charts of the crime analysis, each described once and drawn two ways: a Vega-Lite spec for the page
(drawn by ``static/saferhub/charts.js``) and an SVG for the PDF, drawn in plain Python by ``chart_svg``.

A chart is a plain dict made by one of the builders below: ``line_chart``, ``bar_chart``,
``stacked_bar_chart``, ``grouped_bar_chart``, ``scatter_chart``. ``vega_lite(chart)`` and
``svg(chart)`` draw it. Every chart carries a ``title`` and a ``description`` (its text alternative)
and is shown next to a table of the same figures. ``analysis_charts`` makes the charts of an
``analysis.build`` snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# The Government Analysis Function's categorical palette for six series (as the case review figures).
COLOURS = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
FONT = '"GDS Transport", arial, sans-serif'
TEXT = "#0b0c0c"
GRID = "#dddddd"
MAX_SERIES = len(COLOURS)

Number = float | int


def _chart(kind: str, chart_id: str, title: str, description: str, **rest: Any) -> dict[str, Any]:
    if not re.fullmatch(r"[a-z][a-z0-9-]*", chart_id):
        raise ValueError(f"a chart id is lower-case letters, digits and hyphens: {chart_id!r}")
    return {"kind": kind, "id": chart_id, "title": title, "description": description, **rest}


def line_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: dict[str, Sequence[Number | None]],
    x_title: str,
    y_title: str,
) -> dict[str, Any]:
    """One line per series over ordered categories (months); None leaves a gap."""
    return _chart(
        "line",
        chart_id,
        title,
        description,
        categories=list(categories),
        series={name: list(values) for name, values in series.items()},
        x_title=x_title,
        y_title=y_title,
    )


def bar_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    values: Sequence[Number | None],
    category_title: str,
    value_title: str,
    horizontal: bool = True,
    highlight: str | None = None,
) -> dict[str, Any]:
    """One bar per category; ``highlight`` names a category drawn in the second colour (the scope itself)."""
    return _chart(
        "bar",
        chart_id,
        title,
        description,
        categories=list(categories),
        series={value_title: list(values)},
        category_title=category_title,
        value_title=value_title,
        horizontal=horizontal,
        highlight=highlight,
    )


def stacked_bar_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: dict[str, Sequence[Number]],
    category_title: str,
    value_title: str,
    horizontal: bool = False,
    value_max: float | None = None,
) -> dict[str, Any]:
    """Bars of stacked series per category (counts by type per month, shares of outcomes per type);
    ``value_max`` fixes the end of the value axis (100 for percentages)."""
    return _chart(
        "stacked_bar",
        chart_id,
        title,
        description,
        categories=list(categories),
        series={name: list(values) for name, values in series.items()},
        category_title=category_title,
        value_title=value_title,
        horizontal=horizontal,
        value_max=value_max,
    )


def grouped_bar_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: dict[str, Sequence[Number | None]],
    category_title: str,
    value_title: str,
) -> dict[str, Any]:
    """Side-by-side horizontal bars of each series per category (this period and the last, scope and area)."""
    return _chart(
        "grouped_bar",
        chart_id,
        title,
        description,
        categories=list(categories),
        series={name: list(values) for name, values in series.items()},
        category_title=category_title,
        value_title=value_title,
        horizontal=True,
    )


def scatter_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    points: Sequence[tuple[Number, Number, str]],
    x_title: str,
    y_title: str,
) -> dict[str, Any]:
    """Points (x, y, label)."""
    return _chart(
        "scatter",
        chart_id,
        title,
        description,
        points=[{"x": x, "y": y, "label": label} for x, y, label in points],
        x_title=x_title,
        y_title=y_title,
    )


# --- Vega-Lite ----------------------------------------------------------------------------------


def _values(chart: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"category": category, "series": name, "value": values[i]}
        for name, values in chart["series"].items()
        for i, category in enumerate(chart["categories"])
        if values[i] is not None
    ]


def vega_lite(chart: dict[str, Any]) -> dict[str, Any]:
    """The chart as a Vega-Lite v6 spec, in the project's style (see ``casereview.views_figures``)."""
    kind = chart["kind"]
    names = list(chart.get("series", {}))
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "sort": names,
        "scale": {"range": COLOURS},
        "legend": {
            "orient": "bottom",
            "columns": {"expr": "width < 480 ? 1 : 2"},
            "labelLimit": {"expr": "width < 480 ? width - 24 : 400"},
            "symbolType": "square" if kind != "line" else "stroke",
        },
    }
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": chart["description"],
        "width": "container",
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {
            # The container carries the chart's name and the table its figures; marks need no ARIA of their own.
            "aria": False,
            "font": FONT,
            "axis": {"labelFontSize": 14, "titleFontSize": 14, "labelLimit": 260, "labelColor": TEXT},
            "legend": {"labelFontSize": 14, "labelColor": TEXT},
            "view": {"stroke": None},
        },
    }
    if kind == "scatter":
        spec["height"] = 320
        spec["data"] = {"values": chart["points"]}
        spec["mark"] = {"type": "point", "filled": True, "tooltip": True, "aria": False, "color": COLOURS[0]}
        spec["encoding"] = {
            "x": {"field": "x", "type": "quantitative", "title": chart["x_title"]},
            "y": {"field": "y", "type": "quantitative", "title": chart["y_title"]},
            "tooltip": [
                {"field": "label", "type": "nominal", "title": "LSOA"},
                {"field": "x", "type": "quantitative", "title": chart["x_title"]},
                {"field": "y", "type": "quantitative", "title": chart["y_title"]},
            ],
        }
        return spec
    spec["data"] = {"values": _values(chart)}
    categories = chart["categories"]
    if kind == "line":
        spec["height"] = 300
        spec["mark"] = {"type": "line", "point": True, "tooltip": True, "aria": False}
        spec["encoding"] = {
            "x": {"field": "category", "type": "ordinal", "sort": categories, "title": chart["x_title"]},
            "y": {"field": "value", "type": "quantitative", "title": chart["y_title"]},
            "color": colour,
        }
        return spec
    category = {"field": "category", "type": "nominal", "sort": categories, "title": chart["category_title"]}
    value: dict[str, Any] = {"field": "value", "type": "quantitative", "title": chart["value_title"]}
    if chart.get("value_max"):
        value["scale"] = {"domain": [0, chart["value_max"]], "clamp": True}
    spec["mark"] = {"type": "bar", "tooltip": True, "aria": False}
    if chart["horizontal"]:
        category_channel, value_channel = "y", "x"
        spec["height"] = {
            "step": 14 if kind == "grouped_bar" else 22,
            **({"for": "offset"} if kind == "grouped_bar" else {}),
        }
    else:
        category_channel, value_channel = "x", "y"
        spec["height"] = 300
    encoding: dict[str, Any] = {category_channel: category, value_channel: value}
    if kind == "bar":
        highlight = chart.get("highlight")
        encoding["color"] = (
            {
                "condition": {"test": {"field": "category", "equal": highlight}, "value": COLOURS[1]},
                "value": COLOURS[0],
            }
            if highlight
            else {"value": COLOURS[0]}
        )
    else:
        encoding["color"] = colour
        if kind == "grouped_bar":
            encoding[f"{category_channel}Offset"] = {"field": "series", "sort": names}
        else:
            encoding["order"] = {"field": "order", "type": "quantitative"}
            for row in spec["data"]["values"]:
                row["order"] = names.index(row["series"])
    spec["encoding"] = encoding
    return spec


# --- SVG ---------------------------------------------------------------------------------------


def svg(chart: dict[str, Any], width: int = 640) -> str:
    """The chart as an SVG document fragment: ``role="img"`` named by its ``<title>`` and described by its
    ``<desc>`` (the same title and description as the page's chart); plain shapes, no script. Drawn by
    ``chart_svg``."""
    from saferhub.crimedata import chart_svg  # it draws in this module's palette, so it imports this one

    return chart_svg.draw(chart, width)
