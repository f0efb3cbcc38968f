"""Stop and search by the force of a scope's area: counts by month, type, object, outcome, ethnicity, age.

Stop-and-search files carry no force column and no LSOA, only the force in their file name (so in
the store's folder, ``force=<slug>``) and coordinates. A force or area scope counts every search of
the force; a partnership or local authority counts the searches whose point lies in one of its
LSOA boundaries (``geo``'s point-in-polygon), and says so; without boundaries it shows the force's.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import duckdb

from saferhub.crimedata import geo, store
from saferhub.crimedata.scope import Scope
from saferhub.partnerships.models import Area

# Outcome wording of police.uk stop-and-search files.
ARREST = "Arrest"
NO_FURTHER_ACTION = "A no further action disposal"
NOT_GIVEN = "Not given"


def force_slug(con: duckdb.DuckDBPyConnection, force: str) -> str | None:
    """The store's folder name of a force ("essex" for "Essex Police"): learnt from its street files, whose
    rows say who reported them; otherwise the police.uk file-name rule (lower case, hyphens, no "Police",
    "Constabulary" or "Police Service")."""
    root = store.crime_dir() / "stop_and_search"
    slugs = sorted(p.name.removeprefix("force=") for p in root.glob("force=*") if p.is_dir())
    for slug in slugs:
        files = sorted((store.crime_dir() / "street" / f"force={slug}").glob("month=*/data.parquet"))
        if files:
            row = con.execute(
                f"SELECT count(*) FROM read_parquet({_literal(str(files[-1]))}) WHERE reported_by = ?",  # noqa: S608
                [force],
            ).fetchone()
            if row and row[0]:
                return slug
    guess = re.sub(r"\b(police service|constabulary|police)\b", " ", force.lower())
    guess = re.sub(r"[^a-z0-9]+", "-", guess).strip("-")
    return guess if guess in slugs else None


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _shapes(con: duckdb.DuckDBPyConnection, lads: frozenset[str]) -> list[tuple[str, geo.Shape]]:
    """The LSOA boundaries of those local authorities (the 2021 ones when both vintages are held)."""
    if not lads:
        return []
    marks = ", ".join("?" for _ in lads)
    rows = con.execute(
        f"SELECT lsoa_code, vintage, geometry FROM boundaries WHERE lad_code IN ({marks})",  # noqa: S608
        sorted(lads),
    ).fetchall()
    vintages = {vintage for _, vintage, _ in rows}
    chosen = "2021" if "2021" in vintages else "2011"
    shapes = []
    for code, vintage, geometry in rows:
        if vintage == chosen:
            try:
                shapes.append((code, geo.shape(json.loads(geometry))))
            except (ValueError, geo.GeometryError):
                continue
    return shapes


def _inside(points: set[tuple[float, float]], shapes: list[tuple[str, geo.Shape]]) -> set[tuple[float, float]]:
    """The points that lie in any of the shapes: a bounding box first, then each shape's own test."""
    if not shapes:
        return set()
    west = min(s.bbox[0] for _, s in shapes)
    south = min(s.bbox[1] for _, s in shapes)
    east = max(s.bbox[2] for _, s in shapes)
    north = max(s.bbox[3] for _, s in shapes)
    inside = set()
    for point in points:
        lon, lat = point
        if west <= lon <= east and south <= lat <= north and geo.containing(point, shapes) is not None:
            inside.add(point)
    return inside


def _table(counter: Counter[str], order: list[str] | None = None) -> list[dict[str, Any]]:
    labels = order or sorted(counter, key=lambda label: (-counter[label], label))
    return [{"label": label, "count": counter[label]} for label in labels if counter[label]]


def summary(con: duckdb.DuckDBPyConnection, scope: Scope, area: Area | None, first: str, last: str) -> dict[str, Any]:
    """Stop and search of the scope's force over the period.

    ``force``; ``held`` (any searches of the force in the store at all) and ``months_held`` (their
    months, whatever the period); ``attributed_by``: "force"
    (every search of the force) or "boundaries" (the searches inside the scope's LSOAs);
    ``total``; ``no_location`` (searches without coordinates, which only the force's figures count);
    ``outside`` (searches of the force placed outside the scope); ``by_month``, ``by_type``,
    ``by_object``, ``by_outcome``, ``by_ethnicity`` (officer-defined), ``by_age``, ``by_gender``:
    [{label, count}]; ``arrest_share`` and ``no_further_action_share``: percentages of ``total``.
    """
    force = scope.force or (area.police_force if area else "")
    empty = {"force": force or None, "held": False, "attributed_by": "force", "total": 0}
    if not force:
        return empty
    slug = force_slug(con, force)
    files = store.crime_dir() / "stop_and_search" / f"force={slug}" / "month=*" / "data.parquet"
    if slug is None or not any(files.parent.parent.glob("month=*/data.parquet")):
        return empty
    rows = con.execute(
        "SELECT month, type, object_of_search, outcome, officer_defined_ethnicity, age_range, gender, "  # noqa: S608
        f"longitude, latitude FROM read_parquet({_literal(str(files))}) WHERE month BETWEEN ? AND ?",
        [first, last],
    ).fetchall()
    months_held = [
        m
        for (m,) in con.execute(
            f"SELECT DISTINCT month FROM read_parquet({_literal(str(files))}) ORDER BY month"  # noqa: S608
        ).fetchall()
    ]
    attributed_by = "force"
    no_location = sum(1 for row in rows if row[7] is None or row[8] is None)
    outside = 0
    if scope.kind in ("partnership", "local_authority"):
        shapes = _shapes(con, scope.lad_codes)
        if shapes:
            attributed_by = "boundaries"
            points = {(row[7], row[8]) for row in rows if row[7] is not None and row[8] is not None}
            inside = _inside(points, shapes)
            kept = [row for row in rows if (row[7], row[8]) in inside]
            outside = len(rows) - no_location - len(kept)
            rows = kept
    counters: list[Counter[str]] = [Counter() for _ in range(7)]
    for row in rows:
        for counter, value in zip(counters, row[:7], strict=True):
            counter[value or NOT_GIVEN] += 1
    by_month, by_type, by_object, by_outcome, by_ethnicity, by_age, by_gender = counters
    total = len(rows)
    return {
        "force": force,
        "held": True,
        "months_held": months_held,
        "attributed_by": attributed_by,
        "total": total,
        "no_location": no_location,
        "outside": outside,
        "by_month": _table(by_month, sorted(by_month)),
        "by_type": _table(by_type),
        "by_object": _table(by_object),
        "by_outcome": _table(by_outcome),
        "by_ethnicity": _table(by_ethnicity),
        "by_age": _table(by_age, sorted(by_age, key=_age_order)),
        "by_gender": _table(by_gender),
        "arrest_share": round(100 * by_outcome[ARREST] / total, 1) if total else None,
        "no_further_action_share": round(100 * by_outcome[NO_FURTHER_ACTION] / total, 1) if total else None,
    }


def _age_order(label: str) -> tuple[int, str]:
    """police.uk age ranges youngest first ("under 10", "10-17", ..., "over 34"), then anything else."""
    if label.startswith("under"):
        return (0, label)
    if label.startswith("over"):
        return (200, label)
    digits = re.match(r"\d+", label)
    return (int(digits.group()) if digits else 300, label)
