"""``{% load partner_data %}``: ``{{ "2024-03"|month_label }}`` is "March 2024", and ``{{ months|month_range }}``
is "January 2024 to March 2024" (or one month's name when the list starts and ends with it)."""

from __future__ import annotations

from django import template

from saferhub.partnerdata.selectors import month_label as _month_label
from saferhub.partnerdata.selectors import month_range as _month_range

register = template.Library()


@register.filter
def month_label(month: str) -> str:
    return _month_label(month) if month else ""


@register.filter
def month_range(months: list[str]) -> str:
    return _month_range(months)
