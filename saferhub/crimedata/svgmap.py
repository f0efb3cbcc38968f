"""The LSOA rate map: GeoJSON for the page's Leaflet map, and a choropleth SVG for the PDF.

Both join the ``map`` section of an ``analysis.build`` snapshot (rate and band per LSOA) to the
LSOA polygons (``reference.boundaries``). The SVG uses an equirectangular projection with longitude
scaled by cos(latitude) at the map's middle, which keeps a county's shapes true to within a fraction
of a percent at English latitudes, and drops points closer than half a pixel to the last one kept.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from html import escape
from typing import Any

from saferhub.crimedata import reference

FONT = '"GDS Transport", arial, sans-serif'
TEXT = "#0b0c0c"
# Four decimal places of a degree is about 10 metres: as fine as the generalised (20 m) ONS boundaries.
PAGE_DECIMALS = 4


def band_labels(map_section: dict[str, Any]) -> list[dict[str, str]]:
    """The legend: one entry per band, {"label", "colour"}, then the colour of LSOAs with no rate."""
    breaks, colours = map_section["breaks"], map_section["colours"]
    entries = []
    for i, colour in enumerate(colours):
        if not breaks:
            label = "All LSOAs"
        elif i == 0:
            label = f"Up to {breaks[0]:g}"
        elif i == len(breaks):
            label = f"Over {breaks[-1]:g}"
        else:
            label = f"Over {breaks[i - 1]:g} up to {breaks[i]:g}"
        entries.append({"label": label, "colour": colour})
    if any(row["band"] is None for row in map_section["rows"]):
        entries.append({"label": "No population figure", "colour": map_section["no_rate_colour"]})
    return entries


def map_boundaries(map_section: dict[str, Any]) -> dict[str, Any]:
    """The polygons of the map's local authorities in the map's LSOA vintage (an empty collection when none)."""
    if not map_section["lad_codes"]:
        return {"type": "FeatureCollection", "features": []}
    return reference.boundaries(map_section["lad_codes"], map_section["vintage"])


def _round_ring(ring: Iterable[Iterable[float]], decimals: int) -> list[list[float]]:
    out: list[list[float]] = []
    for point in ring:
        lon, lat = (round(float(v), decimals) for v in list(point)[:2])
        if not out or out[-1] != [lon, lat]:
            out.append([lon, lat])
    return out


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def page_geojson(map_section: dict[str, Any], boundaries: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection for the page: each LSOA of the map with its figures and fill colour, coordinates
    rounded to about 10 metres (under half the size of the boundary files)."""
    rows = {row["lsoa_code"]: row for row in map_section["rows"]}
    features = []
    for feature in boundaries["features"]:
        code = feature["properties"]["lsoa_code"]
        row = rows.get(code)
        if row is None:
            continue
        polygons = [
            [_round_ring(ring, PAGE_DECIMALS) for ring in polygon] for polygon in _polygons(feature["geometry"])
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "lsoa_code": code,
                    "lsoa_name": row["lsoa_name"] or code,
                    "count": row["count"],
                    "rate": row["rate_per_1000"],
                    "colour": _colour(row, map_section),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _colour(row: dict[str, Any], map_section: dict[str, Any]) -> str:
    band = row["band"]
    return map_section["no_rate_colour"] if band is None else map_section["colours"][band]


def svg(map_section: dict[str, Any], boundaries: dict[str, Any], *, title: str, width: int = 640) -> str:
    """A choropleth of the LSOA rates, with its legend, as an SVG fragment (``role="img"``, ``<title>``,
    ``<desc>``); a short note instead of a map when there are no polygons."""
    rows = {row["lsoa_code"]: row for row in map_section["rows"]}
    shapes = [
        (rows[f["properties"]["lsoa_code"]], _polygons(f["geometry"]))
        for f in boundaries["features"]
        if f["properties"]["lsoa_code"] in rows
    ]
    points = [p for _, polygons in shapes for polygon in polygons for p in polygon[0]]
    description = (
        f"Map of {len(shapes)} LSOAs coloured by records per 1,000 residents in "
        f"{len(map_section['colours'])} bands from light (lowest) to dark (highest). "
        "The table of the same figures follows the map."
    )
    if not points:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="40" '
            f'viewBox="0 0 {width} 40" aria-labelledby="map-title"><title id="map-title">{escape(title)}</title>'
            f'<text x="0" y="24" font-family="{escape(FONT)}" font-size="14" fill="{TEXT}">'
            "No LSOA boundaries are held for this map.</text></svg>"
        )
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * squeeze, 1e-9), max(north - south, 1e-9)
    scale = min(width / span_x, 560 / span_y)
    map_width, map_height = span_x * scale, span_y * scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * squeeze * scale, (north - lat) * scale

    paths = []
    for row, polygons in shapes:
        commands = []
        for polygon in polygons:
            for ring in polygon:
                kept: list[tuple[float, float]] = []
                for lon, lat in (p[:2] for p in ring):
                    x, y = project(lon, lat)
                    if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 0.5:
                        kept.append((x, y))
                if len(kept) >= 3:
                    commands.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
        if commands:
            paths.append(
                f'<path d="{"".join(commands)}" fill="{_colour(row, map_section)}" fill-rule="evenodd" '
                'stroke="#ffffff" stroke-width="0.4"/>'
            )
    legend = band_labels(map_section)
    legend_top = map_height + 24
    parts = [
        f'<text x="0" y="{legend_top:.1f}" font-size="14" font-weight="bold" fill="{TEXT}">'
        "Records per 1,000 residents</text>"
    ]
    for i, entry in enumerate(legend):
        y = legend_top + 12 + 22 * i
        parts.append(
            f'<rect x="0" y="{y:.1f}" width="18" height="14" fill="{entry["colour"]}" '
            f'stroke="{TEXT}" stroke-width="0.5"/>'
        )
        parts.append(f'<text x="26" y="{y + 12:.1f}" font-size="14" fill="{TEXT}">{escape(entry["label"])}</text>')
    height = legend_top + 12 + 22 * len(legend) + 8
    total_width = max(map_width, 260)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" width="{total_width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {total_width:.0f} {height:.0f}" aria-labelledby="map-title map-desc" '
        f'font-family="{escape(FONT)}"><title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>' + "".join(paths) + "".join(parts) + "</svg>"
    )
