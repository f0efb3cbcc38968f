"""Small helpers for the partnership page tests."""

from __future__ import annotations

from typing import Any

from saferhub.audit.models import AuditEvent


def events(verb: str, target: Any) -> Any:
    """Audit events of ``verb`` about ``target``."""
    return AuditEvent.objects.filter(verb=verb, target_type=target._meta.label_lower, target_id=str(target.pk))


def date_fields(name: str, day: Any, month: Any, year: Any) -> dict[str, str]:
    """The three boxes of a GOV.UK date input, as posted."""
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def shell_queries(user: Any) -> int:
    """Queries of every signed-in page: session, user, second-factor device, role grants, the user's
    organisation for the page header (when they have one), then saving the session (savepoint, update,
    release). A list page's own queries come on top of these."""
    return 7 + (1 if user.organisation_id else 0)
