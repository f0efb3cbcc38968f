"""Working days in England and Wales: weekends and bank holidays skipped, substitute days included."""

import datetime

import pytest

from saferhub.lib.workingdays import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 4, 3), False),  # Good Friday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 12, 28), False),  # Boxing Day substitute (26th is a Saturday)
        (D(2023, 5, 8), False),  # the coronation bank holiday
        (D(2026, 11, 21), False),  # a Saturday
        (D(2026, 11, 23), True),
    ],
)
def test_weekends_and_bank_holidays_are_not_working_days(day, working):
    assert is_working_day(day) is working


def test_counting_skips_weekends_and_bank_holidays_and_not_the_day_itself():
    assert add_working_days(D(2026, 4, 2), 2) == D(2026, 4, 8)  # Thu before Easter: Tue 7th is day 1
    assert add_working_days(D(2026, 11, 23), 2) == D(2026, 11, 25)
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 23)  # Friday to Monday
    assert add_working_days(D(2026, 12, 23), 3) == D(2026, 12, 30)  # over Christmas and its substitute day
    assert add_working_days(D(2026, 11, 23), 0) == D(2026, 11, 23)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert working_days_between(D(2026, 4, 2), D(2026, 4, 8)) == 2
    assert working_days_between(D(2026, 4, 8), D(2026, 4, 2)) == -2
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
