"""Working days in England and Wales: Monday to Friday, skipping bank holidays.

Service levels count in working days "from" a day: 2 working days from Friday 3 April 2026
(Good Friday) is Wednesday 8 April (Monday 6 April is Easter Monday). The day itself is not
counted, so a letter due "within 2 working days" of a Monday is due on the Wednesday.
Bank holidays come from the ``holidays`` package (England's list, which Wales shares),
substitute days and one-off holidays included.
"""

from __future__ import annotations

import datetime
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The working day that is ``count`` working days after ``day`` (``day`` itself not counted)."""
    if count < 0:
        raise ValueError("count must be 0 or more")
    current = day
    while count:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            count -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days come after ``start`` up to and including ``end`` (negative when end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    days, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            days += 1
    return days
