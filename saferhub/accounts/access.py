"""Who may see and manage the people who sign in, their roles and their API tokens."""

from __future__ import annotations

from saferhub.accounts.models import ApiToken, Role, RoleGrant, User
from saferhub.policy import PartnershipPolicy, register

RUNNERS = (Role.MANAGER, Role.ADMINISTRATOR)


class UserPolicy(PartnershipPolicy[User]):
    """A user is visible to the managers and administrators of a partnership in which the user holds
    a role; only its administrators change them (details, roles, disabling). The system administrator
    sees and changes everyone."""

    model = User
    partnership_path = "role_grants__partnership"
    distinct = True
    roles = {"view": RUNNERS, "change": (Role.ADMINISTRATOR,)}
    system_administrator_actions = ("view", "change")


class RoleGrantPolicy(PartnershipPolicy[RoleGrant]):
    """A role in a partnership is visible to that partnership's managers and administrators and granted
    or revoked by its administrators (and by the system administrator)."""

    model = RoleGrant
    roles = {"view": RUNNERS, "change": (Role.ADMINISTRATOR,)}
    system_administrator_actions = ("view", "change")


class ApiTokenPolicy(PartnershipPolicy[ApiToken]):
    """API tokens are seen and revoked by administrators of a partnership in which the token's user holds
    a role, and by the system administrator. Nobody ever sees a token itself, only its prefix."""

    model = ApiToken
    partnership_path = "user__role_grants__partnership"
    distinct = True
    roles = {"view": (Role.ADMINISTRATOR,), "change": (Role.ADMINISTRATOR,)}
    system_administrator_actions = ("view", "change")


users = register(UserPolicy())
role_grants = register(RoleGrantPolicy())
api_tokens = register(ApiTokenPolicy())
