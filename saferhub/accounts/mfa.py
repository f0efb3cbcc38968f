"""When the second factor is required, and a decorator for pages anyone may open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings

from saferhub.policy import sees_personal_data

F = TypeVar("F", bound=Callable[..., Any])


def public(view: F) -> F:
    """Mark a view as open to people who have not signed in (public pages, sign-in itself)."""
    view.saferhub_public = True  # type: ignore[attr-defined]
    return view


def second_factor_required(user: Any) -> bool:
    """A user who may see personal data must prove a second factor, unless a local demo relaxes it."""
    if settings.RELAX_MFA:
        return False
    return sees_personal_data(user)


def second_factor_pending(user: Any) -> bool:
    """Signed in with a password but the required second factor is not yet proved in this session."""
    verified = getattr(user, "is_verified", lambda: False)
    return getattr(user, "is_authenticated", False) and second_factor_required(user) and not verified()


def signed_in_user(request: Any) -> Any:
    """The request's user, on a page the sign-in middleware has already guarded."""
    user = request.user
    if not user.is_authenticated:  # the middleware makes this unreachable; fail closed if it is bypassed
        raise PermissionError("this page needs a signed-in user")
    return user
