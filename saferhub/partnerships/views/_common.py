"""Small helpers shared by the partnership administration views."""

from __future__ import annotations

import copy
import datetime
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from saferhub.partnerships import access
from saferhub.partnerships.models import Membership, Organisation, Partnership

M = TypeVar("M", bound=models.Model)


def detached(record: M) -> M:
    """A copy for an edit form to validate into, so the service still sees (and audits) the old values."""
    return copy.copy(record)


def current(prefix: str = "", today: datetime.date | None = None) -> models.Q:
    """Memberships that have not ended: no leaving date, or one still to come."""
    today = today or timezone.localdate()
    return models.Q(**{f"{prefix}left_on__isnull": True}) | models.Q(**{f"{prefix}left_on__gt": today})


def current_memberships(user: Any, partnership: Partnership) -> models.QuerySet[Membership]:
    return access.memberships.visible(user, "view").filter(current(), partnership=partnership)


def current_members(user: Any, partnership: Partnership) -> models.QuerySet[Organisation]:
    """Organisations taking part in the partnership today, as the user may see them."""
    member_ids = current_memberships(user, partnership).values("organisation")
    return access.organisations.visible(user, "view").filter(pk__in=member_ids).order_by("name")
