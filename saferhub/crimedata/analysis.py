"""The crime analysis of a scope (a partnership, a local authority, a force or an area) over a range of months.

``build(scope, first, last)`` returns a JSON-serialisable snapshot (a document version stores it as it
is); ``issue_stats(scope, first, last)`` the per-crime-type figures the scoring matrix scores from.

Street records are attributed to a scope by ``scope.where()`` over ``street s LEFT JOIN lsoa r``:
by the LSOA they carry, whichever force reported them. Rates are per 1,000 residents over the
whole period (not annualised), from the ONS mid-2022 population of the scope's local authorities.
A "held" month is one for which the scope has any street record: a month before the first import
or after the last is not held, and the analysis says so rather than counting it as zero.
"""

from __future__ import annotations

from typing import Any

import duckdb

from saferhub.crimedata import hotspots, stopsearch, store
from saferhub.crimedata import outcomes as outcome_groups
from saferhub.crimedata.reference import POPULATION_2022
from saferhub.crimedata.scope import Scope, area_scope
from saferhub.crimedata.significance import compare_counts
from saferhub.lib.periods import months_between, shift_month
from saferhub.partnerships.models import Area, LocalAuthority, Partnership

SNAPSHOT_VERSION = 1
ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"
FROM_SCOPED = "street s LEFT JOIN lsoa r ON r.lsoa_code = s.lsoa_code"


# --- months ------------------------------------------------------------------------------------


def previous_period(first: str, last: str) -> tuple[str, str]:
    """The period of the same number of months immediately before ``first``..``last``."""
    length = len(months_between(first, last))
    return shift_month(first, -length), shift_month(first, -1)


# --- where a scope belongs ---------------------------------------------------------------------


def area_of(scope: Scope) -> Area | None:
    """The area (county / force area) a scope belongs to: its own for an area, the area whose police force
    it is for a force; None when there is none."""
    areas = Area.objects.filter(archived_at__isnull=True)
    if scope.kind == "area":
        return areas.filter(slug=scope.key).first()
    if scope.kind == "partnership":
        partnership = Partnership.objects.filter(slug=scope.key).select_related("area").first()
        return partnership.area if partnership else None
    if scope.kind == "local_authority":
        authority = LocalAuthority.objects.filter(ons_code=scope.key).select_related("area").first()
        return authority.area if authority else None
    return areas.filter(police_force=scope.force or scope.key).first()


def _population_lads(scope: Scope, area: Area | None) -> frozenset[str]:
    """The local authorities whose residents a scope's rates are per: its own, or for a force its area's."""
    if scope.lad_codes:
        return scope.lad_codes
    if area is not None:
        return frozenset(area.local_authorities.values_list("ons_code", flat=True))
    return frozenset()


def lad_populations(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Mid-2022 residents per local authority: the sum over its 2021 LSOAs (a code unchanged since 2011 is
    vintage 'both'), so no resident is counted twice; the same figure as ``reference.lad_population``."""
    rows = con.execute(
        "SELECT lad_code, sum(population) FROM lsoa WHERE vintage IN ('2021', 'both') AND population_source = ? "
        "AND lad_code IS NOT NULL GROUP BY lad_code",
        [POPULATION_2022],
    ).fetchall()
    return {code: int(total) for code, total in rows if total is not None}


def population_of(lads: frozenset[str], populations: dict[str, int]) -> int | None:
    """Residents of these local authorities; None when any of them has no population held."""
    if not lads or any(code not in populations for code in lads):
        return None
    return sum(populations[code] for code in lads)


def rate(count: int, population: int | None) -> float | None:
    """Per 1,000 residents, to two decimal places; None without a population."""
    if not population:
        return None
    return round(1000 * count / population, 2)


# --- queries -----------------------------------------------------------------------------------


def _counts_by_type_and_month(
    con: duckdb.DuckDBPyConnection, scope: Scope, first: str, last: str
) -> dict[tuple[str, str], int]:
    condition, params = scope.where("s", "r")
    rows = con.execute(
        f"SELECT s.crime_type, s.month, count(*) FROM {FROM_SCOPED} "  # noqa: S608 - the condition is the scope's
        f"WHERE ({condition}) AND s.month BETWEEN ? AND ? GROUP BY ALL",
        [*params, first, last],
    ).fetchall()
    return {(crime_type, month): n for crime_type, month, n in rows}


def _sum(counts: dict[tuple[str, str], int], months: list[str], crime_type: str | None = None) -> int:
    wanted = set(months)
    return sum(n for (t, m), n in counts.items() if m in wanted and (crime_type is None or t == crime_type))


def _held(counts: dict[tuple[str, str], int]) -> set[str]:
    return {month for _, month in counts}


def change_row(count: int, previous: int, comparable: bool) -> dict[str, Any]:
    """One row of the change table. Without a comparable previous period there is no change to test."""
    if not comparable:
        return {
            "count": count,
            "previous": previous,
            "change_pct": None,
            "p_value": None,
            "significant": False,
            "direction": "flat",
        }
    change = compare_counts(count, previous)
    return {
        "count": count,
        "previous": previous,
        "change_pct": change.change_pct,
        "p_value": round(change.p_value, 6),
        "significant": change.significant,
        "direction": change.direction,
    }


# --- the matrix's figures ----------------------------------------------------------------------


def issue_stats(scope: Scope, first: str, last: str) -> dict[str, dict[str, Any]]:
    """Per crime type of the scope over ``first``..``last`` (YYYY-MM), for the scoring matrix:

    ``{"count", "previous", "change_pct", "significant", "direction", "rate_per_1000", "county_rate_per_1000"}``

    - ``previous``: the count over the same number of months immediately before ``first``;
    - ``change_pct``: percentage change from ``previous`` (None when it is 0, or when a month of either
      period is not held, since a month without data is not a month without crime);
    - ``significant``: the two-sided conditional binomial test of the two Poisson counts at 5%;
    - ``direction``: "up" or "down" only when significant, otherwise "flat";
    - ``rate_per_1000``: the count per 1,000 residents of the scope (None without population figures);
    - ``county_rate_per_1000``: the same for the area (county) the scope belongs to.
    """
    months = months_between(first, last)
    previous_first, previous_last = previous_period(first, last)
    previous_months = months_between(previous_first, previous_last)
    area = area_of(scope)
    with store.connect() as con:
        counts = _counts_by_type_and_month(con, scope, previous_first, last)
        populations = lad_populations(con)
        county = area_scope(area) if area is not None else None
        county_counts = _counts_by_type_and_month(con, county, first, last) if county else {}
    held = _held(counts)
    comparable = set(months) | set(previous_months) <= held
    population = population_of(_population_lads(scope, area), populations)
    county_population = population_of(county.lad_codes, populations) if county else None
    stats = {}
    for crime_type in sorted({t for t, _ in counts}):
        count = _sum(counts, months, crime_type)
        row = change_row(count, _sum(counts, previous_months, crime_type), comparable)
        del row["p_value"]
        row["rate_per_1000"] = rate(count, population)
        row["county_rate_per_1000"] = rate(_sum(county_counts, months, crime_type), county_population)
        stats[crime_type] = row
    return stats


# --- the snapshot ------------------------------------------------------------------------------


def build(scope: Scope, first: str, last: str) -> dict[str, Any]:
    """The analysis of ``scope`` over ``first``..``last`` (YYYY-MM, both included), as plain JSON data.

    Keys (each section says what it holds; counts are street records, crimes and anti-social behaviour):

    - ``version``: the snapshot's layout, 1. ``scope``: kind, key, label, lad_codes, force.
      ``first``, ``last``, ``months``: the period.
    - ``data``: ``street_rows`` in the store at all, ``months_held`` / ``months_missing`` of the period
      for this scope.
    - ``population``: ``residents`` (ONS mid-2022, None when not held), ``lad_codes`` they are for,
      ``area`` (slug, label, residents) the scope belongs to.
    - ``trend``: ``months``, ``types`` (most common first), ``counts`` {type: [n per month]}, ``total``,
      ``rolling`` {type: [12-month total per month, None where a month it needs is not held]},
      ``rolling_total``, ``rolling_missing`` (months before ``first`` the rolling totals need and lack).
    - ``change``: ``first``/``last`` of the previous period of the same length, ``comparable`` (both
      periods fully held), ``missing`` months, ``rows`` [{crime_type, count, previous, change_pct,
      p_value, significant, direction}] and ``total`` (the same for all types).
    - ``rates``: ``rows`` [{crime_type, count, rate_per_1000, area_count, area_rate_per_1000, ratio}] and
      ``total``; ``ratio`` is the scope's rate over the area's.
    - ``comparison``: ``rows`` [{kind, key, label, residents, count, rate_per_1000, is_scope}]: the
      partnerships of the area (and the scope itself when it is not one), then the area.
    - ``hotspots``, ``map``, ``deprivation``: see ``hotspots.places``.
    - ``outcomes``: ``groups``, ``rows`` [{crime_type, total, counts {group: n}}], ``total``,
      ``no_suspect_share`` (percentage of crimes with an outcome closed "no suspect identified"),
      ``unknown_categories`` (counted as "Other"). Anti-social behaviour has no outcomes and is left out.
    - ``stop_and_search``: see ``stopsearch.summary``.
    - ``not_attributable``: street records of the area's force in the period with no location (and so no
      LSOA), which no partnership or local authority can count, and records whose LSOA is not in the
      reference table.
    """
    months = months_between(first, last)
    previous_first, previous_last = previous_period(first, last)
    rolling_first = shift_month(first, -11)
    earliest = min(previous_first, rolling_first)
    area = area_of(scope)
    county = area_scope(area) if area is not None else None
    with store.connect() as con:
        street_rows = con.execute("SELECT count(*) FROM street").fetchone()[0]  # type: ignore[index]
        counts = _counts_by_type_and_month(con, scope, earliest, last)
        populations = lad_populations(con)
        lads = _population_lads(scope, area)
        residents = population_of(lads, populations)
        area_residents = population_of(county.lad_codes, populations) if county else None
        by_lad = _counts_by_lad(con, county, first, last) if county else {}
        held = _held(counts)
        places = hotspots.places(con, scope, first, last, lads, [m for m in months if m in held])
        outcome_profile = _outcomes(con, scope, first, last)
        stops = stopsearch.summary(con, scope, area, first, last)
        unattributed = _not_attributable(con, scope, area, first, last)
    trend = _trend(counts, months, rolling_first, held)
    change = _change_table(counts, months, previous_first, previous_last, held)
    county_label = area.name if area else None
    return {
        "version": SNAPSHOT_VERSION,
        "scope": {
            "kind": scope.kind,
            "key": scope.key,
            "label": scope.label,
            "lad_codes": sorted(scope.lad_codes),
            "force": scope.force,
        },
        "first": first,
        "last": last,
        "months": months,
        "data": {
            "street_rows": int(street_rows),
            "months_held": [m for m in months if m in held],
            "months_missing": [m for m in months if m not in held],
        },
        "population": {
            "residents": residents,
            "lad_codes": sorted(lads),
            "source": "ONS mid-2022 population estimates (LSOA 2021)",
            "area": {"slug": area.slug, "label": county_label, "residents": area_residents} if area else None,
        },
        "trend": trend,
        "change": change,
        "rates": _rates(trend, residents, by_lad, area_residents),
        "comparison": _comparison(scope, area, by_lad, populations),
        **places,
        "outcomes": outcome_profile,
        "stop_and_search": stops,
        "not_attributable": unattributed,
    }


def _trend(counts: dict[tuple[str, str], int], months: list[str], rolling_first: str, held: set[str]) -> dict[str, Any]:
    window = months_between(rolling_first, months[-1])
    totals: dict[str, int] = {}
    for (crime_type, month), n in counts.items():
        if month in months:
            totals[crime_type] = totals.get(crime_type, 0) + n
    types = sorted(totals, key=lambda t: (-totals[t], t))

    def series(crime_type: str | None) -> list[int]:
        return [
            sum(n for (t, m), n in counts.items() if m == month and (crime_type is None or t == crime_type))
            for month in window
        ]

    def rolling(values: list[int]) -> list[int | None]:
        out: list[int | None] = []
        for i in range(11, len(window)):
            span = window[i - 11 : i + 1]
            out.append(sum(values[i - 11 : i + 1]) if all(m in held for m in span) else None)
        return out

    by_type = {t: series(t) for t in types}
    total = series(None)
    return {
        "months": months,
        "types": types,
        "counts": {t: values[11:] for t, values in by_type.items()},
        "total": total[11:],
        "rolling": {t: rolling(values) for t, values in by_type.items()},
        "rolling_total": rolling(total),
        "rolling_missing": [m for m in window[:11] if m not in held],
    }


def _change_table(
    counts: dict[tuple[str, str], int], months: list[str], previous_first: str, previous_last: str, held: set[str]
) -> dict[str, Any]:
    previous = months_between(previous_first, previous_last)
    missing = [m for m in [*previous, *months] if m not in held]
    comparable = not missing
    types = sorted({t for (t, m) in counts if m in months or m in previous})
    rows = [
        {"crime_type": t, **change_row(_sum(counts, months, t), _sum(counts, previous, t), comparable)} for t in types
    ]
    rows.sort(key=lambda row: (-row["count"], row["crime_type"]))
    return {
        "first": previous_first,
        "last": previous_last,
        "comparable": comparable,
        "missing": missing,
        "rows": rows,
        "total": change_row(_sum(counts, months), _sum(counts, previous), comparable),
    }


def _counts_by_lad(con: duckdb.DuckDBPyConnection, county: Scope, first: str, last: str) -> dict[str, dict[str, int]]:
    """{local authority code: {crime type: count}} for the area's records in the period."""
    condition, params = county.where("s", "r")
    rows = con.execute(
        f"SELECT r.lad_code, s.crime_type, count(*) FROM {FROM_SCOPED} "  # noqa: S608 - the condition is the scope's
        f"WHERE ({condition}) AND s.month BETWEEN ? AND ? GROUP BY ALL",
        [*params, first, last],
    ).fetchall()
    out: dict[str, dict[str, int]] = {}
    for lad, crime_type, n in rows:
        out.setdefault(lad, {})[crime_type] = n
    return out


def _rates(
    trend: dict[str, Any], residents: int | None, by_lad: dict[str, dict[str, int]], area_residents: int | None
) -> dict[str, Any]:
    area_counts: dict[str, int] = {}
    for types in by_lad.values():
        for crime_type, n in types.items():
            area_counts[crime_type] = area_counts.get(crime_type, 0) + n

    def row(count: int, area_count: int | None) -> dict[str, Any]:
        mine, theirs = rate(count, residents), rate(area_count or 0, area_residents) if by_lad else None
        return {
            "count": count,
            "rate_per_1000": mine,
            "area_count": area_count,
            "area_rate_per_1000": theirs,
            "ratio": round(mine / theirs, 2) if mine is not None and theirs else None,
        }

    rows = [
        {"crime_type": t, **row(sum(trend["counts"][t]), area_counts.get(t, 0) if by_lad else None)}
        for t in trend["types"]
    ]
    total = row(sum(trend["total"]), sum(area_counts.values()) if by_lad else None)
    return {"residents": residents, "area_residents": area_residents, "rows": rows, "total": total}


def _comparison(
    scope: Scope, area: Area | None, by_lad: dict[str, dict[str, int]], populations: dict[str, int]
) -> dict[str, Any]:
    """The scope against the area and the area's other partnerships, by total count and rate."""
    if area is None:
        return {"area": None, "rows": []}

    def row(kind: str, key: str, label: str, lads: frozenset[str], is_scope: bool) -> dict[str, Any]:
        count = sum(sum(by_lad.get(code, {}).values()) for code in lads)
        residents = population_of(lads, populations)
        return {
            "kind": kind,
            "key": key,
            "label": label,
            "residents": residents,
            "count": count,
            "rate_per_1000": rate(count, residents),
            "is_scope": is_scope,
        }

    rows = []
    partnerships = Partnership.objects.filter(area=area, archived_at__isnull=True).prefetch_related("local_authorities")
    for partnership in partnerships.order_by("name"):
        lads = frozenset(la.ons_code for la in partnership.local_authorities.all())
        is_scope = scope.kind == "partnership" and scope.key == partnership.slug
        rows.append(row("partnership", partnership.slug, partnership.name, lads, is_scope))
    if scope.kind == "local_authority":
        rows.append(row(scope.kind, scope.key, scope.label, scope.lad_codes, True))
    area_lads = frozenset(area.local_authorities.values_list("ons_code", flat=True))
    rows.append(row("area", area.slug, area.name, area_lads, scope.kind == "area"))
    return {"area": {"slug": area.slug, "label": area.name}, "rows": rows}


def _outcomes(con: duckdb.DuckDBPyConnection, scope: Scope, first: str, last: str) -> dict[str, Any]:
    condition, params = scope.where("s", "r")
    rows = con.execute(
        f"SELECT s.crime_type, s.last_outcome_category, count(*) FROM {FROM_SCOPED} "  # noqa: S608
        f"WHERE ({condition}) AND s.month BETWEEN ? AND ? AND s.crime_type <> ? GROUP BY ALL",
        [*params, first, last, ANTI_SOCIAL_BEHAVIOUR],
    ).fetchall()
    groups = outcome_groups.GROUPS
    by_type: dict[str, dict[str, int]] = {}
    for crime_type, category, n in rows:
        counts = by_type.setdefault(crime_type, dict.fromkeys(groups, 0))
        counts[outcome_groups.group_of(category)] += n
    total = dict.fromkeys(groups, 0)
    for counts in by_type.values():
        for group, n in counts.items():
            total[group] += n
    with_outcome = sum(total.values()) - total[outcome_groups.NOT_RECORDED]
    ordered = sorted(by_type.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    table = [{"crime_type": t, "total": sum(c.values()), "counts": c} for t, c in ordered]
    return {
        "groups": list(groups),
        "rows": table,
        "total": {"total": sum(total.values()), "counts": total},
        "no_suspect_share": round(100 * total[outcome_groups.NO_SUSPECT] / with_outcome, 1) if with_outcome else None,
        "unknown_categories": outcome_groups.unknown(category for _, category, _ in rows),
    }


def _not_attributable(
    con: duckdb.DuckDBPyConnection, scope: Scope, area: Area | None, first: str, last: str
) -> dict[str, Any]:
    """Records with no location, and records whose LSOA the reference table does not know, of the force."""
    force = scope.force or (area.police_force if area else "")
    if not force:
        return {"force": None, "no_location": 0, "unknown_lsoa": 0, "in_scope_counts": scope.kind == "force"}
    no_location, unknown_lsoa = con.execute(
        f"SELECT count(*) FILTER (s.lsoa_code IS NULL), "  # noqa: S608 - no user text in the SQL
        f"count(*) FILTER (s.lsoa_code IS NOT NULL AND r.lsoa_code IS NULL) FROM {FROM_SCOPED} "
        "WHERE s.reported_by = ? AND s.month BETWEEN ? AND ?",
        [force, first, last],
    ).fetchone() or (0, 0)
    return {
        "force": force,
        "no_location": int(no_location),
        "unknown_lsoa": int(unknown_lsoa),
        # A force's own figures count its records with no location; every other scope cannot.
        "in_scope_counts": scope.kind == "force",
    }
