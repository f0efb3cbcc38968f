"""Small helpers for the referral tests: a panel, a person with a report, and a referral of them."""

from __future__ import annotations

import datetime
from typing import Any

from saferhub.cases.models import Panel
from saferhub.cases.services import panel_create
from saferhub.incidents.models import Incident
from saferhub.incidents.tests.helpers import make_location, make_person, report
from saferhub.referrals import services
from saferhub.referrals.models import Referral
from saferhub.register.models import Person

__all__ = ["hub", "make_location", "make_person", "refer", "report_about"]


def hub(world: Any, name: str = "Braintree Hub", side: str = "home") -> Panel:
    return panel_create(partnership=getattr(world, side).partnership, name=name, kind="hub", by=None)


def report_about(world: Any, person: Person, by: Any = None) -> Incident:
    """A report by the council officer (or ``by``) with ``person`` as the victim."""
    return report(world, person, behaviour=datetime.date(2026, 3, 1), by=by)


def refer(
    world: Any,
    panel: Panel,
    people: list[Person],
    *,
    by: Any = None,
    subject: str = "person",
    **extra: Any,
) -> Referral:
    """A referral made by the council officer (or ``by``) with consent given."""
    by = by or world.council_officer
    values: dict[str, Any] = {
        "reason": "Repeated harassment by neighbours",
        "risk_level": "medium",
        "consent": "given",
        **extra,
    }
    return services.referral_make(
        panel=panel, by=by, organisation=by.organisation, subject=subject, people=people, **values
    )
