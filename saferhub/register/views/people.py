"""People (and businesses and groups) of the register: adding, one record with its timeline, editing, other names."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from saferhub import audit
from saferhub.incidents.models import Involvement
from saferhub.lib.forms import posted
from saferhub.register import access, services
from saferhub.register.forms import AliasForm, PersonForm
from saferhub.register.models import Person, SafetyFlag, SubjectKind
from saferhub.register.selectors import possible_duplicate_people
from saferhub.register.views._common import (
    PERSON_TIMELINE,
    TimelineEntry,
    adding_context,
    chosen_partnership,
    from_other_apps,
    incident_title,
    incident_url,
    show_service_errors,
    visible_incidents,
)


def person_add(request: HttpRequest) -> HttpResponse:
    user = request.user
    choices, organisation = adding_context(user)
    form = PersonForm(posted(request), partnerships=choices, initial={"kind": SubjectKind.PERSON})
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        partnership = chosen_partnership(form, choices)
        values = form.values()
        key = form.duplicate_key()
        if form.cleaned_data.get("checked") != key:
            named = values["kind"] == SubjectKind.PERSON
            duplicates = possible_duplicate_people(
                user,
                partnership=partnership,
                given_name=values["given_name"] if named else "",
                family_name=values["family_name"] if named else "",
                date_of_birth=values["date_of_birth"] if named else None,
                organisation_name="" if named else values["organisation_name"],
            )
        if duplicates:
            # Ask first; the same names and date of birth posted again mean "none of these".
            form.data = form.data.copy()
            form.data["checked"] = key
        else:
            try:
                person = services.person_create(partnership=partnership, organisation=organisation, by=user, **values)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("%(name)s added to the register") % {"name": person.display_name})
                return redirect("register:person", person_pk=person.pk)
    return render(request, "register/person_form.html", {"form": form, "duplicates": duplicates})


def _timeline(user: Any, person: Person) -> list[TimelineEntry]:
    """Incidents the user may see that involve the person, and records merged into this one."""
    entries = []
    involvements = (
        Involvement.objects.filter(person=person, incident__in=visible_incidents(user).values("pk"))
        .select_related("incident__incident_type", "incident__recorded_by_organisation")
        .order_by("-incident__reported_on", "-incident__pk")
    )
    for involvement in involvements:
        incident = involvement.incident
        entries.append(
            TimelineEntry(
                when=incident.reported_on,
                title=incident_title(incident),
                byline=_("Recorded by %(agency)s") % {"agency": incident.recorded_by_organisation.name},
                description=_("%(role)s. Reported on %(date)s")
                % {"role": involvement.get_role_display(), "date": f"{incident.reported_on:%-d %B %Y}"},
                url=incident_url(incident),
                link_text=_("View incident"),
            )
        )
    for merged in access.people.visible(user, "view").filter(merged_into=person).order_by("-archived_at"):
        when = merged.archived_at or merged.created_at
        entries.append(
            TimelineEntry(
                when=when.date(),
                title=_("Duplicate record merged into this one"),
                byline=_("Record %(number)s") % {"number": merged.pk},
                description=merged.display_name,
                url=reverse("register:person", args=[merged.pk]),
                link_text=_("View the merged record"),
            )
        )
    entries.extend(from_other_apps(PERSON_TIMELINE, user, person))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def person_detail(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = request.user
    person = access.people.get_for_user(user, "view", pk=person_pk)
    audit.record_view(actor=user, target=person, partnership=person.partnership)
    current = person.merged_into_id is None
    merged_into = None
    if person.merged_into_id is not None:
        merged_into = access.people.visible(user, "view").filter(pk=person.merged_into_id).first()
    return render(
        request,
        "register/person_detail.html",
        {
            "person": person,
            "merged_into": merged_into,
            "aliases": person.aliases.order_by("name"),
            "safety_flags": _flag_labels(person.safety_flags),
            "timeline": _timeline(user, person),
            "alerts": _open_alerts(user, person),
            "can_change": current and access.people.can(user, "change", person),
            "can_merge": current and access.people.can(user, "merge", person),
        },
    )


def _open_alerts(user: Any, person: Person) -> list[Any]:
    """The person's unresolved repeat-victim alerts that the user may see (the alerts' own policy)."""
    from saferhub.incidents.access import victim_alerts

    return list(
        victim_alerts.visible(user, "view").filter(person=person, resolved_at__isnull=True).order_by("-raised_at")
    )


def _flag_labels(flags: list[str]) -> list[str]:
    labels = dict(SafetyFlag.choices)
    return [str(labels.get(flag, flag)) for flag in flags]


def person_edit(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = request.user
    person = access.people.get_for_user(user, "change", pk=person_pk, merged_into__isnull=True)
    form = PersonForm(posted(request), initial=PersonForm.initial_from(person), record=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, by=user, **form.values())
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s’s details updated") % {"name": person.display_name})
            return redirect("register:person", person_pk=person.pk)
    return render(request, "register/person_form.html", {"form": form, "person": person})


def person_alias_add(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = request.user
    person = access.people.get_for_user(user, "change", pk=person_pk, merged_into__isnull=True)
    form = AliasForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            alias = services.person_add_alias(person=person, name=form.cleaned_data["name"], by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Other name ‘%(name)s’ added") % {"name": alias.name})
            return redirect("register:person", person_pk=person.pk)
    return render(request, "register/alias_form.html", {"form": form, "person": person})
