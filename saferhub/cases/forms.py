"""The forms of the panel administration pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from saferhub.cases.models import PanelKind
from saferhub.lib.forms import GovukForm


class PanelForm(GovukForm):
    partnership = forms.TypedChoiceField(label=_("Partnership"), coerce=int, widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("Name of the panel"),
        max_length=120,
        help_text=_("For example, Braintree Hub"),
        error_messages={"required": _("Enter the panel's name")},
    )
    kind = forms.ChoiceField(label=_("Kind of panel"), choices=PanelKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("What the panel takes on (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Officers read this when they choose where to refer: say who the panel is for"),
    )
    archived = forms.BooleanField(
        label=_("Archive this panel: it takes no new referrals"), required=False, widget=forms.CheckboxInput
    )

    def __init__(self, *args: Any, partnerships: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if partnerships is None or len(partnerships) == 1:
            del self.fields["partnership"]
        else:
            self.fields["partnership"].choices = partnerships  # type: ignore[attr-defined]
        if kwargs.get("record") is None:
            del self.fields["archived"]
