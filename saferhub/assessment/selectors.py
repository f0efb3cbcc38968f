"""Reads of the scoring matrix that are more than a one-liner: the crime data for it, its grid of
scores and its ranked results."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import duckdb
from django.db.models import Max, Prefetch

from saferhub.assessment import scoring
from saferhub.assessment.models import IssueScore, MatrixIssue, ScoringDimension, ScoringMatrix
from saferhub.crimedata.models import CrimeImport
from saferhub.lib.periods import add_months


class DataUnavailable(Exception):
    """The crime data cannot be read for this matrix; the message says why, for the page."""


def issue_stats_for(matrix: ScoringMatrix) -> dict[str, dict[str, Any]]:
    """``analysis.issue_stats`` for the matrix's partnership and months, keyed by crime type."""
    try:
        from saferhub.crimedata import analysis
        from saferhub.crimedata.scope import partnership_scope
    except ImportError as missing:  # pragma: no cover - only while the analysis is being built
        raise DataUnavailable(f"The crime data analysis is not available in this installation ({missing})") from None
    try:
        scope = partnership_scope(matrix.partnership)
    except ValueError as problem:
        raise DataUnavailable(str(problem)) from None
    try:
        return dict(analysis.issue_stats(scope, matrix.first_month, matrix.last_month))
    except duckdb.Error as problem:
        raise DataUnavailable(f"The crime data could not be read ({problem}): ask your administrator") from None


def latest_data_month() -> str | None:
    """The latest month of street-level crime imported, as YYYY-MM; None before any import."""
    latest: str | None = CrimeImport.objects.filter(kind="street").aggregate(latest=Max("month"))["latest"]
    return latest


def default_period(today: datetime.date) -> tuple[str, str]:
    """The twelve months ending with the latest month imported, or with last month when there is no data."""
    last = latest_data_month() or (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    end = datetime.date(int(last[:4]), int(last[5:7]), 1)
    return add_months(end, -11).strftime("%Y-%m"), last


def live_dimensions(matrix: ScoringMatrix) -> list[ScoringDimension]:
    return list(matrix.dimensions.filter(archived_at__isnull=True).order_by("position", "pk"))


def dimension_inputs(dimensions: list[ScoringDimension]) -> list[scoring.DimensionInput]:
    return [scoring.DimensionInput(d.pk, d.name, d.weight, d.points, d.position) for d in dimensions]


@dataclass
class Row:
    """One issue of the grid: its score (or None) for each dimension, in the dimensions' order."""

    issue: MatrixIssue
    cells: list[tuple[ScoringDimension, IssueScore | None]]

    @property
    def missing(self) -> int:
        return sum(1 for _, score in self.cells if score is None)


@dataclass
class MatrixResults:
    dimensions: list[ScoringDimension]
    rows: list[Row]
    ranking: scoring.Ranking
    issues: dict[int, MatrixIssue] = field(default_factory=dict)


def _rows(matrix: ScoringMatrix, dimensions: list[ScoringDimension]) -> list[Row]:
    live = {d.pk for d in dimensions}
    issues = (
        matrix.issues.filter(archived_at__isnull=True)
        .prefetch_related(Prefetch("scores", queryset=IssueScore.objects.filter(dimension_id__in=live)))
        .order_by("title", "pk")
    )
    rows = []
    for issue in issues:
        by_dimension = {s.dimension_id: s for s in issue.scores.all()}
        rows.append(Row(issue, [(d, by_dimension.get(d.pk)) for d in dimensions]))
    return rows


def matrix_results(matrix: ScoringMatrix) -> MatrixResults:
    """The matrix's grid (issues in the matrix, A to Z) and its ranking (see ``scoring.rank_issues``)."""
    dimensions = live_dimensions(matrix)
    rows = _rows(matrix, dimensions)
    inputs = [
        scoring.IssueInput(
            row.issue.pk,
            row.issue.title,
            {d.pk: score.value for d, score in row.cells if score is not None},
            row.issue.count,
        )
        for row in rows
    ]
    ranking = scoring.rank_issues(inputs, dimension_inputs(dimensions))
    return MatrixResults(dimensions, rows, ranking, {row.issue.pk: row.issue for row in rows})


def removed_issues(matrix: ScoringMatrix) -> list[MatrixIssue]:
    return list(matrix.issues.filter(archived_at__isnull=False).order_by("title", "pk"))
