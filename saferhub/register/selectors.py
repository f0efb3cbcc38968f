"""Reads of the register: possible duplicates, and search.

Each starts from ``access.visible(user, "view")``, so it only ever shows records the user may
see, and leaves out merged and archived records (they are history, not something to pick).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import Q

from saferhub.partnerships.models import Partnership
from saferhub.register import access
from saferhub.register.models import Location, Person, PersonAlias, SubjectKind
from saferhub.register.normalise import address_key, format_postcode, is_outward_code, name_key, postcode_key

T = TypeVar("T", Person, Location)

DUPLICATES_SHOWN = 20
SEARCH_LIMIT = 50


@dataclass(frozen=True)
class PossibleDuplicate(Generic[T]):
    """A record that may be the same person or place, and why it was suggested."""

    record: T
    why: str


@dataclass(frozen=True)
class RegisterSearchResults:
    people: list[Person]
    locations: list[Location]


def people_to_pick(user: Any, action: str = "view") -> models.QuerySet[Person]:
    """People the user may ``action`` who are current: not merged into another record, not archived."""
    return access.people.visible(user, action).filter(merged_into__isnull=True, archived_at__isnull=True)


def locations_to_pick(user: Any, action: str = "view") -> models.QuerySet[Location]:
    """Places the user may ``action`` that are current: not merged into another record, not archived."""
    return access.locations.visible(user, action).filter(merged_into__isnull=True, archived_at__isnull=True)


def _name_match(person: Person, given: str, family: str, full: str) -> str:
    """Why ``person`` (of the same date of birth) may be the one named, or "" if the names differ."""
    their_given, their_family = name_key(person.given_name), name_key(person.family_name)
    if family and their_family == family:
        return "same date of birth and last name"
    if given and their_given == given and family[:3] and their_family[:3] == family[:3]:
        return "same date of birth and first name, and a similar last name"
    if full and any(alias.search_name == full for alias in person.aliases.all()):
        return "same date of birth, and known by this name"
    return ""


def possible_duplicate_people(
    user: Any,
    *,
    partnership: Partnership,
    given_name: str = "",
    family_name: str = "",
    date_of_birth: datetime.date | None = None,
    organisation_name: str = "",
    exclude_pk: int | None = None,
) -> list[PossibleDuplicate[Person]]:
    """People of the partnership, visible to the user, who may be the one being recorded.

    A person matches on the same date of birth and a similar name (the same last name; the same
    first name and last name starting alike; or one of their other names), or, when no date of
    birth is given, on the same full name. A business or group matches on the same name.
    """
    candidates = people_to_pick(user).filter(partnership=partnership).prefetch_related("aliases")
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found: list[PossibleDuplicate[Person]] = []
    if organisation_name.strip() and not (given_name.strip() or family_name.strip()):
        key = name_key(organisation_name)
        matches = candidates.exclude(kind=SubjectKind.PERSON).filter(Q(search_name=key) | Q(aliases__search_name=key))
        for record in matches.distinct()[:DUPLICATES_SHOWN]:
            why = "same name" if record.search_name == key else "known by this name"
            found.append(PossibleDuplicate(record, why))
        return found
    given, family = name_key(given_name), name_key(family_name)
    full = name_key(f"{given_name} {family_name}")
    if not full:
        return found
    people = candidates.filter(kind=SubjectKind.PERSON)
    if date_of_birth is not None:
        for record in people.filter(date_of_birth=date_of_birth):
            why = _name_match(record, given, family, full)
            if why:
                found.append(PossibleDuplicate(record, why))
        # Someone recorded without a date of birth may still be the same person.
        undated = people.filter(date_of_birth__isnull=True)
    else:
        undated = people
    same_name = undated.filter(Q(search_name=full) | Q(aliases__search_name=full)).distinct()
    for record in same_name[:DUPLICATES_SHOWN]:
        if record.search_name == full:
            why = "same name" if date_of_birth is None else "same name, no date of birth recorded"
        else:
            why = "known by this name"
        found.append(PossibleDuplicate(record, why))
    return found[:DUPLICATES_SHOWN]


def possible_duplicate_locations(
    user: Any,
    *,
    partnership: Partnership,
    postcode: str = "",
    address_line_1: str = "",
    uprn: str = "",
    exclude_pk: int | None = None,
) -> list[PossibleDuplicate[Location]]:
    """Places of the partnership, visible to the user, that may be the one being recorded: the
    same UPRN, or the same first line of the address and postcode."""
    candidates = locations_to_pick(user).filter(partnership=partnership)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    uprn = uprn.strip()
    key = address_key(address_line_1, postcode) if address_line_1.strip() and postcode.strip() else ""
    match = Q(pk__in=[])
    if uprn:
        match |= Q(uprn=uprn)
    if key:
        match |= Q(search_address=key)
    found = []
    for record in candidates.filter(match)[:DUPLICATES_SHOWN]:
        found.append(PossibleDuplicate(record, "same UPRN" if uprn and record.uprn == uprn else "same address"))
    return found


def _postcode_filter(text: str, field: str) -> Q:
    """A full postcode matches exactly; the first half ("CM7") matches its district; other text is a prefix."""
    try:
        return Q(**{field: format_postcode(text)})
    except ValueError:
        pass
    key = postcode_key(text)
    if is_outward_code(key):
        return Q(**{f"{field}__startswith": f"{key} "})
    return Q(**{f"{field}__startswith": key})


def search_register(
    user: Any, *, text: str = "", date_of_birth: datetime.date | None = None, postcode: str = ""
) -> RegisterSearchResults:
    """People and places the user may see whose names (or other names) or addresses contain the
    text, with the date of birth and postcode if given; at most 50 of each. No criteria, no results."""
    key = name_key(text)
    if not (key or date_of_birth or postcode.strip()):
        return RegisterSearchResults([], [])

    people = people_to_pick(user)
    if key:
        # The outer queryset is already limited to people the user may see.
        by_alias = PersonAlias.objects.filter(search_name__contains=key).values("person_id")
        people = people.filter(Q(search_name__contains=key) | Q(pk__in=by_alias))
    if date_of_birth is not None:
        people = people.filter(date_of_birth=date_of_birth)
    if postcode.strip():
        people = people.filter(_postcode_filter(postcode, "home__postcode"))

    locations: list[Location] = []
    if date_of_birth is None:
        places = locations_to_pick(user)
        if key:
            places = places.filter(
                Q(search_address__contains=key)
                | Q(name__icontains=text.strip())
                | Q(address_line_2__icontains=text.strip())
                | Q(town__icontains=text.strip())
            )
        if postcode.strip():
            places = places.filter(_postcode_filter(postcode, "postcode"))
        locations = list(places[:SEARCH_LIMIT])
    return RegisterSearchResults(list(people.select_related("home")[:SEARCH_LIMIT]), locations)
