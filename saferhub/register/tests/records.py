"""Building register records for the tests, through the services so audit rows exist."""

from __future__ import annotations

import datetime
from typing import Any

from saferhub.register import services
from saferhub.register.models import Location, LocationKind, Person, SubjectKind


def person(world: Any, *, by: Any = None, organisation: Any = None, partnership: Any = None, **values: Any) -> Person:
    """A person recorded by ``by``'s organisation (the council officer's by default) in the home partnership."""
    by = by or world.council_officer
    values.setdefault("given_name", "Jane")
    values.setdefault("family_name", "Doe")
    values.setdefault("date_of_birth", datetime.date(1980, 5, 17))
    return services.person_create(
        partnership=partnership or world.home.partnership,
        organisation=organisation or by.organisation,
        by=by,
        kind=values.pop("kind", SubjectKind.PERSON),
        **values,
    )


def address(
    world: Any, *, by: Any = None, organisation: Any = None, partnership: Any = None, **values: Any
) -> Location:
    """An address recorded by ``by``'s organisation (the council officer's by default) in the home partnership."""
    by = by or world.council_officer
    values.setdefault("address_line_1", "12 High Street")
    values.setdefault("town", "Braintree")
    values.setdefault("postcode", "CM7 3YG")
    return services.location_create(
        partnership=partnership or world.home.partnership,
        organisation=organisation or by.organisation,
        by=by,
        kind=values.pop("kind", LocationKind.ADDRESS),
        **values,
    )
