"""Statutory periods: "a period of one month beginning with" a date, and financial years."""

import datetime

import pytest

from saferhub.lib.periods import (
    MONTH,
    add_months,
    financial_year_label,
    financial_year_start,
    months_between,
    period_end,
    shift_month,
    within_period,
)

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 1, 15), 1, D(2026, 2, 14)),  # the issue's own example
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 1, 30), 1, D(2026, 2, 28)),
        (D(2026, 1, 28), 1, D(2026, 2, 27)),
        (D(2026, 2, 1), 1, D(2026, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 14)),  # across the year end
        (D(2026, 1, 15), 6, D(2026, 7, 14)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2026, 3, 31), 6, D(2026, 9, 30)),
    ],
)
def test_a_period_beginning_with_a_date_includes_it_and_ends_as_the_law_says(start, months, end):
    assert period_end(start, months) == end
    assert within_period(start, start, months)
    assert within_period(end, start, months)
    assert not within_period(end + datetime.timedelta(days=1), start, months)
    assert not within_period(start - datetime.timedelta(days=1), start, months)


def test_adding_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 5, 15), -6) == D(2025, 11, 15)


@pytest.mark.parametrize(
    ("day", "start", "label"),
    [
        (D(2025, 3, 31), D(2024, 4, 1), "2024-25"),
        (D(2025, 4, 1), D(2025, 4, 1), "2025-26"),
        (D(2000, 1, 1), D(1999, 4, 1), "1999-00"),
    ],
)
def test_financial_years_run_april_to_march(day, start, label):
    assert financial_year_start(day) == start
    assert financial_year_label(day) == label


@pytest.mark.parametrize("month", ["2024-01", "2024-12", "1999-06", "2099-12"])
def test_a_data_month_is_a_year_and_a_month(month):
    assert MONTH.match(month)


@pytest.mark.parametrize("month", ["2024-13", "2024-00", "2024-1", "24-01", "0001-01", "2100-01", "2024-01-01", ""])
def test_anything_else_is_not_a_data_month(month):
    assert not MONTH.match(month)


def test_months_shift_across_years_both_ways():
    assert shift_month("2024-01", -1) == "2023-12"
    assert shift_month("2023-12", 13) == "2025-01"
    assert shift_month("2024-05", 0) == "2024-05"
    assert shift_month("2024-03", -27) == "2021-12"


def test_months_between_lists_every_month_both_included():
    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert months_between("2024-02", "2024-02") == ["2024-02"]
    assert months_between("2024-03", "2024-02") == []
    assert len(months_between("2019-04", "2024-03")) == 60
