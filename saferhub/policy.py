"""The access framework every app's ``access.py`` builds on.

Rule zero, applied before any app's own rule: a user sees a record only in partnerships
where they hold one of the roles the action allows. An app's policy can only narrow
that set (``narrow``), never widen it, so partnership scoping cannot be forgotten.
Missing and forbidden records look the same: ``get_for_user`` raises Http404 for both.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, ClassVar, Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404

from saferhub.accounts.models import FIGURES_ONLY_ROLES, Role, RoleGrant

M = TypeVar("M", bound=models.Model)

_CACHE_ATTR = "_saferhub_grants"


def _grants(user: Any) -> list[tuple[int, int, str]]:
    """(partnership id, area id, role) for each of the user's grants, cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            RoleGrant.objects.filter(user=user, partnership__archived_at__isnull=True).values_list(
                "partnership_id", "partnership__area_id", "role"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_grants(user: Any) -> None:
    """Drop the cached grants after the user's roles change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user: Any) -> set[str]:
    """Every role the user holds, in any partnership."""
    return {role for _, _, role in _grants(user)}


def partnership_ids(user: Any, roles: Iterable[str] | None = None) -> set[int]:
    """Partnerships in which the user holds one of ``roles`` (any role when None)."""
    wanted = None if roles is None else {str(r) for r in roles}
    return {pid for pid, _, role in _grants(user) if wanted is None or role in wanted}


def county_area_ids(user: Any) -> set[int]:
    """Areas whose figures the user may read as a county viewer."""
    return {area for _, area, role in _grants(user) if role == Role.COUNTY_VIEWER}


def sees_personal_data(user: Any) -> bool:
    """True when the user holds a role that may see personal data anywhere."""
    return bool(roles_of(user) - {str(r) for r in FIGURES_ONLY_ROLES}) or bool(getattr(user, "is_superuser", False))


def is_system_administrator(user: Any) -> bool:
    """The system administrator runs the whole installation: areas, partnerships, every audit row."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


class PartnershipPolicy(Generic[M]):
    """Who may do what to one model. Subclasses set ``model``, ``partnership_path`` and ``roles``.

    ``roles`` maps each action to the roles that allow it within a partnership. An action
    missing from the map is allowed to nobody. ``narrow`` may filter further by agency,
    share or status; it receives a queryset already limited to the user's partnerships.
    """

    model: type[M]
    partnership_path: str = "partnership"
    roles: ClassVar[dict[str, Collection[str]]] = {}
    # Set when the path crosses a many-valued relation and rows could repeat.
    distinct: bool = False
    # Actions the system administrator may do in every partnership (administration, never casework).
    system_administrator_actions: ClassVar[Collection[str]] = ()

    def visible(self, user: Any, action: str) -> models.QuerySet[M]:
        """Records of this model the user may ``action``; the default is none."""
        manager = self.model._default_manager
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return manager.none()
        if action in self.system_administrator_actions and is_system_administrator(user):
            return self.narrow(user, action, manager.all())
        allowed = self.roles.get(action)
        if not allowed:
            return manager.none()
        ids = partnership_ids(user, allowed)
        if not ids:
            return manager.none()
        queryset = manager.filter(**{f"{self.partnership_path}__in": ids})
        if self.distinct:
            queryset = manager.filter(pk__in=queryset.values("pk"))
        return self.narrow(user, action, queryset)

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
        """Further rules of the app; the base keeps everything the partnership scope allows."""
        return queryset

    def can(self, user: Any, action: str, record: M) -> bool:
        """May the user ``action`` this record?"""
        if record.pk is None:
            return False
        return self.visible(user, action).filter(pk=record.pk).exists()

    def get_for_user(self, user: Any, action: str, **lookup: Any) -> M:
        """Fetch one record the user may ``action``; 404 when it is missing or forbidden alike."""
        try:
            return self.visible(user, action).get(**lookup)
        except (ObjectDoesNotExist, ValueError, ValidationError):
            raise Http404 from None


REGISTRY: dict[type[models.Model], PartnershipPolicy[Any]] = {}


def register(policy: PartnershipPolicy[M]) -> PartnershipPolicy[M]:
    """Record the one policy for a model, so tests can check every model has one."""
    if policy.model in REGISTRY:
        raise ValueError(f"{policy.model.__name__} already has an access policy")
    REGISTRY[policy.model] = policy
    return policy


def registry() -> dict[type[models.Model], PartnershipPolicy[Any]]:
    """Every app's policies: imports each installed app's ``access`` module, then returns the registry."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("access")
    return REGISTRY
