"""A partner dataset's figures for a period, as the strategic assessment shows them beside the police
figures: the count per month by category, and the change against the period before, tested the same
way as crime (a change that may be noise is reported as no significant change).

``dataset_figures`` builds plain JSON data (it is stored in a document version's snapshot);
``figures_chart``, ``figures_tables`` and ``figures_finding`` draw and word it.
"""

from __future__ import annotations

from typing import Any

from saferhub.crimedata import charts
from saferhub.crimedata.analysis import change_row, previous_period
from saferhub.crimedata.analysis_charts import OTHER_TYPES
from saferhub.crimedata.analysis_tables import change_cells, make_table, p_clause
from saferhub.crimedata.scope import Scope
from saferhub.lib.periods import months_between
from saferhub.partnerdata import access
from saferhub.partnerdata.models import PartnerDataset
from saferhub.partnerdata.selectors import months_held, partner_summary


def dataset_figures(
    dataset: PartnerDataset, first: str, last: str, lad_codes: list[str] | None = None
) -> dict[str, Any] | None:
    """The dataset's counts over ``first``..``last`` and the change against the same number of months
    before, for the rows of ``lad_codes`` (every row with None); None when it holds no month of the period.

    The change is tested only when the dataset holds every month of both periods: a month that was not
    uploaded is not a month with nothing in it.
    """
    months = months_between(first, last)
    held = set(months_held(dataset))
    if not held.intersection(months):
        return None
    previous_first, previous_last = previous_period(first, last)
    previous = months_between(previous_first, previous_last)
    # One scan over both periods, split at ``first``.
    both = partner_summary(dataset, previous_first, last, lad_codes=lad_codes)
    cut = len(previous)
    missing = [m for m in [*previous, *months] if m not in held]
    comparable = not missing
    categories = sorted(both["counts"])
    rows = [
        {"category": c, **change_row(sum(both["counts"][c][cut:]), sum(both["counts"][c][:cut]), comparable)}
        for c in categories
    ]
    rows = [r for r in rows if r["count"] or r["previous"]]
    rows.sort(key=lambda row: (-row["count"], row["category"]))
    return {
        "dataset": {
            "id": dataset.pk,
            "name": dataset.name,
            "organisation": dataset.organisation.name,
            "unit": dataset.unit,
            "description": dataset.description,
        },
        "first": first,
        "last": last,
        "months": months,
        "months_held": [m for m in months if m in held],
        "counts": {c: both["counts"][c][cut:] for c in categories if sum(both["counts"][c][cut:])},
        "total": both["total"][cut:],
        "change": {
            "first": previous_first,
            "last": previous_last,
            "comparable": comparable,
            "missing": missing,
            "rows": rows,
            "total": change_row(sum(both["total"][cut:]), sum(both["total"][:cut]), comparable),
        },
    }


def _period(figures: dict[str, Any]) -> str:
    first, last = figures["first"], figures["last"]
    return first if first == last else f"{first} to {last}"


def _title(figures: dict[str, Any]) -> str:
    dataset = figures["dataset"]
    return f"{dataset['name']} ({dataset['organisation']})"


def figures_chart(figures: dict[str, Any], chart_id: str) -> dict[str, Any] | None:
    """A stacked bar chart of the count per month by category; None when there is nothing to draw."""
    if not sum(figures["total"]):
        return None
    ordered = sorted(figures["counts"], key=lambda c: (-sum(figures["counts"][c]), c))
    shown = ordered[: charts.MAX_SERIES - 1] if len(ordered) > charts.MAX_SERIES else ordered
    series = {c: figures["counts"][c] for c in shown}
    rest = [c for c in ordered if c not in shown]
    if rest:
        series[OTHER_TYPES] = [sum(figures["counts"][c][i] for c in rest) for i in range(len(figures["months"]))]
    unit = figures["dataset"]["unit"]
    return charts.stacked_bar_chart(
        chart_id,
        title=f"{_title(figures)}: {unit} per month by category, {_period(figures)}",
        description=f"Stacked bar chart of {unit} per month, by category. The table after it holds the figures.",
        categories=figures["months"],
        series=series,
        category_title="Month",
        value_title=unit.capitalize(),
    )


def figures_tables(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures as tables: a row per month (a column per category, then the total), and the change."""
    held = set(figures["months_held"])
    unit = figures["dataset"]["unit"]
    categories = sorted(figures["counts"], key=lambda c: (-sum(figures["counts"][c]), c))
    rows: list[list[Any]] = []
    for i, month in enumerate(figures["months"]):
        if month not in held:
            rows.append([f"{month} (not held)", *([""] * (len(categories) + 1))])
            continue
        rows.append([month, *(figures["counts"][c][i] for c in categories), figures["total"][i]])
    per_month = make_table(
        f"partner-{figures['dataset']['id']}-months",
        f"{_title(figures)}: {unit} per month by category, {_period(figures)}",
        ["Month", *categories, "Total"],
        [False] + [True] * (len(categories) + 1),
        rows,
        ["Total", *(sum(figures["counts"][c]) for c in categories), sum(figures["total"])],
    )
    change = figures["change"]
    comparable = change["comparable"]
    change_table = make_table(
        f"partner-{figures['dataset']['id']}-change",
        f"{_title(figures)}: change against the previous {len(figures['months'])} months",
        ["Category", f"{change['first']} to {change['last']}", _period(figures), "Change", "p-value", "What it means"],
        [False, True, True, True, True, False],
        [change_cells(r["category"], r, comparable) for r in change["rows"]],
        change_cells("All categories", change["total"], comparable),
    )
    return [table for table in (per_month, change_table) if table["rows"]]


def figures_finding(figures: dict[str, Any]) -> str:
    """One sentence for the key findings: the total and, when it can be tested, what its change means."""
    dataset = figures["dataset"]
    total = figures["change"]["total"]
    line = f"{_title(figures)}: {total['count']:,} {dataset['unit']} in {_period(figures)}"
    held = figures["months_held"]
    if len(held) < len(figures["months"]):
        line += f" (given for {len(held)} of its {len(figures['months'])} months)"
    if not figures["change"]["comparable"]:
        return line + "; the previous period is not fully held, so the change is not tested."
    if not total["significant"]:
        return f"{line}, no significant change from {total['previous']:,} in the previous period."
    direction = "a significant rise" if total["direction"] == "up" else "a significant fall"
    if total["change_pct"] is None:
        return f"{line}, {direction} from {total['previous']:,} ({p_clause(total['p_value'])})."
    return (
        f"{line}, {direction} from {total['previous']:,} ({total['change_pct']:+.0f}%, {p_clause(total['p_value'])})."
    )


def figures_in_scope(user: Any, scope: Scope, first: str, last: str) -> list[dict[str, Any]]:
    """The figures, within ``scope``'s local authorities, of each partner dataset ``user`` may see (by the
    partner dataset policy) whose partnership covers one of them and that holds a month of the period.
    A force scope has none: partner rows are placed by local authority, not by force."""
    if not scope.lad_codes:
        return []
    datasets = (
        access.datasets.visible(user, "view")
        .filter(archived_at__isnull=True, partnership__local_authorities__ons_code__in=scope.lad_codes)
        .distinct()
        .select_related("organisation")
        .order_by("name", "pk")
    )
    found = (dataset_figures(d, first, last, sorted(scope.lad_codes)) for d in datasets)
    return [f for f in found if f is not None]
