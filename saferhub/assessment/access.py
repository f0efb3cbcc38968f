"""Who may see and work on the scoring matrix, and who reads the adopted priorities.

The matrix is the analysts' working tool: the partnership's analysts, managers and administrators
see and change it, and only its managers adopt priorities from it. The adopted priorities are
figures-level information with no personal data: those three roles, the partnership's scrutiny
councillors and the county viewers of its area read them. Nobody else sees either.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from saferhub.accounts.models import Role
from saferhub.assessment.models import (
    AssessmentVersion,
    IssueScore,
    MatrixIssue,
    Priority,
    ScoringDimension,
    ScoringMatrix,
    StrategicAssessment,
)
from saferhub.policy import PartnershipPolicy, county_area_ids, partnership_ids, register, roles_of

MATRIX_ROLES = (Role.ANALYST, Role.MANAGER, Role.ADMINISTRATOR)
ADOPTING_ROLES = (Role.MANAGER,)
PRIORITY_READERS = (*MATRIX_ROLES, Role.SCRUTINY)


class ScoringMatrixPolicy(PartnershipPolicy[ScoringMatrix]):
    """A partnership's matrices are seen and changed by its analysts, managers and administrators;
    its managers adopt priorities from them ("adopt"). Scrutiny and county viewers never see a matrix."""

    model = ScoringMatrix
    roles = {"view": MATRIX_ROLES, "change": MATRIX_ROLES, "adopt": ADOPTING_ROLES}


class _PartOfMatrix(PartnershipPolicy[Any]):
    partnership_path = "matrix__partnership"
    roles = {"view": MATRIX_ROLES, "change": MATRIX_ROLES}


class ScoringDimensionPolicy(_PartOfMatrix):
    """A matrix's dimensions are seen and changed exactly as the matrix is."""

    model = ScoringDimension


class MatrixIssuePolicy(_PartOfMatrix):
    """A matrix's issues are seen and changed (scored, added, taken out) exactly as the matrix is."""

    model = MatrixIssue


class IssueScorePolicy(_PartOfMatrix):
    """A score is seen and changed exactly as its matrix is."""

    model = IssueScore
    partnership_path = "issue__matrix__partnership"


class PriorityPolicy(PartnershipPolicy[Priority]):
    """Adopted priorities, current and replaced, are read by the partnership's analysts, managers,
    administrators and scrutiny councillors, and by the county viewers of its area. Nobody changes one
    here: a manager adopts a new set from the matrix, which archives the old one."""

    model = Priority
    roles = {"view": PRIORITY_READERS}

    def visible(self, user: Any, action: str) -> models.QuerySet[Priority]:
        manager = Priority.objects
        if action != "view" or not getattr(user, "is_authenticated", False) or not user.is_active:
            return manager.none()
        within = Q(partnership_id__in=partnership_ids(user, PRIORITY_READERS))
        within |= Q(partnership__area_id__in=county_area_ids(user), partnership__archived_at__isnull=True)
        return manager.filter(within)


def reads_priorities_only(user: Any) -> bool:
    """Scrutiny councillors and county viewers, who read the priorities but work on no matrix."""
    roles = roles_of(user)
    return bool(roles & {Role.SCRUTINY, Role.COUNTY_VIEWER}) and not roles & {str(r) for r in MATRIX_ROLES}


class StrategicAssessmentPolicy(PartnershipPolicy[StrategicAssessment]):
    """The partnership's analysts, managers and administrators see and draft its strategic assessments
    ("change": the period, the summary, saving versions). Its scrutiny councillors and the county viewers
    of its area see an assessment only once a version of it is approved."""

    model = StrategicAssessment
    roles = {"view": MATRIX_ROLES, "change": MATRIX_ROLES}

    def visible(self, user: Any, action: str) -> models.QuerySet[StrategicAssessment]:
        drafted = super().visible(user, action)
        if action != "view":
            return drafted
        approved = StrategicAssessment.objects.filter(_reads_approved(user), versions__approved_at__isnull=False)
        return (drafted | approved).distinct()


class AssessmentVersionPolicy(PartnershipPolicy[AssessmentVersion]):
    """Every version is seen by the partnership's analysts, managers and administrators; approved versions
    also by its scrutiny councillors and the county viewers of its area. Only its managers record the
    strategy group's approval ("approve")."""

    model = AssessmentVersion
    partnership_path = "assessment__partnership"
    roles = {"view": MATRIX_ROLES, "approve": ADOPTING_ROLES}

    def visible(self, user: Any, action: str) -> models.QuerySet[AssessmentVersion]:
        drafted = super().visible(user, action)
        if action != "view":
            return drafted
        approved = AssessmentVersion.objects.filter(
            _reads_approved(user, path="assessment__partnership"), approved_at__isnull=False
        )
        return (drafted | approved).distinct()


def _reads_approved(user: Any, path: str = "partnership") -> Q:
    """Scrutiny councillors of the partnership and county viewers of its area (nobody when signed out)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    within = Q(**{f"{path}_id__in": partnership_ids(user, (Role.SCRUTINY,))})
    within |= Q(**{f"{path}__area_id__in": county_area_ids(user), f"{path}__archived_at__isnull": True})
    return within


matrices = register(ScoringMatrixPolicy())
dimensions = register(ScoringDimensionPolicy())
issues = register(MatrixIssuePolicy())
scores = register(IssueScorePolicy())
priorities = register(PriorityPolicy())
assessments = register(StrategicAssessmentPolicy())
versions = register(AssessmentVersionPolicy())
