"""Who may see and change incidents, the people involved, repeat-victim alerts and the rules.

Only casework roles see incidents: officers, panel chairs and partnership managers. Analysts,
administrators, scrutiny and county viewers never do (they read figures, or run the partnership).
Roles are per partnership: a manager sees every incident of the partnerships they manage; in a
partnership where they hold only an agency role (officer, panel chair) they see what their own
organisation recorded, plus what a *link* reaches. Links are functions of the user giving a ``Q``
over Incident, appended to ``INCIDENT_LINKS`` by the app that owns the reason (later: "linked to a
case or referral my agency is on"); they only widen within the user's own partnerships.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.db import models
from django.db.models import Q

from saferhub.accounts.models import Role
from saferhub.incidents.models import Incident, IncidentType, Involvement, RepeatVictimRules, VictimAlert
from saferhub.partnerships.access import ReferencePolicy
from saferhub.policy import PartnershipPolicy, is_system_administrator, partnership_ids, register, roles_of

CASEWORK_ROLES = (Role.OFFICER, Role.PANEL_CHAIR, Role.MANAGER)
ALERT_ROLES = (Role.OFFICER, Role.MANAGER)

Link = Callable[[Any], Q]

# Each returns a Q over Incident of the incidents the user reaches through that link.
INCIDENT_LINKS: list[Link] = []


def _own_organisation(user: Any, path: str = "recorded_by_organisation_id") -> Q:
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return Q(pk__in=[])
    return Q(**{path: organisation_id})


def _split(user: Any, allowed: Collection[str]) -> tuple[set[int], set[int]]:
    """(partnerships the user manages, partnerships where they hold only an agency role) among ``allowed``."""
    allowed_roles = {str(r) for r in allowed}
    managing = partnership_ids(user, [Role.MANAGER]) if str(Role.MANAGER) in allowed_roles else set()
    agency = partnership_ids(user, allowed_roles - {str(Role.MANAGER)}) - managing
    return managing, agency


class IncidentTypePolicy(ReferencePolicy):
    """Incident types are reference data: every signed-in user may view them; only the system
    administrator may change (or archive) them."""

    model = IncidentType


class IncidentPolicy(PartnershipPolicy[Incident]):
    """An incident is seen and changed by officers, panel chairs and managers of its partnership.
    A manager sees every incident of the partnership, whichever agency recorded it. An officer or
    panel chair sees those their own organisation recorded, and those a registered link reaches.
    Analysts, administrators, scrutiny and county viewers see none."""

    model = Incident
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Incident]) -> models.QuerySet[Incident]:
        managing, agency = _split(user, self.roles[action])
        scope = Q(partnership_id__in=managing)
        if agency:
            reach = _own_organisation(user)
            for link in INCIDENT_LINKS:
                # A subquery, so a link that joins to many rows cannot repeat incidents.
                reach |= Q(pk__in=Incident.objects.filter(link(user)).values("pk"))
            scope |= Q(partnership_id__in=agency) & reach
        return queryset.filter(scope)


class InvolvementPolicy(PartnershipPolicy[Involvement]):
    """A person's part in an incident is seen and changed exactly by those who may see and change
    the incident."""

    model = Involvement
    partnership_path = "incident__partnership"
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Involvement]) -> models.QuerySet[Involvement]:
        return queryset.filter(incident__in=incidents.visible(user, action).values("pk"))


class VictimAlertPolicy(PartnershipPolicy[VictimAlert]):
    """A repeat-victim alert is seen and resolved by managers and officers of its partnership. A
    manager sees every alert of the partnership; an officer sees the alerts raised by an incident
    their own organisation recorded. Panel chairs, analysts, administrators, scrutiny and county
    viewers see none."""

    model = VictimAlert
    roles = {"view": ALERT_ROLES, "change": ALERT_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[VictimAlert]) -> models.QuerySet[VictimAlert]:
        managing, agency = _split(user, self.roles[action])
        scope = Q(partnership_id__in=managing)
        if agency:
            scope |= Q(partnership_id__in=agency) & _own_organisation(user, "incident__recorded_by_organisation_id")
        return queryset.filter(scope)


class RepeatVictimRulesPolicy(PartnershipPolicy[RepeatVictimRules]):
    """An area's repeat-victim rules are reference data: any signed-in user holding a role anywhere
    may view every area's numbers; only the system administrator may change them."""

    model = RepeatVictimRules

    def visible(self, user: Any, action: str) -> models.QuerySet[RepeatVictimRules]:
        manager = self.model._default_manager
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return manager.none()
        if is_system_administrator(user) and action in ("view", "change"):
            return manager.all()
        if action == "view" and roles_of(user):
            return manager.all()
        return manager.none()


def _casework_partnerships(user: Any) -> set[int]:
    return partnership_ids(user, CASEWORK_ROLES)


def person_involved_in_my_incident(user: Any) -> Q:
    """A Q over Person: people involved in an incident the user's organisation recorded, in the
    partnerships where the user holds a casework role. A Q, not a call to the incident policy, so
    the register's policies never recurse into this one."""
    return Q(
        pk__in=Involvement.objects.filter(incident__partnership_id__in=_casework_partnerships(user))
        .filter(_own_organisation(user, "incident__recorded_by_organisation_id"))
        .values("person_id")
    )


def location_of_my_incident(user: Any) -> Q:
    """A Q over Location: places of an incident the user's organisation recorded, in the
    partnerships where the user holds a casework role."""
    return Q(
        pk__in=Incident.objects.filter(partnership_id__in=_casework_partnerships(user), location__isnull=False)
        .filter(_own_organisation(user))
        .values("location_id")
    )


def _link_into_register() -> None:
    # Imported here: the register does not know about incidents, and must not import this module.
    from saferhub.register import access as register_access

    for name, link in (("PERSON_LINKS", person_involved_in_my_incident), ("LOCATION_LINKS", location_of_my_incident)):
        links = getattr(register_access, name, None)
        if links is not None and link not in links:
            links.append(link)


incident_types = register(IncidentTypePolicy())
incidents = register(IncidentPolicy())
involvements = register(InvolvementPolicy())
victim_alerts = register(VictimAlertPolicy())
repeat_victim_rules = register(RepeatVictimRulesPolicy())
_link_into_register()
