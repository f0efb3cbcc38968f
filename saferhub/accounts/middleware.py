"""Default deny: every page needs a signed-in user who has passed the second factor where required.

Pages marked ``@public`` are open to everyone; the API answers 401 itself (see saferhub/api.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub.accounts.mfa import second_factor_pending

OPEN_PREFIXES = ("/api/", settings.STATIC_URL)
# Pages a half-signed-in user (password done, second factor not yet) may still open.
SECOND_FACTOR_VIEWS = {"second-factor", "second-factor-setup", "sign-out"}


class SignInRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if request.path.startswith(OPEN_PREFIXES) or getattr(view_func, "saferhub_public", False):
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        match = request.resolver_match
        if second_factor_pending(user) and not (
            match and match.namespace == "accounts" and match.url_name in SECOND_FACTOR_VIEWS
        ):
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            target = "accounts:second-factor" if has_device else "accounts:second-factor-setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return None
