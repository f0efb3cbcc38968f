"""Who may see, triage and withdraw referrals, and the access a referral grants while it stands.

A referral is seen by:

- the partnership's managers, every one;
- the agency that made it, whatever became of it (the referrer sees the decision);
- the partnership's panel chairs while it is pending or accepted (they triage it), and any
  referral they decided themselves;
- the agencies on the case it opened or joined, while it is accepted.

Panel chairs and managers triage pending referrals. The referring agency (or a manager) may
withdraw a referral that is pending or accepted.

While a referral is pending or accepted it grants the same people the sight of the people, place
and incidents it names (through the register's and incidents' links). Declining or withdrawing it
ends that at once: the grant is computed from the row's status, never copied.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from saferhub.accounts.models import Role
from saferhub.policy import PartnershipPolicy, partnership_ids, register
from saferhub.referrals.models import GRANTING, Referral, ReferralStatus

CASEWORK_ROLES = (Role.OFFICER, Role.PANEL_CHAIR, Role.MANAGER)
TRIAGE_ROLES = (Role.PANEL_CHAIR, Role.MANAGER)


def _on_accepted_case(organisation_id: int) -> Q:
    return Q(status=ReferralStatus.ACCEPTED, case__agencies=organisation_id)


def _reach(user: Any, partnerships: set[int], chairs: set[int], statuses: Any) -> Q:
    """A Q over Referral: in ``partnerships``, those of the user's organisation, those on a case their
    organisation is on, and (where they chair) every referral, each only in one of ``statuses``."""
    organisation_id = getattr(user, "organisation_id", None)
    reach = Q(partnership_id__in=chairs)
    if organisation_id is not None:
        reach |= Q(referred_by_organisation_id=organisation_id) | _on_accepted_case(organisation_id)
    return Q(partnership_id__in=partnerships, status__in=statuses) & reach


def granting(user: Any) -> models.QuerySet[Referral]:
    """Referrals that currently grant the user the sight of what they name (pending or accepted)."""
    partnerships = partnership_ids(user, CASEWORK_ROLES)
    if not partnerships:
        return Referral.objects.none()
    chairs = partnership_ids(user, TRIAGE_ROLES)
    return Referral.objects.filter(_reach(user, partnerships, chairs, GRANTING))


class ReferralPolicy(PartnershipPolicy[Referral]):
    """A referral is seen by the partnership's managers; by the agency that made it, whatever its
    status; by the partnership's panel chairs while it is pending or accepted, and by a chair who
    decided it; and by the agencies on its case while it is accepted. Panel chairs and managers
    triage pending referrals. The referring agency or a manager may withdraw one that is pending
    or accepted. Analysts, administrators, scrutiny and county viewers see none."""

    model = Referral
    roles = {"view": CASEWORK_ROLES, "triage": TRIAGE_ROLES, "withdraw": CASEWORK_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Referral]) -> models.QuerySet[Referral]:
        managing = partnership_ids(user, [Role.MANAGER])
        others = partnership_ids(user, self.roles[action]) - managing
        if action == "triage":
            return queryset.filter(status=ReferralStatus.PENDING)
        organisation_id = getattr(user, "organisation_id", None)
        if action == "withdraw":
            scope = Q(partnership_id__in=others, referred_by_organisation_id=organisation_id)
            return queryset.filter(Q(partnership_id__in=managing) | scope, status__in=GRANTING)
        chairs = partnership_ids(user, [Role.PANEL_CHAIR]) - managing
        scope = Q(partnership_id__in=managing) | _reach(user, others, chairs, GRANTING)
        scope |= Q(partnership_id__in=others, decided_by=user)
        if organisation_id is not None:
            scope |= Q(partnership_id__in=others, referred_by_organisation_id=organisation_id)
        return queryset.filter(pk__in=queryset.filter(scope).values("pk"))


def person_on_granting_referral(user: Any) -> Q:
    """A Q over Person: the people named on referrals that grant the user access."""
    return Q(pk__in=Referral.people.through.objects.filter(referral__in=granting(user)).values("person_id"))


def location_on_granting_referral(user: Any) -> Q:
    """A Q over Location: the places referred, on referrals that grant the user access."""
    return Q(pk__in=granting(user).filter(location__isnull=False).values("location_id"))


def incident_on_granting_referral(user: Any) -> Q:
    """A Q over Incident: the incidents linked to referrals that grant the user access."""
    return Q(pk__in=Referral.incidents.through.objects.filter(referral__in=granting(user)).values("incident_id"))


def _link() -> None:
    from saferhub.incidents import access as incident_access
    from saferhub.register import access as register_access

    for links, link in (
        (register_access.PERSON_LINKS, person_on_granting_referral),
        (register_access.LOCATION_LINKS, location_on_granting_referral),
        (incident_access.INCIDENT_LINKS, incident_on_granting_referral),
    ):
        if link not in links:
            links.append(link)


referrals = register(ReferralPolicy())
_link()
