"""The list of recent incidents, and one incident."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from saferhub import audit
from saferhub.accounts.models import Role
from saferhub.incidents import access, screening
from saferhub.incidents.forms import ListFilterForm
from saferhub.incidents.models import Involvement, InvolvementRole
from saferhub.incidents.views.alerts import alert_message
from saferhub.incidents.views.draft import recording_partnerships
from saferhub.policy import partnership_ids
from saferhub.register.access import locations

PER_PAGE = 50


def _person_url(person_pk: int) -> str:
    # The register's pages are built alongside these; link to them only once they exist.
    try:
        return reverse("register:person", args=[person_pk])
    except NoReverseMatch:
        return ""


def incident_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    manages = bool(partnership_ids(user, [Role.MANAGER]))
    filters = ListFilterForm(request.GET or None) if manages else None
    agencies = "own"
    if filters is not None and filters.is_valid() and filters.cleaned_data.get("agencies") == "all":
        agencies = "all"
    incidents = access.incidents.visible(user, "view")
    if agencies == "own":
        incidents = incidents.filter(recorded_by_organisation_id=user.organisation_id)
    incidents = (
        incidents.select_related("incident_type", "location", "recorded_by_organisation")
        .prefetch_related(
            Prefetch(
                "involvements",
                queryset=Involvement.objects.filter(role=InvolvementRole.VICTIM).select_related("person"),
                to_attr="victims",
            )
        )
        .order_by("-reported_on", "-pk")
    )
    page = Paginator(incidents, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "incidents/incident_list.html",
        {
            "page": page,
            "filters": filters,
            "agencies": agencies,
            "can_record": recording_partnerships(user).exists(),
        },
    )


def incident_detail(request: HttpRequest, incident_pk: int) -> HttpResponse:
    user = request.user
    incident = access.incidents.get_for_user(user, "view", pk=incident_pk)
    involvements = access.involvements.visible(user, "view").filter(incident=incident).select_related("person")
    people = [{"involvement": i, "url": _person_url(i.person_id)} for i in involvements]
    answers = incident.screening or {}
    alerts = (
        access.victim_alerts.visible(user, "view").filter(incident=incident).select_related("person").order_by("-pk")
    )
    audit.record_view(actor=user, target=incident)
    place_visible = incident.location is not None and locations.can(user, "view", incident.location)
    return render(
        request,
        "incidents/incident_detail.html",
        {
            "incident": incident,
            "people": people,
            "screening": [(q.text, bool(answers.get(q.code))) for q in screening.QUESTIONS] if answers else [],
            "linked": access.incidents.visible(user, "view").filter(pk__in=incident.linked_incidents.values("pk")),
            "alerts": [(alert, alert_message(alert)) for alert in alerts],
            # A referral starts from the people involved or the place that the user may see.
            "can_refer": bool(people) or place_visible,
        },
    )
