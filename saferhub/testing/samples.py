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

from saferhub.testing.world import World

OTHER: dict[str, Callable[[World], Any]] = {
    # partnerships
    # accounts (manage users, tokens)
    # audit
}

OWN: dict[str, Callable[[World], Any]] = {
    # partnerships
    # accounts (manage users, tokens)
    # audit
}

# Keywords of public URLs that carry no record (e.g. a password link's token): any value will do.
PUBLIC: dict[str, Any] = {"uidb64": "MQ", "token": "set-password-token"}


def markers(world: World) -> list[str]:
    """Text that only the other partnership's records contain: it must never appear in a home page."""
    other = world.other
    return [
        other.partnership.name,
        other.council.name,
        other.agreement.title,
        world.outsider.full_name,
        world.outsider.email,
    ]
