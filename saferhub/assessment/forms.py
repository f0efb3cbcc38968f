"""Forms of the scoring matrix pages. They collect values; the services check and write them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from saferhub.assessment.models import Computation, MatrixIssue, ScoredBy, ScoringDimension, year_label
from saferhub.assessment.services import rationale_field, score_field
from saferhub.lib.forms import STALE_EDIT, GovukForm

MONTH_HINT = _("Year and month, for example 2025-04")


def say_limits(form: forms.Form) -> None:
    """GOV.UK wording for text that is too long ("Rationale must be 4000 characters or fewer"), on every
    field, the ones a form adds in its ``__init__`` too."""
    for field in form.fields.values():
        if getattr(field, "max_length", None):
            label = str(field.label or "").split(":")[-1].strip().capitalize() or str(_("The text"))
            field.error_messages["max_length"] = label + str(_(" must be %(limit_value)d characters or fewer"))


class PeriodForm(GovukForm):
    # The service checks the months and says what is wrong in words; the form only collects them.
    first_month = forms.CharField(label=_("First month of crime data"), help_text=MONTH_HINT)
    last_month = forms.CharField(label=_("Last month of crime data"), help_text=MONTH_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_month", "last_month"):
            self.fields[name].widget.attrs.update({"class": "govuk-input govuk-input--width-5", "spellcheck": "false"})


class MatrixCreateForm(PeriodForm):
    partnership = forms.ChoiceField(label=_("Partnership"))
    year = forms.TypedChoiceField(
        label=_("Financial year the priorities are for"), coerce=int, widget=forms.RadioSelect
    )

    field_order = ["partnership", "year", "first_month", "last_month"]

    def __init__(self, *args: Any, partnerships: Sequence[Any], years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["partnership"]).choices = [(p.pk, p.name) for p in partnerships]
        if len(partnerships) == 1:
            self.fields["partnership"].widget = forms.HiddenInput()
            self.fields["partnership"].initial = partnerships[0].pk
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, year_label(y)) for y in years]


def plain_number(value: Decimal) -> str:
    """A weight as people write it: 2, 1.5 (not 2.00, 1.50)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class DimensionForm(GovukForm):
    name = forms.CharField(label=_("Name"), max_length=80)
    description = forms.CharField(label=_("What it scores"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    scored_by = forms.ChoiceField(label=_("How it is scored"), choices=ScoredBy.choices, widget=forms.RadioSelect)
    computation = forms.ChoiceField(
        label=_("For a dimension scored from the crime data: computed from"),
        choices=[("", _("Not from the data")), *Computation.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    scale_labels = forms.CharField(
        label=_("Scale"),
        help_text=_("One point a line, lowest first: each line is what that score means (between 2 and 10 points)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        help_text=_("How much the dimension counts against the others, for example 2 counts twice as much as 1"),
        max_digits=5,
        decimal_places=2,
    )
    source_note = forms.CharField(
        label=_("Where it comes from (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args: Any, editing: ScoringDimension | None = None, **kwargs: Any) -> None:
        if editing is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": editing.name,
                    "description": editing.description,
                    "scored_by": editing.scored_by,
                    "computation": editing.computation,
                    "scale_labels": "\n".join(editing.scale_labels),
                    "weight": plain_number(editing.weight),
                    "source_note": editing.source_note,
                },
            )
        super().__init__(*args, record=editing, **kwargs)
        self.fields["weight"].widget.attrs.update({"class": "govuk-input govuk-input--width-4", "inputmode": "decimal"})
        self.fields["weight"].error_messages["invalid"] = _("Enter the weight as a number, for example 2 or 1.5")
        self.fields["weight"].error_messages["max_decimal_places"] = _(
            "Enter the weight with no more than 2 decimal places"
        )
        if editing is not None:
            # How a dimension is scored is fixed when it is made; a data dimension may change its computation.
            del self.fields["scored_by"]
            if not editing.from_data:
                del self.fields["computation"]
            else:
                cast(forms.ChoiceField, self.fields["computation"]).choices = list(Computation.choices)
                self.fields["computation"].required = True
                self.fields["computation"].label = _("Computed from")
        say_limits(self)

    def labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["scale_labels"].splitlines() if line.strip()]

    def weight_value(self) -> Decimal:
        value: Decimal = self.cleaned_data["weight"]
        return value


class IssueAddForm(GovukForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        say_limits(self)

    title = forms.CharField(
        label=_("Issue"),
        help_text=_("For example Domestic abuse, Exploitation, Drug-related harm"),
        max_length=120,
    )
    description = forms.CharField(
        label=_("What it covers (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ConfirmForm(GovukForm):
    """A page whose only field is its button."""


def scores_version(issue: MatrixIssue) -> str:
    """A fingerprint of the issue's scores as stored, so a save over someone else's is refused."""
    stored = sorted(issue.scores.values_list("dimension_id", "value", "explanation", "from_data"))
    return hashlib.sha256(json.dumps(stored).encode("utf-8")).hexdigest()[:32]


class IssueScoreForm(GovukForm):
    """A score (radios, one per point of the scale) and a rationale for each dimension scored by hand."""

    def __init__(self, *args: Any, issue: MatrixIssue, dimensions: Sequence[ScoringDimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.issue = issue
        self.dimensions = list(dimensions)
        stored = {s.dimension_id: s for s in issue.scores.all()}
        for dimension in self.dimensions:
            score = stored.get(dimension.pk)
            self.fields[score_field(dimension)] = forms.TypedChoiceField(
                label=_("Score for %(dimension)s") % {"dimension": dimension.name},
                choices=[(i, f"{i}: {label}") for i, label in enumerate(dimension.scale_labels, start=1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=score.value if score else None,
            )
            self.fields[rationale_field(dimension)] = forms.CharField(
                label=_("Why %(issue)s scores this on %(dimension)s")
                % {"issue": issue.title, "dimension": dimension.name},
                help_text=_("The evidence and reasoning, for the strategy group and the assessment"),
                required=False,
                max_length=4000,
                # Added after GovukForm styled the declared fields, so styled here.
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
                initial=score.explanation if score else "",
            )
        self.fields["scores_version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=scores_version(issue)
        )
        say_limits(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        posted = cleaned.get("scores_version")
        if posted and posted != scores_version(self.issue):
            self.add_error(None, STALE_EDIT)
            # Saving again from this page is a deliberate choice made with the new scores in view.
            self.data = self.data.copy()
            self.data["scores_version"] = scores_version(self.issue)
        return cleaned


class AdoptChooseForm(GovukForm):
    issues = forms.TypedMultipleChoiceField(
        label=_("Issues to adopt as priorities"),
        help_text=_("The top of the ranking is selected: change it if the partnership chooses otherwise"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["issues"]).choices = list(choices)
        self.fields["issues"].error_messages["required"] = _("Select at least one issue to adopt as a priority")


class AdoptWordingForm(GovukForm):
    """The title and statement of each chosen priority, in the ranking's order."""

    def __init__(self, *args: Any, chosen: Sequence[tuple[MatrixIssue, int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chosen = list(chosen)
        for issue, rank, statement in self.chosen:
            self.fields[f"title_{issue.pk}"] = forms.CharField(
                label=_("Priority %(n)s: title") % {"n": rank},
                help_text=_("Ranked from %(issue)s") % {"issue": issue.title},
                max_length=160,
                initial=issue.title,
                # Added after GovukForm styled the declared fields, so styled here.
                widget=forms.TextInput(attrs={"class": "govuk-input"}),
                error_messages={"required": _("Enter the priority's title for %(issue)s") % {"issue": issue.title}},
            )
            self.fields[f"statement_{issue.pk}"] = forms.CharField(
                label=_("Priority %(n)s: statement") % {"n": rank},
                help_text=_("What the partnership will do about it, in a sentence or two"),
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
                initial=statement,
                error_messages={
                    "required": _("Enter a short statement of what the partnership will do about %(issue)s")
                    % {"issue": issue.title}
                },
            )
        say_limits(self)
