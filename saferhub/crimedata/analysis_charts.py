"""The charts of an ``analysis.build`` snapshot, built with ``charts`` (Vega-Lite in the page, SVG in the PDF).

``analysis_charts(snapshot)`` returns ``{name: chart}`` for the sections that have figures to draw:
``trend``, ``rolling``, ``change``, ``rates``, ``comparison``, ``outcomes``, ``deprivation``,
``stop_search``. Each is shown next to the table of the same figures (the page and the document
build those tables from the same snapshot).
"""

from __future__ import annotations

from typing import Any

from saferhub.crimedata import charts
from saferhub.crimedata import outcomes as outcome_groups

PARTNERSHIP_SUFFIX = " Community Safety Partnership"
OTHER_TYPES = "All other types"
# The outcome chart folds the eight groups of its table into the six colours of the palette.
OUTCOME_CHART_GROUPS: dict[str, tuple[str, ...]] = {
    outcome_groups.UNDER_INVESTIGATION: (outcome_groups.UNDER_INVESTIGATION,),
    outcome_groups.NO_SUSPECT: (outcome_groups.NO_SUSPECT,),
    outcome_groups.UNABLE_TO_PROSECUTE: (outcome_groups.UNABLE_TO_PROSECUTE,),
    "Charged or court outcome": (outcome_groups.CHARGED, outcome_groups.COURT),
    outcome_groups.OUT_OF_COURT: (outcome_groups.OUT_OF_COURT,),
    "Other or none recorded": (outcome_groups.OTHER, outcome_groups.NOT_RECORDED),
}


def short_label(label: str) -> str:
    return label.removesuffix(PARTNERSHIP_SUFFIX) or label


def period_label(snapshot: dict[str, Any]) -> str:
    first, last = snapshot["first"], snapshot["last"]
    return first if first == last else f"{first} to {last}"


def analysis_charts(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every chart the snapshot has figures for, by section name."""
    scope = snapshot["scope"]["label"]
    period = period_label(snapshot)
    found: dict[str, dict[str, Any]] = {}
    trend = snapshot["trend"]
    types = trend["types"]
    if sum(trend["total"]):
        shown = types[: charts.MAX_SERIES - 1] if len(types) > charts.MAX_SERIES else types
        series = {t: trend["counts"][t] for t in shown}
        rest = [t for t in types if t not in shown]
        if rest:
            series[OTHER_TYPES] = [sum(trend["counts"][t][i] for t in rest) for i in range(len(trend["months"]))]
        found["trend"] = charts.stacked_bar_chart(
            "chart-trend",
            title=f"Street crime and anti-social behaviour per month by type, {scope}, {period}",
            description="Stacked bar chart of records per month, by crime type. The table after it holds the figures.",
            categories=trend["months"],
            series=series,
            category_title="Month",
            value_title="Records",
        )
    if any(v is not None for v in trend["rolling_total"]):
        rolling = {"All types": trend["rolling_total"]}
        rolling.update({t: trend["rolling"][t] for t in types[: charts.MAX_SERIES - 1]})
        found["rolling"] = charts.line_chart(
            "chart-rolling",
            title=f"12-month rolling totals, {scope}, {period}",
            description="Line chart of the records in the 12 months up to each month, for all types and the most "
            "common ones. The table after it holds the figures.",
            categories=trend["months"],
            series=rolling,
            x_title="Month",
            y_title="Records in 12 months",
        )
    change = snapshot["change"]
    if change["comparable"] and change["rows"]:
        rows = change["rows"]
        found["change"] = charts.grouped_bar_chart(
            "chart-change",
            title=f"Records by type: {period} against {change['first']} to {change['last']}, {scope}",
            description="Bar chart of each crime type's records this period and in the period before. "
            "The table after it holds the figures and says which changes are significant.",
            categories=[r["crime_type"] for r in rows],
            series={
                f"{change['first']} to {change['last']}": [r["previous"] for r in rows],
                period: [r["count"] for r in rows],
            },
            category_title="Crime type",
            value_title="Records",
        )
    rates = snapshot["rates"]
    area = (snapshot["population"].get("area") or {}).get("label")
    if rates["residents"] and rates["rows"]:
        series = {short_label(scope): [r["rate_per_1000"] for r in rates["rows"]]}
        if area and rates["area_residents"] and snapshot["scope"]["kind"] != "area":
            series[area] = [r["area_rate_per_1000"] for r in rates["rows"]]
        found["rates"] = charts.grouped_bar_chart(
            "chart-rates",
            title=f"Records per 1,000 residents by type, {period}",
            description="Bar chart of each crime type's rate per 1,000 residents here and in the area. "
            "The table after it holds the figures.",
            categories=[r["crime_type"] for r in rates["rows"]],
            series=series,
            category_title="Crime type",
            value_title="Records per 1,000 residents",
        )
    comparison = [r for r in snapshot["comparison"]["rows"] if r["rate_per_1000"] is not None]
    if comparison:
        highlighted = next((short_label(r["label"]) for r in comparison if r["is_scope"]), None)
        found["comparison"] = charts.bar_chart(
            "chart-comparison",
            title=f"Records per 1,000 residents by partnership, {period}",
            description="Bar chart of the rate per 1,000 residents of each partnership of the area and of the "
            "whole area; this scope's bar is in a different colour. The table after it holds the figures.",
            categories=[short_label(r["label"]) for r in comparison],
            values=[r["rate_per_1000"] for r in comparison],
            category_title="Partnership",
            value_title="Records per 1,000 residents",
            highlight=highlighted,
        )
    outcome_rows = [r for r in snapshot["outcomes"]["rows"] if r["total"]]
    if outcome_rows:
        found["outcomes"] = charts.stacked_bar_chart(
            "chart-outcomes",
            title=f"Last recorded outcome of crimes by type, {scope}, {period}",
            description="Stacked bar chart of the share of each crime type's crimes by outcome group (court "
            "outcomes with charges; other outcomes with none recorded). The table after it holds the figures.",
            categories=[r["crime_type"] for r in outcome_rows],
            series={
                name: [round(100 * sum(r["counts"][g] for g in groups) / r["total"], 1) for r in outcome_rows]
                for name, groups in OUTCOME_CHART_GROUPS.items()
            },
            category_title="Crime type",
            value_title="Share of crimes (%)",
            horizontal=True,
            value_max=100,
        )
    deprivation = [r for r in snapshot["deprivation"]["rows"] if r["rate_per_1000"] is not None]
    if deprivation:
        found["deprivation"] = charts.bar_chart(
            "chart-deprivation",
            title=f"Records per 1,000 residents by deprivation decile, {scope}, {period}",
            description="Bar chart of the rate per 1,000 residents in the LSOAs of each Index of Multiple "
            "Deprivation 2019 decile, 1 being the most deprived. The table after it holds the figures.",
            categories=[decile_label(r["decile"]) for r in deprivation],
            values=[r["rate_per_1000"] for r in deprivation],
            category_title="IMD 2019 decile",
            value_title="Records per 1,000 residents",
        )
    stops = snapshot["stop_and_search"]
    if stops.get("total"):
        found["stop_search"] = charts.bar_chart(
            "chart-stop-search",
            title=f"Stop and search by object of search, {scope}, {period}",
            description="Bar chart of the searches by what was searched for. The table after it holds the figures.",
            categories=[r["label"] for r in stops["by_object"]],
            values=[r["count"] for r in stops["by_object"]],
            category_title="Object of search",
            value_title="Searches",
        )
    return found


def decile_label(decile: int) -> str:
    if decile == 1:
        return "1 (most deprived)"
    if decile == 10:
        return "10 (least deprived)"
    return str(decile)
