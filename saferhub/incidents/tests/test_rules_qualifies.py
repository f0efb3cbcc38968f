"""Which reports count as complaints towards the ASB Case Review (s104 ASB, Crime and Policing Act 2014)."""

from __future__ import annotations

import datetime

import pytest

from saferhub.incidents.models import Category, Incident, RepeatVictimRules
from saferhub.incidents.rules import qualifies, rules_for

D = datetime.date


def incident(behaviour: datetime.date, reported: datetime.date, category: str = Category.ASB_NUISANCE) -> Incident:
    return Incident(behaviour_from=behaviour, reported_on=reported, category=category)


@pytest.mark.parametrize(
    ("behaviour", "reported", "expected"),
    [
        (D(2025, 1, 15), D(2025, 1, 15), True),
        (D(2025, 1, 15), D(2025, 2, 14), True),
        (D(2025, 1, 15), D(2025, 2, 15), False),
        (D(2025, 1, 31), D(2025, 2, 28), True),
        (D(2025, 1, 31), D(2025, 3, 1), False),
        (D(2024, 1, 31), D(2024, 2, 29), True),
        (D(2024, 1, 31), D(2024, 3, 1), False),
    ],
)
def test_a_complaint_qualifies_up_to_the_last_day_of_the_month_beginning_with_the_behaviour(
    behaviour: datetime.date, reported: datetime.date, expected: bool
) -> None:
    ok, reason = qualifies(incident(behaviour, reported), RepeatVictimRules())
    assert ok is expected
    assert reason


@pytest.mark.parametrize("reported", [D(2025, 1, 15), D(2025, 2, 14)])
def test_a_crime_report_never_qualifies(reported: datetime.date) -> None:
    ok, reason = qualifies(incident(D(2025, 1, 15), reported, Category.CRIME), RepeatVictimRules())
    assert not ok
    assert "crime" in reason


def test_the_reason_says_why_a_late_complaint_does_not_qualify() -> None:
    ok, reason = qualifies(incident(D(2025, 1, 15), D(2025, 2, 15)), RepeatVictimRules())
    assert not ok
    assert reason == "reported more than 1 month after the behaviour"


def test_an_area_with_a_longer_complaint_period_counts_a_later_complaint() -> None:
    ok, _ = qualifies(incident(D(2025, 1, 15), D(2025, 3, 14)), RepeatVictimRules(complaint_within_months=2))
    assert ok


def test_rules_for_an_area_without_its_own_row_are_the_national_defaults(world) -> None:
    rules = rules_for(world.essex)
    assert rules.pk is None
    assert (
        rules.explain_after_reports,
        rules.explain_window_months,
        rules.threshold_complaints,
        rules.complaint_within_months,
        rules.application_within_months,
    ) == (2, 6, 3, 1, 6)


def test_rules_for_an_area_with_its_own_row_are_that_row(world) -> None:
    saved = RepeatVictimRules.objects.create(area=world.essex, threshold_complaints=2)
    assert rules_for(world.essex) == saved
