"""A Braintree scoring matrix for 2026-27, scored from IssueStats-like figures."""

from __future__ import annotations

from typing import Any

import pytest

from saferhub.assessment import services
from saferhub.assessment.models import ScoringMatrix


def stats(count: int, previous: int, change: float | None, significant: bool) -> dict[str, Any]:
    """One crime type's figures as ``crimedata.analysis.issue_stats`` gives them."""
    direction = "flat" if not significant else ("up" if count > previous else "down")
    return {
        "count": count,
        "previous": previous,
        "change_pct": change,
        "significant": significant,
        "direction": direction,
        "rate_per_1000": round(count / 156.2, 2),
        "county_rate_per_1000": round(count / 180.0, 2),
    }


FIGURES = {
    "Violence and sexual offences": stats(4200, 3900, 7.7, True),
    "Anti-social behaviour": stats(3100, 3600, -13.9, True),
    "Criminal damage and arson": stats(1300, 1290, 0.8, False),
    "Shoplifting": stats(1100, 800, 37.5, True),
    "Burglary": stats(700, 720, -2.8, False),
}


def make_matrix(world: Any, by: Any = None, figures: dict[str, Any] | None = None) -> ScoringMatrix:
    matrix = services.matrix_create(
        partnership=world.home.partnership,
        year=2026,
        first_month="2025-01",
        last_month="2025-12",
        by=by or world.analyst,
    )
    return services.matrix_score_from_data(
        matrix=matrix, by=by or world.analyst, stats=FIGURES if figures is None else figures
    )


@pytest.fixture
def matrix(world: Any) -> ScoringMatrix:
    return make_matrix(world)


def score_all_by_hand(matrix: ScoringMatrix, by: Any, values: dict[str, int] | None = None) -> None:
    """Give every issue every analyst score (3 unless ``values`` names the issue)."""
    for issue in matrix.issues.filter(archived_at__isnull=True):
        computed = set(issue.scores.filter(from_data=True).values_list("dimension_id", flat=True))
        given = {
            d: services.ScoreGiven((values or {}).get(issue.title, 3), f"Evidence for {issue.title} on {d.name}")
            for d in matrix.dimensions.filter(archived_at__isnull=True)
            if d.pk not in computed
        }
        services.issue_score(issue=issue, given=given, by=by)


# The real police.uk and reference data of ../shared/data, as the crime data tests load them.
from saferhub.crimedata.tests.conftest import analysis_data, police_data, reference_data  # noqa: E402, F401
