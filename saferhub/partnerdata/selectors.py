"""Reads of partner data that are more than a one-liner."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from saferhub.lib.periods import months_between
from saferhub.partnerdata import store
from saferhub.partnerdata.models import PartnerDataset


def partner_summary(
    dataset: PartnerDataset, first: str, last: str, lad_codes: Iterable[str] | None = None
) -> dict[str, Any]:
    """The dataset's counts per category and month, shaped like the crime summary; months without data count 0.

    ``{"months": [...], "counts": {"<category>": [n per month]}, "total": [n per month]}``, categories in
    alphabetical order. Each row counts its ``count``. With ``lad_codes``, only rows attributed to one of
    those local authorities: by the row's own local authority code, else by the local authority of its
    LSOA code in the ``lsoa`` reference table (rows with neither are left out).
    """
    months = months_between(first, last)
    index = {m: i for i, m in enumerate(months)}
    counts: dict[str, list[int]] = {}
    total = [0] * len(months)
    source = store.rows_sql(dataset.pk)
    if source is None or not months:
        return {"months": months, "counts": counts, "total": total}
    sql = (
        f"SELECT p.category, p.month, sum(p.count) FROM {source} p "  # noqa: S608  (a quoted path, see rows_sql)
        "LEFT JOIN lsoa r ON r.lsoa_code = p.lsoa_code WHERE p.month BETWEEN ? AND ?"
    )
    params: list[Any] = [first, last]
    if lad_codes is not None:
        sql += " AND list_contains(?::VARCHAR[], coalesce(p.lad_code, r.lad_code))"
        params.append(sorted(set(lad_codes)))
    with store.connect() as con:
        rows = con.execute(sql + " GROUP BY ALL", params).fetchall()
    for category, month, n in sorted(rows):
        counts.setdefault(category, [0] * len(months))[index[month]] = int(n)
        total[index[month]] += int(n)
    return {"months": months, "counts": counts, "total": total}


def months_held(dataset: PartnerDataset) -> list[str]:
    """The months the dataset holds rows for, in order."""
    return store.months_held(dataset.pk)


def month_label(month: str) -> str:
    """ "2024-03" as people write it: "March 2024"."""
    year, number = map(int, month.split("-"))
    return date_format(datetime.date(year, number, 1), "F Y")


def month_range(months: list[str]) -> str:
    """The first to the last of the months, "January 2024 to March 2024"; one month's name when they are one."""
    if not months:
        return ""
    first, last = month_label(months[0]), month_label(months[-1])
    return first if first == last else _("%(first)s to %(last)s") % {"first": first, "last": last}
