"""Every write to the register: people, their other names and places (merging is in ``merging``).

Services do not check access: the caller has fetched the records through ``register.access``.
They do check the data, raising ``ValidationError({field: message})`` with messages in the
GOV.UK style, so a form can show each message against its field.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.lib.changes import apply_changes
from saferhub.partnerships.models import LocalAuthority, Organisation, Partnership
from saferhub.register.models import (
    ContactMethod,
    Location,
    LocationKind,
    Person,
    PersonAlias,
    SafetyFlag,
    SubjectKind,
)
from saferhub.register.normalise import address_key, format_postcode, name_key

R = TypeVar("R", Person, Location)

PERSON_FIELDS = frozenset(
    {
        "kind",
        "given_name",
        "family_name",
        "organisation_name",
        "date_of_birth",
        "approximate_age",
        "phone",
        "email",
        "home",
        "preferred_contact",
        "language",
        "interpreter_needed",
        "safety_flags",
    }
)
LOCATION_FIELDS = frozenset(
    {
        "kind",
        "name",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "description",
        "uprn",
        "latitude",
        "longitude",
        "lsoa_code",
        "local_authority",
    }
)
# Never copied from a duplicate into the record kept: who recorded it, where, and its own state.
_NOT_COPIED = frozenset(
    {"id", "partnership", "recorded_by_organisation", "kind", "merged_into", "archived_at", "created_at", "created_by"}
)


def _check_lengths(record: models.Model, errors: dict[str, str]) -> None:
    for field in record._meta.concrete_fields:
        value = getattr(record, field.attname)
        if field.editable and isinstance(value, str) and field.max_length and len(value) > field.max_length:
            label = str(field.verbose_name)
            errors.setdefault(
                field.name, f"{label[:1].upper()}{label[1:]} must be {field.max_length} characters or fewer"
            )


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_unknown(values: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise TypeError(f"these fields cannot be changed here: {', '.join(unknown)}")


# People -------------------------------------------------------------------------------------------


def _person_search_name(person: Person) -> str:
    if person.kind == SubjectKind.PERSON:
        return name_key(f"{person.given_name} {person.family_name}")[:220]
    return name_key(person.organisation_name)[:220]


def _check_person(person: Person) -> None:
    """Raise ValidationError naming each field that is wrong."""
    errors: dict[str, str] = {}
    if person.kind not in SubjectKind.values:
        errors["kind"] = "Select whether this is a person, a business or a community group"
    elif person.kind == SubjectKind.PERSON:
        if not (person.given_name.strip() or person.family_name.strip()):
            errors["given_name"] = "Enter a first name or a last name"
    elif not person.organisation_name.strip():
        errors["organisation_name"] = "Enter the name of the business or group"
    if person.date_of_birth is not None and person.date_of_birth > timezone.localdate():
        errors["date_of_birth"] = "Date of birth must be in the past"
    if person.approximate_age is not None and not 0 <= person.approximate_age <= 120:
        errors["approximate_age"] = "Approximate age must be between 0 and 120"
    if person.email:
        try:
            validate_email(person.email)
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.com"
    if person.preferred_contact and person.preferred_contact not in ContactMethod.values:
        errors["preferred_contact"] = "Select how they prefer to be contacted"
    if not isinstance(person.safety_flags, list) or any(f not in SafetyFlag.values for f in person.safety_flags):
        errors["safety_flags"] = "Select safety flags from the list"
    if person.home is not None and person.home.partnership_id != person.partnership_id:
        errors["home"] = "Choose a place recorded in this partnership"
    _check_lengths(person, errors)
    _raise(errors)


@transaction.atomic
def person_create(
    *,
    partnership: Partnership,
    organisation: Organisation,
    by: Any,
    kind: str,
    given_name: str = "",
    family_name: str = "",
    organisation_name: str = "",
    date_of_birth: datetime.date | None = None,
    approximate_age: int | None = None,
    phone: str = "",
    email: str = "",
    home: Location | None = None,
    preferred_contact: str = "",
    language: str = "",
    interpreter_needed: bool = False,
    safety_flags: Iterable[str] = (),
) -> Person:
    """Add a person, business or community group to the partnership's register, as recorded by
    ``organisation``. A person needs a first or last name; a business or group needs its name."""
    person = Person(
        partnership=partnership,
        recorded_by_organisation=organisation,
        kind=kind,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        organisation_name=organisation_name.strip(),
        date_of_birth=date_of_birth,
        approximate_age=approximate_age,
        approximate_age_on=timezone.localdate() if approximate_age is not None else None,
        phone=phone.strip(),
        email=email.strip(),
        home=home,
        preferred_contact=preferred_contact,
        language=language.strip(),
        interpreter_needed=interpreter_needed,
        safety_flags=list(dict.fromkeys(safety_flags)),
        created_by=by,
    )
    _check_person(person)
    person.search_name = _person_search_name(person)
    person.save()
    audit.record(
        actor=by,
        verb=Verb.PERSON_CREATED,
        target=person,
        detail={"kind": kind, "organisation": organisation.pk},
    )
    return person


@transaction.atomic
def person_update(*, person: Person, by: Any, **values: Any) -> Person:
    """Change a person's details; the name used to find duplicates follows. A merged record is
    history and is not changed."""
    _check_unknown(values, PERSON_FIELDS)
    if person.merged_into_id is not None:
        raise ValidationError({"person": "This record was merged into another; change that one instead"})
    for name in ("given_name", "family_name", "organisation_name", "phone", "email", "language"):
        if isinstance(values.get(name), str):
            values[name] = values[name].strip()
    if "safety_flags" in values:
        values["safety_flags"] = list(dict.fromkeys(values["safety_flags"]))
    if "approximate_age" in values and values["approximate_age"] != person.approximate_age:
        values["approximate_age_on"] = timezone.localdate() if values["approximate_age"] is not None else None
    changed = apply_changes(person, values)
    if changed:
        _check_person(person)
        person.search_name = _person_search_name(person)
        person.save()
        audit.record(actor=by, verb=Verb.PERSON_UPDATED, target=person, detail={"changed": sorted(changed)})
    return person


def _alias_create(person: Person, name: str) -> PersonAlias | None:
    """Add ``name`` as another name of ``person`` unless the person already has it."""
    key = name_key(name)[:220]
    if not key or key == person.search_name or person.aliases.filter(search_name=key).exists():
        return None
    return PersonAlias.objects.create(person=person, name=name.strip()[:200], search_name=key)


@transaction.atomic
def person_add_alias(*, person: Person, name: str, by: Any) -> PersonAlias:
    """Record another name a person is known by (a maiden name, a nickname, another spelling)."""
    if not name.strip():
        raise ValidationError({"name": "Enter the other name"})
    if len(name.strip()) > 200:
        raise ValidationError({"name": "Other name must be 200 characters or fewer"})
    alias = _alias_create(person, name)
    if alias is None:
        raise ValidationError({"name": f"{name.strip()} is already recorded for this person"})
    audit.record(actor=by, verb=Verb.PERSON_ALIAS_ADDED, target=person, detail={"alias": alias.pk})
    return alias


# Places -------------------------------------------------------------------------------------------


def _location_search_address(location: Location) -> str:
    return address_key(location.address_line_1 or location.name, location.postcode)[:420]


def _check_location(location: Location) -> None:
    """Format the postcode, then raise ValidationError naming each field that is wrong."""
    errors: dict[str, str] = {}
    if location.postcode.strip():
        try:
            location.postcode = format_postcode(location.postcode)
        except ValueError as error:
            errors["postcode"] = str(error)
    else:
        location.postcode = ""
    location.uprn = location.uprn.strip()
    if location.uprn and not (location.uprn.isdigit() and len(location.uprn) <= 12):
        errors["uprn"] = "UPRN must be a number of up to 12 digits"
    if location.kind not in LocationKind.values:
        errors["kind"] = "Select what kind of place this is"
    elif location.kind == LocationKind.ADDRESS:
        if not location.uprn:
            if not location.address_line_1.strip():
                errors["address_line_1"] = "Enter address line 1, typically the building and street"
            if not location.postcode:
                errors.setdefault("postcode", "Enter a postcode")
    elif not (location.name.strip() or location.description.strip()):
        errors["name"] = "Enter the name of the place or describe where it is"
    if location.latitude is not None and not -90 <= location.latitude <= 90:
        errors["latitude"] = "Latitude must be between -90 and 90"
    if location.longitude is not None and not -180 <= location.longitude <= 180:
        errors["longitude"] = "Longitude must be between -180 and 180"
    _check_lengths(location, errors)
    _raise(errors)


@transaction.atomic
def location_create(
    *,
    partnership: Partnership,
    organisation: Organisation,
    by: Any,
    kind: str,
    name: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    description: str = "",
    uprn: str = "",
    latitude: Any = None,
    longitude: Any = None,
    lsoa_code: str = "",
    local_authority: LocalAuthority | None = None,
) -> Location:
    """Add a place to the partnership's register. An address needs its first line and postcode, or
    a UPRN; any other place needs a name or a description."""
    location = Location(
        partnership=partnership,
        recorded_by_organisation=organisation,
        kind=kind,
        name=name.strip(),
        address_line_1=address_line_1.strip(),
        address_line_2=address_line_2.strip(),
        town=town.strip(),
        postcode=postcode,
        description=description.strip(),
        uprn=uprn,
        latitude=latitude,
        longitude=longitude,
        lsoa_code=lsoa_code.strip().upper(),
        local_authority=local_authority,
        created_by=by,
    )
    _check_location(location)
    location.search_address = _location_search_address(location)
    location.save()
    audit.record(
        actor=by,
        verb=Verb.LOCATION_CREATED,
        target=location,
        detail={"kind": kind, "organisation": organisation.pk},
    )
    return location


@transaction.atomic
def location_update(*, location: Location, by: Any, **values: Any) -> Location:
    """Change a place's details; the postcode is put in its usual form and the address used to
    find duplicates follows. A merged record is history and is not changed."""
    _check_unknown(values, LOCATION_FIELDS)
    if location.merged_into_id is not None:
        raise ValidationError({"location": "This place was merged into another; change that one instead"})
    if isinstance(values.get("postcode"), str) and values["postcode"].strip():
        try:
            values["postcode"] = format_postcode(values["postcode"])
        except ValueError as error:
            raise ValidationError({"postcode": str(error)}) from None
    changed = apply_changes(location, values)
    if changed:
        _check_location(location)
        location.search_address = _location_search_address(location)
        location.save()
        audit.record(actor=by, verb=Verb.LOCATION_UPDATED, target=location, detail={"changed": sorted(changed)})
    return location


# Merging duplicates -------------------------------------------------------------------------------
