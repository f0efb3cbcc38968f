"""The published ASB Case Review figures: a public page per partnership with its review procedure, and
the county comparison (table, chart and CSV) for county viewers.

Figures are counts, never a record, so the partnership pages need no sign-in. The county page is
signed in because it is a working tool of the county board, not because it holds personal data.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from saferhub import audit
from saferhub.accounts.mfa import public, signed_in_user
from saferhub.audit import Verb
from saferhub.casereview import figures
from saferhub.casereview.models import Application
from saferhub.casereview.timescales import timescales_for
from saferhub.incidents.rules import rules_for
from saferhub.partnerships.models import Area, Partnership
from saferhub.policy import county_area_ids, is_system_administrator

# The Government Analysis Function's categorical palette for six series: told apart by people with
# the common colour vision deficiencies, each against white.
CHART_COLOURS = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
PARTNERSHIP_SUFFIX = " Community Safety Partnership"


# --- choosing the year ------------------------------------------------------------------------


def _chosen_year(request: HttpRequest) -> tuple[int, int, str]:
    """(year asked for, current year, error): ``?year=2025`` picks the financial year beginning in April
    2025. Anything that is not a year with figures shows the current year and says why."""
    current = figures.current_financial_year_start(timezone.localdate())
    raw = request.GET.get("year", "").strip()
    if not raw:
        return current, current, ""
    if re.fullmatch(r"[0-9]{4}", raw) and figures.FIRST_YEAR <= int(raw) <= current:
        return int(raw), current, ""
    error = _(
        "There are no figures for the year “%(asked)s”. Figures start in %(first)s, when the ASB Case Review "
        "began, and go up to this year, %(current)s. Showing %(current)s: choose another year from the list."
    ) % {"asked": raw[:20], "first": figures.label(figures.FIRST_YEAR), "current": figures.label(current)}
    return current, current, error


def _errors(year_error: str) -> list[dict[str, str]]:
    """For the GOV.UK error summary: the problem with the year, linked to the list of years."""
    return [{"text": year_error, "href": "#years"}] if year_error else []


def _years(partnership_ids: list[int], chosen: int, current: int) -> list[dict[str, Any]]:
    """The years to offer: every year with applications, and the current one."""
    years = sorted({current, *figures.years_with_applications(partnership_ids)}, reverse=True)
    return [{"start": y, "label": figures.label(y), "chosen": y == chosen} for y in years]


def _period(start_year: int, current: int) -> dict[str, Any]:
    first, last = figures.financial_year(start_year)
    return {
        "start": start_year,
        "label": figures.label(start_year),
        "first": first,
        "last": last,
        "to_date": start_year == current,
    }


# --- the public pages ---------------------------------------------------------------------------


def _months(n: int) -> str:
    return {1: _("one month"), 6: _("six months")}.get(n, _("%(n)s months") % {"n": n})


def _apply_url() -> str:
    # The application pages are another part of this app; until they are mounted, link their address.
    try:
        return reverse("casereview:apply-start")
    except NoReverseMatch:
        return "/case-review/apply/"


def _procedure(area: Area) -> dict[str, Any]:
    """The area's published review procedure: the threshold, the discretionary criteria, the timescales."""
    rules = rules_for(area)
    discretion = [
        str(getattr(Application._meta.get_field(name), "verbose_name", name))
        for name in ("discretion_persistence", "discretion_harm", "discretion_response")
    ]
    return {
        "threshold": rules.threshold_complaints,
        "complaint_within": _months(rules.complaint_within_months),
        "application_within": _months(rules.application_within_months),
        "discretion": discretion,
        "timescales": timescales_for(area),
        "apply_url": _apply_url(),
    }


@public
@require_safe
def figures_index(request: HttpRequest) -> HttpResponse:
    partnerships = figures.published_partnerships().select_related("area").order_by("area__name", "name")
    return render(request, "casereview/figures/index.html", {"partnerships": partnerships, "apply_url": _apply_url()})


@public
@require_safe
def figures_page(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    partnership = get_object_or_404(figures.published_partnerships().select_related("area"), slug=partnership_slug)
    year, current, year_error = _chosen_year(request)
    counts = figures.figures([partnership.pk], year)[partnership.pk]
    return render(
        request,
        "casereview/figures/partnership.html",
        {
            "partnership": partnership,
            "period": _period(year, current),
            "errors": _errors(year_error),
            "years": _years([partnership.pk], year, current),
            "measures": [{"name": name, "label": text, "count": counts[name]} for name, text in figures.MEASURES],
            "procedure": _procedure(partnership.area),
        },
    )


# --- the county comparison ----------------------------------------------------------------------


def _county_area(request: HttpRequest, area_slug: str) -> Area:
    """The area, for its county viewers and the system administrator; 404 for anyone else, as for an
    area that does not exist."""
    user = signed_in_user(request)
    area = Area.objects.filter(slug=area_slug, archived_at__isnull=True).first()
    if area is None or not (is_system_administrator(user) or area.pk in county_area_ids(user)):
        raise Http404
    return area


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a partnership (or, for the total, None) and its figures."""

    name: str
    counts: dict[str, int]
    partnership: Partnership | None = None

    @property
    def cells(self) -> list[int]:
        """The counts in the order of ``figures.MEASURES``."""
        return [self.counts[name] for name, _ in figures.MEASURES]

    @property
    def short_name(self) -> str:
        return self.name.removesuffix(PARTNERSHIP_SUFFIX) or self.name


def _chart_spec(area: Area, period: dict[str, Any], rows: list[Row]) -> dict[str, Any]:
    """A Vega-Lite grouped bar chart: one group of six bars per partnership."""
    labels = [text for _, text in figures.MEASURES]
    values = [
        {"partnership": row.short_name, "measure": text, "count": row.counts[name]}
        for row in rows
        for name, text in figures.MEASURES
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"ASB Case Review figures for each partnership of {area.name}, {period['label']}",
        "width": "container",
        "height": {"step": 16, "for": "offset"},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True, "aria": False},
        "encoding": {
            "y": {
                "field": "partnership",
                "type": "nominal",
                "title": None,
                "sort": [row.short_name for row in rows],
            },
            "yOffset": {"field": "measure", "sort": labels},
            "x": {
                "field": "count",
                "type": "quantitative",
                "title": "Applications",
                "axis": {"tickMinStep": 1, "format": "d"},
            },
            "color": {
                "field": "measure",
                "type": "nominal",
                "title": None,
                "sort": labels,
                "scale": {"range": CHART_COLOURS},
                # Two columns of the legend where they fit, one on a phone.
                "legend": {
                    "orient": "bottom",
                    "columns": {"expr": "width < 480 ? 1 : 2"},
                    "labelLimit": {"expr": "width < 480 ? width - 24 : 400"},
                    "symbolType": "square",
                },
            },
        },
        "config": {
            # The container carries the chart's name and the table its figures; marks need no ARIA of their own.
            "aria": False,
            "font": '"GDS Transport", arial, sans-serif',  # the page's own font (GOV.UK Frontend)
            "axis": {"labelFontSize": 14, "titleFontSize": 14, "labelLimit": 260, "labelColor": "#0b0c0c"},
            "legend": {"labelFontSize": 14, "labelColor": "#0b0c0c"},
            "view": {"stroke": None},
        },
    }


def _csv_cell(value: Any) -> Any:
    # Partnership names are typed by people: stop a spreadsheet reading one as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(period: dict[str, Any], rows: list[Row], total: Row) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Partnership", "Financial year", *(text for _, text in figures.MEASURES)])
    for row in [*rows, total]:
        writer.writerow([_csv_cell(row.name), period["label"], *row.cells])
    return out.getvalue()


def county(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = _county_area(request, area_slug)
    if request.method not in ("GET", "HEAD"):
        # Checked after access, so that any method answers 404 to those who may not see the area.
        return HttpResponseNotAllowed(["GET", "HEAD"])
    year, current, year_error = _chosen_year(request)
    period = _period(year, current)
    partnerships = list(figures.published_partnerships().filter(area=area).order_by("name"))
    ids = [p.pk for p in partnerships]
    counts = figures.figures(ids, year)
    rows = [Row(p.name, counts[p.pk], p) for p in partnerships]
    total = Row(_("All partnerships of %(area)s") % {"area": area.name}, figures.total(counts.values()))
    if request.GET.get("format") == "csv" and not year_error:
        return _county_csv(request, area, period, rows, total)
    return render(
        request,
        "casereview/figures/county.html",
        {
            "area": area,
            "period": period,
            "errors": _errors(year_error),
            "years": _years(ids, year, current),
            "measures": figures.MEASURES,
            "rows": rows,
            "total": total,
            "chart": _chart_spec(area, period, rows),
        },
    )


def _county_csv(request: HttpRequest, area: Area, period: dict[str, Any], rows: list[Row], total: Row) -> HttpResponse:
    audit.record(
        actor=request.user,
        verb=Verb.EXPORTED,
        target=area,
        detail={
            "what": "ASB Case Review figures",
            "area": area.slug,
            "financial_year": period["label"],
            "rows": len(rows),
        },
    )
    response = HttpResponse(_csv(period, rows, total), content_type="text/csv; charset=utf-8")
    filename = f"asb-case-review-figures-{area.slug}-{period['label']}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- the home page ------------------------------------------------------------------------------


def county_panel(user: Any) -> dict[str, Any] | None:
    """County viewers: a link to the comparison of each area whose figures they read."""
    ids = county_area_ids(user)
    if not ids:
        return None
    return {"areas": list(Area.objects.filter(pk__in=ids, archived_at__isnull=True).order_by("name"))}
