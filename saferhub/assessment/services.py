"""Every write to the scoring matrix and the adopted priorities. Each takes the acting user (``by``),
runs in one transaction and writes its audit event.

Problems the person can fix are raised as ``ValidationError`` keyed by the form field they are about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub import audit
from saferhub.assessment import scoring, selectors
from saferhub.assessment.access import ADOPTING_ROLES
from saferhub.assessment.defaults import DEFAULT_DIMENSIONS
from saferhub.assessment.models import (
    Computation,
    IssueScore,
    MatrixIssue,
    Priority,
    ScoredBy,
    ScoringDimension,
    ScoringMatrix,
    year_label,
)
from saferhub.audit import Verb
from saferhub.lib.periods import MONTH, months_between
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids

MIN_POINTS, MAX_POINTS = 2, 10
MAX_WEIGHT = Decimal("100")


# --- the matrix ------------------------------------------------------------------------------------


def _check_period(first: str, last: str, errors: dict[str, str]) -> None:
    if not MONTH.match(first or ""):
        errors["first_month"] = "Enter the first month as a year and month, for example 2025-01"
    if not MONTH.match(last or ""):
        errors["last_month"] = "Enter the last month as a year and month, for example 2025-12"
    if not errors and first > last:
        errors["last_month"] = "The last month must be the same as or after the first month"
    if not errors and last > timezone.localdate().strftime("%Y-%m"):
        errors["last_month"] = "The last month must be this month or earlier"


@transaction.atomic
def matrix_create(*, partnership: Partnership, year: int, first_month: str, last_month: str, by: Any) -> ScoringMatrix:
    """Start a partnership's matrix for a financial year from the default dimensions (see ``defaults``).
    Its issues come from the crime data when it is scored (``matrix_score_from_data``) and by hand."""
    errors: dict[str, str] = {}
    if ScoringMatrix.objects.filter(partnership=partnership, year=year).exists():
        errors["year"] = (
            f"{partnership.name} already has a scoring matrix for {year_label(year)}: open it from the list"
        )
    _check_period(first_month, last_month, errors)
    if errors:
        raise ValidationError(errors)
    matrix = ScoringMatrix.objects.create(
        partnership=partnership, year=year, first_month=first_month, last_month=last_month, created_by=by
    )
    ScoringDimension.objects.bulk_create(
        [
            ScoringDimension(
                matrix=matrix,
                key=default.key,
                name=default.name,
                description=default.description,
                source_note=default.source_note,
                scored_by=default.scored_by,
                computation=default.computation,
                scale_labels=list(default.scale_labels),
                weight=default.weight,
                position=index,
            )
            for index, default in enumerate(DEFAULT_DIMENSIONS, start=1)
        ]
    )
    audit.record(
        actor=by,
        verb=Verb.MATRIX_CREATED,
        target=matrix,
        detail={"year": year, "first_month": first_month, "last_month": last_month},
    )
    return matrix


@transaction.atomic
def matrix_change_period(*, matrix: ScoringMatrix, first_month: str, last_month: str, by: Any) -> ScoringMatrix:
    """Change the months of crime data the matrix is scored on. The data dimensions are scored again
    by ``matrix_score_from_data``; the analyst's scores stay."""
    errors: dict[str, str] = {}
    _check_period(first_month, last_month, errors)
    if errors:
        raise ValidationError(errors)
    before = {"first_month": matrix.first_month, "last_month": matrix.last_month}
    matrix.first_month, matrix.last_month = first_month, last_month
    matrix.save(update_fields=["first_month", "last_month"])
    audit.record(
        actor=by,
        verb=Verb.MATRIX_PERIOD_CHANGED,
        target=matrix,
        detail={"before": before, "after": {"first_month": first_month, "last_month": last_month}},
    )
    return matrix


def _score_dimension(
    matrix: ScoringMatrix, dimension: ScoringDimension, issues: Mapping[str, MatrixIssue], now: Any
) -> tuple[int, list[dict[str, Any]]]:
    """Compute one data dimension for every crime-type issue from the figures stored on it; returns
    how many cells were computed and the hand scores the data replaced (for the audit event)."""
    stats = {crime_type: issue.stats for crime_type, issue in issues.items() if issue.stats}
    months = len(months_between(matrix.first_month, matrix.last_month))
    scores = scoring.data_scores(dimension.computation, stats, dimension.points, months)
    # Scores computed for an earlier period or scale are stale: drop them before writing anew.
    IssueScore.objects.filter(dimension=dimension, from_data=True).delete()
    by_hand = {s.issue_id: s for s in IssueScore.objects.filter(dimension=dimension, from_data=False)}
    rows, replaced = [], []
    for crime_type, result in scores.items():
        if result.value is None:
            continue
        issue = issues[crime_type]
        # The data can now score a cell the analyst scored by hand: the data's score replaces it,
        # and the audit event keeps what the analyst had given.
        if (hand := by_hand.get(issue.pk)) is not None:
            replaced.append(
                {"issue": issue.title, "dimension": dimension.name, "value": hand.value, "rationale": hand.explanation}
            )
            hand.delete()
        rows.append(
            IssueScore(
                issue=issue,
                dimension=dimension,
                value=result.value,
                from_data=True,
                explanation=result.explanation,
                scored_by=None,
                scored_at=now,
            )
        )
    IssueScore.objects.bulk_create(rows)
    return len(rows), replaced


def _rescore(matrix: ScoringMatrix, dimension: ScoringDimension, by: Any) -> None:
    """Score a data dimension again on the figures the matrix holds (after its scale or computation changed,
    or when it is added); the data itself is read again only by ``matrix_score_from_data``."""
    if matrix.data_scored_at is None:
        return
    issues = {i.crime_type: i for i in matrix.issues.exclude(crime_type="")}
    cells, replaced = _score_dimension(matrix, dimension, issues, timezone.now())
    audit.record(
        actor=by,
        verb=Verb.MATRIX_SCORED_FROM_DATA,
        target=matrix,
        detail={"dimension": dimension.pk, "cells": cells, "hand_scores_replaced": replaced},
    )


@transaction.atomic
def matrix_score_from_data(
    *, matrix: ScoringMatrix, by: Any, stats: Mapping[str, Mapping[str, Any]] | None = None
) -> ScoringMatrix:
    """Score the data dimensions again from the crime data for the matrix's period.

    ``stats`` is ``analysis.issue_stats`` for the partnership and period, keyed by crime type; read
    from the crime data when not given. Each crime type becomes an issue the first time it is found
    (one the analyst took out stays out). Every data cell of a crime type is computed again; the
    analyst's scores, and data dimensions scored by hand for issues without data, are kept.
    """
    matrix = ScoringMatrix.objects.select_for_update().get(pk=matrix.pk)
    note = ""
    if stats is None:
        try:
            stats = selectors.issue_stats_for(matrix)
        except selectors.DataUnavailable as problem:
            stats, note = {}, str(problem)
    if not stats and not note:
        note = (
            f"There is no police.uk crime data for {matrix.partnership.name} from {matrix.first_month} "
            f"to {matrix.last_month}. Import the months first, or change the period."
        )
    now = timezone.now()
    existing = {i.crime_type: i for i in matrix.issues.exclude(crime_type="")}
    added = []
    for crime_type, figures in stats.items():
        issue = existing.get(crime_type)
        if issue is None:
            # An issue the analyst added by hand under the crime type's own name becomes that crime type.
            issue = matrix.issues.filter(crime_type="", title__iexact=crime_type).first()
            if issue is not None:
                issue.crime_type, issue.stats = crime_type, dict(figures)
                issue.save(update_fields=["crime_type", "stats"])
                existing[crime_type] = issue
                continue
            issue = MatrixIssue.objects.create(
                matrix=matrix, title=crime_type, crime_type=crime_type, stats=dict(figures), added_by=by
            )
            existing[crime_type] = issue
            added.append(crime_type)
        else:
            issue.stats = dict(figures)
            issue.save(update_fields=["stats"])
    # A crime type no longer in the data has no figures for this period.
    for crime_type, issue in existing.items():
        if crime_type not in stats and issue.stats:
            issue.stats = {}
            issue.save(update_fields=["stats"])
    computed = 0
    replaced: list[dict[str, Any]] = []
    for dimension in matrix.dimensions.filter(archived_at__isnull=True, scored_by=ScoredBy.DATA):
        cells, gone = _score_dimension(matrix, dimension, existing, now)
        computed += cells
        replaced += gone
    matrix.data_scored_at = now
    matrix.data_note = note[:500]
    matrix.save(update_fields=["data_scored_at", "data_note"])
    audit.record(
        actor=by,
        verb=Verb.MATRIX_SCORED_FROM_DATA,
        target=matrix,
        detail={
            "first_month": matrix.first_month,
            "last_month": matrix.last_month,
            "crime_types": len(stats),
            "issues_added": added,
            "cells": computed,
            "hand_scores_replaced": replaced,
            "note": note[:200],
        },
    )
    return matrix


# --- dimensions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionValues:
    name: str
    description: str
    scale_labels: Sequence[str]
    weight: Decimal
    source_note: str = ""
    scored_by: str = ScoredBy.ANALYST
    computation: str = ""


def _check_dimension(
    matrix: ScoringMatrix, values: DimensionValues, errors: dict[str, str], *, instead_of: ScoringDimension | None
) -> list[str]:
    name = values.name.strip()
    labels = [label.strip() for label in values.scale_labels if label.strip()]
    if not name:
        errors["name"] = "Enter a name for the dimension"
    elif (
        matrix.dimensions.filter(archived_at__isnull=True, name__iexact=name)
        .exclude(pk=instead_of.pk if instead_of is not None else 0)
        .exists()
    ):
        errors["name"] = f"This matrix already has a dimension called {name}: choose another name"
    if not values.description.strip():
        errors["description"] = "Enter what the dimension scores"
    if not MIN_POINTS <= len(labels) <= MAX_POINTS:
        errors["scale_labels"] = (
            f"Enter between {MIN_POINTS} and {MAX_POINTS} points for the scale, one a line, lowest first "
            f"(you entered {len(labels)})"
        )
    if values.weight is None or values.weight <= 0:
        errors["weight"] = "The weight must be more than 0"
    elif values.weight > MAX_WEIGHT:
        errors["weight"] = f"The weight must be {MAX_WEIGHT} or less"
    if values.scored_by not in ScoredBy.values:
        errors["scored_by"] = "Select how the dimension is scored"
    elif values.scored_by == ScoredBy.DATA and values.computation not in Computation.values:
        errors["computation"] = "Select what the data dimension is computed from"
    return labels


def _dimension_detail(dimension: ScoringDimension) -> dict[str, Any]:
    return {
        "name": dimension.name,
        "scored_by": dimension.scored_by,
        "computation": dimension.computation,
        "points": dimension.points,
        "weight": str(dimension.weight),
    }


@transaction.atomic
def dimension_add(*, matrix: ScoringMatrix, values: DimensionValues, by: Any) -> ScoringDimension:
    """Add a dimension to the matrix, after the others. A data dimension is scored at once."""
    errors: dict[str, str] = {}
    labels = _check_dimension(matrix, values, errors, instead_of=None)
    if errors:
        raise ValidationError(errors)
    last = matrix.dimensions.aggregate(last=Max("position"))["last"] or 0
    dimension = ScoringDimension.objects.create(
        matrix=matrix,
        name=values.name.strip(),
        description=values.description.strip(),
        source_note=values.source_note.strip(),
        scored_by=values.scored_by,
        computation=values.computation if values.scored_by == ScoredBy.DATA else "",
        scale_labels=labels,
        weight=values.weight,
        position=last + 1,
    )
    audit.record(
        actor=by,
        verb=Verb.MATRIX_DIMENSION_ADDED,
        target=matrix,
        detail={"dimension": dimension.pk, **_dimension_detail(dimension)},
    )
    if dimension.from_data:
        _rescore(matrix, dimension, by)
    return dimension


@transaction.atomic
def dimension_update(*, dimension: ScoringDimension, values: DimensionValues, by: Any) -> ScoringDimension:
    """Change a dimension's name, description, scale or weight (how it is scored stays as it was made).

    A shorter scale is refused while an analyst's score sits above its new top, so no score changes
    meaning silently; a data dimension is scored again on its new scale."""
    matrix = dimension.matrix
    errors: dict[str, str] = {}
    labels = _check_dimension(
        matrix,
        DimensionValues(
            name=values.name,
            description=values.description,
            scale_labels=values.scale_labels,
            weight=values.weight,
            source_note=values.source_note,
            scored_by=dimension.scored_by,
            computation=values.computation if dimension.from_data else "",
        ),
        errors,
        instead_of=dimension,
    )
    if not errors.get("scale_labels"):
        above = (
            IssueScore.objects.filter(dimension=dimension, from_data=False, value__gt=len(labels))
            .select_related("issue")
            .order_by("issue__title")
        )
        titles = [score.issue.title for score in above]
        if titles:
            errors["scale_labels"] = (
                f"{len(titles)} issue{'s have' if len(titles) > 1 else ' has'} a score above {len(labels)} on "
                f"{dimension.name} ({', '.join(titles[:5])}{'...' if len(titles) > 5 else ''}): score "
                f"{'them' if len(titles) > 1 else 'it'} again first, or keep at least {max(s.value for s in above)} "
                "points"
            )
    if errors:
        raise ValidationError(errors)
    before = _dimension_detail(dimension)
    rescore = dimension.from_data and (
        labels != list(dimension.scale_labels) or (values.computation or dimension.computation) != dimension.computation
    )
    dimension.name = values.name.strip()
    dimension.description = values.description.strip()
    dimension.source_note = values.source_note.strip()
    dimension.scale_labels = labels
    dimension.weight = values.weight
    if dimension.from_data and values.computation:
        dimension.computation = values.computation
    dimension.save()
    audit.record(
        actor=by,
        verb=Verb.MATRIX_DIMENSION_CHANGED,
        target=matrix,
        detail={"dimension": dimension.pk, "before": before, "after": _dimension_detail(dimension)},
    )
    if rescore:
        _rescore(matrix, dimension, by)
    return dimension


@transaction.atomic
def dimension_archive(*, dimension: ScoringDimension, by: Any) -> ScoringDimension:
    """Take a dimension out of the matrix. Its scores are kept with it; a matrix keeps at least one."""
    matrix = ScoringMatrix.objects.select_for_update().get(pk=dimension.matrix_id)
    if dimension.archived_at is not None:
        return dimension
    if not matrix.dimensions.filter(archived_at__isnull=True).exclude(pk=dimension.pk).exists():
        raise ValidationError({"confirm": "A matrix needs at least one dimension: add another before removing this"})
    dimension.archived_at = timezone.now()
    dimension.save(update_fields=["archived_at"])
    audit.record(
        actor=by,
        verb=Verb.MATRIX_DIMENSION_REMOVED,
        target=matrix,
        detail={"dimension": dimension.pk, "name": dimension.name},
    )
    return dimension


# --- issues and scores ---------------------------------------------------------------------------


@transaction.atomic
def issue_add(*, matrix: ScoringMatrix, title: str, description: str, by: Any) -> MatrixIssue:
    """Add an issue the crime data does not show by type (e.g. domestic abuse, exploitation)."""
    title = " ".join(title.split())
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Enter the issue"
    elif len(title) > 120:
        errors["title"] = "The issue must be 120 characters or fewer"
    elif matrix.issues.filter(title__iexact=title).exists():
        errors["title"] = f"This matrix already has an issue called {title}"
    if errors:
        raise ValidationError(errors)
    issue = MatrixIssue.objects.create(matrix=matrix, title=title, description=description.strip(), added_by=by)
    audit.record(actor=by, verb=Verb.MATRIX_ISSUE_ADDED, target=matrix, detail={"issue": issue.pk, "title": title})
    return issue


@transaction.atomic
def issue_remove(*, issue: MatrixIssue, by: Any) -> MatrixIssue:
    """Take an issue out of the matrix (it is not ranked); it keeps its scores and can be put back."""
    if issue.archived_at is None:
        issue.archived_at = timezone.now()
        issue.save(update_fields=["archived_at"])
        audit.record(
            actor=by,
            verb=Verb.MATRIX_ISSUE_REMOVED,
            target=issue.matrix,
            detail={"issue": issue.pk, "title": issue.title},
        )
    return issue


@transaction.atomic
def issue_restore(*, issue: MatrixIssue, by: Any) -> MatrixIssue:
    """Put an issue taken out of the matrix back in, with the scores it had."""
    if issue.archived_at is not None:
        issue.archived_at = None
        issue.save(update_fields=["archived_at"])
        audit.record(
            actor=by,
            verb=Verb.MATRIX_ISSUE_RESTORED,
            target=issue.matrix,
            detail={"issue": issue.pk, "title": issue.title},
        )
    return issue


@dataclass(frozen=True)
class ScoreGiven:
    """What the analyst entered for one dimension: both empty leaves the cell unscored."""

    value: int | None
    rationale: str


def score_field(dimension: ScoringDimension) -> str:
    return f"score_{dimension.pk}"


def rationale_field(dimension: ScoringDimension) -> str:
    return f"rationale_{dimension.pk}"


@transaction.atomic
def issue_score(*, issue: MatrixIssue, given: Mapping[ScoringDimension, ScoreGiven], by: Any) -> MatrixIssue:
    """Record the analyst's scores for one issue, each with its written rationale (required).

    A data dimension is scored by hand only where the data gives it no score (an issue added by hand,
    a crime type without figures for the period, a rate without a population). Clearing both the score and the rationale
    takes the score away. Errors are keyed ``score_<dimension id>`` and ``rationale_<dimension id>``.
    """
    errors: dict[str, str] = {}
    changes: dict[str, Any] = {}
    computed = set(issue.scores.filter(from_data=True).values_list("dimension_id", flat=True))
    for dimension, entry in given.items():
        if dimension.matrix_id != issue.matrix_id or dimension.archived_at is not None:
            raise ValidationError(f"{dimension.name} is not a dimension of this matrix")
        if dimension.pk in computed:
            raise ValidationError(f"{dimension.name} is scored from the crime data for {issue.title}")
        rationale = entry.rationale.strip()
        if entry.value is None and not rationale:
            continue
        if entry.value is None:
            errors[score_field(dimension)] = f"Select a score for {dimension.name}, or clear the rationale"
        elif not 1 <= entry.value <= dimension.points:
            errors[score_field(dimension)] = f"Select a score for {dimension.name} between 1 and {dimension.points}"
        if not rationale:
            errors[rationale_field(dimension)] = (
                f"Enter why {issue.title} scores {entry.value} on {dimension.name}"
                if entry.value is not None
                else f"Enter why {issue.title} scores as it does on {dimension.name}"
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    stored = {s.dimension_id: s for s in issue.scores.filter(dimension__in=list(given))}
    for dimension, entry in given.items():
        rationale = entry.rationale.strip()
        current = stored.get(dimension.pk)
        if entry.value is None and not rationale:
            if current is not None:
                current.delete()
                changes[dimension.name] = None
            continue
        assert entry.value is not None
        if current is not None and current.value == entry.value and current.explanation == rationale:
            continue
        IssueScore.objects.update_or_create(
            issue=issue,
            dimension=dimension,
            defaults={
                "value": entry.value,
                "explanation": rationale,
                "from_data": False,
                "scored_by": by,
                "scored_at": now,
            },
        )
        changes[dimension.name] = entry.value
    if changes:
        audit.record(
            actor=by,
            verb=Verb.MATRIX_ISSUE_SCORED,
            target=issue.matrix,
            detail={"issue": issue.pk, "title": issue.title, "scores": changes},
        )
    return issue


# --- adopting priorities --------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityChosen:
    issue: MatrixIssue
    title: str
    statement: str


@transaction.atomic
def priorities_adopt(*, matrix: ScoringMatrix, chosen: Sequence[PriorityChosen], by: Any) -> list[Priority]:
    """The partnership adopts the chosen issues as its priorities for the matrix's year, ranked as the
    matrix ranks them. Any set adopted earlier for that year is archived (kept, not deleted).

    Only a manager of the partnership adopts, and only issues the matrix ranks (scored on every
    dimension). Errors are keyed ``title_<issue id>`` and ``statement_<issue id>``, or ``issues``."""
    if matrix.partnership_id not in partnership_ids(by, ADOPTING_ROLES):
        raise ValidationError("Only a manager of the partnership can adopt its priorities")
    matrix = ScoringMatrix.objects.select_for_update().get(pk=matrix.pk)
    results = selectors.matrix_results(matrix)
    ranked = {entry.issue.key: entry for entry in results.ranking.ranked}
    errors: dict[str, str] = {}
    if not chosen:
        errors["issues"] = "Select at least one issue to adopt as a priority"
    seen: set[int] = set()
    for choice in chosen:
        issue = choice.issue
        if issue.matrix_id != matrix.pk or issue.pk not in ranked:
            errors["issues"] = f"{issue.title} is not ranked in this matrix: score it on every dimension first"
            continue
        if issue.pk in seen:
            errors["issues"] = f"{issue.title} is chosen twice"
        seen.add(issue.pk)
        title = " ".join(choice.title.split())
        if not title:
            errors[f"title_{issue.pk}"] = f"Enter the priority's title for {issue.title}"
        elif len(title) > 160:
            errors[f"title_{issue.pk}"] = f"The title for {issue.title} must be 160 characters or fewer"
        if not choice.statement.strip():
            errors[f"statement_{issue.pk}"] = (
                f"Enter a short statement of what the partnership will do about {issue.title}"
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    replaced = list(
        Priority.objects.select_for_update()
        .filter(partnership_id=matrix.partnership_id, year=matrix.year, archived_at__isnull=True)
        .values_list("pk", flat=True)
    )
    Priority.objects.filter(pk__in=replaced).update(archived_at=now, archived_by=by)
    ordered = sorted(chosen, key=lambda c: ranked[c.issue.pk].rank)
    adopted = []
    for rank, choice in enumerate(ordered, start=1):
        entry = ranked[choice.issue.pk]
        adopted.append(
            Priority.objects.create(
                partnership_id=matrix.partnership_id,
                year=matrix.year,
                rank=rank,
                title=" ".join(choice.title.split()),
                statement=choice.statement.strip(),
                matrix=matrix,
                issue=choice.issue,
                score_total=scoring.shown(entry.total, 2),
                breakdown={
                    "rank_in_matrix": entry.rank,
                    "ranked": len(ranked),
                    "parts": [
                        {
                            "dimension": part.dimension.name,
                            "value": part.value,
                            "points": part.dimension.points,
                            "weight": str(part.dimension.weight),
                            "contribution": str(scoring.shown(part.contribution, 2)),
                        }
                        for part in entry.parts
                    ],
                },
                adopted_by=by,
                adopted_at=now,
            )
        )
    audit.record(
        actor=by,
        verb=Verb.PRIORITIES_ADOPTED,
        target=matrix,
        detail={
            "year": matrix.year,
            "priorities": [{"rank": p.rank, "title": p.title, "issue": p.issue_id} for p in adopted],
            "replaced": replaced,
        },
    )
    return adopted
