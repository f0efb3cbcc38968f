"""GOV.UK form rendering: error messages that say what to fix, and what was typed kept."""

import datetime

from django import forms

from saferhub.lib.forms import GovukDateField, GovukForm


class ReviewForm(GovukForm):
    title = forms.CharField(label="Title")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    due = GovukDateField(label="Review date")


def test_missing_fields_get_govuk_messages():
    form = ReviewForm({})
    assert not form.is_valid()
    assert form.errors["title"] == ["Enter title"]
    assert form.errors["kind"] == ["Select kind"]
    assert form.errors["due"] == ["Enter review date"]


def test_a_partly_typed_date_names_the_missing_parts():
    form = ReviewForm({"title": "x", "kind": "a", "due_0": "4"})
    assert form.errors["due"] == ["Review date must include a month and year"]
    form = ReviewForm({"title": "x", "kind": "a", "due_0": "4", "due_2": "2026"})
    assert form.errors["due"] == ["Review date must include a month"]


def test_an_impossible_date_is_refused_and_a_real_one_accepted():
    assert ReviewForm({"title": "x", "kind": "a", "due_0": "31", "due_1": "2", "due_2": "2026"}).errors["due"] == [
        "Review date must be a real date"
    ]
    form = ReviewForm({"title": "x", "kind": "a", "due_0": "28", "due_1": "2", "due_2": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == datetime.date(2026, 2, 28)


def test_errors_render_in_govuk_markup_and_keep_what_was_typed():
    html = str(ReviewForm({"title": "Keep me", "due_0": "4"}))
    assert "govuk-form-group--error" in html
    assert 'value="Keep me"' in html
    assert 'value="4"' in html
    assert 'class="govuk-error-message"' in html
    assert 'aria-describedby="id_due-error"' in html or "id_due-error" in html
    assert "govuk-radios" in html and "govuk-date-input" in html
