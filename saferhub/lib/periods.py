"""Statutory periods and financial years, in the words the law uses.

"A period of one month beginning with 15 January" includes 15 January and ends on
14 February; beginning with 31 January it ends on the last day of February (the
corresponding-date rule: there is no 31 February, so the month ends at the month's end).
The ASB Case Review (s104 Anti-social Behaviour, Crime and Policing Act 2014) counts
complaints and applications in such periods.
"""

from __future__ import annotations

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the last day of that month when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(beginning_with: datetime.date, months: int) -> datetime.date:
    """The last day of the period of ``months`` months beginning with (and including) a date.

    The period ends the day before the corresponding date ``months`` later; where that
    month has no corresponding date (31 January + 1 month), it ends on the month's last day.
    """
    index = beginning_with.month - 1 + months
    year, month = beginning_with.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    if beginning_with.day > last_day:
        return datetime.date(year, month, last_day)
    return datetime.date(year, month, beginning_with.day) - datetime.timedelta(days=1)


def within_period(day: datetime.date, beginning_with: datetime.date, months: int) -> bool:
    """Is ``day`` inside the period of ``months`` months beginning with ``beginning_with``?"""
    return beginning_with <= day <= period_end(beginning_with, months)


def financial_year_start(day: datetime.date) -> datetime.date:
    """1 April of the financial year (April to March) that contains ``day``."""
    return datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def financial_year_label(day: datetime.date) -> str:
    """The financial year as partnerships write it, e.g. "2024-25"."""
    start = financial_year_start(day).year
    return f"{start}-{(start + 1) % 100:02d}"
