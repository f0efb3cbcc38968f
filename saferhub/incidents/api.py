"""The API for incidents: list, read and record reports, with the access rules of the pages.

Lists start from ``access.incidents.visible(user, "view")``; one incident comes from
``get_for_user``, so an incident the caller may not see answers 404 exactly as a missing one does.
People and places named in a new report must be ones the caller may see: any other id answers
the same 422 whether it is missing or hidden, so nothing about the register leaks.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import ConfigDict

from saferhub import audit
from saferhub.accounts.api import caller
from saferhub.incidents import access, screening, services
from saferhub.incidents.models import Category, Channel, Incident, IncidentType, InvolvementRole
from saferhub.lib.api_errors import field_error
from saferhub.partnerships.api import Page
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids
from saferhub.register import access as register_access

router = Router(tags=["incidents"])

# Answers


class IncidentOut(Schema):
    id: int
    partnership: str = Field(description="The partnership's short name")
    recorded_by_organisation_id: int
    recorded_by_organisation: str
    agency_reference: str
    behaviour_from: datetime.date
    behaviour_to: datetime.date | None
    reported_on: datetime.date
    channel: str
    category: str
    incident_type: str | None = Field(description="The incident type's code")
    crime_type: str
    location_id: int | None
    risk_level: str = Field(description="standard, medium or high; empty when the victim was not screened")


class IncidentPage(Schema):
    items: list[IncidentOut]
    count: int = Field(description="How many incidents match, across every page")


class InvolvementOut(Schema):
    person_id: int
    display_name: str
    role: str


class IncidentDetail(IncidentOut):
    description: str
    screening: dict[str, bool] = Field(description="The victim's screening answers, by question code")
    involvements: list[InvolvementOut]


class AlertOut(Schema):
    kind: str = Field(description="explain_case_review or threshold_likely_met")
    person_id: int


class IncidentRecorded(IncidentDetail):
    alerts: list[AlertOut] = Field(description="Repeat-victim alerts this report raised")


# Requests


class InvolvementIn(Schema):
    person_id: int = Field(description="A person of the register you can see")
    role: InvolvementRole


class IncidentIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    partnership: str | None = Field(
        None, description="The partnership's short name; needed only if you do casework in several"
    )
    behaviour_from: datetime.date
    behaviour_to: datetime.date | None = None
    reported_on: datetime.date
    channel: Channel
    category: Category
    incident_type: str | None = Field(None, description="An incident type's code, in the category given")
    crime_type: str = Field("", max_length=120)
    description: str = Field(min_length=1)
    agency_reference: str = Field("", max_length=60)
    location_id: int | None = Field(None, description="A place of the register you can see")
    people: list[InvolvementIn] = Field(default_factory=list)
    screening: dict[str, bool] | None = Field(
        None, description="The victim's screening answers by question code: " + ", ".join(sorted(screening.CODES))
    )


class IncidentFilters(Schema):
    reported_from: datetime.date | None = Field(None, description="Reported on or after this date")
    reported_to: datetime.date | None = Field(None, description="Reported on or before this date")
    category: Category | None = None


# Helpers

# The service names its fields in the words of the form; the request names them like this.
SERVICE_FIELDS = {"location": "location_id", "involvements": "people", "organisation": "partnership"}


def _partnership_for_new_incident(user: Any, slug: str | None) -> Partnership:
    """The partnership in which the caller records: one where they hold a casework role. Missing and
    not allowed both answer 404; a caller in several partnerships must name one."""
    allowed = partnership_ids(user, access.incidents.roles["change"])
    if getattr(user, "organisation_id", None) is None or not allowed:
        raise Http404
    partnerships = Partnership.objects.filter(pk__in=allowed, archived_at__isnull=True)
    if slug:
        try:
            return partnerships.get(slug=slug)
        except Partnership.DoesNotExist:
            raise Http404 from None
    choices = list(partnerships.order_by("slug"))
    if len(choices) == 1:
        return choices[0]
    if not choices:
        raise Http404
    slugs = ", ".join(p.slug for p in choices)
    raise ValidationError(
        [
            field_error(
                ["partnership"],
                f"partnership is required: you do casework in several ({slugs})",
                "partnership_required",
            )
        ]
    )


def _involvements(user: Any, partnership: Partnership, wanted: list[InvolvementIn]) -> list[tuple[Any, str]]:
    """The people named, each one the caller may see on this partnership's register, or a 422 naming
    each one that is not (a missing id reads the same as a hidden one)."""
    ids = {item.person_id for item in wanted}
    people = {p.pk: p for p in register_access.people.visible(user, "view").filter(pk__in=ids)}
    errors = []
    for index, item in enumerate(wanted):
        person = people.get(item.person_id)
        if person is None:
            message = f"no person with id {item.person_id} on the register you can see"
        elif person.partnership_id != partnership.pk:
            message = f"person {item.person_id} is not on the register of {partnership.name}"
        else:
            continue
        field = f"people[{index}].person_id"
        errors.append(field_error(["people", index, "person_id"], f"{field}: {message}", "unknown_person"))
    if errors:
        raise ValidationError(errors)
    return [(people[item.person_id], item.role.value) for item in wanted]


def _location(user: Any, location_id: int | None) -> Any:
    if location_id is None:
        return None
    location = register_access.locations.visible(user, "view").filter(pk=location_id).first()
    if location is None:
        message = f"location_id: no place with id {location_id} on the register you can see"
        raise ValidationError([field_error(["location_id"], message, "unknown_location")])
    return location


def _incident_type(user: Any, code: str | None) -> IncidentType | None:
    if not code:
        return None
    found = access.incident_types.visible(user, "view").filter(code=code, archived_at__isnull=True).first()
    if found is None:
        message = f"incident_type: no incident type has the code {code!r}"
        raise ValidationError([field_error(["incident_type"], message, "unknown_incident_type")])
    return found


def _service_errors(error: DjangoValidationError) -> ValidationError:
    """The service's ``{field: message}`` as a 422 whose loc names the request's field."""
    errors = []
    for field, messages in error.message_dict.items():
        name = SERVICE_FIELDS.get(field, field)
        for message in messages:
            if field == "screening":
                message = f"{message}: the question codes are {', '.join(sorted(screening.CODES))}"
            errors.append(field_error([name], f"{name}: {message}", "invalid"))
    return ValidationError(errors)


def _incidents(user: Any) -> QuerySet[Incident]:
    return (
        access.incidents.visible(user, "view")
        .select_related("partnership", "recorded_by_organisation", "incident_type")
        .order_by("-reported_on", "-pk")
    )


def _summary(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.pk,
        "partnership": incident.partnership.slug,
        "recorded_by_organisation_id": incident.recorded_by_organisation_id,
        "recorded_by_organisation": incident.recorded_by_organisation.name,
        "agency_reference": incident.agency_reference,
        "behaviour_from": incident.behaviour_from,
        "behaviour_to": incident.behaviour_to,
        "reported_on": incident.reported_on,
        "channel": incident.channel,
        "category": incident.category,
        "incident_type": incident.incident_type.code if incident.incident_type else None,
        "crime_type": incident.crime_type,
        "location_id": incident.location_id,
        "risk_level": incident.risk_level,
    }


def _detail(incident: Incident) -> dict[str, Any]:
    involvements = incident.involvements.select_related("person").order_by("role", "person_id")
    return {
        **_summary(incident),
        "description": incident.description,
        "screening": dict(incident.screening or {}),
        "involvements": [
            InvolvementOut(person_id=i.person_id, display_name=i.person.display_name, role=i.role) for i in involvements
        ],
    }


# Routes


@router.get("/incidents", response=IncidentPage, url_name="incidents", summary="List incidents")
def incident_list(request: HttpRequest, filters: Query[IncidentFilters], page: Query[Page.Input]) -> dict[str, Any]:
    """The incidents you may see, latest report first: a manager sees every incident of the partnership,
    an officer or panel chair those their organisation recorded. ``?reported_from=`` and ``?reported_to=``
    (dates, inclusive) and ``?category=`` narrow the list."""
    incidents = _incidents(caller(request))
    if filters.reported_from is not None:
        incidents = incidents.filter(reported_on__gte=filters.reported_from)
    if filters.reported_to is not None:
        incidents = incidents.filter(reported_on__lte=filters.reported_to)
    if filters.category is not None:
        incidents = incidents.filter(category=filters.category.value)
    return {
        "items": [_summary(i) for i in incidents[page.offset : page.offset + page.limit]],
        "count": incidents.count(),
    }


@router.get("/incidents/{incident_pk}", response=IncidentDetail, url_name="incident", summary="One incident")
def incident_detail(request: HttpRequest, incident_pk: int) -> dict[str, Any]:
    """One incident: what happened, when, where, who was involved and the victim's risk level.
    Audited as a view."""
    user = caller(request)
    incident = access.incidents.get_for_user(user, "view", pk=incident_pk)
    audit.record_view(actor=user, target=incident)
    return _detail(incident)


@router.post("/incidents", response={201: IncidentRecorded}, url_name="incident-create", summary="Record an incident")
def incident_create(request: HttpRequest, payload: IncidentIn) -> Status[dict[str, Any]]:
    """Record a report made to your organisation, in your partnership (name it with ``partnership`` if
    you do casework in several). People and the place must be on the register and visible to you.
    Victims are checked against the repeat-victim rules; the answer lists any alerts raised."""
    user = caller(request)
    partnership = _partnership_for_new_incident(user, payload.partnership)
    organisation = user.organisation
    if organisation is None:  # _partnership_for_new_incident has answered 404 already
        raise Http404
    involvements = _involvements(user, partnership, payload.people)
    location = _location(user, payload.location_id)
    incident_type = _incident_type(user, payload.incident_type)
    try:
        incident = services.incident_record(
            partnership=partnership,
            by=user,
            organisation=organisation,
            behaviour_from=payload.behaviour_from,
            behaviour_to=payload.behaviour_to,
            reported_on=payload.reported_on,
            channel=payload.channel.value,
            category=payload.category.value,
            description=payload.description,
            agency_reference=payload.agency_reference,
            location=location,
            incident_type=incident_type,
            crime_type=payload.crime_type,
            screening=payload.screening,
            involvements=involvements,
        )
    except DjangoValidationError as error:
        raise _service_errors(error) from None
    alerts = access.victim_alerts.visible(user, "view").filter(incident=incident).order_by("person_id", "kind")
    return Status(
        201,
        {**_detail(incident), "alerts": [AlertOut(kind=a.kind, person_id=a.person_id) for a in alerts]},
    )
