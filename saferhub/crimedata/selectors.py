"""Reads of crime data that are more than a one-liner."""

from __future__ import annotations

from typing import Any

from saferhub.crimedata import store


def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from ``first`` to ``last``, both included."""
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def street_summary_by_force(*, reported_by: str, first: str, last: str) -> dict[str, Any]:
    """Street crimes "Reported by" a force, per crime type and month; months without data count 0.

    ``{"months": [...], "counts": {"<crime type>": [n per month]}, "total": [n per month]}``, crime
    types in alphabetical order.
    """
    months = months_between(first, last)
    index = {m: i for i, m in enumerate(months)}
    with store.connect() as con:
        rows = con.execute(
            "SELECT crime_type, month, count(*) FROM street "
            "WHERE reported_by = ? AND month BETWEEN ? AND ? GROUP BY ALL",
            [reported_by, first, last],
        ).fetchall()
    counts: dict[str, list[int]] = {}
    total = [0] * len(months)
    for crime_type, month, n in sorted(rows):
        counts.setdefault(crime_type, [0] * len(months))[index[month]] = n
        total[index[month]] += n
    return {"months": months, "counts": counts, "total": total}
