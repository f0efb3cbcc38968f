"""The forms of the incident pages: one short question page each, plus the list filter and resolving an alert."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.incidents import screening
from saferhub.incidents.models import Category, Channel, InvolvementRole
from saferhub.lib.forms import GovukDateField, GovukForm
from saferhub.register.models import LocationKind
from saferhub.register.normalise import format_postcode


class PartnershipChoiceForm(GovukForm):
    partnership = forms.TypedChoiceField(
        label=_("Which partnership is this incident for?"), widget=forms.RadioSelect, coerce=int
    )

    def __init__(self, *args: Any, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].choices = [(p.pk, p.name) for p in partnerships]  # type: ignore[attr-defined]


class WhenForm(GovukForm):
    behaviour_from = GovukDateField(
        label=_("Date the behaviour happened (or began)"), help_text=_("For example, 27 3 2026")
    )
    behaviour_to = GovukDateField(
        label=_("Date the behaviour ended (optional)"),
        required=False,
        help_text=_("Leave empty if it happened on one day or is still going on"),
    )
    reported_on = GovukDateField(label=_("Date it was reported"))
    channel = forms.ChoiceField(label=_("How was it reported?"), choices=Channel.choices, widget=forms.RadioSelect)
    agency_reference = forms.CharField(label=_("Your agency's own reference (optional)"), max_length=60, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        began, ended, reported = data.get("behaviour_from"), data.get("behaviour_to"), data.get("reported_on")
        if began and began > today:
            self.add_error("behaviour_from", _("Date the behaviour happened must be today or in the past"))
        if ended and began and ended < began:
            self.add_error("behaviour_to", _("Date the behaviour ended must be the same as or after the date it began"))
        elif ended and ended > today:
            self.add_error("behaviour_to", _("Date the behaviour ended must be today or in the past"))
        if reported and reported > today:
            self.add_error("reported_on", _("Date it was reported must be today or in the past"))
        elif reported and began and reported < began:
            self.add_error(
                "reported_on", _("Date it was reported must be the same as or after the date the behaviour happened")
            )
        return data


class WhatForm(GovukForm):
    category = forms.ChoiceField(
        label=_("What kind of incident was it?"), choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe the behaviour in the words of the person reporting it, if you can"),
    )


class TypeForm(GovukForm):
    incident_type = forms.TypedChoiceField(label=_("Type of incident"), coerce=int)

    def __init__(self, *args: Any, types: Any, is_crime: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["incident_type"]
        if is_crime:
            field.label = _("Crime type")
        field.choices = [("", _("Select a type"))] + [(t.pk, t.name) for t in types]  # type: ignore[attr-defined]


class PlaceChoiceForm(GovukForm):
    place = forms.ChoiceField(label=_("Where did it happen?"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [  # type: ignore[attr-defined]
            *[(str(p.pk), _place_label(p)) for p in places],
            ("new", _("Somewhere not listed: describe a new place")),
            ("none", _("No fixed place, or not known")),
        ]


def _place_label(place: Any) -> str:
    parts = [place.name, place.address_line_1, place.town, place.postcode]
    return ", ".join(part for part in parts if part) or str(place.description)[:80] or f"#{place.pk}"


class NewPlaceForm(GovukForm):
    kind = forms.ChoiceField(
        label=_("What kind of place is it?"), choices=LocationKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Name of the place (optional for an address)"), max_length=200, required=False)
    address_line_1 = forms.CharField(label=_("Address line 1"), max_length=200, required=False)
    postcode = forms.CharField(
        label=_("Postcode"), max_length=10, required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    description = forms.CharField(
        label=_("Description of the place (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        postcode = data.get("postcode", "").strip()
        if postcode:
            try:
                data["postcode"] = format_postcode(postcode)
            except ValueError as error:
                self.add_error("postcode", str(error))
        if data.get("kind") == LocationKind.ADDRESS:
            if not data.get("address_line_1", "").strip():
                self.add_error("address_line_1", _("Enter address line 1, typically the building and street"))
            if not postcode:
                self.add_error("postcode", _("Enter a postcode"))
        elif data.get("kind") and not (data.get("name", "").strip() or data.get("description", "").strip()):
            self.add_error("name", _("Enter the name of the place or describe where it is"))
        return data


ROLE_CHOICES = InvolvementRole.choices


class PersonSearchForm(GovukForm):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    date_of_birth = GovukDateField(label=_("Date of birth (optional)"), required=False)


class ExistingPersonForm(GovukForm):
    person = forms.TypedChoiceField(label=_("Select the person"), widget=forms.RadioSelect, coerce=int)
    role = forms.ChoiceField(label=_("Their part in the incident"), choices=ROLE_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, person_label(p)) for p in people]  # type: ignore[attr-defined]


def person_label(person: Any) -> str:
    born = f" ({_('born')} {person.date_of_birth:%d %B %Y})" if person.date_of_birth else ""
    return f"{person.display_name}{born}"


class NewPersonForm(GovukForm):
    given_name = forms.CharField(label=_("First name"), max_length=100)
    family_name = forms.CharField(label=_("Last name"), max_length=100)
    date_of_birth = GovukDateField(label=_("Date of birth (optional)"), required=False)
    role = forms.ChoiceField(label=_("Their part in the incident"), choices=ROLE_CHOICES, widget=forms.RadioSelect)

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data.get("date_of_birth")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("Date of birth must be in the past"))
        return born


class DuplicateChoiceForm(GovukForm):
    duplicate = forms.ChoiceField(
        label=_("Is this one of the people already on the register?"), widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, duplicates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].choices = [  # type: ignore[attr-defined]
            *[(str(d.record.pk), f"{person_label(d.record)}: {d.why}") for d in duplicates],
            ("new", _("No, add them as a new person")),
        ]


class ScreeningForm(GovukForm):
    answers = forms.MultipleChoiceField(
        label=_("Select each that applies to the victim"),
        choices=[(q.code, q.text) for q in screening.QUESTIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ListFilterForm(GovukForm):
    agencies = forms.ChoiceField(
        label=_("Show incidents recorded by"),
        choices=[("own", _("Your agency")), ("all", _("All agencies"))],
        widget=forms.RadioSelect(attrs={"inline": True}),
        required=False,
    )


class ResolveForm(GovukForm):
    resolution = forms.CharField(
        label=_("What was done?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example, explained the Case Review to them on the phone on 3 March"),
    )
