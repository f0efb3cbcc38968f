"""Case pages (the cases the user may see, one case) and the panel administration pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub import audit
from saferhub.accounts.models import Role
from saferhub.cases import access, services
from saferhub.cases.forms import PanelForm
from saferhub.cases.models import CaseStatus, Panel
from saferhub.partnerships import access as partnership_access
from saferhub.partnerships.models import Partnership
from saferhub.policy import is_system_administrator, partnership_ids
from saferhub.register.views._common import show_service_errors

PER_PAGE = 50


def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    status = request.GET.get("status", CaseStatus.OPEN)
    if status not in CaseStatus.values:
        status = CaseStatus.OPEN
    cases = (
        access.cases.visible(user, "view")
        .filter(status=status)
        .select_related("panel", "lead_organisation", "partnership")
        .order_by("-opened_at", "-pk")
    )
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {"page": page, "status": status, "statuses": CaseStatus})


def case_detail(request: HttpRequest, case_pk: int) -> HttpResponse:
    # Imported here: referrals build on cases, never the other way round at import time.
    from saferhub.referrals import access as referral_access
    from saferhub.referrals.views.pages import with_names

    user = request.user
    case = access.cases.get_for_user(user, "view", pk=case_pk)
    audit.record_view(actor=user, target=case, partnership=case.partnership)
    referrals = (
        referral_access.referrals.visible(user, "view")
        .filter(case=case)
        .select_related("referred_by_organisation")
        .prefetch_related("people")
        .order_by("referred_at")
    )
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "agencies": case.agencies.order_by("name"),
            "referrals": with_names(user, referrals),
        },
    )


def _runnable(user: Any) -> models.QuerySet[Partnership]:
    """Partnerships whose panels the user may set up: those they manage or administer."""
    runnable = partnership_access.partnerships.visible(user, "view").filter(archived_at__isnull=True)
    if is_system_administrator(user):
        return runnable.order_by("name")
    return runnable.filter(pk__in=partnership_ids(user, [Role.MANAGER, Role.ADMINISTRATOR])).order_by("name")


def panel_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    panels = (
        access.panels.visible(user, "change")
        .select_related("partnership")
        .annotate(
            open_cases=models.Count("cases", filter=models.Q(cases__status=CaseStatus.OPEN), distinct=True),
            pending=models.Count("referrals", filter=models.Q(referrals__status="pending"), distinct=True),
        )
        .order_by("partnership__name", "archived_at", "name")
    )
    return render(request, "cases/panel_list.html", {"panels": panels, "can_add": _runnable(user).exists()})


def panel_add(request: HttpRequest) -> HttpResponse:
    user = request.user
    choices = list(_runnable(user))
    if not choices:
        raise Http404
    form = PanelForm(request.POST if request.method == "POST" else None, partnerships=[(p.pk, p.name) for p in choices])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partnership = next((p for p in choices if p.pk == data.get("partnership")), choices[0])
        try:
            panel = services.panel_create(
                partnership=partnership,
                name=data["name"],
                kind=data["kind"],
                description=data["description"],
                by=user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s added") % {"name": panel.name})
            return redirect("cases:panels")
    return render(request, "cases/panel_form.html", {"form": form})


def panel_edit(request: HttpRequest, panel_pk: int) -> HttpResponse:
    user = request.user
    panel: Panel = access.panels.get_for_user(user, "change", pk=panel_pk)
    initial = {
        "name": panel.name,
        "kind": panel.kind,
        "description": panel.description,
        "archived": panel.archived_at is not None,
    }
    form = PanelForm(request.POST if request.method == "POST" else None, initial=initial, record=panel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.panel_update(
                panel=panel,
                by=user,
                name=data["name"],
                kind=data["kind"],
                description=data["description"],
                archived=data["archived"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s updated") % {"name": panel.name})
            return redirect("cases:panels")
    return render(request, "cases/panel_form.html", {"form": form, "panel": panel})
