"""Who may see and change partnerships, organisations, memberships and sharing agreements."""

from __future__ import annotations

from typing import Any

from django.db import models

from saferhub.accounts.models import PERSONAL_DATA_ROLES, Role
from saferhub.partnerships.models import (
    Area,
    InformationSharingAgreement,
    LocalAuthority,
    Membership,
    Organisation,
    Partnership,
)
from saferhub.policy import PartnershipPolicy, is_system_administrator, partnership_ids, register

ALL_ROLES = tuple(Role)
RUNNERS = (Role.MANAGER, Role.ADMINISTRATOR)


class ReferencePolicy(PartnershipPolicy[Any]):
    """Areas and local authorities are public reference data: every signed-in user may view them;
    only the system administrator may change them."""

    def visible(self, user: Any, action: str) -> models.QuerySet[Any]:
        manager = self.model._default_manager
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return manager.none()
        if action == "view" or (action == "change" and is_system_administrator(user)):
            return manager.all()
        return manager.none()


class AreaPolicy(ReferencePolicy):
    model = Area


class LocalAuthorityPolicy(ReferencePolicy):
    model = LocalAuthority


class PartnershipRecordPolicy(PartnershipPolicy[Partnership]):
    """A partnership is visible to anyone holding a role in it; its manager and administrators change
    its details and members; the system administrator sees and changes every partnership."""

    model = Partnership
    partnership_path = "pk"
    roles = {"view": ALL_ROLES, "change": RUNNERS}
    system_administrator_actions = ("view", "change")


class OrganisationPolicy(PartnershipPolicy[Organisation]):
    """An organisation is visible to anyone holding a role in a partnership it is a member of;
    administrators of such a partnership may change it; the system administrator sees all.

    "pick" is narrower in what it shows and wider in reach: the managers and administrators of any
    partnership may pick any organisation that is not archived, to bring it in as a member. Agencies'
    names and kinds are public facts; nothing else of the organisation is shown by a picker."""

    model = Organisation
    partnership_path = "memberships__partnership"
    distinct = True
    roles = {"view": ALL_ROLES, "change": (Role.ADMINISTRATOR,)}
    system_administrator_actions = ("view", "change", "pick")

    def visible(self, user: Any, action: str) -> models.QuerySet[Organisation]:
        if action == "pick" and not is_system_administrator(user):
            if not getattr(user, "is_authenticated", False) or not user.is_active:
                return Organisation.objects.none()
            if not partnership_ids(user, RUNNERS):
                return Organisation.objects.none()
            return Organisation.objects.filter(archived_at__isnull=True)
        return super().visible(user, action)


class MembershipPolicy(PartnershipPolicy[Membership]):
    """Memberships are visible to the partnership's roles; its manager and administrators change them."""

    model = Membership
    roles = {"view": ALL_ROLES, "change": RUNNERS}
    system_administrator_actions = ("view", "change")


class AgreementPolicy(PartnershipPolicy[InformationSharingAgreement]):
    """Sharing agreements are read by the partnership's staff who may see personal data (so they know
    what they may share) and changed by its manager and administrators. Scrutiny and county viewers
    do not see them."""

    model = InformationSharingAgreement
    roles = {"view": tuple(PERSONAL_DATA_ROLES), "change": RUNNERS}
    system_administrator_actions = ("view", "change")


areas = register(AreaPolicy())
local_authorities = register(LocalAuthorityPolicy())
partnerships = register(PartnershipRecordPolicy())
organisations = register(OrganisationPolicy())
memberships = register(MembershipPolicy())
agreements = register(AgreementPolicy())
