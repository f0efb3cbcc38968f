"""What each role sees on its home page. Apps add panels to ``PANELS``; each panel decides if it shows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from saferhub.accounts.models import FIGURES_ONLY_ROLES, Role, RoleGrant
from saferhub.partnerships import access as partnership_access
from saferhub.policy import is_system_administrator, roles_of


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Any], dict[str, Any] | None]  # None hides the panel


def _agreements_due(user: Any) -> dict[str, Any] | None:
    """Managers and administrators see agreements whose review date has passed or is within 30 days."""
    if not (roles_of(user) & {Role.MANAGER, Role.ADMINISTRATOR}) and not is_system_administrator(user):
        return None
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=30)
    agreements = (
        partnership_access.agreements.visible(user, "change")
        .filter(archived_at__isnull=True, review_due_on__lte=soon)
        .select_related("partnership")
        .order_by("review_due_on")
    )
    return {
        "overdue": [a for a in agreements if a.review_due_on < today],
        "due_soon": [a for a in agreements if a.review_due_on >= today],
    }


def _figures_only(user: Any) -> dict[str, Any] | None:
    """Scrutiny councillors and county viewers: what they can read, and that it holds no personal data."""
    roles = roles_of(user)
    if not roles or not roles <= {str(r) for r in FIGURES_ONLY_ROLES}:
        return None
    return {"county": Role.COUNTY_VIEWER in roles}


def _no_roles(user: Any) -> dict[str, Any] | None:
    if roles_of(user) or is_system_administrator(user):
        return None
    return {}


PANELS: list[Panel] = [
    Panel("home/panel_no_roles.html", _no_roles),
    Panel("home/panel_agreements_due.html", _agreements_due),
    Panel("home/panel_figures_only.html", _figures_only),
]


def home_context(user: Any) -> dict[str, Any]:
    grants = RoleGrant.objects.filter(user=user).select_related("partnership").order_by("partnership__name", "role")
    by_partnership: dict[Any, list[str]] = {}
    for grant in grants:
        by_partnership.setdefault(grant.partnership, []).append(grant.get_role_display())
    panels = []
    for panel in PANELS:
        context = panel.context(user)
        if context is not None:
            panels.append({"template": panel.template, "context": context})
    return {
        "partnership_roles": by_partnership,
        "panels": panels,
        "system_administrator": is_system_administrator(user),
    }
