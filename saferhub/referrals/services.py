"""Every write to referrals: making one, triaging it, withdrawing it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.cases.models import Case, CaseStatus, Panel
from saferhub.cases.services import case_add_agency, case_open, current_members
from saferhub.incidents.models import Incident, RiskLevel
from saferhub.partnerships.models import Organisation, Partnership
from saferhub.referrals.models import (
    GRANTING,
    Consent,
    Decision,
    LawfulBasis,
    Referral,
    ReferralStatus,
    ReferralSubject,
)
from saferhub.register.models import Location, Person


def _check_subject(
    partnership: Partnership,
    subject: str,
    people: Sequence[Person],
    location: Location | None,
    errors: dict[str, str],
) -> None:
    if subject not in ReferralSubject.values:
        errors["subject"] = "Select who or what you are referring"
    elif subject == ReferralSubject.PERSON and len(people) != 1:
        errors["people"] = "Select the one person you are referring"
    elif subject == ReferralSubject.HOUSEHOLD and not people:
        errors["people"] = "Select at least one member of the household"
    elif subject == ReferralSubject.PLACE and location is None:
        errors["location"] = "Select the place you are referring"
    # A referral names only what it is about: each name widens who may see the record.
    elif subject == ReferralSubject.PERSON and location is not None:
        errors["location"] = "A referral of a person names no place: refer the household or the place instead"
    elif subject == ReferralSubject.PLACE and people:
        errors["people"] = "A referral of a place names no people: refer the household instead"
    for person in people:
        if person.partnership_id != partnership.pk:
            errors["people"] = "Select people from this partnership's register"
        elif person.merged_into_id is not None:
            errors["people"] = f"{person} was merged into another record: select that record instead"
    if location is not None:
        if location.partnership_id != partnership.pk:
            errors["location"] = "Select a place from this partnership's register"
        elif location.merged_into_id is not None:
            errors["location"] = "That place was merged into another record: select that record instead"


def _check_consent(consent: str, lawful_basis: str, consent_notes: str, errors: dict[str, str]) -> None:
    if consent not in Consent.values:
        errors["consent"] = "Select whether the person consented to the referral"
        return
    if lawful_basis and lawful_basis not in LawfulBasis.values:
        errors["lawful_basis"] = "Select a lawful basis from the list"
    if consent != Consent.GIVEN:
        if not lawful_basis:
            errors["lawful_basis"] = "Select the lawful basis for sharing without consent"
        if not consent_notes.strip():
            errors["consent_notes"] = "Explain why sharing without consent is necessary and proportionate"
    elif lawful_basis == LawfulBasis.OTHER and not consent_notes.strip():
        errors["consent_notes"] = "Explain the lawful basis"


def _already_pending(panel: Panel, people: Sequence[Person], location: Location | None) -> Referral | None:
    """A referral to the same panel, pending, naming one of these people or this place."""
    pending = Referral.objects.filter(panel=panel, status=ReferralStatus.PENDING)
    if people:
        found = pending.filter(people__in=[p.pk for p in people]).first()
        if found is not None:
            return found
    if location is not None:
        return pending.filter(location=location).first()
    return None


@transaction.atomic
def referral_make(
    *,
    panel: Panel,
    by: Any,
    organisation: Organisation,
    subject: str,
    reason: str,
    risk_level: str,
    consent: str,
    people: Sequence[Person] = (),
    location: Location | None = None,
    incidents: Sequence[Incident] = (),
    lawful_basis: str = "",
    consent_notes: str = "",
) -> Referral:
    """Refer a person, a household or a place to one of the partnership's panels.

    Consent is recorded as given, refused or not sought; without it, the lawful basis for sharing
    and why sharing is necessary must be given. Until the panel decides, its chairs may see what
    the referral names.
    """
    partnership = panel.partnership
    errors: dict[str, str] = {}
    if panel.archived_at is not None:
        errors["panel"] = "This panel is archived: choose a current panel"
    if not current_members(partnership).filter(pk=organisation.pk).exists():
        errors["organisation"] = "The referring organisation must be a member of the partnership"
    _check_subject(partnership, subject, people, location, errors)
    if not reason.strip():
        errors["reason"] = "Enter the reason for the referral"
    if risk_level not in RiskLevel.values:
        errors["risk_level"] = "Select the level of risk"
    _check_consent(consent, lawful_basis, consent_notes, errors)
    if any(incident.partnership_id != partnership.pk for incident in incidents):
        errors["incidents"] = "Select incidents of this partnership"
    if not errors:
        duplicate = _already_pending(panel, people, location)
        if duplicate is not None:
            errors["people" if people else "location"] = (
                f"Referral {duplicate.reference} to {panel.name} is already awaiting triage: "
                "add to that one instead, or wait for its decision"
            )
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        partnership=partnership,
        panel=panel,
        subject=subject,
        location=location,
        reason=reason.strip(),
        risk_level=risk_level,
        consent=consent,
        lawful_basis=lawful_basis,
        consent_notes=consent_notes.strip(),
        referred_by=by,
        referred_by_organisation=organisation,
    )
    referral.people.set(people)
    referral.incidents.set(incidents)
    audit.record(
        actor=by,
        verb=Verb.REFERRAL_MADE,
        target=referral,
        # The reason is free text about a person: it stays on the referral, not in the permanent trail.
        detail={
            "panel": panel.pk,
            "subject": subject,
            "people": sorted(p.pk for p in people),
            "location": location.pk if location is not None else None,
            "incidents": sorted(i.pk for i in incidents),
            "risk_level": risk_level,
            "consent": consent,
            "lawful_basis": lawful_basis,
            "organisation": organisation.pk,
        },
    )
    return referral


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().select_related("panel", "partnership").get(pk=referral.pk)


def _tell_referrer(referral: Referral) -> None:
    """E-mail the officer who made the referral that it has a decision (no personal data in the e-mail)."""
    email = getattr(referral.referred_by, "email", "")
    if not email:
        return
    link = settings.SAFERHUB_BASE_URL.rstrip("/") + reverse("referrals:referral", args=[referral.pk])
    subject = f"Referral {referral.reference}: {referral.get_status_display().lower()}"
    body = (
        f"{referral.panel.name} has made a decision on referral {referral.reference}: "
        f"{referral.get_decision_display().lower()}.\n\nSign in to SaferHub to read it: {link}\n"
    )
    transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=True))


@transaction.atomic
def referral_triage(
    *,
    referral: Referral,
    by: Any,
    decision: str,
    reason: str = "",
    signposted_to: str = "",
    case: Case | None = None,
    new_case_title: str = "",
    lead_organisation: Organisation | None = None,
    agencies: Sequence[Organisation] = (),
) -> Referral:
    """The panel's decision on a pending referral.

    - accept: join an open ``case`` of the partnership, or open a new one at the referral's panel
      (``new_case_title`` and ``lead_organisation``, with ``agencies``); the referring agency joins
      the case while it is a member of the partnership. The agencies on the case may then see what the referral names.
    - signpost: to the service named in ``signposted_to``; the referral is closed as declined.
    - decline: with a ``reason``.

    The referrer is told by e-mail and sees the decision on the referral.
    """
    referral = _locked(referral)
    errors: dict[str, str] = {}
    if referral.status != ReferralStatus.PENDING:
        raise ValidationError({"decision": f"This referral has already been {referral.get_status_display().lower()}"})
    if decision not in Decision.values:
        errors["decision"] = "Select a decision"
    elif decision == Decision.ACCEPT:
        if case is not None:
            if case.partnership_id != referral.partnership_id:
                errors["case"] = "Select a case of this partnership"
            elif case.status != CaseStatus.OPEN:
                errors["case"] = "That case is closed: open a new case instead"
        else:
            if not new_case_title.strip():
                errors["new_case_title"] = "Enter a title for the new case, or choose an existing case"
            if lead_organisation is None:
                errors["lead_organisation"] = "Select the lead agency for the new case"
    elif decision == Decision.SIGNPOST:
        if not signposted_to.strip():
            errors["signposted_to"] = "Enter where the referral is signposted to"
    elif not reason.strip():
        errors["reason"] = "Enter the reason for declining the referral"
    if errors:
        raise ValidationError(errors)
    if decision == Decision.ACCEPT:
        # The referring agency joins the case, unless it has left the partnership since.
        referrer = referral.referred_by_organisation
        referrer_if_member = [referrer] if current_members(referral.partnership).filter(pk=referrer.pk).exists() else []
        if case is None:
            assert lead_organisation is not None
            case = case_open(
                panel=referral.panel,
                title=new_case_title,
                lead_organisation=lead_organisation,
                agencies=[*agencies, *referrer_if_member],
                by=by,
            )
        elif referrer_if_member:
            case_add_agency(case=case, organisation=referral.referred_by_organisation, by=by)
        referral.case = case
        referral.status = ReferralStatus.ACCEPTED
    else:
        referral.status = ReferralStatus.DECLINED
    referral.decision = decision
    referral.decision_reason = reason.strip()
    referral.signposted_to = signposted_to.strip() if decision == Decision.SIGNPOST else ""
    referral.decided_by = by
    referral.decided_at = timezone.now()
    referral.save()
    audit.record(
        actor=by,
        verb=Verb.REFERRAL_TRIAGED,
        target=referral,
        detail={"decision": decision, "status": referral.status, "case": referral.case_id},
    )
    _tell_referrer(referral)
    return referral


@transaction.atomic
def referral_withdraw(*, referral: Referral, by: Any, reason: str) -> Referral:
    """Withdraw a pending or accepted referral (for example when consent is withdrawn). The access it
    granted to the panel chairs and the case's agencies ends at once; a case it opened stays, as a record."""
    referral = _locked(referral)
    if referral.status not in GRANTING:
        raise ValidationError({"reason": f"This referral has already been {referral.get_status_display().lower()}"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for withdrawing the referral"})
    referral.status = ReferralStatus.WITHDRAWN
    referral.withdrawn_by = by
    referral.withdrawn_at = timezone.now()
    referral.withdrawal_reason = reason.strip()
    referral.save(update_fields=["status", "withdrawn_by", "withdrawn_at", "withdrawal_reason"])
    audit.record(actor=by, verb=Verb.REFERRAL_WITHDRAWN, target=referral, detail={"case": referral.case_id})
    return referral
