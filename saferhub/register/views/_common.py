"""Small helpers shared by the register's views."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from saferhub.incidents.access import incidents
from saferhub.incidents.models import Incident
from saferhub.partnerships import access as partnership_access
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids
from saferhub.register.access import CASEWORK_ROLES


def casework_partnerships(user: Any) -> models.QuerySet[Partnership]:
    """Partnerships in which the user may add people and places (a casework role there)."""
    return (
        partnership_access.partnerships.visible(user, "view")
        .filter(pk__in=partnership_ids(user, CASEWORK_ROLES), archived_at__isnull=True)
        .order_by("name")
    )


def adding_context(user: Any) -> tuple[models.QuerySet[Partnership], Any]:
    """(the partnerships the user may add to, their organisation); 404 when they may add nowhere."""
    choices = casework_partnerships(user)
    organisation = getattr(user, "organisation", None)
    if organisation is None or not choices.exists():
        raise Http404
    return choices, organisation


def chosen_partnership(form: forms.Form, choices: models.QuerySet[Partnership]) -> Partnership:
    """The partnership picked on the form, or the only one the user works in."""
    return form.cleaned_data.get("partnership") or choices.get()


def show_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put each message of a service's ValidationError onto the form field of the same name."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def incident_url(incident: Incident) -> str:
    """The incident's page, once the incidents app has one; "" until then."""
    try:
        return reverse("incidents:incident", args=[incident.pk])
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class TimelineEntry:
    """One event on a record's timeline (an MOJ timeline item)."""

    when: datetime.date
    title: str
    byline: str
    description: str
    url: str = ""
    link_text: str = ""


# Other apps add what they link to a person or place (referrals, cases): each is a function of
# (user, record) giving the TimelineEntry rows of what that user may see, appended from AppConfig.ready.
PERSON_TIMELINE: list[Callable[[Any, Any], list[TimelineEntry]]] = []
LOCATION_TIMELINE: list[Callable[[Any, Any], list[TimelineEntry]]] = []


def from_other_apps(
    sources: list[Callable[[Any, Any], list[TimelineEntry]]], user: Any, record: Any
) -> list[TimelineEntry]:
    return [entry for source in sources for entry in source(user, record)]


def visible_incidents(user: Any) -> models.QuerySet[Incident]:
    """Incidents the user may see, with what a timeline shows about each."""
    return incidents.visible(user, "view").select_related("incident_type", "recorded_by_organisation")


def incident_title(incident: Incident) -> str:
    kind = incident.incident_type.name if incident.incident_type else incident.crime_type
    category = incident.get_category_display()
    return f"{category}: {kind}" if kind else str(category)
