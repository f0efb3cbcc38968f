"""The shell's own pages: home, the manage index, public information pages, errors, health."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from saferhub.accounts.mfa import public
from saferhub.home import home_context
from saferhub.manage import sections_for


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", home_context(request.user))


def manage_index(request: HttpRequest) -> HttpResponse:
    sections = sections_for(request.user)
    if not sections:
        raise Http404
    return render(request, "manage/index.html", {"sections": sections})


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/cookies.html")


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Is the database answering and the data directory writable? 200 when both are, 503 otherwise."""
    checks: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure is the answer
        checks["database"] = f"error: {error.__class__.__name__}"
    probe = settings.DATA_DIR / f".healthz-{uuid.uuid4().hex}"
    try:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        probe.write_text("ok")
        probe.unlink()
        checks["data_directory"] = "ok"
    except OSError as error:
        checks["data_directory"] = f"error: {error.strerror}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


@public
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@public
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


@public
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


@public
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request, so no context processor runs: the error may be the database.
    body = render_to_string("errors/500.html", {"request_id": getattr(request, "request_id", "")})
    return HttpResponseServerError(body)


@public
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
