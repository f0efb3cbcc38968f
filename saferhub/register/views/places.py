"""Places of the register: adding, one place with its incidents and residents, editing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub import audit
from saferhub.lib.forms import posted
from saferhub.register import access, services
from saferhub.register.forms import LOCATION_VALUES, LocationForm
from saferhub.register.models import Location
from saferhub.register.selectors import possible_duplicate_locations
from saferhub.register.views._common import (
    LOCATION_TIMELINE,
    TimelineEntry,
    adding_context,
    chosen_partnership,
    from_other_apps,
    incident_title,
    incident_url,
    show_service_errors,
    visible_incidents,
)


def location_add(request: HttpRequest) -> HttpResponse:
    user = request.user
    choices, organisation = adding_context(user)
    form = LocationForm(posted(request), partnerships=choices)
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        partnership = chosen_partnership(form, choices)
        values = form.values()
        key = form.duplicate_key()
        if form.cleaned_data.get("checked") != key:
            duplicates = possible_duplicate_locations(
                user,
                partnership=partnership,
                postcode=values["postcode"],
                address_line_1=values["address_line_1"],
                uprn=values["uprn"],
            )
        if duplicates:
            form.data = form.data.copy()
            form.data["checked"] = key
        else:
            try:
                location = services.location_create(
                    partnership=partnership, organisation=organisation, by=user, **values
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("%(place)s added to the register") % {"place": location})
                return redirect("register:place", location_pk=location.pk)
    return render(request, "register/location_form.html", {"form": form, "duplicates": duplicates})


def _timeline(user: Any, location: Location) -> list[TimelineEntry]:
    """Incidents the user may see that happened at the place, and what other apps link to it."""
    entries = [
        TimelineEntry(
            when=incident.reported_on,
            title=incident_title(incident),
            byline=_("Recorded by %(agency)s") % {"agency": incident.recorded_by_organisation.name},
            description=_("Reported on %(date)s") % {"date": f"{incident.reported_on:%-d %B %Y}"},
            url=incident_url(incident),
            link_text=_("View incident"),
        )
        for incident in visible_incidents(user).filter(location=location).order_by("-reported_on", "-pk")
    ]
    entries.extend(from_other_apps(LOCATION_TIMELINE, user, location))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def location_detail(request: HttpRequest, location_pk: int) -> HttpResponse:
    user = request.user
    location = access.locations.get_for_user(user, "view", pk=location_pk)
    audit.record_view(actor=user, target=location, partnership=location.partnership)
    current = location.merged_into_id is None
    merged_into = None
    if location.merged_into_id is not None:
        merged_into = access.locations.visible(user, "view").filter(pk=location.merged_into_id).first()
    return render(
        request,
        "register/location_detail.html",
        {
            "location": location,
            "merged_into": merged_into,
            "residents": access.people.visible(user, "view").filter(home=location, merged_into__isnull=True),
            "timeline": _timeline(user, location),
            "can_change": current and access.locations.can(user, "change", location),
            "can_merge": current and access.locations.can(user, "merge", location),
        },
    )


def location_edit(request: HttpRequest, location_pk: int) -> HttpResponse:
    user = request.user
    location = access.locations.get_for_user(user, "change", pk=location_pk, merged_into__isnull=True)
    initial = {name: getattr(location, name) for name in LOCATION_VALUES}
    form = LocationForm(posted(request), initial=initial, record=location)
    if request.method == "POST" and form.is_valid():
        try:
            services.location_update(location=location, by=user, **form.values())
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Details of %(place)s updated") % {"place": location})
            return redirect("register:place", location_pk=location.pk)
    return render(request, "register/location_form.html", {"form": form, "location": location})
