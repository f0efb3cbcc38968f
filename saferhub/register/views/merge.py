"""Merging duplicates (managers only): choose the duplicate, compare the two side by side, merge.

The record whose page the manager started from is kept; the duplicate is merged into it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from saferhub.lib.forms import GovukForm
from saferhub.register import access, merging
from saferhub.register.forms import MergeChoiceForm
from saferhub.register.models import Location, Person, SubjectKind
from saferhub.register.selectors import (
    locations_to_pick,
    people_to_pick,
    possible_duplicate_locations,
    possible_duplicate_people,
)


class MergeConfirmForm(GovukForm):
    duplicate = forms.IntegerField(widget=forms.HiddenInput)


def _person_rows(person: Person) -> list[tuple[str, str]]:
    return [
        (_("Record number"), str(person.pk)),
        (_("Kind"), str(person.get_kind_display())),
        (_("Name"), person.display_name),
        (_("Date of birth"), f"{person.date_of_birth:%-d %B %Y}" if person.date_of_birth else ""),
        (_("Approximate age"), "" if person.approximate_age is None else str(person.approximate_age)),
        (_("Phone number"), person.phone),
        (_("Email address"), person.email),
        (_("Home"), str(person.home) if person.home else ""),
        (_("Other names"), ", ".join(alias.name for alias in person.aliases.all())),
        (_("Recorded by"), person.recorded_by_organisation.name),
    ]


def _location_rows(location: Location) -> list[tuple[str, str]]:
    return [
        (_("Record number"), str(location.pk)),
        (_("Kind of place"), str(location.get_kind_display())),
        (_("Name of the place"), location.name),
        (_("Address"), ", ".join(p for p in (location.address_line_1, location.address_line_2, location.town) if p)),
        (_("Postcode"), location.postcode),
        (_("UPRN"), location.uprn),
        (_("Description"), location.description),
        (_("Recorded by"), location.recorded_by_organisation.name),
    ]


def _merge_page(
    request: HttpRequest,
    *,
    keep: Any,
    mergeable: models.QuerySet[Any],
    suggested: list[Any],
    noun: str,
    rows: Callable[[Any], list[tuple[str, str]]],
    merge: Callable[..., Any],
    back: str,
) -> HttpResponse:
    context: dict[str, Any] = {"keep": keep, "noun": noun, "back": back}
    why = {duplicate.record.pk: duplicate.why for duplicate in suggested}

    def choice_form(data: Any) -> MergeChoiceForm:
        suggested_records = mergeable.filter(pk__in=list(why))
        return MergeChoiceForm(data, suggested=suggested_records, mergeable=mergeable, noun=noun, why=why)

    chooser = choice_form(request.GET if ("duplicate" in request.GET or "record_number" in request.GET) else None)
    duplicate = None
    confirm = MergeConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if confirm.is_valid():
            duplicate = mergeable.filter(pk=confirm.cleaned_data["duplicate"]).first()
        if duplicate is None:
            # Not one this manager may merge here: ask again, saying nothing of what the number is.
            chooser = choice_form({})
            chooser.is_valid()
        else:
            try:
                merge(keep=keep, duplicate=duplicate, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    confirm.add_error(None, message)
            else:
                messages.success(request, _("Record %(number)s merged into this record") % {"number": duplicate.pk})
                return redirect(back)
    elif chooser.is_bound and chooser.is_valid():
        duplicate = chooser.cleaned_data["chosen"]
        confirm = MergeConfirmForm(initial={"duplicate": duplicate.pk})
    if duplicate is None:
        return render(request, "register/merge_choose.html", {**context, "form": chooser})
    comparison = [
        (label, kept, other) for (label, kept), (_label, other) in zip(rows(keep), rows(duplicate), strict=True)
    ]
    return render(
        request,
        "register/merge_confirm.html",
        {**context, "form": confirm, "duplicate": duplicate, "comparison": comparison},
    )


def person_merge(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = request.user
    person = access.people.get_for_user(user, "merge", pk=person_pk, merged_into__isnull=True, archived_at__isnull=True)
    named = person.kind == SubjectKind.PERSON
    suggested = possible_duplicate_people(
        user,
        partnership=person.partnership,
        given_name=person.given_name if named else "",
        family_name=person.family_name if named else "",
        date_of_birth=person.date_of_birth if named else None,
        organisation_name="" if named else person.organisation_name,
        exclude_pk=person.pk,
    )
    mergeable = (
        people_to_pick(user, "merge")
        .filter(partnership=person.partnership)
        .exclude(pk=person.pk)
        .select_related("home", "recorded_by_organisation")
        .prefetch_related("aliases")
    )
    return _merge_page(
        request,
        keep=person,
        mergeable=mergeable,
        suggested=suggested,
        noun=_("person"),
        rows=_person_rows,
        merge=merging.person_merge,
        back=reverse("register:person", args=[person.pk]),
    )


def location_merge(request: HttpRequest, location_pk: int) -> HttpResponse:
    user = request.user
    location = access.locations.get_for_user(
        user, "merge", pk=location_pk, merged_into__isnull=True, archived_at__isnull=True
    )
    suggested = possible_duplicate_locations(
        user,
        partnership=location.partnership,
        postcode=location.postcode,
        address_line_1=location.address_line_1,
        uprn=location.uprn,
        exclude_pk=location.pk,
    )
    mergeable = (
        locations_to_pick(user, "merge")
        .filter(partnership=location.partnership)
        .exclude(pk=location.pk)
        .select_related("recorded_by_organisation")
    )
    return _merge_page(
        request,
        keep=location,
        mergeable=mergeable,
        suggested=suggested,
        noun=_("place"),
        rows=_location_rows,
        merge=merging.location_merge,
        back=reverse("register:place", args=[location.pk]),
    )
