"""Point in polygon (holes, MultiPolygons), points inside concave polygons, nearest point: the spatial fallback."""

from __future__ import annotations

import csv
import json

import pytest

from saferhub.crimedata import geo

SQUARE = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
HOLE = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
# A U open to the north: its centroid (5, ~4.2) lies in the gap between the arms, outside the U.
U = [[0, 0], [10, 0], [10, 10], [8, 10], [8, 2], [2, 2], [2, 10], [0, 10], [0, 0]]


def test_a_point_in_a_hole_is_outside_and_the_rest_of_the_polygon_inside():
    shape = geo.shape({"type": "Polygon", "coordinates": [SQUARE, HOLE]})
    assert shape.bbox == (0, 0, 10, 10)
    assert shape.contains((2, 2))
    assert not shape.contains((5, 5))
    assert not shape.contains((11, 5))
    assert not shape.contains((5, -0.5))


def test_a_multipolygon_contains_the_points_of_each_of_its_polygons():
    far = [[[20, 20], [30, 20], [30, 30], [20, 20]]]
    shape = geo.shape({"type": "MultiPolygon", "coordinates": [[SQUARE, HOLE], far]})
    assert shape.contains((1, 1)) and shape.contains((28, 22))
    assert not shape.contains((5, 5)) and not shape.contains((15, 15)) and not shape.contains((22, 28))
    assert (
        geo.containing((28, 22), [("a", geo.shape({"type": "Polygon", "coordinates": [SQUARE]})), ("b", shape)]) == "b"
    )
    assert geo.containing((50, 50), [("b", shape)]) is None


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [1, 2]}, "'Point' is not Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}, "fewer than 4 positions"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, "x"], [1, 1], [0, 0]]]}, "not lists of"),
        ({"type": "MultiPolygon", "coordinates": []}, "no coordinates"),
        (None, "None is not Polygon"),
    ],
)
def test_other_geometries_are_refused(geometry, message):
    with pytest.raises(geo.GeometryError, match=message):
        geo.shape(geometry)


def test_the_inner_point_of_a_concave_polygon_is_inside_it():
    shape = geo.shape({"type": "Polygon", "coordinates": [U]})
    centroid = (5.0, 4.2)
    assert not shape.contains(centroid)
    inner = shape.inner_point(centroid)
    assert shape.contains(inner)
    assert inner[1] == centroid[1]  # on the centroid's own latitude, in the nearer arm
    assert shape.inner_point((1, 1)) == (1, 1)  # a point already inside stays
    assert shape.contains(shape.inner_point())
    holed = geo.shape({"type": "Polygon", "coordinates": [SQUARE, HOLE]})
    assert holed.contains(holed.inner_point((5, 5)))


def test_the_nearest_point_is_found_and_ties_go_to_the_smallest_key():
    candidates = [("b", (1.0, 51.0)), ("a", (-1.0, 51.0)), ("c", (0.0, 52.0))]  # a and b are 70 km away, c 111 km
    assert geo.nearest((0.0, 51.0), candidates) == "a"
    assert geo.nearest((0.1, 51.9), candidates) == "c"
    assert geo.nearest((0.0, 51.0), []) is None


def test_every_essex_lsoa_point_falls_in_its_own_polygon_and_no_other(police_data):
    """On the real boundaries: 42 of the 1,077 LSOA11 centroids lie outside their own (concave)
    polygon; the inner point of each is in its own polygon and in no other of the same vintage."""
    with open(police_data / "lsoa-lookups" / "lsoa_latlong.csv", encoding="utf-8", newline="") as text:
        centroids = {r["LSOACD"]: (float(r["longitude"]), float(r["latitude"])) for r in csv.DictReader(text)}
    for vintage, key in (("lsoa11", "LSOA11CD"), ("lsoa21", "LSOA21CD")):
        shapes = [
            (f["properties"][key], geo.shape(f["geometry"]))
            for path in sorted((police_data / "lsoa-boundaries-essex" / vintage).glob("*.geojson"))
            for f in json.loads(path.read_text(encoding="utf-8"))["features"]
        ]
        outside = [code for code, shape in shapes if not shape.contains(centroids[code])]
        assert len(outside) == 42, vintage
        for code, shape in shapes:
            point = shape.inner_point(centroids[code])
            assert [other for other, s in shapes if s.contains(point)] == [code], (vintage, code)
