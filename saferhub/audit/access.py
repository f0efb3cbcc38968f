"""Who may read the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from saferhub.accounts.models import Role
from saferhub.audit.models import AuditEvent
from saferhub.partnerships.models import Partnership
from saferhub.policy import PartnershipPolicy, is_system_administrator, partnership_ids, register

READERS = (Role.ADMINISTRATOR,)


class AuditEventPolicy(PartnershipPolicy[AuditEvent]):
    """An audit event is read by the administrators of the partnership it happened in; nobody else in
    a partnership sees it, managers included. Events that belong to no partnership (sign-ins, new
    users, areas and other installation-wide changes) are read by the system administrator only, who
    reads every event. Nobody changes an event: the log is append-only."""

    model = AuditEvent
    partnership_path = "partnership_id"
    roles = {"view": READERS}
    system_administrator_actions = ("view",)


events = register(AuditEventPolicy())


def reads_the_log(user: Any) -> bool:
    """May the user open the audit log at all? The system administrator and anyone who administers
    a partnership may, even before their partnership has any events; everyone else gets 404."""
    return is_system_administrator(user) or bool(partnership_ids(user, READERS))


def log_partnerships(user: Any) -> models.QuerySet[Partnership]:
    """The partnerships whose events the user reads: every one for the system administrator, else
    those the user administers."""
    if is_system_administrator(user):
        return Partnership.objects.all()
    return Partnership.objects.filter(pk__in=partnership_ids(user, READERS))
