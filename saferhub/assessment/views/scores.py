"""Scoring: the grid of issues by dimensions, scoring one issue, adding, taking out and putting back issues."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub.assessment import forms, scoring, selectors, services
from saferhub.assessment.models import MatrixIssue, ScoringMatrix
from saferhub.assessment.views._common import done, issue_for, matrix_for
from saferhub.lib.forms import posted
from saferhub.register.views._common import show_service_errors


def score_grid(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    results = selectors.matrix_results(matrix)
    return render(
        request,
        "assessment/score_grid.html",
        {
            "matrix": matrix,
            "results": results,
            "to_score": sum(1 for row in results.rows if row.missing),
            "removed": selectors.removed_issues(matrix),
            "restore_form": forms.ConfirmForm(),
        },
    )


def _next_issue(results: selectors.MatrixResults, issue: MatrixIssue) -> MatrixIssue | None:
    """The next issue still missing a score, after this one (A to Z, wrapping round)."""
    rows = results.rows
    at = next((i for i, row in enumerate(rows) if row.issue.pk == issue.pk), -1)
    for row in rows[at + 1 :] + rows[: max(at, 0)]:
        if row.missing and row.issue.pk != issue.pk:
            return row.issue
    return None


def _ranked_entry(results: selectors.MatrixResults, issue: MatrixIssue) -> scoring.Ranked | None:
    return next((entry for entry in results.ranking.ranked if entry.issue.key == issue.pk), None)


def issue_score(request: HttpRequest, matrix_pk: int, issue_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    issue = issue_for(user, matrix, issue_pk, "change")
    results = selectors.matrix_results(matrix)
    computed = {s.dimension_id: s for s in issue.scores.filter(from_data=True)}
    by_hand = [d for d in results.dimensions if d.pk not in computed]
    form = forms.IssueScoreForm(posted(request), issue=issue, dimensions=by_hand)
    if request.method == "POST" and form.is_valid():
        given = {
            d: services.ScoreGiven(
                form.cleaned_data.get(services.score_field(d)), form.cleaned_data.get(services.rationale_field(d), "")
            )
            for d in by_hand
        }
        try:
            services.issue_score(issue=issue, given=given, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            following = _next_issue(selectors.matrix_results(matrix), issue) if "next" in request.POST else None
            message = _("The scores for %(issue)s are saved") % {"issue": issue.title}
            if following is not None:
                return done(request, message, "assessment:issue", matrix_pk=matrix.pk, issue_pk=following.pk)
            return done(request, message, "assessment:scores", matrix_pk=matrix.pk)
    cells: list[dict[str, Any]] = []
    for dimension in results.dimensions:
        if dimension.pk in computed:
            score = computed[dimension.pk]
            cells.append({"dimension": dimension, "computed": score, "label": dimension.label_for(score.value)})
        else:
            cells.append(
                {
                    "dimension": dimension,
                    "score": form[services.score_field(dimension)],
                    "rationale": form[services.rationale_field(dimension)],
                }
            )
    return render(
        request,
        "assessment/issue_score.html",
        {
            "matrix": matrix,
            "issue": issue,
            "form": form,
            "cells": cells,
            "entry": _ranked_entry(results, issue),
            "ranked": len(results.ranking.ranked),
            "has_next": _next_issue(results, issue) is not None,
        },
    )


def issue_add(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    form = forms.IssueAddForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.issue_add(
                matrix=matrix, title=form.cleaned_data["title"], description=form.cleaned_data["description"], by=user
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return done(
                request,
                _("%(issue)s is added: score it now") % {"issue": issue.title},
                "assessment:issue",
                matrix_pk=matrix.pk,
                issue_pk=issue.pk,
            )
    return render(request, "assessment/issue_add.html", {"matrix": matrix, "form": form})


def _back_to_grid(matrix: ScoringMatrix) -> Any:
    return redirect("assessment:scores", matrix_pk=matrix.pk)


def issue_remove(request: HttpRequest, matrix_pk: int, issue_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    issue = issue_for(user, matrix, issue_pk, "change")
    if issue.archived_at is not None:
        return _back_to_grid(matrix)
    form = forms.ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.issue_remove(issue=issue, by=user)
        return done(
            request,
            _("%(issue)s is taken out of the matrix; put it back from the list of issues taken out")
            % {"issue": issue.title},
            "assessment:scores",
            matrix_pk=matrix.pk,
        )
    return render(request, "assessment/issue_remove.html", {"matrix": matrix, "issue": issue, "form": form})


def issue_restore(request: HttpRequest, matrix_pk: int, issue_pk: int) -> HttpResponse:
    """Put an issue back (a button on the grid); a GET shows the grid."""
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    issue = issue_for(user, matrix, issue_pk, "change")
    if request.method == "POST" and forms.ConfirmForm(request.POST).is_valid():
        services.issue_restore(issue=issue, by=user)
        return done(
            request,
            _("%(issue)s is back in the matrix") % {"issue": issue.title},
            "assessment:scores",
            matrix_pk=matrix.pk,
        )
    return _back_to_grid(matrix)
