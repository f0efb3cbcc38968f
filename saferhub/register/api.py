"""The API for the register's people and places: the access rules of the pages.

Single records come from the register's policies (``get_for_user``), so a person or place the
caller may not see answers 404 exactly as a missing one does. Reading a record's details is
personal data, so each read writes a "viewed" audit event.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from saferhub import audit
from saferhub.accounts.api import caller
from saferhub.register import access
from saferhub.register.models import Location, Person

router = Router(tags=["register"])


class PersonOut(Schema):
    id: int
    partnership: str = Field(description="The partnership's short name")
    kind: str = Field(description="person, business or group")
    display_name: str
    given_name: str
    family_name: str
    organisation_name: str = Field(description="For a business or community group")
    date_of_birth: datetime.date | None
    approximate_age: int | None = Field(description="When the date of birth is not known")
    approximate_age_on: datetime.date | None = Field(description="When the age was estimated")
    phone: str
    email: str
    preferred_contact: str
    language: str
    interpreter_needed: bool
    safety_flags: list[str]
    aliases: list[str] = Field(description="Other names the person is known by")
    home_location_id: int | None
    recorded_by_organisation_id: int
    merged_into_id: int | None = Field(description="Set when this record was merged into another")
    archived_at: datetime.datetime | None


class LocationOut(Schema):
    id: int
    partnership: str = Field(description="The partnership's short name")
    kind: str
    name: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    description: str
    uprn: str
    latitude: Decimal | None
    longitude: Decimal | None
    lsoa_code: str
    local_authority: str | None = Field(description="The local authority's ONS code")
    recorded_by_organisation_id: int
    merged_into_id: int | None
    archived_at: datetime.datetime | None


def person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.pk,
        partnership=person.partnership.slug,
        kind=person.kind,
        display_name=person.display_name,
        given_name=person.given_name,
        family_name=person.family_name,
        organisation_name=person.organisation_name,
        date_of_birth=person.date_of_birth,
        approximate_age=person.approximate_age,
        approximate_age_on=person.approximate_age_on,
        phone=person.phone,
        email=person.email,
        preferred_contact=person.preferred_contact,
        language=person.language,
        interpreter_needed=person.interpreter_needed,
        safety_flags=list(person.safety_flags or []),
        aliases=[alias.name for alias in person.aliases.order_by("name", "pk")],
        home_location_id=person.home_id,
        recorded_by_organisation_id=person.recorded_by_organisation_id,
        merged_into_id=person.merged_into_id,
        archived_at=person.archived_at,
    )


def location_out(location: Location) -> LocationOut:
    return LocationOut(
        id=location.pk,
        partnership=location.partnership.slug,
        kind=location.kind,
        name=location.name,
        address_line_1=location.address_line_1,
        address_line_2=location.address_line_2,
        town=location.town,
        postcode=location.postcode,
        description=location.description,
        uprn=location.uprn,
        latitude=location.latitude,
        longitude=location.longitude,
        lsoa_code=location.lsoa_code,
        local_authority=location.local_authority.ons_code if location.local_authority else None,
        recorded_by_organisation_id=location.recorded_by_organisation_id,
        merged_into_id=location.merged_into_id,
        archived_at=location.archived_at,
    )


@router.get("/people/{person_pk}", response=PersonOut, url_name="person", summary="One person of the register")
def person_detail(request: HttpRequest, person_pk: int) -> PersonOut:
    """A person, business or community group: names, date of birth or approximate age, how to
    contact them, safety flags, other names and home. Officers see those their organisation recorded
    or that are involved in its incidents; managers see the whole register. Audited as a view."""
    user = caller(request)
    person = access.people.get_for_user(user, "view", pk=person_pk)
    audit.record_view(actor=user, target=person)
    return person_out(person)


@router.get("/locations/{location_pk}", response=LocationOut, url_name="location", summary="One place of the register")
def location_detail(request: HttpRequest, location_pk: int) -> LocationOut:
    """A place: an address or a described place (a park, a stretch of road). Audited as a view,
    since an address can say where a victim lives."""
    user = caller(request)
    location = access.locations.get_for_user(user, "view", pk=location_pk)
    audit.record_view(actor=user, target=location)
    return location_out(location)
