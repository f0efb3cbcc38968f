"""The API for referrals: make one, read one, with the access rules of the pages.

One referral comes from ``get_for_user``, so a referral the caller may not see answers 404 exactly
as a missing one does. The panel, people, place and incidents named in a new referral must be ones
the caller may see: any other id answers the same 422 whether it is missing or hidden, so nothing
about the register leaks.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import ConfigDict

from saferhub import audit
from saferhub.accounts.api import caller
from saferhub.cases import access as case_access
from saferhub.cases.models import Panel
from saferhub.incidents import access as incident_access
from saferhub.incidents.models import RiskLevel
from saferhub.lib.api_errors import field_error
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids
from saferhub.referrals import access, services
from saferhub.referrals.models import Consent, LawfulBasis, Referral, ReferralSubject
from saferhub.register import access as register_access

router = Router(tags=["referrals"])

# Answers


class ReferralDetail(Schema):
    id: int
    reference: str = Field(description="The referral's reference, e.g. R00042")
    partnership: str = Field(description="The partnership's short name")
    panel_id: int
    panel: str = Field(description="The panel's name")
    subject: str = Field(description="person, household or place")
    person_ids: list[int] = Field(description="The people referred")
    location_id: int | None = Field(description="The place referred, or the household's home")
    incident_ids: list[int] = Field(description="The linked incidents you may see")
    reason: str
    risk_level: str = Field(description="standard, medium or high")
    consent: str = Field(description="given, refused or not_sought")
    lawful_basis: str = Field(description="The lawful basis for sharing without consent; empty when none was given")
    consent_notes: str
    referred_by_organisation_id: int
    referred_by_organisation: str
    referred_at: datetime.datetime
    status: str = Field(description="pending, accepted, declined or withdrawn")
    decision: str = Field(description="accept, signpost or decline; empty until the panel decides")
    decision_reason: str
    signposted_to: str
    decided_at: datetime.datetime | None
    case_id: int | None = Field(description="The case the referral opened or joined, once accepted")
    withdrawn_at: datetime.datetime | None
    withdrawal_reason: str


# Requests


class ReferralIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    panel_id: int = Field(description="A current panel of a partnership where you do casework")
    subject: ReferralSubject
    person_ids: list[int] = Field(
        default_factory=list,
        description="People of the register you can see: one for a person, each member referred for a household",
    )
    location_id: int | None = Field(None, description="The place referred, or the household's home")
    incident_ids: list[int] = Field(default_factory=list, description="Incidents you can see, to link")
    reason: str = Field(min_length=1, description="What is happening, what your agency has done, what you ask")
    risk_level: RiskLevel
    consent: Consent = Field(
        description="Did the person consent to the referral and to their information being shared?"
    )
    lawful_basis: LawfulBasis | None = Field(None, description="Needed when consent was refused or not sought")
    consent_notes: str = Field("", description="Why sharing without consent is necessary and proportionate")


# Helpers

# The service names its fields in the words of the form; the request names them like this.
SERVICE_FIELDS = {
    "people": "person_ids",
    "location": "location_id",
    "incidents": "incident_ids",
    "panel": "panel_id",
    "organisation": "panel_id",
}


def _panel(user: Any, partnerships: set[int], panel_id: int, errors: list[dict[str, Any]]) -> Panel | None:
    """A panel of a partnership where the caller does casework. An archived one is returned, for the
    service to refuse by name: the caller may see it, so saying it is archived tells them nothing new."""
    panel = (
        case_access.panels.visible(user, "view")
        .filter(pk=panel_id, partnership_id__in=partnerships)
        .select_related("partnership")
        .first()
    )
    if panel is None:
        message = f"panel_id: no panel with id {panel_id} that you can refer to"
        errors.append(field_error(["panel_id"], message, "unknown_panel"))
    return panel


def _named(
    queryset: QuerySet[Any],
    ids: list[int],
    *,
    field: str,
    noun: str,
    unseen: str,
    elsewhere: str,
    partnership: Partnership | None,
    errors: list[dict[str, Any]],
) -> list[Any]:
    """The records ``ids`` names, each one in ``queryset`` (what the caller may see) and of the panel's
    partnership; an error naming ``field[index]`` for each that is not (missing reads like hidden)."""
    found = {record.pk: record for record in queryset.filter(pk__in=set(ids))}
    records: dict[int, Any] = {}
    for index, pk in enumerate(ids):
        record = found.get(pk)
        if record is None:
            message = f"no {noun} with id {pk} {unseen}"
        elif partnership is not None and record.partnership_id != partnership.pk:
            message = f"{noun} {pk} {elsewhere} {partnership.name}"
        else:
            records.setdefault(pk, record)
            continue
        errors.append(field_error([field, index], f"{field}[{index}]: {message}", f"unknown_{noun}"))
    return list(records.values())


def _location(user: Any, location_id: int | None, partnership: Partnership | None, errors: list[dict[str, Any]]) -> Any:
    if location_id is None:
        return None
    location = register_access.locations.visible(user, "view").filter(pk=location_id).first()
    if location is None:
        message = f"location_id: no place with id {location_id} on the register you can see"
    elif partnership is not None and location.partnership_id != partnership.pk:
        message = f"location_id: place {location_id} is not on the register of {partnership.name}"
    else:
        return location
    errors.append(field_error(["location_id"], message, "unknown_location"))
    return None


def _check_shape(payload: ReferralIn, errors: list[dict[str, Any]]) -> None:
    """What the pages never send: a person referred with a place, a place referred with people.
    Each would let the panel see more than the referral is about."""
    if payload.subject == ReferralSubject.PERSON and payload.location_id is not None:
        message = "location_id: leave it out when referring one person (refer the household to name their home)"
        errors.append(field_error(["location_id"], message, "not_for_subject"))
    if payload.subject == ReferralSubject.PLACE and payload.person_ids:
        message = "person_ids: leave it empty when referring a place (refer the household to name who lives there)"
        errors.append(field_error(["person_ids"], message, "not_for_subject"))


def _service_errors(error: DjangoValidationError) -> ValidationError:
    """The service's ``{field: message}`` as a 422 whose loc names the request's field."""
    errors = []
    for field, messages in error.message_dict.items():
        name = SERVICE_FIELDS.get(field, field)
        for message in messages:
            errors.append(field_error([name], f"{name}: {message}", "invalid"))
    return ValidationError(errors)


def _ids(queryset: QuerySet[Any]) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def _detail(user: Any, referral: Referral) -> dict[str, Any]:
    incidents = incident_access.incidents.visible(user, "view").filter(referrals=referral)
    return {
        "id": referral.pk,
        "reference": referral.reference,
        "partnership": referral.partnership.slug,
        "panel_id": referral.panel_id,
        "panel": referral.panel.name,
        "subject": referral.subject,
        "person_ids": _ids(referral.people.all()),
        "location_id": referral.location_id,
        "incident_ids": _ids(incidents),
        "reason": referral.reason,
        "risk_level": referral.risk_level,
        "consent": referral.consent,
        "lawful_basis": referral.lawful_basis,
        "consent_notes": referral.consent_notes,
        "referred_by_organisation_id": referral.referred_by_organisation_id,
        "referred_by_organisation": referral.referred_by_organisation.name,
        "referred_at": referral.referred_at,
        "status": referral.status,
        "decision": referral.decision,
        "decision_reason": referral.decision_reason,
        "signposted_to": referral.signposted_to,
        "decided_at": referral.decided_at,
        "case_id": referral.case_id,
        "withdrawn_at": referral.withdrawn_at,
        "withdrawal_reason": referral.withdrawal_reason,
    }


# Routes


@router.get("/referrals/{referral_pk}", response=ReferralDetail, url_name="referral", summary="One referral")
def referral_detail(request: HttpRequest, referral_pk: int) -> dict[str, Any]:
    """One referral: who or what was referred to which panel, why, on what consent, and the panel's
    decision. Seen by the partnership's managers; by the agency that made it; by its panel chairs while
    it is pending or accepted, and by the chair who decided it; and by the agencies on its case while
    it is accepted. Only the linked incidents you may see are listed. Audited as a view."""
    user = caller(request)
    referral = access.referrals.get_for_user(user, "view", pk=referral_pk)
    audit.record_view(actor=user, target=referral, partnership=referral.partnership)
    return _detail(user, referral)


@router.post("/referrals", response={201: ReferralDetail}, url_name="referral-create", summary="Make a referral")
def referral_create(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    """Refer a person, a household or a place to a panel of a partnership where you do casework, for
    your organisation. People, the place and incidents must be ones you can see, on that partnership's
    register. Without consent, give the ``lawful_basis`` for sharing and say in ``consent_notes`` why
    sharing is necessary and proportionate. Until the panel decides, its chairs may see what the
    referral names."""
    user = caller(request)
    partnerships = partnership_ids(user, access.CASEWORK_ROLES)
    organisation = user.organisation
    if organisation is None or not partnerships:
        raise Http404
    errors: list[dict[str, Any]] = []
    panel = _panel(user, partnerships, payload.panel_id, errors)
    partnership = panel.partnership if panel is not None else None
    _check_shape(payload, errors)
    people = _named(
        register_access.people.visible(user, "view"),
        payload.person_ids,
        field="person_ids",
        noun="person",
        unseen="on the register you can see",
        elsewhere="is not on the register of",
        partnership=partnership,
        errors=errors,
    )
    location = _location(user, payload.location_id, partnership, errors)
    incidents = _named(
        incident_access.incidents.visible(user, "view"),
        payload.incident_ids,
        field="incident_ids",
        noun="incident",
        unseen="that you can see",
        elsewhere="was not recorded in",
        partnership=partnership,
        errors=errors,
    )
    if errors or panel is None:
        raise ValidationError(errors)
    try:
        referral = services.referral_make(
            panel=panel,
            by=user,
            organisation=organisation,
            subject=payload.subject.value,
            people=people,
            location=location,
            incidents=incidents,
            reason=payload.reason,
            risk_level=payload.risk_level.value,
            consent=payload.consent.value,
            lawful_basis=payload.lawful_basis.value if payload.lawful_basis is not None else "",
            consent_notes=payload.consent_notes,
        )
    except DjangoValidationError as error:
        raise _service_errors(error) from None
    return Status(201, _detail(user, referral))
