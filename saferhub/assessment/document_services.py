"""Writes of the strategic assessment document: start one for a year, write its summary, save a
version (a snapshot of the figures), and record the strategy group's approval of a version."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub import audit
from saferhub.assessment import document
from saferhub.assessment.models import AssessmentVersion, StrategicAssessment
from saferhub.audit.verbs import Verb
from saferhub.lib.periods import MONTH, months_between
from saferhub.partnerships.models import Partnership

MONTHS_AT_MOST = 60


def check_period(first: str, last: str) -> None:
    """A period of whole months, in order, of at most five years; ValidationError says what to fix."""
    for name, value in (("first_month", first), ("last_month", last)):
        if not MONTH.match(value or ""):
            raise ValidationError({name: "Enter the month as YYYY-MM, for example 2025-10"})
    months = months_between(first, last)
    if not months:
        raise ValidationError({"last_month": "The last month must be the same as or after the first month"})
    if len(months) > MONTHS_AT_MOST:
        raise ValidationError({"last_month": f"Choose at most {MONTHS_AT_MOST} months"})


@transaction.atomic
def assessment_start(*, partnership: Partnership, year: int, first: str, last: str, by: Any) -> StrategicAssessment:
    """Start the partnership's strategic assessment for the financial year starting in ``year``."""
    check_period(first, last)
    if StrategicAssessment.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError({"year": "This partnership already has a strategic assessment for that year"})
    assessment = StrategicAssessment.objects.create(
        partnership=partnership, year=year, first_month=first, last_month=last, created_by=by
    )
    audit.record(
        actor=by,
        verb=Verb.ASSESSMENT_STARTED,
        target=assessment,
        partnership=partnership,
        detail={"year": year, "first": first, "last": last},
    )
    return assessment


@transaction.atomic
def assessment_update(*, assessment: StrategicAssessment, first: str, last: str, summary: str, by: Any) -> None:
    """Change the period the next version analyses and the analyst's executive summary."""
    check_period(first, last)
    before = {"first": assessment.first_month, "last": assessment.last_month, "summary": assessment.summary}
    StrategicAssessment.objects.filter(pk=assessment.pk).update(first_month=first, last_month=last, summary=summary)
    assessment.refresh_from_db()
    after = {"first": first, "last": last, "summary": summary}
    changed = sorted(k for k in after if after[k] != before[k])
    if changed:
        audit.record(
            actor=by,
            verb=Verb.ASSESSMENT_UPDATED,
            target=assessment,
            partnership=assessment.partnership,
            detail={"changed": changed},
        )


def assessment_version_save(*, assessment: StrategicAssessment, by: Any) -> AssessmentVersion:
    """Save a new draft version: the figures, matrix and priorities as they are now, kept for good."""
    # The analysis reads Parquet files, not the database: build it before taking any lock.
    snap = document.snapshot(
        partnership=assessment.partnership,
        year=assessment.year,
        first=assessment.first_month,
        last=assessment.last_month,
        summary=assessment.summary,
    )
    with transaction.atomic():
        locked = StrategicAssessment.objects.select_for_update().get(pk=assessment.pk)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = AssessmentVersion.objects.create(assessment=locked, number=number, snapshot=snap, created_by=by)
        audit.record(
            actor=by,
            verb=Verb.ASSESSMENT_VERSION_SAVED,
            target=version,
            partnership=assessment.partnership,
            detail={"number": number, "first": snap["first"], "last": snap["last"]},
        )
    return version


@transaction.atomic
def assessment_version_approve(
    *, version: AssessmentVersion, meeting_on: datetime.date, body: str, note: str, by: Any
) -> AssessmentVersion:
    """Record that ``body`` (the strategy group) approved this version at its meeting on ``meeting_on``.

    Only the latest version can be approved, once; a meeting cannot be in the future.
    """
    locked = AssessmentVersion.objects.select_for_update().get(pk=version.pk)
    latest = locked.assessment.versions.aggregate(n=Max("number"))["n"]
    if locked.number != latest:
        raise ValidationError(f"Version {latest} is newer: approve the latest version")
    if locked.approved_at is not None:
        raise ValidationError("This version is already approved")
    if meeting_on > timezone.localdate():
        raise ValidationError({"meeting_on": "The meeting date must be today or in the past"})
    if not body.strip():
        raise ValidationError({"body": "Enter who approved it, for example Strategy group"})
    AssessmentVersion.objects.filter(pk=locked.pk).update(
        approved_at=timezone.now(),
        approved_by=by,
        approval_body=body.strip(),
        approval_meeting=meeting_on,
        approval_note=note.strip(),
    )
    locked.refresh_from_db()
    audit.record(
        actor=by,
        verb=Verb.ASSESSMENT_APPROVED,
        target=locked,
        partnership=locked.assessment.partnership,
        detail={"number": locked.number, "meeting": meeting_on.isoformat(), "body": locked.approval_body},
    )
    return locked
