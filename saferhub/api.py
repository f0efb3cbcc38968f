"""The API under /api/v1: one NinjaAPI; each app adds its router. Same access rules as the pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from saferhub.accounts.api import router as accounts_router
from saferhub.accounts.mfa import second_factor_pending
from saferhub.accounts.services import token_user
from saferhub.incidents.api import router as incidents_router
from saferhub.partnerships.api import router as partnerships_router
from saferhub.referrals.api import router as referrals_router
from saferhub.register.api import router as register_router


class BearerToken(HttpBearer):
    """``Authorization: Bearer TOKEN`` for partner systems; the token acts as its user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(APIKeyCookie):
    """The browser's own session, once fully signed in (second factor included)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session cookie there is nothing to check: a request with a bad bearer token then
        # answers 401, rather than failing the CSRF check that only protects a session.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is None:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or second_factor_pending(user):
            return None
        return user


AUTH = [BearerToken(), SignedInSession()]


def callers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and its docs page are for those who may call the API (a token or a full sign-in), like
    every other page: a browser is sent to sign in, anything else answers 401."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if any(auth(request) is not None for auth in AUTH):
            return view(request, *args, **kwargs)
        match = request.resolver_match
        if match is not None and match.url_name == "openapi-view":
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        return JsonResponse({"detail": "Unauthorized"}, status=401)

    return guarded


api = NinjaAPI(
    title="SaferHub API",
    version="1",
    description="The SaferHub API for partner systems. Authenticate with `Authorization: Bearer TOKEN`; "
    "a token is created by an administrator with `saferhub token create EMAIL`. Anything you may not see "
    "answers 404, exactly as if it did not exist. Lists take `?limit=` (at most 500) and `?offset=`.",
    auth=AUTH,
    urls_namespace="api",
    docs_decorator=callers_only,
)
api.add_router("", accounts_router)
api.add_router("", partnerships_router)
api.add_router("", register_router, tags=["register"])
api.add_router("", incidents_router, tags=["incidents"])
api.add_router("", referrals_router, tags=["referrals"])


NOT_FOUND = {"detail": "Not found"}
# The handlers take ``exc: Any``: ninja types a handler's exception as "the class or an instance".


def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    """Missing and forbidden answer alike, with no detail (ninja adds the exception's text under DEBUG)."""
    return api.create_response(request, NOT_FOUND, status=404)


api.add_exception_handler(Http404, not_found)
api.add_exception_handler(ObjectDoesNotExist, not_found)
api.add_exception_handler(PermissionDenied, not_found)


def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    """ninja's own refusals, with a body that cannot be read saying what to send instead."""
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = "Cannot parse request body: send one JSON object, with Content-Type: application/json"
    return api.create_response(request, {"detail": message}, status=exc.status_code)


api.add_exception_handler(HttpError, http_error)


# What a caller should do about pydantic's commonest complaints; {field} is the field's name.
ADVICE = {
    "missing": "{field} is required: add it to the request",
    "int_parsing": "{field} must be a whole number",
    "int_type": "{field} must be a whole number",
    "date_parsing": "{field} must be a date written YYYY-MM-DD, e.g. 2026-03-31",
    "date_from_datetime_parsing": "{field} must be a date written YYYY-MM-DD, e.g. 2026-03-31",
    "date_from_datetime_inexact": "{field} must be a date written YYYY-MM-DD, without a time",
    "date_type": "{field} must be a date written YYYY-MM-DD, e.g. 2026-03-31",
    "string_type": "{field} must be text",
    "string_too_short": "{field} must not be empty",
    "string_too_long": "{field} must be at most {max_length} characters long",
    "list_type": "{field} must be a list",
    "too_short": "{field} needs at least {min_length} item(s)",
    "enum": "{field} must be one of {expected}",
    "less_than_equal": "{field} must be at most {le}",
    "greater_than_equal": "{field} must be at least {ge}",
}


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """``("body", "payload", "parties", 2)`` -> ``parties[2]``; ``("query", "limit")`` -> ``limit``."""
    parts = list(loc[1:])
    if loc and loc[0] == "body":
        if len(parts) <= 1:
            return "the request body"
        parts = parts[1:]  # the view's parameter name, which the caller never sees
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the request"


def explained(request: HttpRequest, exc: Any) -> HttpResponse:
    """ninja's 422 shape, with each message naming its field and saying what to put right."""
    errors = []
    for error in exc.errors:
        error = dict(error)
        field = _field_name(error.get("loc", ()))
        message = str(error.get("msg", ""))
        advice = ADVICE.get(str(error.get("type")))
        if advice is not None:
            try:
                message = advice.format(field=field, **error.get("ctx", {}))
            except (KeyError, IndexError):
                message = f"{field}: {message}"
        elif field not in message:
            message = f"{field}: {message}"
        error["msg"] = message
        errors.append(error)
    return api.create_response(request, {"detail": errors}, status=422)


api.add_exception_handler(ValidationError, explained)
