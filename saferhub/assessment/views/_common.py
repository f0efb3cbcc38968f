"""Helpers shared by the matrix pages: fetching with access (404 for missing and forbidden alike)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from saferhub.assessment import access
from saferhub.assessment.models import MatrixIssue, ScoringDimension, ScoringMatrix


def matrix_for(user: Any, matrix_pk: int, action: str) -> ScoringMatrix:
    """The matrix if the user may ``action`` it; 404 when it is missing or forbidden alike."""
    matrix: ScoringMatrix = access.matrices.get_for_user(user, action, pk=matrix_pk)
    return matrix


def dimension_for(user: Any, matrix: ScoringMatrix, dimension_pk: int, action: str) -> ScoringDimension:
    """A dimension of ``matrix`` still in use, if the user may ``action`` it; else 404."""
    dimension: ScoringDimension = access.dimensions.get_for_user(
        user, action, pk=dimension_pk, matrix=matrix, archived_at__isnull=True
    )
    return dimension


def issue_for(user: Any, matrix: ScoringMatrix, issue_pk: int, action: str) -> MatrixIssue:
    """An issue of ``matrix`` (in it or taken out), if the user may ``action`` it; else 404."""
    issue: MatrixIssue = access.issues.get_for_user(user, action, pk=issue_pk, matrix=matrix)
    return issue


def done(request: HttpRequest, message: str, to: str, **kwargs: Any) -> HttpResponseRedirect:
    messages.success(request, message)
    return redirect(to, **kwargs)
