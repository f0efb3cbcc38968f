"""For the URL walk (tests/test_url_walk.py): how to fill each URL keyword.

Every keyword of every URL pattern must appear here, or the walk fails and says which.
``OTHER`` gives a value that belongs to ``world.other`` (Castle Point and Rochford), whose
records the home cast (Braintree) must never see: each such URL must answer 404 to them.
``OWN`` gives the home partnership's value, so the walk can also check that allowed pages
do not fail. Apps add their keywords in their own block, in URL-pattern order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from saferhub.accounts.services import token_create  # accounts (manage users, tokens)
from saferhub.audit.models import AuditEvent  # audit
from saferhub.testing.world import World

OTHER: dict[str, Callable[[World], Any]] = {
    # partnerships
    "area_slug": lambda w: w.far.partnership.area.slug,
    "authority_pk": lambda w: w.far.authorities[0].pk,
    "partnership_slug": lambda w: w.other.partnership.slug,
    "membership_pk": lambda w: w.other.membership.pk,
    "organisation_pk": lambda w: w.other.council.pk,
    "agreement_pk": lambda w: w.other.agreement.pk,
    # accounts (manage users, tokens)
    "user_pk": lambda w: w.outsider.pk,
    "grant_pk": lambda w: w.outsider.role_grants.get().pk,
    "token_pk": lambda w: token_create(user=w.outsider, name="URL walk", by=None)[0].pk,
    # audit
    "event_pk": lambda w: (
        AuditEvent.objects.filter(partnership_id=w.other.partnership.pk).values_list("pk", flat=True).first()
    ),
    # register
    # incidents
}

OWN: dict[str, Callable[[World], Any]] = {
    # partnerships
    "area_slug": lambda w: w.home.partnership.area.slug,
    "authority_pk": lambda w: w.home.authorities[0].pk,
    "partnership_slug": lambda w: w.home.partnership.slug,
    "membership_pk": lambda w: w.home.membership.pk,
    "organisation_pk": lambda w: w.home.council.pk,
    "agreement_pk": lambda w: w.home.agreement.pk,
    # accounts (manage users, tokens)
    "user_pk": lambda w: w.council_officer.pk,
    "grant_pk": lambda w: w.council_officer.role_grants.get().pk,
    "token_pk": lambda w: token_create(user=w.council_officer, name="URL walk", by=None)[0].pk,
    # audit
    "event_pk": lambda w: (
        AuditEvent.objects.filter(partnership_id=w.home.partnership.pk).values_list("pk", flat=True).first()
    ),
    # register
    # incidents
}

# Keywords of public URLs that carry no record (e.g. a password link's token): any value will do.
PUBLIC: dict[str, Any] = {"uidb64": "MQ", "token": "set-password-token"}


def markers(world: World) -> list[str]:
    """Text that only the other partnership's records contain: it must never appear in a home page.

    Partnership and organisation names are public facts (a manager picks any agency to bring it
    into their partnership), so they are not markers; the other partnership's agreements and people are.
    """
    other = world.other
    return [
        other.agreement.title,
        world.outsider.full_name,
        world.outsider.email,
    ]


# Keywords of reference data every signed-in user may read (areas and their local authorities are public
# facts, not a partnership's records): the walk accepts a 200 for another area's value of these.
VISIBLE_TO_ALL: set[str] = {"area_slug", "authority_pk"}
