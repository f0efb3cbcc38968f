"""Forms of the partnership administration pages. They only collect and check values; services write.

Edit forms are given a copy of the record (see ``views._common.detached``): a ModelForm sets its
instance's fields while it validates, and the service must still see the old values to audit them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from saferhub.lib.forms import GovukDateField, GovukForm, GovukModelForm
from saferhub.partnerships.models import (
    Area,
    DataCategory,
    InformationSharingAgreement,
    LocalAuthority,
    Organisation,
    OrganisationKind,
    Partnership,
    SharingPurpose,
)

SLUG_HELP = _("Lower-case letters, numbers and hyphens, used in links. For example, braintree")
SLUG_INVALID = _("The short name for links must only include lower-case letters, numbers and hyphens")
ONS_CODE = re.compile(r"^[A-Z][0-9]{8}$")
EMAIL_DOMAIN = RegexValidator(
    r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
    _("Enter an email domain like essex.police.uk, without the @ or anything before it"),
)


# Choosing among records that depend on another choice of the same form (local authorities of the
# chosen area, parties among the chosen partnership's members). Without JavaScript the page cannot
# filter the checkboxes as the user picks, so the form offers the scope's records plus whatever was
# posted, then says by name which of those do not belong.


def _chosen(data: Any, initial: Mapping[str, Any] | None, name: str, queryset: models.QuerySet[Any]) -> Any:
    """The record that field ``name`` names in the posted data (else the initial value), if it is in ``queryset``."""
    value = data.get(name) if data is not None else (initial or {}).get(name)
    if isinstance(value, models.Model):
        value = value.pk
    if value in (None, ""):
        return None
    try:
        return queryset.get(pk=value)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        return None


def _posted_ids(form: forms.BaseForm, name: str) -> list[int]:
    if not form.is_bound:
        return []
    key = form.add_prefix(name)
    values = form.data.getlist(key) if hasattr(form.data, "getlist") else form.data.get(key) or []
    return [int(v) for v in values if str(v).isdigit()]


def _names(records: list[Any]) -> str:
    return ", ".join(str(getattr(r, "name", r)) for r in records)


# Areas and local authorities


class AreaForm(GovukModelForm):
    class Meta:
        model = Area
        fields = ["name", "slug", "police_force"]
        help_texts = {"slug": SLUG_HELP}
        error_messages = {
            "name": {
                "required": _("Enter the name of the area"),
                "unique": _("There is already an area with this name"),
            },
            "slug": {
                "required": _("Enter a short name for links"),
                "invalid": SLUG_INVALID,
                "unique": _("Another area already uses this short name for links: choose a different one"),
            },
        }


class LocalAuthorityForm(GovukModelForm):
    class Meta:
        model = LocalAuthority
        fields = ["ons_code", "name"]
        help_texts = {"ons_code": _("A letter and 8 numbers. For example, E07000067 for Braintree")}
        error_messages = {
            "ons_code": {"required": _("Enter the ONS code")},
            "name": {"required": _("Enter the name of the local authority")},
        }

    def clean_ons_code(self) -> str:
        code = self.cleaned_data["ons_code"].replace(" ", "").upper()
        if not ONS_CODE.match(code):
            raise ValidationError(_("Enter the ONS code as a letter and 8 numbers, for example E07000067"))
        taken = LocalAuthority.objects.filter(ons_code=code).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise ValidationError(
                _("%(code)s is already the ONS code of %(name)s. Check the code") % {"code": code, "name": taken.name}
            )
        return code


# Partnerships and memberships


class AreaChoiceForm(GovukForm):
    """First step of adding a partnership: its area decides which local authorities it may cover."""

    area = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        to_field_name="slug",
        label=_("Which area is the partnership in?"),
        empty_label=_("Choose an area"),
        error_messages={
            "required": _("Select the area the partnership is in"),
            "invalid_choice": _("Select an area from the list"),
        },
    )

    def __init__(self, *args: Any, areas: models.QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


def _authorities_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=LocalAuthority.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Local authorities it covers"),
        error_messages={
            "required": _("Select at least one local authority the partnership covers"),
            "invalid_choice": _("Select only local authorities listed here"),
            "invalid_pk_value": _("Select only local authorities listed here"),
        },
    )


PARTNERSHIP_ERRORS = {
    "name": {
        "required": _("Enter the name of the partnership"),
        "unique": _("There is already a partnership with this name"),
    },
    "slug": {
        "required": _("Enter a short name for links"),
        "invalid": SLUG_INVALID,
        "unique": _("Another partnership already uses this short name for links: choose a different one"),
    },
    "contact_email": {"invalid": _("Enter an email address in the correct format, like csp@braintree.gov.uk")},
}


class PartnershipForm(GovukModelForm):
    """A new partnership: its area, and local authorities of that area."""

    local_authorities = _authorities_field()

    class Meta:
        model = Partnership
        fields = ["name", "slug", "area", "local_authorities", "contact_email"]
        help_texts = {"slug": SLUG_HELP}
        error_messages = {
            **PARTNERSHIP_ERRORS,
            "area": {
                "required": _("Select the area the partnership is in"),
                "invalid_choice": _("Select an area from the list"),
            },
        }

    def __init__(self, *args: Any, areas: models.QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        area_field.queryset = areas  # type: ignore[attr-defined]
        area_field.empty_label = _("Choose an area")  # type: ignore[attr-defined]
        self.area = _chosen(self.data if self.is_bound else None, self.initial, "area", areas)
        in_scope = models.Q(area=self.area) if self.area is not None else models.Q(pk__in=[])
        self.fields["local_authorities"].queryset = (  # type: ignore[attr-defined]
            LocalAuthority.objects.filter(in_scope | models.Q(pk__in=_posted_ids(self, "local_authorities")))
            .select_related("area")
            .order_by("name")
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        area = cleaned.get("area")
        chosen = cleaned.get("local_authorities")
        if area is not None and chosen:
            elsewhere = [a for a in chosen if a.area_id != area.pk]
            if elsewhere:
                message = ngettext(
                    "%(names)s is not in %(area)s: select only local authorities of %(area)s",
                    "%(names)s are not in %(area)s: select only local authorities of %(area)s",
                    len(elsewhere),
                )
                self.add_error("local_authorities", message % {"names": _names(elsewhere), "area": area.name})
        return cleaned


class PartnershipEditForm(GovukModelForm):
    """A partnership's details. Its area stays: everything in it is recorded against that area."""

    local_authorities = _authorities_field()

    class Meta:
        model = Partnership
        fields = ["name", "slug", "local_authorities", "contact_email"]
        help_texts = {"slug": SLUG_HELP}
        error_messages = PARTNERSHIP_ERRORS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnership = self.instance
        self.fields["local_authorities"].queryset = (  # type: ignore[attr-defined]
            LocalAuthority.objects.filter(
                models.Q(area_id=partnership.area_id) | models.Q(pk__in=partnership.local_authorities.all())
            )
            .select_related("area")
            .order_by("name")
        )


class MembershipAddForm(GovukForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organisation"),
        empty_label=_("Choose an organisation"),
        error_messages={
            "required": _("Select the organisation that is joining"),
            "invalid_choice": _("Select an organisation from the list"),
        },
    )
    joined_on = GovukDateField(
        label=_("Date it joined"), required=False, help_text=_("Leave blank for today. For example, 1 4 2025")
    )

    def __init__(self, *args: Any, organisations: models.QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


# Organisations


ORGANISATION_ERRORS = {
    "name": {"required": _("Enter the name of the organisation")},
}


class OrganisationEditForm(GovukModelForm):
    kind = forms.ChoiceField(
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        label=_("Kind of organisation"),
        error_messages={"required": _("Select the kind of organisation")},
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "email_domain"]
        error_messages = ORGANISATION_ERRORS

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _(
                    "There is already an organisation called %(name)s. If it is the same organisation, "
                    "add it to the partnership as a member instead"
                )
                % {"name": name}
            )
        return name

    def clean_email_domain(self) -> str:
        domain = self.cleaned_data["email_domain"].strip().lower().lstrip("@")
        if domain:
            EMAIL_DOMAIN(domain)
        return domain


class OrganisationForm(OrganisationEditForm):
    """A new organisation; an administrator adds it straight to one of their partnerships."""

    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        label=_("Partnership it joins"),
        error_messages={
            "required": _("Select the partnership the organisation joins"),
            "invalid_choice": _("Select a partnership from the list"),
        },
    )

    class Meta(OrganisationEditForm.Meta):
        fields = ["name", "kind", "email_domain", "partnership"]

    def __init__(self, *args: Any, partnerships: models.QuerySet[Partnership], optional: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        field.queryset = partnerships  # type: ignore[attr-defined]
        field.required = not optional
        field.empty_label = (  # type: ignore[attr-defined]
            _("None: do not add it to a partnership yet") if optional else _("Choose a partnership")
        )


# Information sharing agreements


def _checkboxes(choices: Any, label: Any, required_message: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        error_messages={"required": required_message},
    )


class PartnershipChoiceForm(GovukForm):
    """First step of adding an agreement: its partnership decides which organisations may be parties."""

    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        to_field_name="slug",
        label=_("Which partnership is the agreement for?"),
        empty_label=_("Choose a partnership"),
        error_messages={
            "required": _("Select the partnership the agreement is for"),
            "invalid_choice": _("Select a partnership from the list"),
        },
    )

    def __init__(self, *args: Any, partnerships: models.QuerySet[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships  # type: ignore[attr-defined]


class AgreementEditForm(GovukModelForm):
    """An agreement's terms. Parties are the partnership's current members (and any parties it already has)."""

    parties = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Organisations that are party to it"),
        error_messages={
            "required": _("Select the organisations that are party to the agreement"),
            "invalid_choice": _("Select only organisations listed here"),
            "invalid_pk_value": _("Select only organisations listed here"),
        },
    )
    purposes = _checkboxes(
        SharingPurpose.choices, _("Purposes of sharing"), _("Select at least one purpose of sharing")
    )
    data_categories = _checkboxes(
        DataCategory.choices, _("Categories of data shared"), _("Select at least one category of data")
    )
    signed_on = GovukDateField(label=_("Date signed"), required=False, help_text=_("For example, 1 4 2025"))
    review_due_on = GovukDateField(
        label=_("Review date"),
        help_text=_("For example, 31 3 2027"),
        error_messages={"required": _("Enter the review date")},
    )

    class Meta:
        model = InformationSharingAgreement
        fields = ["title", "parties", "purposes", "data_categories", "lawful_basis", "signed_on", "review_due_on"]
        labels = {"lawful_basis": _("Lawful basis")}
        help_texts = {
            "lawful_basis": _(
                "The legal powers and UK GDPR conditions it relies on. For example, section 115 of the "
                "Crime and Disorder Act 1998 and Article 6(1)(e) UK GDPR"
            )
        }
        error_messages = {
            "title": {"required": _("Enter the title of the agreement")},
        }

    def __init__(
        self,
        *args: Any,
        members: models.QuerySet[Organisation],
        organisations: models.QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        """``members`` may be parties; ``organisations`` are all the user may see, so that one posted from
        outside the members is named in the error, while one the user may not see stays unnamed."""
        super().__init__(*args, **kwargs)
        self.fields["lawful_basis"].required = True
        self.fields["lawful_basis"].error_messages["required"] = _("Enter the lawful basis for sharing")
        self.members = members
        existing = self.instance.parties.all() if self.instance.pk else Organisation.objects.none()
        self.fields["parties"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            models.Q(pk__in=members.values("pk"))
            | models.Q(pk__in=existing.values("pk"))
            | models.Q(pk__in=organisations.filter(pk__in=_posted_ids(self, "parties")).values("pk"))
        ).order_by("name")

    def allowed_parties(self) -> set[int]:
        existing = set(self.instance.parties.values_list("pk", flat=True)) if self.instance.pk else set()
        return set(self.members.values_list("pk", flat=True)) | existing

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        parties = cleaned.get("parties")
        if parties:
            allowed = self.allowed_parties()
            outsiders = [p for p in parties if p.pk not in allowed]
            if outsiders:
                message = ngettext(
                    "%(names)s is not a member of the partnership: select only its members",
                    "%(names)s are not members of the partnership: select only its members",
                    len(outsiders),
                )
                self.add_error("parties", message % {"names": _names(outsiders)})
        signed: datetime.date | None = cleaned.get("signed_on")
        review: datetime.date | None = cleaned.get("review_due_on")
        if signed and review and review <= signed:
            self.add_error("review_due_on", _("The review date must be after the date the agreement was signed"))
        return cleaned


class AgreementForm(AgreementEditForm):
    """A new agreement, for one of the partnerships the user may change."""

    class Meta(AgreementEditForm.Meta):
        fields = ["partnership", *AgreementEditForm.Meta.fields]
        labels = {**AgreementEditForm.Meta.labels, "partnership": _("Partnership")}
        error_messages = {
            **AgreementEditForm.Meta.error_messages,
            "partnership": {
                "required": _("Select the partnership the agreement is for"),
                "invalid_choice": _("Select a partnership from the list"),
            },
        }

    def __init__(
        self,
        *args: Any,
        partnerships: models.QuerySet[Partnership],
        members_of: Callable[[Partnership], models.QuerySet[Organisation]],
        organisations: models.QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        # The parties offered depend on the partnership chosen, so find it before the fields are set up.
        data = args[0] if args else kwargs.get("data")
        chosen = _chosen(data, kwargs.get("initial"), "partnership", partnerships)
        members = members_of(chosen) if chosen else Organisation.objects.none()
        super().__init__(*args, members=members, organisations=organisations, **kwargs)
        field = self.fields["partnership"]
        field.queryset = partnerships  # type: ignore[attr-defined]
        field.empty_label = _("Choose a partnership")  # type: ignore[attr-defined]
        self.partnership = chosen


class AgreementFilterForm(GovukForm):
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        to_field_name="slug",
        required=False,
        label=_("Partnership"),
        empty_label=_("All partnerships"),
        error_messages={"invalid_choice": _("Select a partnership from the list")},
    )
    include_archived = forms.BooleanField(required=False, label=_("Include archived agreements"))

    def __init__(self, *args: Any, partnerships: models.QuerySet[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships  # type: ignore[attr-defined]
