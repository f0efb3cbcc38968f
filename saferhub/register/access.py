"""Who may see and change the register's people, their other names, and places.

Only casework roles see the register: officers, panel chairs and partnership managers. Analysts,
administrators, scrutiny and county viewers never do (they read figures, or run the partnership).

Within a partnership, a manager sees every record; an officer or panel chair sees what their own
organisation recorded, plus what a *link* reaches. Links are how other apps widen an agency's view
without this module knowing them: each is a function of the user giving a ``Q`` over Person (or
Location), appended to ``PERSON_LINKS`` (or ``LOCATION_LINKS``) by the app that owns the reason,
e.g. "involved in an incident my organisation recorded". A link can only widen within the user's
own partnerships: the partnership scope is applied first and links are ANDed with it.

Merged and archived records stay visible (they are history); pickers and searches leave them out
(see ``selectors``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.db import models
from django.db.models import Q

from saferhub.accounts.models import Role
from saferhub.policy import PartnershipPolicy, partnership_ids, register
from saferhub.register.models import Location, Person, PersonAlias

CASEWORK_ROLES = (Role.OFFICER, Role.PANEL_CHAIR, Role.MANAGER)
MERGERS = (Role.MANAGER,)

Link = Callable[[Any], Q]

# Each returns a Q over Person / Location of the records the user reaches through that link.
PERSON_LINKS: list[Link] = []
LOCATION_LINKS: list[Link] = []


def _agency_scope(user: Any, allowed: Collection[str], model: type[models.Model], own: Q, links: list[Link]) -> Q:
    """Every record in the user's manager partnerships, or, in partnerships where they hold only an
    agency role, what their organisation recorded or a link reaches."""
    allowed_roles = {str(r) for r in allowed}
    managing = partnership_ids(user, [Role.MANAGER]) if str(Role.MANAGER) in allowed_roles else set()
    agency = partnership_ids(user, allowed_roles - {str(Role.MANAGER)}) - managing
    scope = Q(partnership_id__in=managing)
    if agency:
        reach = own
        for link in links:
            # A subquery, so a link that joins to many rows cannot repeat records.
            reach |= Q(pk__in=model._default_manager.filter(link(user)).values("pk"))
        scope |= Q(partnership_id__in=agency) & reach
    return scope


def _own_organisation(user: Any) -> Q:
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return Q(pk__in=[])
    return Q(recorded_by_organisation_id=organisation_id)


class PersonPolicy(PartnershipPolicy[Person]):
    """A person, business or group is seen and changed by officers, panel chairs and managers of its
    partnership. A manager sees every one of the partnership. An officer or panel chair sees those
    their own organisation recorded, and those a registered link reaches (such as being involved in
    an incident their organisation recorded). Only managers merge duplicates. Analysts,
    administrators, scrutiny and county viewers see none."""

    model = Person
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES, "merge": MERGERS}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Person]) -> models.QuerySet[Person]:
        return queryset.filter(_agency_scope(user, self.roles[action], Person, _own_organisation(user), PERSON_LINKS))


class LocationPolicy(PartnershipPolicy[Location]):
    """A place is seen and changed by officers, panel chairs and managers of its partnership. A
    manager sees every place of the partnership. An officer or panel chair sees the places their
    own organisation recorded, the home of any person they may see in the same way, and places a
    registered link reaches (such as the place of an incident their organisation recorded). Only
    managers merge duplicates. Analysts, administrators, scrutiny and county viewers see none."""

    model = Location
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES, "merge": MERGERS}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Location]) -> models.QuerySet[Location]:
        person_action = "view" if action == "merge" else action
        # A person's home is part of the person's record: whoever sees the person sees where they live.
        own = _own_organisation(user) | Q(pk__in=people.visible(user, person_action).values("home_id"))
        return queryset.filter(_agency_scope(user, self.roles[action], Location, own, LOCATION_LINKS))


class PersonAliasPolicy(PartnershipPolicy[PersonAlias]):
    """Another name of a person is seen and changed exactly by those who may see and change the
    person."""

    model = PersonAlias
    partnership_path = "person__partnership"
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[PersonAlias]) -> models.QuerySet[PersonAlias]:
        return queryset.filter(person__in=people.visible(user, action))


people = register(PersonPolicy())
locations = register(LocationPolicy())
aliases = register(PersonAliasPolicy())
