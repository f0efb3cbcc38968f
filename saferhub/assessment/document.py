"""The strategic assessment document: one snapshot of the analysis, the scoring matrix and the
priorities, drawn as HTML (the page) and PDF (WeasyPrint), every chart followed by its table.

A version stores its snapshot, so an approved document reads the same however the data changes
after it; ``snapshot`` builds one, ``render_html`` / ``render_pdf`` draw it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from saferhub.assessment.models import Priority, ScoringMatrix, year_label
from saferhub.assessment.selectors import matrix_results
from saferhub.crimedata import analysis, charts, svgmap
from saferhub.crimedata.analysis_charts import analysis_charts, period_label
from saferhub.crimedata.analysis_tables import analysis_tables, change_wording, correlation_wording, p_clause
from saferhub.crimedata.scope import partnership_scope
from saferhub.partnerdata.figures import dataset_figures, figures_chart, figures_finding, figures_tables
from saferhub.partnerdata.models import PartnerDataset
from saferhub.partnerships.models import Partnership

SNAPSHOT_VERSION = 1
# How many issues of the ranking the document recommends when no priorities have been adopted yet.
RECOMMENDED = 5
# Every section of the document after the summary, in order: (id, heading, [(chart, table), ...]); each
# chart is followed by the table of its figures, and a table with no chart stands alone (chart None).
SECTIONS: list[tuple[str, str, list[tuple[str | None, str]]]] = [
    ("trend", "Records per month", [("trend", "trend"), (None, "by_type")]),
    ("rolling", "Twelve-month rolling totals", [("rolling", "rolling")]),
    ("change", "Change against the previous period", [("change", "change")]),
    ("rates", "Rates and comparison", [("rates", "rates"), ("comparison", "comparison")]),
    ("hotspots", "Hotspots", [(None, "hotspots_count"), (None, "hotspots_rate"), (None, "locations")]),
    ("map", "Map of LSOA rates", [("map", "map")]),
    ("outcomes", "Outcomes", [("outcomes", "outcomes")]),
    ("deprivation", "Deprivation", [("deprivation", "deprivation")]),
    (
        "stop-and-search",
        "Stop and search",
        [
            ("stop_search", "stop_search_object"),
            (None, "stop_search_month"),
            (None, "stop_search_outcome"),
            (None, "stop_search_ethnicity"),
            (None, "stop_search_age"),
            (None, "stop_search_gender"),
            (None, "stop_search_type"),
        ],
    ),
]


def snapshot(*, partnership: Partnership, year: int, first: str, last: str, summary: str = "") -> dict[str, Any]:
    """Everything the document shows, as plain JSON data: the analysis of the partnership over
    ``first``..``last``, the year's scoring matrix (its ranking with each issue's breakdown) and the
    adopted priorities, or, before adoption, the top of the ranking as the recommended ones."""
    matrix = ScoringMatrix.objects.filter(partnership=partnership, year=year).order_by("-pk").first()
    adopted = list(
        Priority.objects.filter(partnership=partnership, year=year, archived_at__isnull=True).order_by("rank")
    )
    ranked = _matrix(matrix) if matrix is not None else None
    if adopted:
        priorities = {
            "adopted": True,
            "rows": [{"rank": p.rank, "title": p.title, "statement": p.statement} for p in adopted],
        }
    else:
        top = ranked["ranked"][:RECOMMENDED] if ranked else []
        priorities = {
            "adopted": False,
            "rows": [{"rank": r["rank"], "title": r["title"], "statement": ""} for r in top],
        }
    return {
        "version": SNAPSHOT_VERSION,
        "partnership": {"name": partnership.name, "slug": partnership.slug, "area": partnership.area.name},
        "year": year,
        "year_label": year_label(year),
        "first": first,
        "last": last,
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "summary": summary,
        "analysis": analysis.build(partnership_scope(partnership), first, last),
        "partner": partner_figures(partnership, first, last),
        "matrix": ranked,
        "priorities": priorities,
    }


def partner_figures(partnership: Partnership, first: str, last: str) -> list[dict[str, Any]]:
    """The figures of each of the partnership's partner datasets (not archived) that holds a month of the
    period, counting the rows placed in the partnership's local authorities (every row when it has none)."""
    codes = [a.ons_code for a in partnership.local_authorities.order_by("ons_code")] or None
    datasets = PartnerDataset.objects.filter(partnership=partnership, archived_at__isnull=True)
    found = (dataset_figures(d, first, last, codes) for d in datasets.select_related("organisation"))
    return [f for f in found if f is not None]


def _matrix(matrix: ScoringMatrix) -> dict[str, Any]:
    results = matrix_results(matrix)
    return {
        "first": matrix.first_month,
        "last": matrix.last_month,
        "dimensions": [
            {
                "name": d.name,
                "weight": str(d.weight),
                "scored_by": d.get_scored_by_display(),
                "description": d.description,
            }
            for d in results.dimensions
        ],
        "ranked": [
            {
                "rank": r.rank,
                "title": r.issue.title,
                "total": str(r.total_shown),
                "tie_note": r.tie_note,
                "parts": [
                    {"dimension": p.dimension.name, "value": p.value, "points": str(p.contribution_shown)}
                    for p in r.parts
                ],
            }
            for r in results.ranking.ranked
        ],
        "unranked": [
            {"title": u.issue.title, "missing": [d.name for d in u.missing]} for u in results.ranking.unranked
        ],
    }


def key_findings(snap: dict[str, Any]) -> list[str]:
    """The executive summary's findings, each a sentence written from the snapshot's figures."""
    found = []
    data = snap["analysis"]
    total = sum(data["trend"]["total"])
    period = period_label(data)
    residents = data["population"]["residents"]
    rates = data["rates"]["total"]
    if residents and rates.get("rate_per_1000") is not None:
        line = (
            f"{total:,} crimes and anti-social behaviour incidents were recorded in {period}, "
            f"{rates['rate_per_1000']:.1f} per 1,000 residents"
        )
        if rates.get("area_rate_per_1000") is not None and data["population"]["area"]:
            line += f" (across {data['population']['area']['label']}: {rates['area_rate_per_1000']:.1f})"
        found.append(line + ".")
    else:
        found.append(f"{total:,} crimes and anti-social behaviour incidents were recorded in {period}.")
    change = data["change"]
    if change["comparable"]:
        wording = change_wording(change["total"], True).lower()
        found.append(
            f"Against the previous {len(data['months'])} months ({change['first']} to {change['last']}): "
            f"{wording} in the total ({change['total']['previous']:,} before)."
        )
        for row in change["rows"]:
            if row["significant"] and row["count"] >= 10:
                direction = "rose" if row["direction"] == "up" else "fell"
                found.append(
                    f"{row['crime_type']} {direction} significantly: {row['previous']:,} to {row['count']:,} "
                    f"({row['change_pct']:+.0f}%, {p_clause(row['p_value'])})."
                )
    else:
        found.append("The previous period is not fully held, so changes are not tested.")
    found.extend(figures_finding(figures) for figures in snap.get("partner", []))
    share = data["outcomes"].get("no_suspect_share")
    if share is not None:
        found.append(f"{share:.0f}% of crimes with an outcome were closed with no suspect identified.")
    correlation = data.get("deprivation", {}).get("correlation")
    if correlation:
        found.append(correlation_wording(correlation))
    if snap["priorities"]["rows"]:
        titles = ", ".join(p["title"] for p in snap["priorities"]["rows"])
        label = "Adopted priorities" if snap["priorities"]["adopted"] else "Recommended priorities"
        found.append(f"{label} for {snap['year_label']}: {titles}.")
    return found


def context(snap: dict[str, Any], *, for_pdf: bool) -> dict[str, Any]:
    """What the document templates need: the sections with their charts (Vega-Lite specs for the page,
    SVG for the PDF) and tables, built from the stored snapshot."""
    data = snap["analysis"]
    all_charts = analysis_charts(data)
    all_tables = analysis_tables(data)
    sections = []
    for key, heading, pairs in SECTIONS:
        items = []
        for chart_name, table_name in pairs:
            table = all_tables.get(table_name)
            if table is not None and not table["rows"]:
                table = None
            drawn = None
            if chart_name == "map":
                if data["map"]["rows"]:
                    title = f"Map of records per 1,000 residents by LSOA, {data['scope']['label']}"
                    drawn = {
                        "title": title,
                        "svg": svgmap.svg(data["map"], svgmap.map_boundaries(data["map"]), title=title),
                    }
            elif chart_name in all_charts:
                drawn = {"title": all_charts[chart_name]["title"], "svg": charts.svg(all_charts[chart_name])}
            if drawn or table:
                items.append({"chart": drawn, "table": table})
        if items:
            sections.append({"id": key, "heading": heading, "items": items})
    partner = _partner_section(snap.get("partner", []))
    if partner:
        sections.append(partner)
    return {
        "snapshot": snap,
        "analysis": data,
        "findings": key_findings(snap),
        # The analyst's summary as they typed it: paragraphs split at blank lines.
        "summary_paragraphs": [p.strip() for p in snap["summary"].replace("\r\n", "\n").split("\n\n") if p.strip()],
        "sections": sections,
        "period": period_label(data),
        "for_pdf": for_pdf,
    }


def _partner_section(found: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The section of the partners' own figures: each dataset under its name, its chart then its tables."""
    items = []
    for i, figures in enumerate(found, start=1):
        chart = figures_chart(figures, f"chart-partner-{i}")
        tables = figures_tables(figures)
        for n, table in enumerate(tables):
            items.append(
                {
                    # The dataset's name and what it is heads its first item.
                    "subheading": figures["dataset"] if n == 0 else None,
                    "chart": {"title": chart["title"], "svg": charts.svg(chart)} if chart and n == 0 else None,
                    "table": table,
                }
            )
    if not items:
        return None
    return {"id": "partner-data", "heading": "Partner data", "items": items}


def render_html(snap: dict[str, Any], **extra: Any) -> str:
    """The document as a standalone HTML page (the PDF's source)."""
    return render_to_string("assessment/document/print.html", {**context(snap, for_pdf=True), **extra})


def render_pdf(snap: dict[str, Any], **extra: Any) -> bytes:
    """The document as a tagged PDF (PDF/UA-1): charts and the map as SVG, each followed by its table."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The document loads nothing from outside: every chart and the map are inline SVG.
    fetcher = URLFetcher(allowed_protocols=["data"])
    pdf = HTML(string=render_html(snap, **extra), url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
    return bytes(pdf or b"")


def made_on(snap: dict[str, Any]) -> datetime.datetime:
    return datetime.datetime.fromisoformat(snap["made_at"])
