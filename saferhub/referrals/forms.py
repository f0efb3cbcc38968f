"""The forms of the referral pages: making a referral, triaging it, withdrawing it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from saferhub.incidents.models import RiskLevel
from saferhub.lib.forms import GovukForm
from saferhub.referrals.models import Consent, Decision, LawfulBasis, ReferralSubject

NEW_CASE = "new"


class ReferralForm(GovukForm):
    """One page: the panel, who or what, the linked incidents, why, the risk, and consent."""

    panel = forms.TypedChoiceField(
        label=_("Which panel are you referring to?"),
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={"required": _("Select the panel you are referring to")},
    )
    subject = forms.ChoiceField(
        label=_("Who or what are you referring?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who or what you are referring")},
    )
    people = forms.TypedMultipleChoiceField(
        label=_("People being referred"),
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        required=False,
        help_text=_("For a household, select each member of it you are referring"),
    )
    incidents = forms.TypedMultipleChoiceField(
        label=_("Incidents to link to the referral (optional)"),
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        required=False,
    )
    reason = forms.CharField(
        label=_("Why are you referring them?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what is happening, what your agency has done so far, and what you want the panel to do"),
        error_messages={"required": _("Enter the reason for the referral")},
    )
    risk_level = forms.ChoiceField(
        label=_("What is the level of risk?"),
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the level of risk")},
    )
    consent = forms.ChoiceField(
        label=_("Did the person consent to the referral and to their information being shared?"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the person consented to the referral")},
    )
    lawful_basis = forms.ChoiceField(
        label=_("Lawful basis for sharing without consent"),
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Answer this if consent was refused or not sought"),
    )
    consent_notes = forms.CharField(
        label=_("Why is sharing without consent necessary and proportionate?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Answer this if consent was refused or not sought, or if you chose another basis"),
    )

    def __init__(
        self,
        *args: Any,
        panels: list[tuple[int, str]],
        subjects: list[str],
        people: list[tuple[int, str]],
        incidents: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["panel"].choices = panels  # type: ignore[attr-defined]
        labels = dict(ReferralSubject.choices)
        self.fields["subject"].choices = [(s, labels[s]) for s in subjects]  # type: ignore[attr-defined]
        self.fields["people"].choices = people  # type: ignore[attr-defined]
        self.fields["incidents"].choices = incidents  # type: ignore[attr-defined]
        if not people:
            del self.fields["people"]
        if not incidents:
            del self.fields["incidents"]


class TriageForm(GovukForm):
    decision = forms.ChoiceField(
        label=_("What is the panel's decision?"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a decision")},
    )
    case = forms.ChoiceField(
        label=_("If you accept: which case?"),
        required=False,
        help_text=_("Open a new case, or add the referral to an open case of the partnership"),
    )
    new_case_title = forms.CharField(
        label=_("If you open a new case: its title"),
        max_length=200,
        required=False,
        help_text=_("Every agency on the case sees its title, so do not name the person in it"),
    )
    lead_organisation = forms.TypedChoiceField(
        label=_("If you open a new case: the lead agency"), coerce=int, required=False, empty_value=None
    )
    agencies = forms.TypedMultipleChoiceField(
        label=_("If you open a new case: other agencies to bring onto it (optional)"),
        widget=forms.CheckboxSelectMultiple,
        coerce=int,
        required=False,
        help_text=_("The referring agency joins the case in any case"),
    )
    signposted_to = forms.CharField(
        label=_("If you signpost: the service or agency you signpost to"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Needed if you decline. The referrer reads it"),
    )

    def __init__(
        self, *args: Any, cases: list[tuple[str, str]], organisations: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [(NEW_CASE, _("Open a new case")), *cases]  # type: ignore[attr-defined]
        self.fields["lead_organisation"].choices = [("", _("Select the lead agency")), *organisations]  # type: ignore[attr-defined]
        self.fields["agencies"].choices = organisations  # type: ignore[attr-defined]


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label=_("Why are you withdrawing the referral?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example, the person withdrew their consent, or their needs are now met elsewhere"),
        error_messages={"required": _("Enter the reason for withdrawing the referral")},
    )
