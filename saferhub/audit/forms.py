"""The audit log's filter form, shared by the page and the CSV export."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.lib.forms import GovukDateField, GovukForm
from saferhub.partnerships.models import Partnership


def verb_label(value: str) -> str:
    """A readable name for a verb: ``account.sign_in_failed`` reads "Account: sign in failed"."""
    noun, _dot, action = value.rpartition(".")
    words = action.replace("_", " ")
    if not noun:
        return words.capitalize()
    return f"{noun.replace('_', ' ').capitalize()}: {words}"


def verb_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any")))] + sorted(((v.value, verb_label(v.value)) for v in Verb), key=lambda c: c[1])


def target_type_choices() -> list[tuple[str, str]]:
    """Every SaferHub model, as audit rows name them (``app.model``), with its readable name."""
    found = [
        (model._meta.label_lower, f"{str(model._meta.verbose_name).capitalize()} ({model._meta.label_lower})")
        for model in apps.get_models()
        if model.__module__.startswith("saferhub.")
    ]
    return [("", str(_("Any")))] + sorted(found, key=lambda c: c[1])


class PartnershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class AuditFilterForm(GovukForm):
    """What to look for in the audit log. Every field is optional; dates are days in UK time."""

    who = forms.CharField(
        label=_("Who"), required=False, max_length=254, help_text=_("Part of the email address of who did it")
    )
    verb = forms.ChoiceField(label=_("What happened"), required=False, choices=verb_choices)
    target_type = forms.ChoiceField(label=_("Type of record"), required=False, choices=target_type_choices)
    target_id = forms.CharField(label=_("Record ID"), required=False, max_length=64)
    partnership = PartnershipChoiceField(
        label=_("Partnership"), required=False, queryset=Partnership.objects.none(), empty_label=str(_("Any"))
    )
    from_date = GovukDateField(
        label=_("From date"),
        required=False,
        help_text=_("For example, 27 3 2026"),
    )
    to_date = GovukDateField(
        label=_("To date"),
        required=False,
        help_text=_("For example, 27 3 2026"),
    )
    request_id = forms.CharField(
        label=_("Request ID"), required=False, max_length=64, help_text=_("From an error page or a support request")
    )

    def __init__(self, *args: Any, partnerships: models.QuerySet[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partnerships.order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        if start and end and end < start:
            self.add_error("to_date", _("To date must be the same as or after the from date"))
        return cleaned

    def apply(self, events: models.QuerySet[AuditEvent]) -> models.QuerySet[AuditEvent]:
        """The events that match; call only once the form is valid."""
        data = self.cleaned_data
        if data.get("who"):
            events = events.filter(actor_label__icontains=data["who"].strip())
        if data.get("verb"):
            events = events.filter(verb=data["verb"])
        if data.get("target_type"):
            events = events.filter(target_type=data["target_type"])
        if data.get("target_id"):
            events = events.filter(target_id=data["target_id"].strip())
        if data.get("partnership"):
            events = events.filter(partnership_id=data["partnership"].pk)
        if data.get("from_date"):
            events = events.filter(occurred_at__gte=_start_of(data["from_date"]))
        if data.get("to_date"):
            events = events.filter(occurred_at__lt=_start_of(data["to_date"] + datetime.timedelta(days=1)))
        if data.get("request_id"):
            events = events.filter(request_id=data["request_id"].strip())
        return events

    def summary(self) -> dict[str, str]:
        """The filters in use, as text, for the export's own audit row."""
        return {
            name: str(value.pk if isinstance(value, models.Model) else value)
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }


def _start_of(day: datetime.date) -> datetime.datetime:
    # Days are UK days (the project's time zone), so "from 1 June" starts at midnight BST.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
