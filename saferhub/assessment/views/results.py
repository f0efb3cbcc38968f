"""The ranked results, adopting the top issues as the year's priorities, and the priorities page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any, cast
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from saferhub.assessment import access, forms, scoring, selectors, services
from saferhub.assessment.models import Priority, ScoringMatrix, year_label
from saferhub.assessment.views._common import done, matrix_for
from saferhub.lib.forms import posted
from saferhub.partnerships.models import Partnership
from saferhub.policy import county_area_ids, partnership_ids
from saferhub.register.views._common import show_service_errors

# How many of the top of the ranking the adopt page selects to begin with.
DEFAULT_PRIORITIES = 5


def results(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "view")
    found = selectors.matrix_results(matrix)
    return render(
        request,
        "assessment/results.html",
        {
            "matrix": matrix,
            "results": found,
            "ranked": [(entry, scoring.shown(entry.total)) for entry in found.ranking.ranked],
            "can_adopt": access.matrices.can(user, "adopt", matrix),
            "current": _current_priorities(matrix),
        },
    )


def _current_priorities(matrix: ScoringMatrix) -> list[Priority]:
    return list(
        Priority.objects.filter(partnership_id=matrix.partnership_id, year=matrix.year, archived_at__isnull=True)
        .select_related("adopted_by")
        .order_by("rank")
    )


def _pk(entry: scoring.Ranked) -> int:
    return cast(int, entry.issue.key)


def _choices(found: selectors.MatrixResults) -> list[tuple[int, str]]:
    return [
        (_pk(entry), f"{entry.rank}. {entry.issue.title} ({scoring.shown(entry.total)} of 100)")
        for entry in found.ranking.ranked
    ]


def adopt_choose(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "adopt")
    found = selectors.matrix_results(matrix)
    choices = _choices(found)
    form = forms.AdoptChooseForm(
        posted(request), choices=choices, initial={"issues": [pk for pk, _label in choices[:DEFAULT_PRIORITIES]]}
    )
    if request.method == "POST" and form.is_valid():
        query = urlencode({"issues": ",".join(str(pk) for pk in form.cleaned_data["issues"])})
        return redirect(f"{reverse('assessment:adopt-check', kwargs={'matrix_pk': matrix.pk})}?{query}")
    return render(
        request,
        "assessment/adopt_choose.html",
        {"matrix": matrix, "form": form, "ranked": len(choices), "current": _current_priorities(matrix)},
    )


def _chosen_ids(request: HttpRequest) -> list[int]:
    raw = request.GET.get("issues", "")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


def adopt_check(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "adopt")
    found = selectors.matrix_results(matrix)
    ranked = {_pk(entry): entry for entry in found.ranking.ranked}
    wanted = set(_chosen_ids(request))
    entries = sorted((ranked[pk] for pk in wanted if pk in ranked), key=lambda entry: entry.rank)
    if not entries or len(entries) != len(wanted):
        # Nothing chosen, or an issue no longer ranked (its scores changed meanwhile): choose again.
        return redirect("assessment:adopt", matrix_pk=matrix.pk)
    chosen = [(found.issues[_pk(entry)], n, "") for n, entry in enumerate(entries, start=1)]
    form = forms.AdoptWordingForm(posted(request), chosen=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            adopted = services.priorities_adopt(
                matrix=matrix,
                chosen=[
                    services.PriorityChosen(
                        issue, form.cleaned_data[f"title_{issue.pk}"], form.cleaned_data[f"statement_{issue.pk}"]
                    )
                    for issue, _rank, _statement in chosen
                ],
                by=user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            message = _("The partnership's %(n)s priorities for %(year)s are adopted") % {
                "n": len(adopted),
                "year": matrix.year_label,
            }
            return done(request, message, "assessment:results", matrix_pk=matrix.pk)
    rows = [
        {"issue": issue, "entry": entry, "title": form[f"title_{issue.pk}"], "statement": form[f"statement_{issue.pk}"]}
        for (issue, _rank, _statement), entry in zip(chosen, entries, strict=True)
    ]
    return render(
        request,
        "assessment/adopt_check.html",
        {"matrix": matrix, "form": form, "rows": rows, "current": _current_priorities(matrix)},
    )


# --- the priorities page (read-only; scrutiny and county viewers too) ------------------------------


@dataclass
class PrioritySet:
    """The priorities one partnership adopted for one year at one time."""

    partnership: Partnership
    year: int
    adopted_at: Any
    priorities: list[Priority]
    current: bool

    @property
    def year_label(self) -> str:
        return year_label(self.year)


def _sets(priorities: Iterable[Priority]) -> list[PrioritySet]:
    key = lambda p: (p.partnership.name, -p.year, p.archived_at is not None, -p.adopted_at.timestamp())  # noqa: E731
    found = []
    for (_name, _year, archived, _at), group in groupby(sorted(priorities, key=key), key=key):
        items = sorted(group, key=lambda p: p.rank)
        first = items[0]
        found.append(PrioritySet(first.partnership, first.year, first.adopted_at, items, not archived))
    return found


def _readable_partnerships(user: Any) -> list[Partnership]:
    within = Q(pk__in=partnership_ids(user, access.PRIORITY_READERS)) | Q(area_id__in=county_area_ids(user))
    return list(Partnership.objects.filter(within, archived_at__isnull=True).order_by("name"))


def priorities(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnerships = _readable_partnerships(user)
    if not partnerships:
        raise Http404
    chosen = next((p for p in partnerships if p.slug == request.GET.get("partnership")), None)
    shown = access.priorities.visible(user, "view").select_related("partnership")
    if chosen is not None:
        shown = shown.filter(partnership=chosen)
    sets = _sets(shown)
    current = [s for s in sets if s.current]
    earlier: dict[tuple[int, int], list[PrioritySet]] = {}
    for s in sets:
        if not s.current:
            earlier.setdefault((s.partnership.pk, s.year), []).append(s)
    return render(
        request,
        "assessment/priorities.html",
        {
            "sets": [(s, earlier.get((s.partnership.pk, s.year), [])) for s in current],
            "partnerships": partnerships,
            "chosen": chosen,
        },
    )
