"""Statutory periods and financial years, in the words the law uses.

"A period of one month beginning with 15 January" includes 15 January and ends on
14 February; beginning with 31 January it ends on the last day of February (the
corresponding-date rule: there is no 31 February, so the month ends at the month's end).
The ASB Case Review (s104 Anti-social Behaviour, Crime and Policing Act 2014) counts
complaints and applications in such periods.

Data periods are whole months written YYYY-MM, as police.uk writes them: ``MONTH`` checks one,
``shift_month`` and ``months_between`` count in them, and ``add_months`` does the same arithmetic on dates.
"""

from __future__ import annotations

import calendar
import datetime
import re

# A month as data periods write it: YYYY-MM, of a year from 1900 to 2099.
MONTH = re.compile(r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$")


def shift_month(month: str, delta: int) -> str:
    """``month`` (YYYY-MM) moved by ``delta`` months."""
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from ``first`` to ``last``, both included (none when ``last`` is before ``first``)."""
    year, month = map(int, first.split("-"))
    end_year, end_month = map(int, last.split("-"))
    count = (end_year * 12 + end_month) - (year * 12 + month) + 1
    return [shift_month(first, i) for i in range(max(0, count))]


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
