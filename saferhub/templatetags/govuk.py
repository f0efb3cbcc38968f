"""Template tags for GOV.UK patterns: ``{% govuk_error_summary form [form2 ...] %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import NON_FIELD_ERRORS

register = template.Library()

# Widgets whose first input, not the field's own id, takes the error summary's link.
GROUPED = {"radioselect", "checkboxselectmultiple", "govukdate"}


@register.inclusion_tag("govuk/forms/error_summary.html")
def govuk_error_summary(*forms: Any) -> dict[str, Any]:
    """Every error of the given forms, each linking to the field to fix."""
    errors = []
    for form in forms:
        if form is None or not getattr(form, "is_bound", False):
            continue
        for message in form.errors.get(NON_FIELD_ERRORS, []):
            errors.append({"text": message, "href": ""})
        for name, messages in form.errors.items():
            if name == NON_FIELD_ERRORS or name not in form.fields:
                continue
            bound = form[name]
            anchor = bound.auto_id + ("_0" if bound.widget_type in GROUPED else "")
            errors.append({"text": messages[0], "href": f"#{anchor}"})
    return {"errors": errors}
