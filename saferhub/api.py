"""The API under /api/v1: one NinjaAPI; each app adds its router. Same access rules as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import APIKeyCookie, HttpBearer

from saferhub.accounts.mfa import second_factor_pending
from saferhub.accounts.services import token_user


class BearerToken(HttpBearer):
    """``Authorization: Bearer TOKEN`` for partner systems; the token acts as its user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(APIKeyCookie):
    """The browser's own session, once fully signed in (second factor included)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or second_factor_pending(user):
            return None
        return user


api = NinjaAPI(
    title="SaferHub API",
    version="1",
    description="The SaferHub API for partner systems. Authenticate with `Authorization: Bearer TOKEN`; "
    "a token is created by an administrator with `saferhub token create EMAIL`. Anything you may not see "
    "answers 404, exactly as if it did not exist.",
    auth=[BearerToken(), SignedInSession()],
    urls_namespace="api",
)
