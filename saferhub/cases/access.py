"""Who may see panels and cases.

Panels are the partnership's standing meetings: every casework user of the partnership (and its
administrators, who set them up) sees their names, since an officer must pick one to refer to.
Managers and administrators add, rename and archive them.

A case is seen by the partnership's managers, by its panel chairs (they run the panels that review
cases), and by officers of the agencies on the case. Analysts, administrators, scrutiny and county
viewers see no case (they read figures, or run the partnership).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from saferhub.accounts.models import Role
from saferhub.cases.models import Case, Panel
from saferhub.policy import PartnershipPolicy, partnership_ids, register

CASEWORK_ROLES = (Role.OFFICER, Role.PANEL_CHAIR, Role.MANAGER)
# Roles that see every case of their partnership, whichever agencies are on it.
PARTNERSHIP_WIDE = (Role.MANAGER, Role.PANEL_CHAIR)


class PanelPolicy(PartnershipPolicy[Panel]):
    """A panel is seen by officers, panel chairs, managers and administrators of its partnership,
    and added, renamed or archived by its managers and administrators (and the system
    administrator)."""

    model = Panel
    roles = {
        "view": (*CASEWORK_ROLES, Role.ADMINISTRATOR),
        "change": (Role.MANAGER, Role.ADMINISTRATOR),
    }
    system_administrator_actions = ("view", "change")


def agency_cases(user: Any, roles: Any = CASEWORK_ROLES) -> Q:
    """A Q over Case: every case of the partnerships where the user holds a partnership-wide role
    among ``roles``, and the cases their organisation is on where they hold only an agency role."""
    allowed = {str(r) for r in roles}
    wide = partnership_ids(user, allowed & {str(r) for r in PARTNERSHIP_WIDE})
    agency = partnership_ids(user, allowed) - wide
    scope = Q(partnership_id__in=wide)
    organisation_id = getattr(user, "organisation_id", None)
    if agency and organisation_id is not None:
        scope |= Q(
            partnership_id__in=agency,
            pk__in=Case.agencies.through.objects.filter(organisation_id=organisation_id).values("case_id"),
        )
    return scope


class CasePolicy(PartnershipPolicy[Case]):
    """A case is seen and changed by the managers and panel chairs of its partnership, and by
    officers of the agencies on it. Analysts, administrators, scrutiny and county viewers see none."""

    model = Case
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Case]) -> models.QuerySet[Case]:
        return queryset.filter(agency_cases(user, self.roles[action]))


panels = register(PanelPolicy())
cases = register(CasePolicy())
