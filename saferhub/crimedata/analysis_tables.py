"""The tables of an ``analysis.build`` snapshot: the figures of each chart, and the tables without one.

``analysis_tables(snapshot)`` returns ``{name: table}`` where a table is ``{"name", "title",
"headers", "numeric" (per column), "rows" (lists of cells), "total" (a last row, or None)}``. The page
renders them, offers each as CSV (``csv_text``), and the document can render the same ones.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from saferhub.crimedata.analysis_charts import OTHER_TYPES, decile_label, period_label, short_label

SIGNIFICANT_UP = "Significant rise"
SIGNIFICANT_DOWN = "Significant fall"
NOT_SIGNIFICANT = "No significant change"
NOT_COMPARABLE = "Not compared: months missing"
SIGNED = re.compile(r"[+-][0-9][0-9.,]*%?")


def make_table(
    name: str,
    title: str,
    headers: list[str],
    numeric: list[bool],
    rows: list[list[Any]],
    total: list[Any] | None = None,
) -> dict[str, Any]:
    return {"name": name, "title": title, "headers": headers, "numeric": numeric, "rows": rows, "total": total}


def change_wording(row: dict[str, Any], comparable: bool) -> str:
    """What the change means: a significant rise or fall, or no significant change (p >= 0.05)."""
    if not comparable:
        return NOT_COMPARABLE
    if not row["significant"]:
        return NOT_SIGNIFICANT
    return SIGNIFICANT_UP if row["direction"] == "up" else SIGNIFICANT_DOWN


def change_pct(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}%"


def p_value_text(value: float | None) -> str:
    if value is None:
        return ""
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def change_cells(label: str, row: dict[str, Any], comparable: bool) -> list[Any]:
    """One row of a change table: the label, the previous and current counts, the change, the p-value and
    what it means. A previous period not fully held has no count to compare: a blank, not a misleading 0."""
    return [
        label,
        row["previous"] if comparable else "",
        row["count"],
        change_pct(row["change_pct"]),
        p_value_text(row["p_value"]),
        change_wording(row, comparable),
    ]


def p_clause(value: float) -> str:
    """A p-value as a sentence gives it: "p < 0.001" or "p = 0.012"."""
    return "p < 0.001" if value < 0.001 else f"p = {value:.3f}"


def analysis_tables(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every table of the analysis, by name, in the order the page shows them."""
    scope = snapshot["scope"]["label"]
    period = period_label(snapshot)
    held = set(snapshot["data"]["months_held"])
    tables: dict[str, dict[str, Any]] = {}
    trend = snapshot["trend"]
    types = trend["types"]
    shown = types[:5] if len(types) > 6 else types
    rest = [t for t in types if t not in shown]
    headers = ["Month", *shown, *([OTHER_TYPES] if rest else []), "All types"]
    rows: list[list[Any]] = []
    for i, month in enumerate(trend["months"]):
        if month not in held:
            rows.append([f"{month} (not held)", *([""] * (len(headers) - 1))])
            continue
        cells = [trend["counts"][t][i] for t in shown]
        if rest:
            cells.append(sum(trend["counts"][t][i] for t in rest))
        rows.append([month, *cells, trend["total"][i]])
    sums = [sum(int(r[c] or 0) for r in rows) for c in range(1, len(headers))]
    total = ["Total", *sums] if rows else None
    tables["trend"] = make_table(
        "trend",
        f"Records per month by type, {scope}, {period}",
        headers,
        [False] + [True] * (len(headers) - 1),
        rows,
        total,
    )

    tables["by_type"] = make_table(
        "by_type",
        f"Records per month for every type, {scope}, {period}",
        ["Crime type", *trend["months"], "Total"],
        [False] + [True] * (len(trend["months"]) + 1),
        [
            [
                t,
                *(n if m in held else "" for m, n in zip(trend["months"], trend["counts"][t], strict=True)),
                sum(trend["counts"][t]),
            ]
            for t in types
        ],
    )
    rolling_types = types[:5]
    tables["rolling"] = make_table(
        "rolling",
        f"12-month rolling totals, {scope}, {period}",
        ["Month", "All types", *rolling_types],
        [False] + [True] * (len(rolling_types) + 1),
        [
            [month, _blank(trend["rolling_total"][i]), *(_blank(trend["rolling"][t][i]) for t in rolling_types)]
            for i, month in enumerate(trend["months"])
        ],
    )

    change = snapshot["change"]
    previous = f"{change['first']} to {change['last']}"

    comparable = change["comparable"]
    tables["change"] = make_table(
        "change",
        f"Change against the previous {len(snapshot['months'])} months, {scope}",
        ["Crime type", previous, period, "Change", "p-value", "What it means"],
        [False, True, True, True, True, False],
        [change_cells(r["crime_type"], r, comparable) for r in change["rows"]],
        change_cells("All types", change["total"], comparable),
    )

    rates = snapshot["rates"]
    area = (snapshot["population"].get("area") or {}).get("label") or "Area"
    tables["rates"] = make_table(
        "rates",
        f"Records per 1,000 residents, {scope} and {area}, {period}",
        [
            "Crime type",
            "Records",
            "Per 1,000 residents",
            f"{area}: records",
            f"{area}: per 1,000 residents",
            "Ratio to the area",
        ],
        [False, True, True, True, True, True],
        [
            [
                r["crime_type"],
                r["count"],
                _rate(r["rate_per_1000"]),
                _blank(r["area_count"]),
                _rate(r["area_rate_per_1000"]),
                _rate(r["ratio"]),
            ]
            for r in rates["rows"]
        ],
        [
            "All types",
            rates["total"]["count"],
            _rate(rates["total"]["rate_per_1000"]),
            _blank(rates["total"]["area_count"]),
            _rate(rates["total"]["area_rate_per_1000"]),
            _rate(rates["total"]["ratio"]),
        ],
    )
    tables["comparison"] = make_table(
        "comparison",
        f"Partnerships of {area} compared, {period}",
        ["Partnership or area", "Residents", "Records", "Per 1,000 residents"],
        [False, True, True, True],
        [
            [
                short_label(r["label"]) + (" (this analysis)" if r["is_scope"] else ""),
                _blank(r["residents"]),
                r["count"],
                _rate(r["rate_per_1000"]),
            ]
            for r in snapshot["comparison"]["rows"]
        ],
    )

    hotspots = snapshot["hotspots"]
    persistence = (
        f"Months in the top {hotspots['top']}"
        if hotspots["unit"] == "month"
        else f"Quarters in the top {hotspots['top']}"
    )
    lsoa_headers = [
        "LSOA",
        "Local authority",
        "Records",
        "Residents",
        "Per 1,000 residents",
        "IMD decile",
        f"{persistence} (of {hotspots['units']})",
    ]
    lsoa_numeric = [False, False, True, True, True, True, True]

    def lsoa_row(r: dict[str, Any]) -> list[Any]:
        return [
            f"{r['lsoa_name'] or ''} ({r['lsoa_code']})",
            r["lad_name"] or "",
            r["count"],
            _blank(r["residents"]),
            _rate(r["rate_per_1000"]),
            _blank(r["imd_decile"]),
            r["persistence"],
        ]

    tables["hotspots_count"] = make_table(
        "hotspots_count",
        f"The {hotspots['top']} LSOAs with the most records, {period}",
        lsoa_headers,
        lsoa_numeric,
        [lsoa_row(r) for r in hotspots["lsoas_by_count"]],
    )
    tables["hotspots_rate"] = make_table(
        "hotspots_rate",
        f"The {hotspots['top']} LSOAs with the highest rate per 1,000 residents, {period}",
        lsoa_headers,
        lsoa_numeric,
        [lsoa_row(r) for r in hotspots["lsoas_by_rate"]],
    )
    tables["locations"] = make_table(
        "locations",
        f"The {hotspots['top']} “on or near” locations with the most records, {period}",
        ["Location", "LSOA", "Records", f"{persistence} (of {hotspots['units']})"],
        [False, False, True, True],
        [
            [r["location"], f"{r['lsoa_name'] or ''} ({r['lsoa_code']})", r["count"], r["persistence"]]
            for r in hotspots["locations"]
        ],
    )

    map_section = snapshot["map"]
    tables["map"] = make_table(
        "map",
        f"Records per 1,000 residents by LSOA ({map_section['vintage']} LSOAs), {period}",
        ["LSOA", "Records", "Residents", "Per 1,000 residents"],
        [False, True, True, True],
        [
            [
                f"{r['lsoa_name'] or ''} ({r['lsoa_code']})",
                r["count"],
                _blank(r["residents"]),
                _rate(r["rate_per_1000"]),
            ]
            for r in sorted(map_section["rows"], key=lambda r: (-(r["rate_per_1000"] or 0), r["lsoa_code"]))
        ],
    )

    outcomes = snapshot["outcomes"]
    groups = outcomes["groups"]
    tables["outcomes"] = make_table(
        "outcomes",
        f"Last recorded outcome of crimes by type, {scope}, {period}",
        ["Crime type", *groups, "Crimes"],
        [False] + [True] * (len(groups) + 1),
        [[r["crime_type"], *(r["counts"][g] for g in groups), r["total"]] for r in outcomes["rows"]],
        ["All crimes", *(outcomes["total"]["counts"][g] for g in groups), outcomes["total"]["total"]],
    )

    deprivation = snapshot["deprivation"]
    tables["deprivation"] = make_table(
        "deprivation",
        f"Records per 1,000 residents by IMD 2019 decile, {scope}, {period}",
        ["IMD decile", "LSOAs", "Residents", "Records", "Per 1,000 residents"],
        [False, True, True, True, True],
        [
            [decile_label(r["decile"]), r["lsoas"], r["residents"], r["count"], _rate(r["rate_per_1000"])]
            for r in deprivation["rows"]
        ],
    )

    stops = snapshot["stop_and_search"]
    if stops.get("total"):
        for key, title, label in (
            ("by_object", "Stop and search by object of search", "Object of search"),
            ("by_month", "Stop and search by month", "Month"),
            ("by_outcome", "Stop and search by outcome", "Outcome"),
            ("by_ethnicity", "Stop and search by officer-defined ethnicity", "Officer-defined ethnicity"),
            ("by_age", "Stop and search by age range", "Age range"),
            ("by_gender", "Stop and search by gender", "Gender"),
            ("by_type", "Stop and search by type of search", "Type of search"),
        ):
            name = f"stop_search_{key.removeprefix('by_')}"
            tables[name] = make_table(
                name,
                f"{title}, {scope}, {period}",
                [label, "Searches", "Share"],
                [False, True, True],
                [[r["label"], r["count"], f"{100 * r['count'] / stops['total']:.1f}%"] for r in stops[key]],
                ["All searches", stops["total"], "100.0%"],
            )
    return tables


def correlation_wording(correlation: dict[str, Any]) -> str:
    """Spearman's rho between IMD rank (1 = most deprived) and crime rate, in words."""
    rho = correlation.get("spearman")
    if rho is None:
        return "There are too few LSOAs with figures to measure how crime rates follow deprivation."
    size = abs(rho)
    strength = "no clear" if size < 0.1 else "a weak" if size < 0.3 else "a moderate" if size < 0.5 else "a strong"
    if size < 0.1:
        trend = "crime rates do not follow deprivation"
    elif rho < 0:
        trend = "crime rates are higher in more deprived LSOAs"
    else:
        trend = "crime rates are higher in less deprived LSOAs"
    return (
        f"Across {correlation['lsoas']} LSOAs the rank correlation (Spearman's rho) between deprivation rank and "
        f"crime rate is {rho:+.2f}: {strength} relationship, {trend}."
    )


def _rate(value: float | None) -> str:
    """A rate or ratio to two decimal places, so a column lines up; blank when there is none."""
    return "" if value is None else f"{value:.2f}"


def _blank(value: Any) -> Any:
    """Missing figures are an empty cell, not "None"."""
    return "" if value is None else value


def _csv_cell(value: Any) -> Any:
    # Location and LSOA names come from the data: stop a spreadsheet reading one as a formula (a signed
    # percentage such as "+12.5%" is a figure, not a formula).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not SIGNED.fullmatch(value):
        return "'" + value
    return value


def csv_text(table: dict[str, Any]) -> str:
    """The table as CSV: its headers, its rows and its total row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table["headers"])
    for row in [*table["rows"], *([table["total"]] if table["total"] else [])]:
        writer.writerow([_csv_cell(cell) for cell in row])
    return out.getvalue()
