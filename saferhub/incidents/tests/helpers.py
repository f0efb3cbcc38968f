"""Small helpers for the incident tests: register rows made directly, and a quick way to record reports."""

from __future__ import annotations

import datetime
from typing import Any

from saferhub.audit.models import AuditEvent
from saferhub.incidents import services
from saferhub.incidents.models import Category, Channel, Incident, InvolvementRole
from saferhub.register.models import Location, LocationKind, Person

# The register's own services are written elsewhere; these tests make rows directly so they do not depend on them.


def make_person(partnership: Any, organisation: Any, name: str = "Vera Victim") -> Person:
    given, _, family = name.partition(" ")
    return Person.objects.create(
        partnership=partnership,
        recorded_by_organisation=organisation,
        given_name=given,
        family_name=family,
        search_name=name.lower(),
    )


def make_location(partnership: Any, organisation: Any, street: str = "1 High Street") -> Location:
    return Location.objects.create(
        partnership=partnership,
        recorded_by_organisation=organisation,
        kind=LocationKind.ADDRESS,
        address_line_1=street,
        town="Braintree",
        postcode="CM7 1AA",
        search_address=street.lower(),
    )


def report(
    world: Any,
    victim: Person | None,
    *,
    behaviour: datetime.date,
    reported: datetime.date | None = None,
    by: Any = None,
    category: str = Category.ASB_PERSONAL,
    **extra: Any,
) -> Incident:
    """Record a report by ``by`` (the council officer by default) with ``victim`` as the victim."""
    by = by or world.council_officer
    if category == Category.CRIME:
        extra.setdefault("crime_type", "Criminal damage and arson")
    return services.incident_record(
        partnership=world.home.partnership,
        by=by,
        organisation=by.organisation,
        behaviour_from=behaviour,
        reported_on=reported or behaviour,
        channel=Channel.PHONE,
        category=category,
        description="Shouting and banging on the door late at night.",
        involvements=[(victim, InvolvementRole.VICTIM)] if victim is not None else [],
        **extra,
    )


def events(verb: str, target: Any) -> Any:
    """Audit events of ``verb`` about ``target``."""
    return AuditEvent.objects.filter(verb=verb, target_type=target._meta.label_lower, target_id=str(target.pk))
