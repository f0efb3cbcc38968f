"""The forms of the partner data pages: a new dataset, an upload, the column mapping and the summary's months."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from saferhub.lib.forms import GovukForm
from saferhub.partnerdata.mapping import ColumnMapping
from saferhub.partnerdata.models import DateFormat
from saferhub.partnerdata.reader import MAX_UPLOAD_BYTES
from saferhub.partnerdata.selectors import month_label


class DatasetForm(GovukForm):
    partnership = forms.TypedChoiceField(label=_("Partnership"), coerce=int, widget=forms.RadioSelect)
    organisation = forms.TypedChoiceField(
        label=_("Organisation that provides the data"),
        coerce=int,
        error_messages={"required": _("Select the organisation that provides the data")},
    )
    name = forms.CharField(
        label=_("Name of the dataset"),
        max_length=160,
        help_text=_("For example, Deliberate fires by LSOA"),
        error_messages={"required": _("Enter the name of the dataset")},
    )
    unit = forms.CharField(
        label=_("What does it count?"),
        max_length=60,
        help_text=_("For example, incidents, admissions or reports"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": _("Enter what the dataset counts, for example incidents")},
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where the figures come from, what they include and leave out"),
    )

    def __init__(self, *args: Any, partnerships: list[Any], organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(partnerships) > 1:
            self.fields["partnership"].choices = [(p.pk, p.name) for p in partnerships]  # type: ignore[attr-defined]
        else:
            del self.fields["partnership"]
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", _("Select an organisation")),
            *[(o.pk, o.name) for o in organisations],
        ]


class UploadForm(GovukForm):
    file = forms.FileField(
        label=_("Upload a CSV file"),
        help_text=_(
            "Aggregate figures only: one row per incident or per count, with no names, dates of birth, "
            "addresses, phone numbers or e-mail addresses. Save spreadsheets as “CSV UTF-8”."
        ),
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ".csv,text/csv"}),
        error_messages={"required": _("Select a CSV file"), "empty": _("The selected file is empty")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file must be smaller than %(mb)s MB") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        if field == "file":
            # The service's refusals come after full_clean, so mark the input here for both.
            widget = self.fields["file"].widget
            widget.attrs["class"] = "govuk-file-upload govuk-file-upload--error"
            widget.attrs["aria-describedby"] = f"{self['file'].auto_id}_helptext {self['file'].auto_id}-error"


NOT_IN_FILE = ("", _("Not in this file"))


class MappingForm(GovukForm):
    date_column = forms.ChoiceField(label=_("Date"), help_text=_("The column with the date of each row"))
    date_format = forms.ChoiceField(
        label=_("Format of the dates"), choices=DateFormat.choices, widget=forms.RadioSelect
    )
    category_column = forms.ChoiceField(
        label=_("Category"),
        required=False,
        help_text=_("For example, the incident type. Choose “Not in this file” to give every row the same category"),
    )
    fixed_category = forms.CharField(
        label=_("Category for every row (when there is no category column)"), max_length=200, required=False
    )
    lsoa_column = forms.ChoiceField(label=_("LSOA code (optional)"), required=False)
    lad_column = forms.ChoiceField(label=_("Local authority code (optional)"), required=False)
    latitude_column = forms.ChoiceField(label=_("Latitude (optional)"), required=False)
    longitude_column = forms.ChoiceField(label=_("Longitude (optional)"), required=False)
    count_column = forms.ChoiceField(
        label=_("Count (optional)"),
        required=False,
        help_text=_("When the file has no count column, each row counts 1"),
    )
    accept_rejections = forms.BooleanField(
        label=_("Import the other rows, and list the rows that cannot be read in the rejected-rows report"),
        required=False,
    )

    def __init__(self, *args: Any, header: list[str], offer_rejections: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [(name, name) for name in header]
        self.fields["date_column"].choices = [("", _("Select a column")), *columns]  # type: ignore[attr-defined]
        for name in ("category_column", "lsoa_column", "lad_column", "latitude_column", "longitude_column"):
            self.fields[name].choices = [NOT_IN_FILE, *columns]  # type: ignore[attr-defined]
        self.fields["count_column"].choices = [("", _("Not in this file: each row counts 1")), *columns]  # type: ignore[attr-defined]
        if not offer_rejections:
            del self.fields["accept_rejections"]

    def mapping(self) -> ColumnMapping:
        data = self.cleaned_data
        return ColumnMapping(**{name: data.get(name) or "" for name in ColumnMapping.field_names()})


class RangeForm(GovukForm):
    """The summary's months and the area it covers (a GET form: nothing is changed)."""

    first = forms.ChoiceField(label=_("From"))
    last = forms.ChoiceField(label=_("To"))
    area = forms.ChoiceField(label=_("Rows for"), required=False)

    def __init__(self, *args: Any, months: list[str], areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m, month_label(m)) for m in months]
        self.fields["first"].choices = choices  # type: ignore[attr-defined]
        self.fields["last"].choices = choices  # type: ignore[attr-defined]
        self.fields["area"].choices = areas  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            self.add_error("last", _("The month to show to must be the same as or after the month to show from"))
        return data
