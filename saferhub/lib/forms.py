"""GOV.UK form rendering in one place.

``GovukForm`` gives every field GOV.UK classes, error messages in GOV.UK style and the
markup of the Design System (via templates in ``templates/govuk/forms``). A template
renders a whole form with ``{{ form }}`` and the error summary with
``{% govuk_error_summary form %}``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


INPUT_CLASSES = {
    "textinput": "govuk-input",
    "emailinput": "govuk-input",
    "passwordinput": "govuk-input",
    "numberinput": "govuk-input govuk-input--width-10",
    "urlinput": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
}


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "govuk/forms/date_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        parts = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        ]
        super().__init__(parts, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for label, sub in zip((_("Day"), _("Month"), _("Year")), context["widget"]["subwidgets"], strict=True):
            sub["label"] = label
        return context


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK error messages that say what to fix."""

    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        # Each part optional on its own: compress() says which part is missing, in GOV.UK words.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        label = str(self.label or _("the date")).lower()
        missing = [str(name) for name, part in ((_("day"), day), (_("month"), month), (_("year"), year)) if not part]
        if missing:
            # GOV.UK wording: "Date of birth must include a month and year".
            parts = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} {_('and')} {missing[-1]}"
            raise forms.ValidationError(
                _("%(label)s must include a %(parts)s") % {"label": str(self.label or _("Date")), "parts": parts}
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(_("Enter %(label)s as numbers, for example 27 3 2026") % {"label": label})
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                _("%(label)s must be a real date") % {"label": str(self.label or _("Date"))}
            ) from None


def _default_required_message(field: forms.Field, label: str) -> str:
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return str(_("Select at least one option for %(label)s")) % {"label": label}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        return str(_("Select %(label)s")) % {"label": label}
    if isinstance(field, GovukDateField):
        return str(_("Enter %(label)s")) % {"label": label}
    return str(_("Enter %(label)s")) % {"label": label}


DJANGO_REQUIRED = str(forms.Field.default_error_messages["required"])


VERSION_FIELD = "record_version"
STALE_EDIT = _(
    "Someone else saved changes to this record after you opened this page. The form shows what you typed: "
    "check it against the record as it is now, then save again"
)


def record_version(record: models.Model, names: list[str]) -> str:
    """A fingerprint of the record's stored values for the named fields (many-to-many as sorted ids)."""
    values: dict[str, Any] = {}
    for name in sorted(names):
        try:
            field = record._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            values[name] = sorted(getattr(record, name).values_list("pk", flat=True))
        elif field.concrete:
            values[name] = field.value_from_object(record)  # type: ignore[union-attr]
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class GovukFormMixin:
    """GOV.UK classes, error messages and markup for every field of a SaferHub form.

    An edit form (a ModelForm with a saved ``instance``, or any form given ``record=``) also refuses
    to save over changes someone else made after the page was opened: a hidden field carries the
    record's version as it was then.
    """

    template_name = "govuk/forms/form.html"
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, record: models.Model | None = None, **kwargs: Any) -> None:
        self._guarded_record = record
        super().__init__(*args, **kwargs)
        self._stored_version = self._version_of_stored_record()
        if self._stored_version is not None:
            self.fields[VERSION_FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=self._stored_version
            )
        for name, field in self.fields.items():
            label = str(field.label or name.replace("_", " ")).lower()
            if str(field.error_messages.get("required", DJANGO_REQUIRED)) == DJANGO_REQUIRED:
                field.error_messages["required"] = _default_required_message(field, label)
            widget = field.widget
            css = INPUT_CLASSES.get(widget.__class__.__name__.lower())
            if css:
                # Whole class names: "govuk-input--width-10" is not "govuk-input".
                present = widget.attrs.get("class", "").split()
                missing = [name for name in css.split() if name not in present]
                widget.attrs["class"] = " ".join([*present, *missing])

    def _version_of_stored_record(self) -> str | None:
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            instance = self._guarded_record
        if instance is None or instance.pk is None:
            return None
        # The stored row, not the form's instance, which validation may already have changed.
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        return record_version(stored, list(self.fields)) if stored is not None else None

    def _refuse_stale_edit(self) -> None:
        data = getattr(self, "data", {})
        posted_version = data.get(VERSION_FIELD) if self._stored_version and self.is_bound else None  # type: ignore[attr-defined]
        if posted_version and posted_version != self._stored_version:
            self.add_error(None, STALE_EDIT)  # type: ignore[attr-defined]
            # Saving again from this page is a deliberate choice made with the new values in view.
            self.data = data.copy()
            self.data[VERSION_FIELD] = self._stored_version

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self._refuse_stale_edit()
        # The version is the form's own business; views hand cleaned_data to services as it is.
        getattr(self, "cleaned_data", {}).pop(VERSION_FIELD, None)
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            bound = self[name]  # type: ignore[index]
            if bound.widget_type not in ("radioselect", "checkboxselectmultiple", "govukdate", "checkbox"):
                described = [f"{bound.auto_id}_helptext"] if self.fields[name].help_text else []
                widget.attrs["aria-describedby"] = " ".join([*described, f"{bound.auto_id}-error"])
            for sub in getattr(widget, "widgets", []):
                if "govuk-input--error" not in sub.attrs.get("class", ""):
                    sub.attrs["class"] = sub.attrs.get("class", "") + " govuk-input--error"
            classes = widget.attrs.get("class", "").split()
            for css in ("govuk-input", "govuk-textarea", "govuk-select"):
                if css in classes and f"{css}--error" not in classes:
                    classes.append(f"{css}--error")
            widget.attrs["class"] = " ".join(classes)


class GovukForm(GovukFormMixin, forms.Form):
    """Base for every SaferHub form."""

    default_renderer = GovukFormRenderer


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    """A ModelForm with GOV.UK rendering; it only collects values that a service then writes."""

    default_renderer = GovukFormRenderer


def posted(request: Any) -> Any:
    """The submitted data on POST (even when empty, so required fields report), else None."""
    return request.POST if request.method == "POST" else None
