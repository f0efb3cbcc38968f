"""LSOA reference data: one row per LSOA code with its local authority, IMD 2019, population and centroid.

``load_reference(*folders, by=None)`` reads the reference files under the folders (found by their
header, see ``reference_files``), attaches every LSOA code of either vintage by the attach rule of
docs/crime-data.md, writes ``store.reference_file("lsoa")`` and ``store.reference_file("boundaries")``
and records a ReferenceImport. ``boundaries`` and ``lad_population`` read the tables back.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
from django.utils import timezone

from saferhub.crimedata import geo, store
from saferhub.crimedata.models import ReferenceImport
from saferhub.crimedata.reference_files import (
    FileRead,
    Imd,
    Progress,
    ReferenceDataError,
    Tables,
    read_files,
)
from saferhub.crimedata.services import reference_import

__all__ = ["ReferenceDataError", "attach", "boundaries", "lad_population", "load_reference", "read_files"]

POPULATION_2022 = "ONS mid-2022 (LSOA 2021)"
POPULATION_2015 = "IoD 2019 File 6, mid-2015 (LSOA 2011)"
ATTACH_METHODS = ("direct", "best-fit", "best-fit-merged", "spatial", "nearest")


# --- the attach rule (docs/crime-data.md, "The attach rule") ----------------------------------------


def _decile_cuts(ranks: Iterable[tuple[int, int]]) -> list[int]:
    """The national cut points: the highest rank in each decile 1..10, as published beside the ranks."""
    highest: dict[int, int] = {}
    for rank, decile in ranks:
        highest[decile] = max(rank, highest.get(decile, 0))
    return [highest.get(d, 0) for d in range(1, 11)]


def _decile(rank: int, cuts: list[int]) -> int:
    return next((d for d, top in enumerate(cuts, start=1) if rank <= top), 10)


class _Rule:
    """The attach rule over what was read. Codes are LSOA codes of either vintage."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        # File 1 is the IMD as published; File 2 repeats it and adds the Crime domain.
        self.imd = dict(tables.domains)
        for code, row in tables.imd.items():
            crime = tables.domains.get(code)
            self.imd[code] = (
                row._replace(crime_rank=crime.crime_rank, crime_decile=crime.crime_decile) if crime else row
            )
        self.imd_cuts = _decile_cuts((r.rank, r.decile) for r in self.imd.values())
        self.crime_cuts = _decile_cuts(
            (r.crime_rank, r.crime_decile) for r in self.imd.values() if r.crime_rank and r.crime_decile
        )
        self.targets: dict[str, list[str]] = defaultdict(list)  # LSOA21 -> the LSOA11s whose best fit it is
        for lsoa11, fit in sorted(tables.best_fit.items()):
            self.targets[fit.lsoa21].append(lsoa11)
        self.codes_2011 = set(self.imd) | set(tables.best_fit) | set(tables.population_2015)
        self.codes_2021 = set(tables.population) | set(self.targets)
        self.lads = {code: self._local_authority(code) for code in self.codes_2011 | self.codes_2021}
        # Per local authority: the LSOA11 polygons and centroids that have IMD figures.
        self.shapes_2011: dict[str, list[tuple[str, geo.Shape]]] = defaultdict(list)
        for (code, vintage), boundary in sorted(tables.boundaries.items()):
            if vintage == "2011" and code in self.imd:
                self.shapes_2011[self.lads[code][0] or boundary.lad].append((code, boundary.shape))
        self.centroids_2011: dict[str, list[tuple[str, geo.Point]]] = defaultdict(list)
        for code in sorted(self.imd):
            if code in tables.centroids:
                self.centroids_2011[self.lads[code][0] or ""].append((code, tables.centroids[code]))

    def vintage(self, code: str) -> str:
        if code in self.codes_2011 and code in self.codes_2021:
            return "both"
        return "2021" if code in self.codes_2021 else "2011"

    def _local_authority(self, code: str) -> tuple[str | None, str | None]:
        """(active code, active name): from the mid-2022 population file for a 2021 code, from the
        best-fit lookup's LAD22CD for a 2011 code, mapped through la_all_codes to the active code."""
        tables = self.tables
        if code in tables.population:
            given, name = tables.population[code].lad, tables.population[code].lad_name
        elif code in tables.best_fit or code in self.targets:
            row = tables.best_fit[code] if code in tables.best_fit else tables.best_fit[self.targets[code][0]]
            given, name = row.lad, row.lad_name
        elif code in self.imd:
            given, name = self.imd[code].lad, ""
        else:
            return None, None
        active = tables.la_codes.get(given)
        return (active.active, active.active_name) if active else (given, name or None)

    def deprivation(self, code: str) -> tuple[str, Imd] | None:
        """(method, IMD 2019 figures) for the code, or None (Wales, or nothing to attach from)."""
        if code in self.imd:
            return "direct", self.imd[code]
        if code not in self.codes_2021:
            return None
        sources = self.targets.get(code, [])
        with_imd = [s for s in sources if s in self.imd]
        if len(sources) == 1:
            return ("best-fit", self.imd[with_imd[0]]) if with_imd else None
        if sources:
            return ("best-fit-merged", self._merged(with_imd)) if with_imd else None
        # A piece of a split LSOA11: no LSOA11 has it as its best fit. Its centroid, moved inside its
        # own polygon when that was loaded (the centroid of a concave LSOA can lie in a neighbour).
        lad, point = self.lads[code][0] or "", self.tables.centroids.get(code)
        own = self.tables.boundaries.get((code, "2021"))
        if own is not None:
            point = own.shape.inner_point(point)
        if point is None:
            return None
        if self.shapes_2011.get(lad):
            found = geo.containing(point, self.shapes_2011[lad])
            if found:
                return "spatial", self.imd[found]
        found = geo.nearest(point, self.centroids_2011.get(lad, []))
        return ("nearest", self.imd[found]) if found else None

    def _merged(self, sources: list[str]) -> Imd:
        """The population-weighted mean rank of merged LSOA11s (File 6, mid-2015), and its decile."""
        weights = [self.tables.population_2015.get(s, 0) for s in sources]
        if not sum(weights):
            weights = [1] * len(sources)

        def mean(values: list[int]) -> int:  # to the nearest whole rank, halves up
            return int(sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights) + 0.5)

        rank = mean([self.imd[s].rank for s in sources])
        crime_ranks = [self.imd[s].crime_rank for s in sources]
        if None in crime_ranks:
            return Imd("", "", rank, _decile(rank, self.imd_cuts))
        crime_rank = mean([r for r in crime_ranks if r is not None])
        return Imd("", "", rank, _decile(rank, self.imd_cuts), crime_rank, _decile(crime_rank, self.crime_cuts))

    def population(self, code: str, vintage: str) -> tuple[int | None, str | None]:
        if code in self.tables.population:
            return self.tables.population[code].total, POPULATION_2022
        if vintage == "2011" and code in self.tables.population_2015:
            return self.tables.population_2015[code], POPULATION_2015
        return None, None

    def name(self, code: str) -> str | None:
        tables = self.tables
        if code in tables.population:
            return tables.population[code].name
        if code in self.targets:
            return tables.best_fit[self.targets[code][0]].name21
        if code in self.imd:
            return self.imd[code].name
        return tables.best_fit[code].name11 if code in tables.best_fit else None


def attach(tables: Tables) -> tuple[list[tuple[Any, ...]], Counter[str]]:
    """One row per distinct LSOA code, in the columns of ``store.REFERENCE_COLUMNS["lsoa"]``, and how
    many codes each method attached IMD 2019 to ("none": Welsh codes, or nothing to attach from)."""
    rule = _Rule(tables)
    rows, methods = [], Counter[str]()
    for code in sorted(rule.codes_2011 | rule.codes_2021):
        vintage = rule.vintage(code)
        method, figures = rule.deprivation(code) or (None, None)
        methods[method or "none"] += 1
        longitude, latitude = tables.centroids.get(code, (None, None))
        rows.append(
            (
                code,
                rule.name(code),
                vintage,
                *rule.lads[code],
                figures.rank if figures else None,
                figures.decile if figures else None,
                figures.crime_decile if figures else None,
                method,
                *rule.population(code, vintage),
                latitude,
                longitude,
            )
        )
    return rows, methods


# --- writing the tables -----------------------------------------------------------------------------


def _write_parquet_temp(name: str, rows: Iterable[Iterable[Any]]) -> Path:
    """Write rows as Parquet beside ``store.reference_file(name)`` under a temporary name; the caller renames it."""
    target = store.reference_file(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    columns = store.REFERENCE_COLUMNS[name]
    handle, csv_name = tempfile.mkstemp(suffix=".csv", dir=target.parent)
    parquet = target.with_name(f".{Path(csv_name).stem}.parquet.tmp")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow([c for c, _ in columns])
            writer.writerows(rows)
        types = "{" + ", ".join(f"'{c}': '{t}'" for c, t in columns) + "}"
        source = f"read_csv({_literal(csv_name)}, header = true, auto_detect = false, columns = {types}, quote = '\"')"
        with duckdb.connect() as con:
            # The names and types come from store.REFERENCE_COLUMNS and the paths are quoted by _literal.
            con.execute(f"COPY (SELECT * FROM {source}) TO {_literal(str(parquet))} (FORMAT parquet, COMPRESSION zstd)")  # noqa: S608
    except BaseException:
        parquet.unlink(missing_ok=True)
        raise
    finally:
        Path(csv_name).unlink(missing_ok=True)
    return parquet


def _literal(text: str) -> str:
    """A SQL string literal: DuckDB cannot take parameters in COPY."""
    return "'" + text.replace("'", "''") + "'"


def _write_report(reads: list[FileRead]) -> str:
    """Every rejected row as CSV (file, line, reason, then the row's fields); its path, or "" when there is none."""
    if not any(r.rejected for r in reads):
        return ""
    folder = store.reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reference-{timezone.now().strftime('%Y%m%dT%H%M%S%f')}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "reason", "row"])
        for read in reads:
            writer.writerows([read.path, line, reason, *raw] for line, reason, raw in read.rejected)
    return str(path)


def load_reference(*folders: str | Path, by: Any = None, progress: Progress | None = None) -> ReferenceImport:
    """Read the reference files under ``folders``, attach every LSOA code, and replace both reference tables.

    Raises ReferenceDataError when a folder or a required file is missing; the tables are then unchanged.
    """
    tables, reads, skipped = read_files(folders, progress)
    rows, methods = attach(tables)
    if progress:
        progress(f"attached {len(rows)} LSOA codes: " + ", ".join(f"{m} {n}" for m, n in sorted(methods.items())))
    lads = {row[0]: row[3] for row in rows}
    polygons = [
        (b.code, b.vintage, lads.get(b.code) or b.lad or None, json.dumps(b.geometry, separators=(",", ":")))
        for _, b in sorted(tables.boundaries.items())
    ]
    report = _write_report(reads)
    written: dict[Path, Path] = {}
    try:
        written[_write_parquet_temp("lsoa", rows)] = store.reference_file("lsoa")
        written[_write_parquet_temp("boundaries", polygons)] = store.reference_file("boundaries")
        return reference_import(
            files=[r.summary() for r in reads],
            skipped=skipped,
            codes=len(rows),
            attached={m: methods.get(m, 0) for m in (*ATTACH_METHODS, "none")},
            report_path=report,
            written=written,
            by=by,
        )
    finally:
        for temporary in written:
            temporary.unlink(missing_ok=True)


# --- reading the tables back ------------------------------------------------------------------------


def boundaries(lad_codes: Iterable[str], vintage: str = "2021") -> dict[str, Any]:
    """The LSOA polygons of ``vintage`` ('2011' or '2021') in these local authorities, as a GeoJSON
    FeatureCollection whose features carry ``lsoa_code`` and ``lsoa_name``."""
    if vintage not in {"2011", "2021"}:
        raise ValueError(f"vintage {vintage!r} is not '2011' or '2021'")
    with store.connect() as con:
        found = con.execute(
            "SELECT b.lsoa_code, r.lsoa_name, b.geometry FROM boundaries b LEFT JOIN lsoa r USING (lsoa_code) "
            "WHERE b.vintage = ? AND list_contains(?, b.lad_code) ORDER BY b.lsoa_code",
            [vintage, sorted(set(lad_codes))],
        ).fetchall()
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"lsoa_code": code, "lsoa_name": name}, "geometry": json.loads(shape)}
            for code, name, shape in found
        ],
    }


def lad_population(lad_codes: Iterable[str]) -> int:
    """The ONS mid-2022 population of these local authorities: the sum over their 2021 LSOAs."""
    with store.connect() as con:
        row = con.execute(
            "SELECT coalesce(sum(population), 0) FROM lsoa WHERE population_source = ? AND list_contains(?, lad_code)",
            [POPULATION_2022, sorted(set(lad_codes))],
        ).fetchone()
    return int(row[0]) if row else 0
