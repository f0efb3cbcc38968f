"""The crime analysis page: choose a scope and months, read the trends, changes, rates, hotspots, map,
outcomes, deprivation and stop and search, each chart followed by its table, each table as CSV.

Police.uk data is open data: analysts, managers and administrators of any partnership (and the system
administrator) may analyse any scope; everyone else gets 404, as for a page that does not exist.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from saferhub.accounts.mfa import signed_in_user
from saferhub.crimedata import access, analysis, charts, store, svgmap
from saferhub.crimedata.access import ANALYSIS_ROLES
from saferhub.crimedata.analysis_charts import analysis_charts, period_label
from saferhub.crimedata.analysis_tables import (
    analysis_tables,
    change_pct,
    change_wording,
    correlation_wording,
    csv_text,
)
from saferhub.crimedata.scope import Scope, ScopeError, scope_for
from saferhub.lib.forms import GovukForm
from saferhub.lib.periods import MONTH, months_between, shift_month
from saferhub.partnerdata.figures import figures_chart, figures_in_scope, figures_tables
from saferhub.partnerships.models import Area, LocalAuthority, Partnership
from saferhub.policy import partnership_ids

LONGEST = 120  # months: ten years is more than any assessment looks back
KIND_GROUPS = {
    "partnership": gettext_lazy("Partnerships"),
    "local_authority": gettext_lazy("Local authorities"),
    "force": gettext_lazy("Police forces (every record the force reported)"),
    "area": gettext_lazy("Whole areas (counties)"),
}
WHAT_TO_ANALYSE = gettext_lazy("Select a partnership, local authority, police force or area to analyse")
FIELDS = ("scope", "first", "last")


class AnalysisForm(GovukForm):
    # One select, grouped by kind: radios revealing a select per kind would need GOV.UK's conditional reveal,
    # whose aria-expanded on a radio button fails axe-core's aria-allowed-attr rule.
    scope = forms.ChoiceField(
        label=gettext_lazy("What to analyse"),
        help_text=gettext_lazy("A partnership, a local authority, a police force or a whole area"),
        error_messages={"required": WHAT_TO_ANALYSE, "invalid_choice": WHAT_TO_ANALYSE},
    )
    first = forms.CharField(
        label=gettext_lazy("From month"),
        help_text=gettext_lazy("For example, 2024-01"),
        error_messages={"required": gettext_lazy("Enter the first month, for example 2024-01")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    last = forms.CharField(
        label=gettext_lazy("To month"),
        help_text=gettext_lazy("For example, 2024-12"),
        error_messages={"required": gettext_lazy("Enter the last month, for example 2024-12")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, forces: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chosen: Scope | None = None
        options = {
            "partnership": [
                (p.slug, p.name) for p in Partnership.objects.filter(archived_at__isnull=True).order_by("name")
            ],
            "local_authority": [
                (la.ons_code, f"{la.name} ({la.ons_code})") for la in LocalAuthority.objects.order_by("name")
            ],
            "force": [(f, f) for f in forces],
            "area": [(a.slug, a.name) for a in Area.objects.filter(archived_at__isnull=True).order_by("name")],
        }
        self.fields["scope"].choices = [("", _("Choose"))] + [  # type: ignore[attr-defined]
            (KIND_GROUPS[kind], [(f"{kind}:{key}", label) for key, label in found])
            for kind, found in options.items()
            if found
        ]

    def _month(self, name: str, which: str) -> str:
        value = self.cleaned_data[name].strip()
        if not MONTH.match(value):
            raise forms.ValidationError(
                _("Enter the %(which)s month as a year and month, for example 2024-01") % {"which": which}
            )
        return value

    def clean_first(self) -> str:
        return self._month("first", _("first"))

    def clean_last(self) -> str:
        return self._month("last", _("last"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first"), data.get("last")
        if data.get("scope"):
            kind, _sep, key = data["scope"].partition(":")
            try:
                self.chosen = scope_for(kind, key)
            except ScopeError as error:
                self.add_error("scope", str(error))
        if first and last:
            if last < first:
                self.add_error("last", _("The last month must be the same as or after the first month"))
            elif len(months_between(first, last)) > LONGEST:
                self.add_error("last", _("Choose at most %(n)s months (ten years)") % {"n": LONGEST})
        return data


def _held() -> dict[str, Any]:
    """What the store holds: street records, their first and last month, the forces, and whether the LSOA
    reference table is loaded."""
    with store.connect() as con:
        rows = (con.execute("SELECT count(*) FROM street").fetchone() or (0,))[0]
        months = [m for (m,) in con.execute("SELECT DISTINCT month FROM street ORDER BY 1").fetchall()]
        forces = [f for (f,) in con.execute("SELECT DISTINCT reported_by FROM street ORDER BY 1").fetchall() if f]
        lsoas = (con.execute("SELECT count(*) FROM lsoa").fetchone() or (0,))[0]
    return {
        "rows": rows,
        "months": months,
        "first": months[0] if months else None,
        "last": months[-1] if months else None,
        "forces": forces,
        "reference": bool(lsoas),
    }


def _defaults(user: Any, held: dict[str, Any]) -> dict[str, str]:
    """The user's own partnership (the first by name where they analyse), over the latest months held: up to
    12, without a gap."""
    ids = partnership_ids(user, ANALYSIS_ROLES)
    partnerships = Partnership.objects.filter(archived_at__isnull=True).order_by("name")
    own = partnerships.filter(pk__in=ids).first() or partnerships.first()
    last = held["last"] or ""
    first = last
    while first and len(months_between(first, last)) < 12 and shift_month(first, -1) in held["months"]:
        first = shift_month(first, -1)
    if own is None:
        return {"scope": f"force:{(held['forces'] or [''])[0]}", "first": first, "last": last}
    return {"scope": f"partnership:{own.slug}", "first": first, "last": last}


@require_safe
def analysis_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not access.reads_crime_data(user):
        raise Http404
    held = _held()
    chosen = any(name in request.GET for name in FIELDS)
    form = AnalysisForm(request.GET if chosen else _defaults(user, held), forces=held["forces"])
    context: dict[str, Any] = {"form": form, "held": held}
    if not held["rows"] or not form.is_valid() or form.chosen is None:
        return render(request, "crimedata/analysis.html", context)
    scope, first, last = form.chosen, form.cleaned_data["first"], form.cleaned_data["last"]
    snapshot = analysis.build(scope, first, last)
    tables = analysis_tables(snapshot)
    # The partner datasets this user may see, beside the police figures; their tables download the same way.
    partner = []
    for i, figures in enumerate(figures_in_scope(user, scope, first, last), start=1):
        own = figures_tables(figures)
        tables.update({table["name"]: table for table in own})
        chart = figures_chart(figures, f"chart-partner-{i}")
        partner.append(
            {
                "dataset": figures["dataset"],
                "name": f"partner-{i}",
                "spec": charts.vega_lite(chart) if chart else None,
                "title": chart["title"] if chart else "",
                "tables": own,
            }
        )
    download = request.GET.get("download")
    if download:
        if download not in tables:
            raise Http404
        response = HttpResponse(csv_text(tables[download]), content_type="text/csv; charset=utf-8")
        name = re.sub(r"[^a-z0-9]+", "-", f"crime-{scope.key}-{first}-{last}-{download}".lower()).strip("-")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    query = request.GET.copy() if chosen else _query(form.cleaned_data)
    query.pop("download", None)
    for name, table in tables.items():
        query["download"] = name
        table["csv_url"] = "?" + query.urlencode()
        numeric = table["numeric"]
        table["columns"] = list(zip(table["headers"], numeric, strict=True))
        table["display_rows"] = [list(zip(row, numeric, strict=True)) for row in table["rows"]]
        table["display_total"] = list(zip(table["total"], numeric, strict=True)) if table["total"] else None
    total = snapshot["change"]["total"]
    found = analysis_charts(snapshot)
    context.update(
        {
            "snapshot": snapshot,
            "partner": partner,
            "period": period_label(snapshot),
            "tables": tables,
            "charts": {name: charts.vega_lite(chart) for name, chart in found.items()},
            "chart_titles": {name: chart["title"] for name, chart in found.items()},
            "map": _map_context(snapshot),
            "headline": {
                "change_pct": change_pct(total["change_pct"]),
                "wording": change_wording(total, snapshot["change"]["comparable"]),
            },
            "correlation": correlation_wording(snapshot["deprivation"]["correlation"]),
        }
    )
    return render(request, "crimedata/analysis.html", context)


def _query(data: dict[str, Any]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name in FIELDS:
        query[name] = data[name]
    return query


def _map_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    section = snapshot["map"]
    boundaries = svgmap.map_boundaries(section)
    return {
        "geojson": svgmap.page_geojson(section, boundaries),
        "legend": svgmap.band_labels(section),
        "tiles": settings.SAFERHUB_MAP_TILES,
        "attribution": settings.SAFERHUB_MAP_ATTRIBUTION,
        "has_polygons": bool(boundaries["features"]),
    }
