"""The administration sections on the Manage page. Each app adds its section to ``SECTIONS``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from saferhub.accounts.models import Role
from saferhub.policy import is_system_administrator, roles_of


@dataclass(frozen=True)
class Section:
    title: str | Promise
    description: str | Promise
    url_name: str
    shown_to: Callable[[Any], bool]
    # Lower numbers first: partnerships 10-30, users 40, audit 90; later apps pick numbers between.
    order: int = 50


def system_administrator(user: Any) -> bool:
    return is_system_administrator(user)


def runs_a_partnership(user: Any) -> bool:
    return is_system_administrator(user) or bool(roles_of(user) & {Role.MANAGER, Role.ADMINISTRATOR})


def administers_a_partnership(user: Any) -> bool:
    return is_system_administrator(user) or Role.ADMINISTRATOR in roles_of(user)


SECTIONS: list[Section] = []


def sections_for(user: Any) -> list[dict[str, Any]]:
    return [
        {"title": s.title, "description": s.description, "href": reverse(s.url_name)}
        for s in sorted(SECTIONS, key=lambda section: section.order)
        if s.shown_to(user)
    ]
