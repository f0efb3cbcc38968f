"""The service navigation, by role. Each app adds its entries to ``ITEMS``; the order here is the order shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saferhub.accounts.models import Role
from saferhub.policy import is_system_administrator, roles_of


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    shown_to: Callable[[Any], bool]
    # Marked as the current section when the page's path starts with the item's own path.
    exact: bool = False
    # Lower numbers first: Home 0, Manage 90; apps add theirs (from AppConfig.ready) in between.
    order: int = 50


def has_any_role(*roles: Role) -> Callable[[Any], bool]:
    wanted = {str(r) for r in roles}
    return lambda user: bool(roles_of(user) & wanted)


def _runs_something(user: Any) -> bool:
    return is_system_administrator(user) or bool(roles_of(user) & {Role.MANAGER, Role.ADMINISTRATOR})


ITEMS: list[NavItem] = [
    NavItem(_("Home"), "home", lambda user: True, exact=True, order=0),
    NavItem(_("Manage"), "manage-index", _runs_something, order=90),
]


def items_for(request: Any) -> list[dict[str, Any]]:
    """The navigation entries this user sees, with the current section marked."""
    user = request.user
    if not user.is_authenticated:
        return []
    entries = []
    for item in sorted(ITEMS, key=lambda entry: entry.order):
        if not item.shown_to(user):
            continue
        href = reverse(item.url_name)
        active = request.path == href if item.exact else request.path.startswith(href)
        entries.append({"label": item.label, "href": href, "active": active})
    return entries
