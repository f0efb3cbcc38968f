"""Forms of the register pages. They only collect and check the shape of values; services check the rest.

A service's ``ValidationError({field: message})`` is put back onto the form's field of the same name
(see ``views._common.show_service_errors``), so field names here match the services' keywords.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from saferhub.lib.forms import GovukDateField, GovukForm
from saferhub.partnerships.models import Partnership
from saferhub.register.models import ContactMethod, LocationKind, Person, SafetyFlag, SubjectKind

# The person's own details, as the services take them (``home`` is chosen elsewhere).
PERSON_VALUES = (
    "kind",
    "given_name",
    "family_name",
    "organisation_name",
    "date_of_birth",
    "approximate_age",
    "phone",
    "email",
    "preferred_contact",
    "language",
    "interpreter_needed",
    "safety_flags",
)
LOCATION_VALUES = ("kind", "name", "address_line_1", "address_line_2", "town", "postcode", "description", "uprn")


def checked_key(*parts: Any) -> str:
    """A short fingerprint of what the duplicate check looked at, so changing it asks again."""
    return hashlib.sha256("|".join(str(p).strip().lower() for p in parts).encode()).hexdigest()[:16]


class RegisterSearchForm(GovukForm):
    text = forms.CharField(label=_("Name or address"), required=False, max_length=200)
    date_of_birth = GovukDateField(
        label=_("Date of birth"), required=False, help_text=_("For example, 27 3 1985. Searches people only")
    )
    postcode = forms.CharField(
        label=_("Postcode"), required=False, max_length=10, help_text=_("A full postcode, or its first half, like CM7")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["postcode"].widget.attrs["class"] += " govuk-input--width-10"


class PartnershipChoiceMixin(forms.Form):
    """Asks which partnership the record belongs to, only when the user works in more than one."""

    def add_partnership_choice(self, partnerships: models.QuerySet[Partnership] | None) -> None:
        if partnerships is not None and partnerships.count() > 1:
            self.fields = {
                "partnership": forms.ModelChoiceField(
                    label=_("Partnership"),
                    queryset=partnerships,
                    widget=forms.RadioSelect,
                    empty_label=None,
                    error_messages={"required": _("Select the partnership")},
                ),
                **self.fields,
            }


class PersonForm(PartnershipChoiceMixin, GovukForm):
    kind = forms.ChoiceField(
        label=_("Is this a person, a business or a community group?"),
        choices=SubjectKind.choices,
        widget=forms.RadioSelect,
    )
    given_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    family_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    organisation_name = forms.CharField(
        label=_("Name of the business or group"),
        required=False,
        max_length=200,
        help_text=_("Only for a business or community group"),
    )
    date_of_birth = GovukDateField(label=_("Date of birth"), required=False, help_text=_("For example, 27 3 1985"))
    approximate_age = forms.IntegerField(
        label=_("Approximate age"),
        required=False,
        help_text=_("If you do not know their date of birth"),
        error_messages={"invalid": _("Approximate age must be a whole number, like 35")},
    )
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    email = forms.CharField(label=_("Email address"), required=False, max_length=254)
    preferred_contact = forms.ChoiceField(
        label=_("Preferred way to be contacted"),
        required=False,
        choices=[("", _("No preference")), *ContactMethod.choices],
        widget=forms.RadioSelect,
    )
    language = forms.CharField(label=_("Preferred language"), required=False, max_length=60)
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    safety_flags = forms.MultipleChoiceField(
        label=_("Safety flags"),
        required=False,
        choices=SafetyFlag.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply. Everyone who sees this record sees these warnings"),
    )
    # Set by the "Is this one of these people?" step: the names and date of birth already checked.
    checked = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnerships: models.QuerySet[Partnership] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approximate_age"].widget.attrs["class"] = "govuk-input govuk-input--width-3"
        self.add_partnership_choice(partnerships)

    def values(self) -> dict[str, Any]:
        """The cleaned values as the services take them."""
        data = self.cleaned_data
        values = {name: data[name] for name in PERSON_VALUES if name in data}
        values["safety_flags"] = list(values.get("safety_flags") or [])
        return values

    def duplicate_key(self) -> str:
        data = self.cleaned_data
        return checked_key(
            data.get("kind"),
            data.get("given_name"),
            data.get("family_name"),
            data.get("organisation_name"),
            data.get("date_of_birth"),
            data.get("partnership") and data["partnership"].pk,
        )

    @staticmethod
    def initial_from(person: Person) -> dict[str, Any]:
        return {name: getattr(person, name) for name in PERSON_VALUES}


class AliasForm(GovukForm):
    name = forms.CharField(
        label=_("Other name"),
        max_length=200,
        help_text=_("A maiden name, a nickname or another spelling"),
    )


class LocationForm(PartnershipChoiceMixin, GovukForm):
    kind = forms.ChoiceField(
        label=_("What kind of place is it?"), choices=LocationKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("Name of the place"),
        required=False,
        max_length=200,
        help_text=_("For example, Coronation Park or The Swan"),
    )
    address_line_1 = forms.CharField(label=_("Address line 1"), required=False, max_length=200)
    address_line_2 = forms.CharField(label=_("Address line 2"), required=False, max_length=200)
    town = forms.CharField(label=_("Town or city"), required=False, max_length=100)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    description = forms.CharField(
        label=_("Description of the place"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a place without an address: where it is, so a colleague could find it"),
    )
    uprn = forms.CharField(
        label=_("UPRN (optional)"),
        required=False,
        max_length=12,
        help_text=_("The Unique Property Reference Number, if you know it"),
    )
    checked = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnerships: models.QuerySet[Partnership] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["postcode"].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["uprn"].widget.attrs["class"] += " govuk-input--width-10"
        self.add_partnership_choice(partnerships)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in LOCATION_VALUES if name in self.cleaned_data}

    def duplicate_key(self) -> str:
        data = self.cleaned_data
        return checked_key(
            data.get("address_line_1"),
            data.get("postcode"),
            data.get("uprn"),
            data.get("partnership") and data["partnership"].pk,
        )


if TYPE_CHECKING:
    _ModelChoiceField = forms.ModelChoiceField[Any]
else:
    _ModelChoiceField = forms.ModelChoiceField


class DuplicateChoiceField(_ModelChoiceField):
    """Each suggested record labelled with its number and why it was suggested."""

    why: dict[int, str]

    def label_from_instance(self, obj: Any) -> str:
        reason = getattr(self, "why", {}).get(obj.pk, "")
        label = _("%(record)s (record %(number)s)") % {"record": obj, "number": obj.pk}
        return f"{label}: {reason}" if reason else str(label)


class MergeChoiceForm(GovukForm):
    """Which record is the duplicate: one of the suggested ones, or any by its record number."""

    duplicate = DuplicateChoiceField(
        label=_("Which record is the same?"), queryset=None, required=False, widget=forms.RadioSelect
    )
    record_number = forms.IntegerField(
        label=_("Or enter its record number"),
        required=False,
        min_value=1,
        help_text=_("The number shown on the record's page"),
        error_messages={"invalid": _("Record number must be a whole number, like 1234")},
    )

    def __init__(
        self,
        *args: Any,
        suggested: models.QuerySet[Any],
        mergeable: models.QuerySet[Any],
        noun: str,
        why: dict[int, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.mergeable = mergeable
        self.noun = noun
        choice = cast(DuplicateChoiceField, self.fields["duplicate"])
        choice.queryset = suggested
        choice.why = why or {}
        self.fields["record_number"].widget.attrs["class"] = "govuk-input govuk-input--width-10"
        if not suggested.exists():
            del self.fields["duplicate"]
            self.fields["record_number"].label = _("Record number of the duplicate")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("duplicate")
        number = data.get("record_number")
        if chosen is None and number is not None:
            chosen = self.mergeable.filter(pk=number).first()
            if chosen is None:
                # Says nothing about whether such a record exists elsewhere.
                self.add_error(
                    "record_number",
                    _("Enter the number of a current %(noun)s record you may merge") % {"noun": self.noun},
                )
        elif chosen is None and not self.errors:
            field = "duplicate" if "duplicate" in self.fields else "record_number"
            self.add_error(field, _("Select the duplicate, or enter its record number"))
        data["chosen"] = chosen
        return data
