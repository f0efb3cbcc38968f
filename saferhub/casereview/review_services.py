"""Every write to an ASB Case Review application after its threshold is met: the review meeting and
its findings, the recommendations and their completion, the outcome letter, and the applicant's
request that the PFCC's office look at the decision again.

As in ``services``, a step done today is dated today, and work done earlier (on paper, or before
SaferHub) is recorded with ``on=``, the day it was done.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.casereview.models import AgencyResponse, Application, LetterKind, Recommendation, Status
from saferhub.casereview.services import day_problem, send_letter
from saferhub.partnerships.models import Organisation

RECEIVED_IS = "the date the application was received"


@dataclass(frozen=True)
class ResponseFinding:
    organisation: Organisation
    adequate: bool
    reasons: str


@transaction.atomic
def review_record(
    *,
    application: Application,
    by: Any,
    held_on: datetime.date,
    victim_invited: bool,
    summary: str,
    findings: Sequence[ResponseFinding],
    impact_statement: str = "",
) -> Application:
    """Record the review meeting: whether the victim (or their advocate) was invited to give an impact
    statement, and each agency's response found adequate or not, with reasons."""
    errors: dict[str, str] = {}
    if application.status != Status.MET:
        errors["held_on"] = "Only an application whose threshold is met is reviewed"
    if held_on > timezone.localdate():
        errors["held_on"] = "The date of the review meeting must be today or in the past"
    if not summary.strip():
        errors["summary"] = "Enter what the review found"
    if not findings:
        errors["findings"] = "Record the finding on at least one agency's response"
    for finding in findings:
        if not finding.reasons.strip():
            errors["findings"] = f"Give the reasons for the finding on {finding.organisation.name}'s response"
    if len({f.organisation.pk for f in findings}) != len(findings):
        errors["findings"] = "Record each agency's response once"
    if errors:
        raise ValidationError(errors)
    application.review_held_on = held_on
    application.victim_invited = victim_invited
    application.impact_statement = impact_statement.strip()
    application.review_summary = summary.strip()
    application.status = Status.REVIEWED
    application.save()
    AgencyResponse.objects.bulk_create(
        [
            AgencyResponse(
                application=application, organisation=f.organisation, adequate=f.adequate, reasons=f.reasons.strip()
            )
            for f in findings
        ]
    )
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_REVIEWED,
        target=application,
        detail={
            "held_on": held_on.isoformat(),
            "victim_invited": victim_invited,
            "inadequate": [f.organisation.pk for f in findings if not f.adequate],
        },
    )
    return application


@transaction.atomic
def recommendation_add(
    *,
    application: Application,
    by: Any,
    text: str,
    owner: Organisation,
    due_on: datetime.date,
    on: datetime.date | None = None,
) -> Recommendation:
    """A recommendation of the review, owned by one agency, due by a date on or after the day it was made.

    ``on``: the day the recommendation was made, when recording work done earlier (on paper, or before
    SaferHub); today by default.
    """
    errors: dict[str, str] = {}
    if application.status not in (Status.MET, Status.REVIEWED):
        errors["text"] = "Recommendations are made by a review"
    if not text.strip():
        errors["text"] = "Enter the recommendation"
    day = on or timezone.localdate()
    if problem := day_problem(
        day, what="The date the recommendation was made", earliest=application.received_on, earliest_is=RECEIVED_IS
    ):
        errors["on"] = problem
    elif due_on < day:
        errors["due_on"] = (
            "The due date must be today or in the future"
            if on is None
            else f"The due date must be on or after the day the recommendation was made, {day:%-d %B %Y}"
        )
    if errors:
        raise ValidationError(errors)
    recommendation = Recommendation.objects.create(
        application=application, text=text.strip(), owner=owner, due_on=due_on
    )
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_RECOMMENDATION_ADDED,
        target=application,
        detail={"recommendation": recommendation.pk, "owner": owner.pk, "due_on": due_on.isoformat()},
    )
    return recommendation


@transaction.atomic
def recommendation_complete(
    *, recommendation: Recommendation, by: Any, note: str, on: datetime.date | None = None
) -> Recommendation:
    """Record that a recommendation was carried out, and how.

    ``on``: the day it was done, when recording work done earlier (on paper, or before SaferHub);
    today by default.
    """
    if recommendation.completed_on is not None:
        raise ValidationError({"note": "This recommendation is already complete"})
    errors: dict[str, str] = {}
    if not note.strip():
        errors["note"] = "Enter what was done"
    day = on or timezone.localdate()
    if problem := day_problem(
        day,
        what="The date the recommendation was carried out",
        earliest=recommendation.application.received_on,
        earliest_is=RECEIVED_IS,
    ):
        errors["on"] = problem
    if errors:
        raise ValidationError(errors)
    recommendation.completed_on = day
    recommendation.completion_note = note.strip()
    recommendation.save(update_fields=["completed_on", "completion_note"])
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_RECOMMENDATION_COMPLETED,
        target=recommendation.application,
        detail={"recommendation": recommendation.pk},
    )
    return recommendation


@transaction.atomic
def outcome_send(*, application: Application, by: Any, on: datetime.date | None = None) -> Application:
    """Send the applicant the review's outcome and its recommendations; the application is closed
    (recommendations are still tracked to completion).

    ``on``: the day it was done, when recording work done earlier (on paper, or before SaferHub);
    today by default. Never before the review meeting.
    """
    if application.status != Status.REVIEWED or application.review_held_on is None:
        raise ValidationError({"status": "Record the review before sending its outcome"})
    day = on or timezone.localdate()
    held_on = application.review_held_on
    earliest, earliest_is = (
        (held_on, "the date of the review meeting")
        if held_on >= application.received_on
        else (application.received_on, RECEIVED_IS)
    )
    if problem := day_problem(day, what="The date the outcome was sent", earliest=earliest, earliest_is=earliest_is):
        raise ValidationError({"on": problem})
    recommendations = list(application.recommendations.select_related("owner"))
    lines = "\n".join(f"- {r.owner.name}: {r.text} (by {r.due_on:%-d %B %Y})" for r in recommendations)
    body = "The agencies have reviewed their response to the anti-social behaviour you reported.\n\n"
    body += f"{application.review_summary}\n\n"
    body += f"Recommendations:\n{lines}\n" if lines else "The review made no recommendations.\n"
    subject = f"ASB Case Review {application.reference}: the outcome"
    send_letter(application, LetterKind.OUTCOME, subject, body, by, on=day)
    application.outcome_sent_on = day
    application.status = Status.CLOSED
    application.save(update_fields=["outcome_sent_on", "status"])
    return application


@transaction.atomic
def reconsideration_record(
    *,
    application: Application,
    by: Any,
    requested_on: datetime.date,
    result: str = "",
    decided_on: datetime.date | None = None,
) -> Application:
    """Record the applicant's request that the PFCC's office look at the decision again, and, later,
    what it found."""
    errors: dict[str, str] = {}
    if application.decided_on is None:
        errors["requested_on"] = "Only a decided application can be looked at again"
    elif requested_on < application.decided_on:
        errors["requested_on"] = "The request must be on or after the date of the decision"
    if decided_on is not None:
        if decided_on < requested_on:
            errors["decided_on"] = "The finding must be on or after the date of the request"
        if not result.strip():
            errors["result"] = "Enter what the PFCC's office found"
    if errors:
        raise ValidationError(errors)
    application.reconsideration_requested_on = requested_on
    application.reconsideration_result = result.strip()
    application.reconsideration_decided_on = decided_on
    application.save(
        update_fields=["reconsideration_requested_on", "reconsideration_result", "reconsideration_decided_on"]
    )
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_RECONSIDERATION,
        target=application,
        detail={"requested_on": requested_on.isoformat(), "decided": decided_on is not None},
    )
    return application
