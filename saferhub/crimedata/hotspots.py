"""Where crime is in a scope: hotspots (LSOAs and "on or near" locations), the LSOA map and deprivation.

All three count the scope's street records (crimes and anti-social behaviour) in the period by the
LSOA they carry. LSOAs changed in 2021: the map and the deprivation table use the vintage most of
the period's records carry (2021 for data from 2022 on) and say how many records carry the other.
"""

from __future__ import annotations

import math
from typing import Any

import duckdb

from saferhub.crimedata.scope import Scope
from saferhub.lib.periods import months_between

TOP = 10
FROM_SCOPED = "street s LEFT JOIN lsoa r ON r.lsoa_code = s.lsoa_code"
# Five classes of rate, light to dark: ColorBrewer's YlOrRd, told apart in greyscale and by the common
# colour vision deficiencies; the darkest has 4.5:1 contrast against white, the lightest against black.
MAP_COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
NO_RATE_COLOUR = "#b1b4b6"  # GOV.UK mid-grey: LSOAs with no population figure


def _unit(months: list[str]) -> tuple[str, str]:
    """Persistence is counted per month for a period of up to 12 months, per quarter beyond."""
    if len(months) <= 12:
        return "month", "s.month"
    return (
        "quarter",
        "substr(s.month, 1, 4) || '-Q' || CAST((CAST(substr(s.month, 6, 2) AS INTEGER) + 2) // 3 AS VARCHAR)",
    )


def _units(months: list[str], unit: str) -> int:
    if unit == "month":
        return len(months)
    return len({f"{m[:4]}-{(int(m[5:7]) + 2) // 3}" for m in months})


def places(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    first: str,
    last: str,
    lads: frozenset[str],
    months_held: list[str],
) -> dict[str, dict[str, Any]]:
    """``{"hotspots": ..., "map": ..., "deprivation": ...}`` for the scope over the period.

    - ``hotspots``: ``top`` (N), ``unit`` ("month" or "quarter") and ``units`` (how many of the period's
      units have records held, ``months_held``);
      ``lsoas_by_count`` and ``lsoas_by_rate`` [{lsoa_code, lsoa_name, lad_name, count, residents,
      rate_per_1000, imd_decile, persistence}], ``locations`` [{location, lsoa_code, lsoa_name, count,
      persistence}]. ``persistence`` is in how many of the units the place was in that unit's top N
      (ties share a place).
    - ``map``: ``vintage`` of the LSOAs mapped, ``lad_codes``, ``rows`` [{lsoa_code, lsoa_name, count,
      residents, rate_per_1000, band}] for every LSOA of those local authorities (0 where none),
      ``breaks`` (upper bound of each band but the last), ``colours``, ``no_rate_colour``,
      ``other_vintage_rows`` (records whose LSOA is of the other vintage, not on the map).
    - ``deprivation``: ``rows`` [{decile, lsoas, residents, count, rate_per_1000}] by IMD 2019 decile
      (1 = most deprived 10% in England), ``correlation`` {spearman, lsoas}: the rank correlation across
      LSOAs between IMD rank (1 = most deprived) and crime rate, so a negative figure means more crime
      where deprivation is higher; ``rows_not_in_table``: records of LSOAs with no decile or population, of
      the other vintage or outside the local authorities.
    """
    condition, params = scope.where("s", "r")
    scoped = f"FROM {FROM_SCOPED} WHERE ({condition}) AND s.month BETWEEN ? AND ?"
    args = [*params, first, last]
    months = months_between(first, last)
    unit, unit_sql = _unit(months)

    # Counts per LSOA code, with what the reference table knows of it.
    lsoa_rows = con.execute(
        f"SELECT s.lsoa_code, any_value(coalesce(r.lsoa_name, s.lsoa_name)), any_value(r.lad_name), "  # noqa: S608
        f"any_value(r.population), any_value(r.imd_decile), any_value(r.vintage), count(*) {scoped} "
        "AND s.lsoa_code IS NOT NULL GROUP BY s.lsoa_code",
        args,
    ).fetchall()
    known = {
        code: {
            "lsoa_code": code,
            "lsoa_name": name,
            "lad_name": lad_name,
            "count": n,
            "residents": population,
            "rate_per_1000": _rate(n, population),
            "imd_decile": decile,
            "vintage": vintage,
        }
        for code, name, lad_name, population, decile, vintage, n in lsoa_rows
    }
    by_vintage = {"2011": 0, "2021": 0}
    for row in known.values():
        if row["vintage"] in by_vintage:
            by_vintage[row["vintage"]] += row["count"]
    vintage = "2011" if by_vintage["2011"] > by_vintage["2021"] else "2021"

    persistence_by_count = _persistence(con, scoped, args, unit_sql, "s.lsoa_code", "count(*)")
    persistence_by_rate = _persistence(
        con, scoped + " AND r.population > 0", args, unit_sql, "s.lsoa_code", "count(*) / any_value(r.population)"
    )
    by_count = sorted(known.values(), key=lambda r: (-r["count"], r["lsoa_code"]))[:TOP]
    rated = [r for r in known.values() if r["rate_per_1000"] is not None]
    by_rate = sorted(rated, key=lambda r: (-r["rate_per_1000"], r["lsoa_code"]))[:TOP]

    location_rows = con.execute(
        f"SELECT s.location, s.lsoa_code, any_value(coalesce(r.lsoa_name, s.lsoa_name)), count(*) {scoped} "  # noqa: S608
        "AND s.lsoa_code IS NOT NULL AND s.location IS NOT NULL GROUP BY ALL ORDER BY 4 DESC, 1, 2 LIMIT ?",
        [*args, TOP],
    ).fetchall()
    persistence_by_location = _persistence(
        con,
        scoped + " AND s.lsoa_code IS NOT NULL AND s.location IS NOT NULL",
        args,
        unit_sql,
        "s.location || '|' || s.lsoa_code",
        "count(*)",
    )

    def strip(row: dict[str, Any], persistence: dict[str, int]) -> dict[str, Any]:
        out = {k: v for k, v in row.items() if k != "vintage"}
        out["persistence"] = persistence.get(row["lsoa_code"], 0)
        return out

    hotspots = {
        "top": TOP,
        "unit": unit,
        "units": _units(months_held, unit),
        "lsoas_by_count": [strip(r, persistence_by_count) for r in by_count],
        "lsoas_by_rate": [strip(r, persistence_by_rate) for r in by_rate],
        "locations": [
            {
                "location": location,
                "lsoa_code": code,
                "lsoa_name": name,
                "count": n,
                "persistence": persistence_by_location.get(f"{location}|{code}", 0),
            }
            for location, code, name, n in location_rows
        ],
    }
    area_lsoas = _lsoas_of(con, lads, vintage)
    other_vintage = sum(
        r["count"] for r in known.values() if r["vintage"] in ("2011", "2021") and r["vintage"] != vintage
    )
    return {
        "hotspots": hotspots,
        "map": _map(area_lsoas, known, vintage, lads, other_vintage),
        "deprivation": _deprivation(area_lsoas, known),
    }


def _rate(count: int, population: int | None) -> float | None:
    return round(1000 * count / population, 2) if population else None


def _persistence(
    con: duckdb.DuckDBPyConnection, scoped: str, args: list[Any], unit_sql: str, place_sql: str, measure_sql: str
) -> dict[str, int]:
    """{place: number of units in which it ranked in the top N by the measure}."""
    rows = con.execute(
        f"WITH per AS (SELECT {unit_sql} AS unit, {place_sql} AS place, {measure_sql} AS measure "  # noqa: S608
        f"{scoped} GROUP BY ALL), "
        "ranked AS (SELECT place, rank() OVER (PARTITION BY unit ORDER BY measure DESC) AS position FROM per) "
        "SELECT place, count(*) FROM ranked WHERE position <= ? GROUP BY place",
        [*args, TOP],
    ).fetchall()
    return {place: n for place, n in rows}


def _lsoas_of(con: duckdb.DuckDBPyConnection, lads: frozenset[str], vintage: str) -> list[dict[str, Any]]:
    """The LSOAs of those local authorities in that vintage, from the reference table."""
    if not lads:
        return []
    marks = ", ".join("?" for _ in lads)
    rows = con.execute(
        "SELECT lsoa_code, lsoa_name, lad_code, population, imd_decile, imd_rank FROM lsoa "  # noqa: S608
        f"WHERE lad_code IN ({marks}) AND vintage IN (?, 'both') ORDER BY lsoa_code",
        [*sorted(lads), vintage],
    ).fetchall()
    keys = ("lsoa_code", "lsoa_name", "lad_code", "residents", "imd_decile", "imd_rank")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _breaks(rates: list[float], bands: int) -> list[float]:
    """Upper bounds of quantile bands (each holds about the same number of LSOAs), rounded, without repeats."""
    if not rates:
        return []
    ordered = sorted(rates)
    out: list[float] = []
    for i in range(1, bands):
        value = round(ordered[min(len(ordered) - 1, math.ceil(i * len(ordered) / bands) - 1)], 1)
        if not out or value > out[-1]:
            out.append(value)
    return out[:-1] if out and out[-1] >= round(ordered[-1], 1) else out


def band_of(rate: float | None, breaks: list[float]) -> int | None:
    """The band (0 = lowest) of a rate: the first whose upper bound it does not exceed."""
    if rate is None:
        return None
    for i, bound in enumerate(breaks):
        if rate <= bound:
            return i
    return len(breaks)


def _map(
    area_lsoas: list[dict[str, Any]],
    known: dict[str, dict[str, Any]],
    vintage: str,
    lads: frozenset[str],
    other_vintage: int,
) -> dict[str, Any]:
    rows = []
    for lsoa in area_lsoas:
        count = known.get(lsoa["lsoa_code"], {}).get("count", 0)
        rows.append(
            {
                "lsoa_code": lsoa["lsoa_code"],
                "lsoa_name": lsoa["lsoa_name"],
                "count": count,
                "residents": lsoa["residents"],
                "rate_per_1000": _rate(count, lsoa["residents"]),
            }
        )
    breaks = _breaks([r["rate_per_1000"] for r in rows if r["rate_per_1000"] is not None], len(MAP_COLOURS))
    for row in rows:
        row["band"] = band_of(row["rate_per_1000"], breaks)
    return {
        "vintage": vintage,
        "lad_codes": sorted(lads),
        "rows": rows,
        "breaks": breaks,
        "colours": MAP_COLOURS[: len(breaks) + 1],
        "no_rate_colour": NO_RATE_COLOUR,
        "other_vintage_rows": other_vintage,
    }


def _deprivation(area_lsoas: list[dict[str, Any]], known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    deciles: dict[int, dict[str, int]] = {}
    pairs: list[tuple[float, float]] = []
    for lsoa in area_lsoas:
        count = known.get(lsoa["lsoa_code"], {}).get("count", 0)
        decile, residents = lsoa["imd_decile"], lsoa["residents"]
        if decile is None or not residents:
            continue
        totals = deciles.setdefault(int(decile), {"lsoas": 0, "residents": 0, "count": 0})
        totals["lsoas"] += 1
        totals["residents"] += residents
        totals["count"] += count
        if lsoa["imd_rank"] is not None:
            pairs.append((float(lsoa["imd_rank"]), count / residents))
    counted = sum(t["count"] for t in deciles.values())
    return {
        "rows": [
            {"decile": d, **t, "rate_per_1000": _rate(t["count"], t["residents"])} for d, t in sorted(deciles.items())
        ],
        "correlation": {"spearman": spearman(pairs), "lsoas": len(pairs)},
        # Records of LSOAs with no decile or population, of the other vintage, or of another local authority.
        "rows_not_in_table": sum(r["count"] for r in known.values()) - counted,
    }


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties given the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(pairs: list[tuple[float, float]]) -> float | None:
    """Spearman's rank correlation (Pearson's on the ranks, ties averaged), to 3 places; None under 3 pairs
    or when either side does not vary."""
    if len(pairs) < 3:
        return None
    xs, ys = _ranks([p[0] for p in pairs]), _ranks([p[1] for p in pairs])
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if not sxx or not syy:
        return None
    return round(sxy / math.sqrt(sxx * syy), 3)
