"""Every write to an ASB Case Review application up to the threshold decision: the application, its
acknowledgement, the single point of contact, matching the victim to the register, and the decision.

The review stage (the meeting, recommendations, outcome, reconsideration) is in ``review_services``;
an area's timescales are set in ``timescales``.

A step done today is dated today. Work done earlier (on paper, or before SaferHub) is recorded with
``on=``, the day it was done: never in the future, never before the application was received.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.casereview.access import CASEWORK_ROLES
from saferhub.casereview.models import (
    OPEN_STATUSES,
    ApplicantRole,
    Application,
    Channel,
    Complaint,
    ContactMethod,
    Letter,
    LetterKind,
    Status,
    VictimKind,
)
from saferhub.casereview.threshold import ComplaintInput, evaluate
from saferhub.incidents.models import ASB_CATEGORIES, Incident, InvolvementRole
from saferhub.incidents.rules import rules_for
from saferhub.lib.periods import add_months
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids
from saferhub.register.models import Person
from saferhub.register.normalise import format_postcode

# An application about the same victim and problem as one received this recently is a duplicate.
DUPLICATE_WINDOW_MONTHS = 6


@dataclass(frozen=True)
class ComplaintGiven:
    """One report as the applicant remembers it."""

    behaviour_on: datetime.date
    reported_on: datetime.date
    agency: str
    reference: str = ""


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def day_problem(day: datetime.date, *, what: str, earliest: datetime.date, earliest_is: str) -> str:
    """What is wrong with ``day`` as the day a step was done ("" when nothing): a day in the future, or
    one before ``earliest``. ``what`` names the date ("The date of the decision"), ``earliest_is`` the
    earliest ("the date the application was received")."""
    if day > timezone.localdate():
        return f"{what} must be today or in the past"
    if day < earliest:
        return f"{what} must be on or after {earliest_is}, {earliest:%-d %B %Y}"
    return ""


def _check_application(values: dict[str, Any], complaints: Sequence[ComplaintGiven], errors: dict[str, str]) -> None:
    if values["applicant_role"] not in ApplicantRole.values:
        errors["applicant_role"] = "Select who is applying"
    if values["applicant_role"] != ApplicantRole.VICTIM and not values["victim_consents"]:
        errors["victim_consents"] = "Confirm that the victim agrees to you applying for them"
    if not values["applicant_name"].strip():
        errors["applicant_name"] = "Enter the applicant's name"
    if values["victim_kind"] not in VictimKind.values:
        errors["victim_kind"] = "Select whether the victim is a person, a business or a community group"
    if not values["victim_name"].strip():
        errors["victim_name"] = "Enter the victim's name"
    method = values["contact_method"]
    if method not in ContactMethod.values:
        errors["contact_method"] = "Select how we should contact the applicant"
    elif method == ContactMethod.EMAIL and not values["applicant_email"].strip():
        errors["applicant_email"] = "Enter an email address, or choose another way to be contacted"
    elif method == ContactMethod.PHONE and not values["applicant_phone"].strip():
        errors["applicant_phone"] = "Enter a phone number, or choose another way to be contacted"
    elif method == ContactMethod.POST and not values["applicant_address"].strip():
        errors["applicant_address"] = "Enter a postal address, or choose another way to be contacted"
    if not values["problem_place"].strip():
        errors["problem_place"] = "Enter where the problem happens"
    if not values["problem"].strip():
        errors["problem"] = "Describe the problem"
    received = values["received_on"]
    if values["problem_since"] is not None and values["problem_since"] > received:
        errors["problem_since"] = "The date the problem began must be on or before the date of the application"
    for index, complaint in enumerate(complaints, start=1):
        problem = ""
        if complaint.reported_on < complaint.behaviour_on:
            problem = "the date reported must be on or after the date it happened"
        elif complaint.reported_on > received:
            problem = "the date reported must be on or before the date of the application"
        elif not complaint.agency.strip():
            problem = "enter the agency it was reported to"
        if problem:
            # The first report to fix is named; the applicant corrects them in order.
            errors["complaints"] = f"Report {index}: {problem}"
            break


def find_duplicate(
    partnership: Partnership, victim_name: str, postcode: str, place: str, received: datetime.date
) -> Application | None:
    """An open or recent application of the partnership about the same victim and problem: the same
    victim's name, and the same postcode (or, without one, the same description of the place)."""
    since = add_months(received, -DUPLICATE_WINDOW_MONTHS)
    candidates = Application.objects.filter(partnership=partnership, duplicate_of__isnull=True).exclude(
        status=Status.DUPLICATE
    )
    candidates = candidates.filter(received_on__gte=since) | candidates.filter(status__in=OPEN_STATUSES)
    name = _norm(victim_name)
    for candidate in candidates.order_by("received_on", "pk"):
        if _norm(candidate.victim_name) != name:
            continue
        if postcode and candidate.problem_postcode == postcode:
            return candidate
        if not postcode and _norm(candidate.problem_place) == _norm(place):
            return candidate
    return None


def _complaint_inputs(application: Application) -> list[ComplaintInput]:
    return [ComplaintInput(c.behaviour_on, c.reported_on, c.agency) for c in application.complaints.all()]


def assess(application: Application) -> dict[str, Any]:
    """The threshold engine's view of the application's complaints today (nothing saved)."""
    rules = rules_for(application.partnership.area)
    return evaluate(application.received_on, _complaint_inputs(application), rules)


def send_letter(
    application: Application, kind: str, subject: str, body: str, by: Any, on: datetime.date | None = None
) -> Letter:
    """Record a letter, and e-mail it to the applicant when they asked for e-mail (after the commit).

    ``on`` dates a letter sent earlier (recorded after the fact): the letter then carries that day.
    """
    to = application.applicant_email if application.contact_method == ContactMethod.EMAIL else ""
    sent_at = timezone.now()
    if on is not None and on != timezone.localdate():
        sent_at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12, 0)))
    letter = Letter.objects.create(
        application=application,
        kind=kind,
        sent_at=sent_at,
        sent_to=to or application.applicant_address or application.applicant_phone,
        sent_by=by if getattr(by, "pk", None) else None,
    )
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, None, [to], fail_silently=True))
    audit.record(actor=by, verb=Verb.CASE_REVIEW_LETTER_SENT, target=application, detail={"kind": kind})
    return letter


def _acknowledgement_text(application: Application) -> tuple[str, str]:
    subject = f"ASB Case Review application {application.reference}"
    if application.status == Status.DUPLICATE and application.duplicate_of is not None:
        body = (
            f"Thank you for your application for an ASB Case Review. Your reference is {application.reference}.\n\n"
            f"It is about a problem that {application.partnership.name} is already dealing with after an "
            "earlier application, so it will be considered with that one rather than reviewed twice. "
            "We will contact you about it.\n"
        )
    else:
        body = (
            f"Thank you for your application for an ASB Case Review. Your reference is {application.reference}.\n\n"
            f"{application.partnership.name} will look at the reports you listed, and any others the agencies "
            "hold, and tell you whether the threshold for a review is met.\n"
        )
    return subject, body


@transaction.atomic
def application_submit(
    *,
    partnership: Partnership,
    by: Any,
    channel: str,
    applicant_role: str,
    applicant_name: str,
    contact_method: str,
    victim_kind: str,
    victim_name: str,
    problem_place: str,
    problem: str,
    applicant_email: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    victim_consents: bool = False,
    victim_email: str = "",
    victim_phone: str = "",
    problem_postcode: str = "",
    problem_since: datetime.date | None = None,
    impact: dict[str, Any] | None = None,
    impact_description: str = "",
    complaints: Sequence[ComplaintGiven] = (),
    received_on: datetime.date | None = None,
    source_fingerprint: str = "",
    on: datetime.date | None = None,
) -> Application:
    """Record an application (online with ``by`` None, or entered by staff from a call or letter).

    An application about the same victim and problem as an open or recent one is marked a duplicate
    and linked to it. The applicant is acknowledged by e-mail when they gave one and asked for e-mail:
    an online application on the day it was received; one entered by staff on the day it was entered,
    ``on`` when recording work done earlier (on paper, or before SaferHub), today by default.
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": "Select how the application was made"})
    received = received_on or timezone.localdate()
    values: dict[str, Any] = {
        "applicant_role": applicant_role,
        "applicant_name": applicant_name,
        "applicant_email": applicant_email.strip(),
        "applicant_phone": applicant_phone.strip(),
        "applicant_address": applicant_address.strip(),
        "contact_method": contact_method,
        "victim_consents": True if applicant_role == ApplicantRole.VICTIM else bool(victim_consents),
        "victim_kind": victim_kind,
        "victim_name": victim_name.strip(),
        "victim_email": victim_email.strip(),
        "victim_phone": victim_phone.strip(),
        "problem_postcode": format_postcode(problem_postcode) if problem_postcode.strip() else "",
        "problem_place": problem_place.strip(),
        "problem": problem.strip(),
        "problem_since": problem_since,
        "impact": dict(impact or {}),
        "impact_description": impact_description.strip(),
        "received_on": received,
    }
    errors: dict[str, str] = {}
    _check_application(values, complaints, errors)
    if received > timezone.localdate():
        errors["received_on"] = "The date received must be today or in the past"
    entered = on or timezone.localdate()
    if "received_on" not in errors and (
        problem := day_problem(
            entered,
            what="The date the application was entered",
            earliest=received,
            earliest_is="the date it was received",
        )
    ):
        errors["on"] = problem
    if errors:
        raise ValidationError(errors)
    duplicate = find_duplicate(
        partnership, values["victim_name"], values["problem_postcode"], values["problem_place"], received
    )
    application = Application.objects.create(
        partnership=partnership,
        # A unique placeholder (the column holds 20 characters) until the row's number makes the reference.
        reference=uuid.uuid4().hex[:20],
        channel=channel,
        entered_by=by if getattr(by, "pk", None) else None,
        status=Status.DUPLICATE if duplicate else Status.RECEIVED,
        duplicate_of=duplicate,
        source_fingerprint=source_fingerprint,
        **values,
    )
    application.reference = f"CR-{received.year}-{application.pk:05d}"
    application.save(update_fields=["reference"])
    Complaint.objects.bulk_create(
        [
            Complaint(
                application=application,
                behaviour_on=c.behaviour_on,
                reported_on=c.reported_on,
                agency=c.agency.strip(),
                reference=c.reference.strip(),
            )
            for c in complaints
        ]
    )
    application.threshold_detail = assess(application)
    application.save(update_fields=["threshold_detail"])
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_APPLIED,
        target=application,
        partnership=partnership,
        # What the applicant wrote about the victim stays on the application, not in the permanent trail.
        detail={
            "channel": channel,
            "complaints": len(complaints),
            "duplicate_of": duplicate.pk if duplicate else None,
        },
    )
    if application.applicant_email and application.contact_method == ContactMethod.EMAIL:
        subject, body = _acknowledgement_text(application)
        application.acknowledged_on = received if by is None else entered
        send_letter(application, LetterKind.ACKNOWLEDGEMENT, subject, body, by, on=application.acknowledged_on)
        if application.status == Status.RECEIVED:
            application.status = Status.ACKNOWLEDGED
        application.save(update_fields=["acknowledged_on", "status"])
    return application


@transaction.atomic
def application_acknowledge(*, application: Application, by: Any, on: datetime.date | None = None) -> Application:
    """Record that the acknowledgement was sent (by post or phone, or e-mail again).

    ``on``: the day it was done, when recording work done earlier (on paper, or before SaferHub);
    today by default.
    """
    if application.acknowledged_on is not None:
        raise ValidationError({"status": "This application has already been acknowledged"})
    day = on or timezone.localdate()
    if problem := day_problem(
        day,
        what="The date of the acknowledgement",
        earliest=application.received_on,
        earliest_is="the date the application was received",
    ):
        raise ValidationError({"on": problem})
    subject, body = _acknowledgement_text(application)
    send_letter(application, LetterKind.ACKNOWLEDGEMENT, subject, body, by, on=day)
    application.acknowledged_on = day
    if application.status == Status.RECEIVED:
        application.status = Status.ACKNOWLEDGED
    application.save(update_fields=["acknowledged_on", "status"])
    return application


@transaction.atomic
def application_assign(*, application: Application, single_point_of_contact: Any, by: Any) -> Application:
    """Name the single point of contact for the victim (a user with a casework role in the partnership)."""
    if application.partnership_id not in partnership_ids(single_point_of_contact, CASEWORK_ROLES):
        raise ValidationError({"single_point_of_contact": "Choose someone who does casework in this partnership"})
    application.single_point_of_contact = single_point_of_contact
    application.save(update_fields=["single_point_of_contact"])
    audit.record(
        actor=by, verb=Verb.CASE_REVIEW_ASSIGNED, target=application, detail={"user": single_point_of_contact.pk}
    )
    return application


@transaction.atomic
def application_name_officers(*, application: Application, officers: Sequence[Any], by: Any) -> Application:
    """Name the relevant bodies' officers taking part in the review (each a user with a casework role in
    the partnership). They see the application; no one else at their agencies does."""
    strangers = [u for u in officers if application.partnership_id not in partnership_ids(u, CASEWORK_ROLES)]
    if strangers:
        raise ValidationError({"officers": "Choose officers who do casework in this partnership"})
    before = set(application.review_officers.values_list("pk", flat=True))
    after = {u.pk for u in officers}
    if before == after:
        return application
    application.review_officers.set(officers)
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_OFFICERS_NAMED,
        target=application,
        detail={"added": sorted(after - before), "removed": sorted(before - after)},
    )
    return application


@transaction.atomic
def application_link_victim(*, application: Application, person: Person, by: Any) -> int:
    """Match the victim to the register: their ASB reports to any agency, made before the application,
    are added as complaints (once each), so the applicant does not have to remember every report.
    Returns how many were added."""
    if person.partnership_id != application.partnership_id:
        raise ValidationError({"victim": "Select a person from this partnership's register"})
    if application.decided_on is not None:
        # The decision and its letter list the complaints it was made on; they must not change after.
        raise ValidationError({"victim": "The threshold has been decided: match the victim before deciding"})
    application.victim = person
    application.save(update_fields=["victim"])
    already = set(application.complaints.exclude(incident=None).values_list("incident_id", flat=True))
    given = {(c.reported_on, _norm(c.agency)) for c in application.complaints.filter(incident=None)}
    incidents = (
        Incident.objects.filter(
            pk__in=Incident.objects.filter(
                partnership=application.partnership,
                involvements__person=person,
                involvements__role=InvolvementRole.VICTIM,
                category__in=ASB_CATEGORIES,
                reported_on__lte=application.received_on,
            ).values("pk")
        )
        .select_related("recorded_by_organisation")
        .order_by("reported_on")
    )
    added = []
    for incident in incidents:
        agency = incident.recorded_by_organisation.name
        if incident.pk in already or (incident.reported_on, _norm(agency)) in given:
            continue
        added.append(
            Complaint(
                application=application,
                behaviour_on=incident.behaviour_from,
                reported_on=incident.reported_on,
                agency=agency,
                reference=incident.agency_reference,
                incident=incident,
            )
        )
    Complaint.objects.bulk_create(added)
    application.threshold_detail = assess(application)
    application.save(update_fields=["threshold_detail"])
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_VICTIM_MATCHED,
        target=application,
        detail={"person": person.pk, "complaints_added": [c.incident_id for c in added]},
    )
    return len(added)


@transaction.atomic
def application_decide(
    *,
    application: Application,
    by: Any,
    met: bool,
    reasons: str,
    persistence: str = "",
    harm: str = "",
    response: str = "",
    on: datetime.date | None = None,
) -> Application:
    """Decide whether the threshold is met and tell the applicant.

    When the complaints meet the automatic number, the threshold is met: the law leaves no choice.
    Below it, the officer decides on the area's discretionary criteria (persistence, harm or potential
    harm, adequacy of the response), and must record them to find it met.

    ``on``: the day it was done, when recording work done earlier (on paper, or before SaferHub);
    today by default.
    """
    if application.status not in (Status.RECEIVED, Status.ACKNOWLEDGED):
        raise ValidationError(
            {"met": f"This application is {application.get_status_display().lower()}: it cannot be decided"}
        )
    result = assess(application)
    errors: dict[str, str] = {}
    if result["automatic"] and not met:
        errors["met"] = (
            f"{result['qualifying_complaints']} complaints qualify, at least the {result['required']} the area "
            "requires: the threshold is met automatically"
        )
    if not result["automatic"] and met and not (persistence.strip() or harm.strip() or response.strip()):
        errors["persistence"] = (
            "Below the automatic number, record the discretionary criteria (persistence, harm or the response) "
            "that make the threshold met"
        )
    if not reasons.strip():
        errors["reasons"] = "Enter the reasons for the decision, as the applicant will read them"
    day = on or timezone.localdate()
    if problem := day_problem(
        day,
        what="The date of the decision",
        earliest=application.received_on,
        earliest_is="the date the application was received",
    ):
        errors["on"] = problem
    if errors:
        raise ValidationError(errors)
    application.threshold_met = met
    application.threshold_automatic = bool(result["automatic"])
    application.threshold_detail = result
    application.discretion_persistence = persistence.strip()
    application.discretion_harm = harm.strip()
    application.discretion_response = response.strip()
    application.decision_reasons = reasons.strip()
    application.decided_by = by
    application.decided_on = day
    application.status = Status.MET if met else Status.NOT_MET
    application.save()
    audit.record(
        actor=by,
        verb=Verb.CASE_REVIEW_DECIDED,
        target=application,
        detail={
            "met": met,
            "automatic": result["automatic"],
            "qualifying": result["qualifying_complaints"],
            "required": result["required"],
        },
    )
    verdict = "is met: the agencies will now review their response together" if met else "is not met"
    send_letter(
        application,
        LetterKind.DECISION,
        f"ASB Case Review {application.reference}: the threshold {('is met' if met else 'is not met')}",
        f"The threshold for an ASB Case Review {verdict}.\n\n{application.decision_reasons}\n\n"
        "If you are not satisfied with how your application was dealt with, you can ask the Police, Fire and "
        "Crime Commissioner's office to look at it again.\n",
        by,
        on=application.decided_on,
    )
    return application
