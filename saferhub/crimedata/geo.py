"""Plane geometry on longitude/latitude, enough to attach an LSOA to the polygon its centroid lies in.

Pure Python, no GIS dependency: LSOA boundaries are a few thousand polygons and the points to place
are a few hundred, so ray casting with a bounding-box prefilter is fast enough and easy to check.
Coordinates are GeoJSON's (longitude, latitude) in WGS84.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]  # (longitude, latitude)
Ring = Sequence[Point]


class GeometryError(ValueError):
    """A GeoJSON geometry this module cannot use (not a Polygon or MultiPolygon, or malformed)."""


@dataclass(frozen=True)
class Shape:
    """A Polygon or MultiPolygon: each polygon is its outer ring followed by its holes."""

    polygons: tuple[tuple[tuple[Point, ...], ...], ...]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

    def contains(self, point: Point) -> bool:
        """True when ``point`` lies inside one polygon's outer ring and in none of that polygon's holes.

        A point exactly on an edge may count either way; centroids are not on edges in practice.
        """
        x, y = point
        west, south, east, north = self.bbox
        if not (west <= x <= east and south <= y <= north):
            return False
        for rings in self.polygons:
            if _in_ring(x, y, rings[0]) and not any(_in_ring(x, y, hole) for hole in rings[1:]):
                return True
        return False

    def inner_point(self, near: Point | None = None) -> Point:
        """A point inside the shape: ``near`` itself when it is inside; otherwise the middle of the
        stretch, inside the shape, of a horizontal line (through ``near`` if it crosses the shape)
        that lies closest to ``near``.

        A centroid is not always inside its polygon: a U-shaped LSOA's centroid can lie in the
        neighbour it wraps around, so "the polygon containing the centroid" needs a point that is inside.
        """
        if near is not None and self.contains(near):
            return near
        west, south, east, north = self.bbox
        x0, y0 = near if near is not None else ((west + east) / 2, (south + north) / 2)
        heights = [y0] if south < y0 < north else []
        heights += [south + (north - south) * f for f in (0.5, 0.37, 0.63, 0.21, 0.79)]
        for y in heights:
            stretches = []
            for rings in self.polygons:
                # Even-odd rule over the outer ring and its holes: crossings pair up into inside stretches.
                xs = sorted(x for ring in rings for x in _crossings(y, ring))
                stretches += [(a, b) for a, b in zip(xs[::2], xs[1::2], strict=True) if b > a]
            if stretches:
                a, b = min(stretches, key=lambda s: (min(abs(s[0] - x0), abs(s[1] - x0)), s))
                return ((a + b) / 2, y)
        return (x0, y0)  # a shape of no area: there is no inside to find


def shape(geometry: Any) -> Shape:
    """A Shape from a GeoJSON Polygon or MultiPolygon geometry; GeometryError otherwise."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    raw: list[Any] | None
    if kind == "Polygon":
        raw = [coordinates] if isinstance(coordinates, list) else None
    elif kind == "MultiPolygon":
        raw = coordinates if isinstance(coordinates, list) else None
    else:
        raise GeometryError(f"geometry type {kind!r} is not Polygon or MultiPolygon")
    if not raw:
        raise GeometryError(f"{kind} has no coordinates")
    try:
        polygons = tuple(tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in polygon) for polygon in raw)
    except (TypeError, ValueError, IndexError):
        raise GeometryError(f"{kind} coordinates are not lists of [longitude, latitude]") from None
    if any(not polygon or any(len(ring) < 4 for ring in polygon) for polygon in polygons):
        raise GeometryError(f"{kind} has a ring of fewer than 4 positions")
    points = [p for polygon in polygons for p in polygon[0]]
    bbox = (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )
    return Shape(polygons, bbox)


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Ray casting: count the ring's edges that a ray from (x, y) towards +x crosses; odd means inside."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _crossings(y: float, ring: Ring) -> list[float]:
    """Where the ring's edges cross the horizontal line at ``y`` (half-open in y, as in _in_ring)."""
    found = []
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y):
            found.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        x1, y1 = x2, y2
    return found


def containing(point: Point, shapes: Iterable[tuple[str, Shape]]) -> str | None:
    """The key of the first shape that contains ``point``, or None."""
    for key, candidate in shapes:
        if candidate.contains(point):
            return key
    return None


def nearest(point: Point, candidates: Iterable[tuple[str, Point]]) -> str | None:
    """The key of the candidate nearest to ``point`` (ties: the smallest key), or None when there is none.

    Distances are ranked on the equirectangular approximation (longitude scaled by the cosine of the
    point's latitude): within a local authority, tens of kilometres, it orders points as the
    great-circle distance does, and it is several times faster.
    """
    x0, y0 = point
    scale = math.cos(math.radians(y0))
    best = min(((((x - x0) * scale) ** 2 + (y - y0) ** 2, key) for key, (x, y) in candidates), default=None)
    return best[1] if best else None
