"""Reads of crime data that are more than a one-liner."""

from __future__ import annotations

from typing import Any

from saferhub.crimedata import store
from saferhub.crimedata.scope import Scope, scope_for
from saferhub.lib.periods import months_between


def street_summary(scope: Scope, *, first: str, last: str) -> dict[str, Any]:
    """Street crimes in ``scope`` per crime type and month; months without data count 0.

    ``{"months": [...], "counts": {"<crime type>": [n per month]}, "total": [n per month]}``, crime
    types in alphabetical order. A force scope counts by "Reported by"; the others by the local
    authority of each record's LSOA (see ``scope``), so rows without an LSOA count only for a force.
    """
    months = months_between(first, last)
    index = {m: i for i, m in enumerate(months)}
    condition, params = scope.where("s", "r")
    with store.connect() as con:
        rows = con.execute(
            # ``condition`` is built by Scope.where from fixed text; the values are parameters.
            "SELECT s.crime_type, s.month, count(*) FROM street s LEFT JOIN lsoa r ON r.lsoa_code = s.lsoa_code "  # noqa: S608
            f"WHERE {condition} AND s.month BETWEEN ? AND ? GROUP BY ALL",
            [*params, first, last],
        ).fetchall()
    counts: dict[str, list[int]] = {}
    total = [0] * len(months)
    for crime_type, month, n in sorted(rows):
        counts.setdefault(crime_type, [0] * len(months))[index[month]] = n
        total[index[month]] += n
    return {"months": months, "counts": counts, "total": total}


def street_summary_by_force(*, reported_by: str, first: str, last: str) -> dict[str, Any]:
    """Street crimes "Reported by" a force: ``street_summary`` of that force's scope."""
    return street_summary(scope_for("force", reported_by), first=first, last=last)


def street_summaries(scopes: list[Scope], *, first: str, last: str) -> dict[str, dict[str, Any]]:
    """``street_summary`` of many local-authority-based scopes (partnerships, authorities, areas) at once.

    One scan of the store counts every local authority's records by type and month; each scope's
    summary is the sum over its authorities. Keyed by ``scope.key``. A force scope is refused
    (ValueError): it counts by "Reported by", which this scan does not group by.
    """
    if any(scope.force is not None for scope in scopes):
        raise ValueError("street_summaries takes partnership, local authority and area scopes, not forces")
    months = months_between(first, last)
    index = {m: i for i, m in enumerate(months)}
    with store.connect() as con:
        rows = con.execute(
            "SELECT r.lad_code, s.crime_type, s.month, count(*) FROM street s JOIN lsoa r ON r.lsoa_code = s.lsoa_code "
            "WHERE s.month BETWEEN ? AND ? AND r.lad_code IS NOT NULL GROUP BY ALL",
            [first, last],
        ).fetchall()
    by_lad: dict[str, list[tuple[str, str, int]]] = {}
    for lad, crime_type, month, n in rows:
        by_lad.setdefault(lad, []).append((crime_type, month, n))
    found: dict[str, dict[str, Any]] = {}
    for scope in scopes:
        counts: dict[str, list[int]] = {}
        total = [0] * len(months)
        for lad in scope.lad_codes:
            for crime_type, month, n in by_lad.get(lad, []):
                counts.setdefault(crime_type, [0] * len(months))[index[month]] += n
                total[index[month]] += n
        found[scope.key] = {"months": months, "counts": dict(sorted(counts.items())), "total": total}
    return found
