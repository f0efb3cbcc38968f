"""The forms of the staff pages that run an ASB Case Review: one per action on an application.

They only collect values; the services decide. Field names match the keys of the services'
ValidationErrors, so ``show_service_errors`` puts each message on the field it is about.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from saferhub.lib.forms import GovukDateField, GovukForm

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

ADEQUATE = "adequate"
NOT_ADEQUATE = "not_adequate"
NOT_INVOLVED = "not_involved"
FINDINGS = [
    (ADEQUATE, _("Adequate")),
    (NOT_ADEQUATE, _("Not adequate")),
    (NOT_INVOLVED, _("Not involved with the victim's reports")),
]


class ConfirmForm(GovukForm):
    """A page whose button is the whole answer (acknowledge, send the outcome): it only carries errors."""


class AssignForm(GovukForm):
    single_point_of_contact = forms.TypedChoiceField(
        label=_("Who is the single point of contact for the victim?"),
        coerce=int,
        help_text=_("Someone who does casework in the partnership. They see and work on this application"),
        error_messages={"required": _("Select the single point of contact")},
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["single_point_of_contact"]
        if len(people) <= 8:
            field.widget = forms.RadioSelect()
            field.choices = people  # type: ignore[attr-defined]
        else:
            field.widget = forms.Select(attrs={"class": "govuk-select"})
            field.choices = [("", _("Select a person")), *people]  # type: ignore[attr-defined]


class OfficersForm(GovukForm):
    officers = forms.TypedMultipleChoiceField(
        label=_("Officers of the relevant bodies on this review"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Name the officer of each agency taking part (the council, the police, the housing provider, health). "
            "They see this application; no one else at their agency does"
        ),
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officers"].choices = people  # type: ignore[attr-defined]


class VictimSearchForm(GovukForm):
    """Asked by GET: whom to look for on the register."""

    text = forms.CharField(
        label=_("Name of the victim, or their address"),
        max_length=200,
        help_text=_("Searches the people on the register that you may see"),
        error_messages={"required": _("Enter a name or an address to search for")},
    )


class VictimChooseForm(GovukForm):
    victim = forms.TypedChoiceField(
        label=_("Which record is the victim?"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Their reports of anti-social behaviour to any agency are added to the application"),
        error_messages={"required": _("Select the person who is the victim")},
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim"].choices = people  # type: ignore[attr-defined]


class DecideForm(GovukForm):
    """The threshold decision. When the complaints meet the automatic number there is no choice to
    make (the form has no ``met`` field); below it the officer decides, recording the criteria."""

    met = forms.ChoiceField(
        label=_("Is the threshold met?"),
        choices=[("yes", _("Yes, on the area's discretionary criteria")), ("no", _("No, the threshold is not met"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the threshold is met")},
    )
    persistence = forms.CharField(
        label=_("Persistence of the behaviour"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("How often, and for how long, the behaviour has happened"),
    )
    harm = forms.CharField(
        label=_("Harm or potential harm to the victim"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Including the victim's vulnerability and the impact on them"),
    )
    response = forms.CharField(
        label=_("Adequacy of the response so far"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the agencies have done about the reports"),
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The applicant reads these in the decision letter, so write them for the applicant"),
        error_messages={"required": _("Enter the reasons for the decision, as the applicant will read them")},
    )

    def __init__(self, *args: Any, automatic: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.automatic = automatic
        if automatic:
            for name in ("met", "persistence", "harm", "response"):
                del self.fields[name]

    def decision(self) -> bool:
        return self.automatic or self.cleaned_data.get("met") == "yes"


class ReviewForm(GovukForm):
    """The review meeting, and for each member agency a finding on its response with reasons."""

    held_on = GovukDateField(label=_("Date of the review meeting"), help_text=_("For example, 27 3 2026"))
    victim_invited = forms.ChoiceField(
        label=_("Was the victim, or their advocate, invited to give an impact statement?"),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": _("Select whether the victim or their advocate was invited")},
    )
    impact_statement = forms.CharField(
        label=_("The victim's impact statement (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What the victim or their advocate told the review, or a summary of it"),
    )
    summary = forms.CharField(
        label=_("What the review found"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The applicant reads this in the outcome letter"),
        error_messages={"required": _("Enter what the review found")},
    )

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        for pk, name in agencies:
            self.fields[f"finding_{pk}"] = forms.ChoiceField(
                label=_("Was %(agency)s's response adequate?") % {"agency": name},
                choices=FINDINGS,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Select whether %(agency)s's response was adequate, or that it was not involved")
                    % {"agency": name}
                },
            )
            self.fields[f"reasons_{pk}"] = forms.CharField(
                label=_("Reasons for the finding on %(agency)s's response") % {"agency": name},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                help_text=_("Needed unless the agency was not involved"),
            )
        # GovukForm styles the fields it finds when it is made; these came after.
        for name, field in self.fields.items():
            if name.startswith("reasons_"):
                field.widget.attrs["class"] = "govuk-textarea"

    def agency_fields(self) -> list[tuple[str, Any, Any]]:
        """(agency name, its finding field, its reasons field), for the template."""
        return [(name, self[f"finding_{pk}"], self[f"reasons_{pk}"]) for pk, name in self.agencies]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        assessed = 0
        for pk, name in self.agencies:
            finding = data.get(f"finding_{pk}")
            if finding in (ADEQUATE, NOT_ADEQUATE):
                assessed += 1
                if not (data.get(f"reasons_{pk}") or "").strip():
                    self.add_error(
                        f"reasons_{pk}",
                        _("Give the reasons for the finding on %(agency)s's response") % {"agency": name},
                    )
        every_answered = all(data.get(f"finding_{pk}") for pk, _name in self.agencies)
        if self.agencies and every_answered and not assessed:
            self.add_error(f"finding_{self.agencies[0][0]}", _("Record the finding on at least one agency's response"))
        return data

    def findings(self) -> list[tuple[int, bool, str]]:
        """(organisation id, adequate, reasons) for each agency assessed."""
        found = []
        for pk, _name in self.agencies:
            finding = self.cleaned_data.get(f"finding_{pk}")
            if finding in (ADEQUATE, NOT_ADEQUATE):
                found.append((pk, finding == ADEQUATE, self.cleaned_data.get(f"reasons_{pk}", "")))
        return found


class RecommendationForm(GovukForm):
    text = forms.CharField(
        label=_("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the agency is to do. The applicant reads it in the outcome letter"),
        error_messages={"required": _("Enter the recommendation")},
    )
    owner = forms.TypedChoiceField(
        label=_("Which agency owns it?"),
        coerce=int,
        error_messages={"required": _("Select the agency that owns the recommendation")},
    )
    due_on = GovukDateField(label=_("Due date"), help_text=_("For example, 30 6 2026"))

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Select the agency")), *agencies]  # type: ignore[attr-defined]


class RecommendationCompleteForm(GovukForm):
    note = forms.CharField(
        label=_("What was done?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what was done")},
    )


class ReconsiderationForm(GovukForm):
    requested_on = GovukDateField(
        label=_("Date the applicant asked for the decision to be looked at again"),
        help_text=_("For example, 27 3 2026"),
    )
    decided_on = GovukDateField(
        label=_("Date of the PFCC's office's finding (if it has been made)"),
        required=False,
        help_text=_("Leave this blank until the office has looked at it"),
    )
    result = forms.CharField(
        label=_("What the PFCC's office found (if it has been made)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
