"""Charts drawn two ways from one description: Vega-Lite for the page, SVG for the PDF; and the LSOA map."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from saferhub.crimedata import analysis, chart_svg, charts, svgmap
from saferhub.crimedata.analysis_charts import analysis_charts
from saferhub.crimedata.analysis_tables import analysis_tables, change_wording, correlation_wording, csv_text
from saferhub.crimedata.scope import partnership_scope

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg_text: str) -> ET.Element:
    root = ET.fromstring(svg_text)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id') if desc is not None else ''}".strip()
    return root


def _bars(root: ET.Element) -> list[ET.Element]:
    # The first rect is the white background.
    return [r for r in root.iter(f"{SVG}rect")][1:]


MONTHS = ["2024-01", "2024-02", "2024-03"]


def test_nice_ticks():
    assert chart_svg.nice_ticks(0) == [0, 1]
    assert chart_svg.nice_ticks(7) == [0, 2, 4, 6, 8]
    assert chart_svg.nice_ticks(961) == [0, 200, 400, 600, 800, 1000]
    assert chart_svg.nice_ticks(1.9) == [0, 0.5, 1.0, 1.5, 2.0]
    assert chart_svg.nice_ticks(100) == [0, 20, 40, 60, 80, 100]


def test_a_line_chart_with_a_gap():
    chart = charts.line_chart(
        "chart-line",
        title="Rolling totals",
        description="Lines.",
        categories=MONTHS,
        series={"All": [10, None, 30], "Burglary": [1, 2, 3]},
        x_title="Month",
        y_title="Records",
    )
    spec = charts.vega_lite(chart)
    assert spec["mark"]["type"] == "line"
    assert spec["config"]["aria"] is False
    assert len(spec["data"]["values"]) == 5  # the None is left out, so the line breaks
    root = _parse(charts.svg(chart))
    # "All" is two runs of one point (no line), "Burglary" one line of three points.
    assert len(list(root.iter(f"{SVG}polyline"))) == 1
    assert len(list(root.iter(f"{SVG}circle"))) == 5
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2024-01", "Records", "Burglary", "All"} <= set(texts)


def test_a_stacked_bar_chart():
    chart = charts.stacked_bar_chart(
        "chart-stacked",
        title="By type",
        description="Bars.",
        categories=MONTHS,
        series={"Violence": [5, 6, 7], "Burglary": [1, 0, 2]},
        category_title="Month",
        value_title="Records",
    )
    spec = charts.vega_lite(chart)
    assert spec["encoding"]["x"]["sort"] == MONTHS
    assert spec["encoding"]["color"]["sort"] == ["Violence", "Burglary"]
    assert {row["order"] for row in spec["data"]["values"]} == {0, 1}
    root = _parse(charts.svg(chart))
    bars = [b for b in _bars(root) if b.get("width") != "12.0"]  # less the legend's swatches
    assert len(bars) == 6
    # The tallest stack (7 + 2) reaches the top tick (10) at 90%.
    heights = [float(b.get("height")) for b in bars]
    assert max(heights[4] + heights[5], heights[0] + heights[1]) == pytest.approx(0.9 * 240, abs=0.2)


def test_horizontal_bars_grouped_and_highlighted():
    grouped = charts.grouped_bar_chart(
        "chart-grouped",
        title="Rates",
        description="Bars.",
        categories=["Burglary", "Robbery"],
        series={"Here": [1.5, 0.2], "Area": [2.0, None]},
        category_title="Crime type",
        value_title="Per 1,000",
    )
    spec = charts.vega_lite(grouped)
    assert spec["encoding"]["yOffset"] == {"field": "series", "sort": ["Here", "Area"]}
    root = _parse(charts.svg(grouped))
    assert len([b for b in _bars(root) if b.get("width") != "12.0"]) == 3  # the missing one is not drawn

    bar = charts.bar_chart(
        "chart-bar",
        title="Partnerships",
        description="Bars.",
        categories=["Braintree", "Essex"],
        values=[22.5, 27.4],
        category_title="Partnership",
        value_title="Per 1,000",
        highlight="Braintree",
    )
    spec = charts.vega_lite(bar)
    assert spec["encoding"]["color"]["condition"]["test"] == {"field": "category", "equal": "Braintree"}
    fills = [b.get("fill") for b in _bars(_parse(charts.svg(bar)))]
    assert fills == [charts.COLOURS[1], charts.COLOURS[0]]


def test_a_scatter_chart_and_escaping():
    chart = charts.scatter_chart(
        "chart-scatter",
        title="Rank & rate <test>",
        description="Points.",
        points=[(1, 2.5, "A"), (30000, 10, "B")],
        x_title="IMD rank",
        y_title="Rate",
    )
    assert charts.vega_lite(chart)["mark"]["type"] == "point"
    root = _parse(charts.svg(chart))
    assert root.find(f"{SVG}title").text == "Rank & rate <test>"
    assert len(list(root.iter(f"{SVG}circle"))) == 2


def test_a_chart_id_is_a_plain_name():
    with pytest.raises(ValueError):
        charts.line_chart("Bad Id", title="", description="", categories=[], series={}, x_title="", y_title="")


def test_wording():
    assert change_wording({"significant": False, "direction": "flat"}, True) == "No significant change"
    assert change_wording({"significant": True, "direction": "up"}, True) == "Significant rise"
    assert change_wording({"significant": True, "direction": "down"}, True) == "Significant fall"
    assert change_wording({"significant": True, "direction": "down"}, False) == "Not compared: months missing"
    assert "too few" in correlation_wording({"spearman": None, "lsoas": 2})
    assert "higher in more deprived" in correlation_wording({"spearman": -0.55, "lsoas": 88})
    assert "a strong relationship" in correlation_wording({"spearman": -0.55, "lsoas": 88})


@pytest.mark.django_db
def test_every_chart_and_table_of_a_real_analysis(world, analysis_data):
    snapshot = analysis.build(partnership_scope(world.other.partnership), "2019-12", "2024-04")
    found = analysis_charts(snapshot)
    # The period before 2019-12..2024-04 is not held, so there is no change to chart.
    assert set(found) == {"trend", "rates", "comparison", "outcomes", "deprivation", "stop_search"}
    recent = analysis_charts(analysis.build(partnership_scope(world.other.partnership), "2024-03", "2024-04"))
    assert "change" in recent and "stop_search" not in recent
    for chart in [*found.values(), recent["change"]]:
        spec = charts.vega_lite(chart)
        assert spec["$schema"].endswith("/v6.json") and spec["description"]
        _parse(charts.svg(chart))
    tables = analysis_tables(snapshot)
    # Every chart is followed by a table of its figures.
    assert {"trend", "change", "rates", "comparison", "outcomes", "deprivation", "stop_search_object"} <= set(tables)
    outcomes = found["outcomes"]
    for i, _ in enumerate(outcomes["categories"]):
        assert sum(values[i] for values in outcomes["series"].values()) == pytest.approx(100, abs=0.5)
    stop = tables["stop_search_object"]
    assert stop["rows"][0][0] == "Controlled drugs"
    assert [row[1] for row in stop["rows"]] == found["stop_search"]["series"]["Searches"]
    text = csv_text(tables["change"])
    assert text.splitlines()[0].startswith(
        "Crime type,2015-07 to 2019-11,2019-12 to 2024-04,Change,p-value,What it means"
    )
    # Months not held are blank in the table, not zero.
    assert tables["trend"]["rows"][0][0] == "2019-12 (not held)"


@pytest.mark.django_db
def test_the_svg_map_of_a_partnership(world, analysis_data):
    snapshot = analysis.build(partnership_scope(world.other.partnership), "2024-01", "2024-04")
    section = snapshot["map"]
    boundaries = svgmap.map_boundaries(section)
    assert len(boundaries["features"]) == len(section["rows"]) > 0
    root = _parse(svgmap.svg(section, boundaries, title="Castle Point and Rochford"))
    paths = list(root.iter(f"{SVG}path"))
    assert len(paths) == len(section["rows"])
    assert {p.get("fill") for p in paths} <= {*section["colours"], section["no_rate_colour"]}
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert legend[0] == "Records per 1,000 residents"
    assert legend[1] == f"Up to {section['breaks'][0]:g}"
    # Equirectangular with cos(latitude): the area is about as wide as it is tall on the ground.
    width, height = float(root.get("width")), float(root.get("height"))
    assert 0.3 < width / height < 3

    page = svgmap.page_geojson(section, boundaries)
    assert len(page["features"]) == len(section["rows"])
    first = page["features"][0]
    assert set(first["properties"]) == {"lsoa_code", "lsoa_name", "count", "rate", "colour"}
    lon, lat = first["geometry"]["coordinates"][0][0][0]
    assert lon == round(lon, 4) and 51 < lat < 52


def test_an_empty_map_says_so():
    section = {"rows": [], "breaks": [], "colours": ["#ffffb2"], "no_rate_colour": "#b1b4b6", "lad_codes": []}
    root = _parse_simple(svgmap.svg(section, {"type": "FeatureCollection", "features": []}, title="Nowhere"))
    assert "No LSOA boundaries" in "".join(root.itertext())


def _parse_simple(svg_text: str) -> ET.Element:
    root = ET.fromstring(svg_text)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Nowhere"
    return root
