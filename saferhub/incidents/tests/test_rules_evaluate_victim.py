"""Where a victim stands against the repeat-victim rules on a given day."""

from __future__ import annotations

import datetime

from saferhub.incidents.models import Category, InvolvementRole, RepeatVictimRules
from saferhub.incidents.rules import evaluate_victim
from saferhub.incidents.services import involvement_add
from saferhub.incidents.tests.helpers import make_person, report

D = datetime.date


def _victim(world):
    return make_person(world.home.partnership, world.home.council)


def test_a_complaint_counts_on_the_last_day_of_its_six_month_period_and_not_the_day_after(world) -> None:
    victim = _victim(world)
    complaint = report(world, victim, behaviour=D(2025, 1, 15))
    on_last_day = evaluate_victim(victim, world.home.partnership, D(2025, 7, 14), RepeatVictimRules())
    day_after = evaluate_victim(victim, world.home.partnership, D(2025, 7, 15), RepeatVictimRules())
    assert on_last_day["qualifying"] == [complaint]
    assert on_last_day["reports"] == [complaint]
    assert day_after["qualifying"] == []
    assert day_after["reports"] == []


def test_reports_made_after_the_day_do_not_count(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 3, 1))
    evaluation = evaluate_victim(victim, world.home.partnership, D(2025, 2, 28), RepeatVictimRules())
    assert evaluation["reports"] == []


def test_reports_to_every_agency_of_the_partnership_count(world) -> None:
    victim = _victim(world)
    first = report(world, victim, behaviour=D(2025, 1, 10), by=world.council_officer)
    second = report(world, victim, behaviour=D(2025, 2, 10), by=world.police_officer)
    third = report(world, victim, behaviour=D(2025, 3, 10), by=world.housing_officer)
    evaluation = evaluate_victim(victim, world.home.partnership, D(2025, 3, 10), RepeatVictimRules())
    assert evaluation["qualifying"] == [first, second, third]
    assert evaluation["explain_due"] and evaluation["threshold_due"]


def test_a_complaint_that_fails_to_qualify_is_listed_with_its_reason_but_not_counted(world) -> None:
    victim = _victim(world)
    late = report(world, victim, behaviour=D(2025, 1, 1), reported=D(2025, 3, 1))
    evaluation = evaluate_victim(victim, world.home.partnership, D(2025, 3, 1), RepeatVictimRules())
    assert evaluation["qualifying"] == []
    assert evaluation["complaints"] == [
        {"incident": late, "qualifies": False, "reason": "reported more than 1 month after the behaviour"}
    ]


def test_crime_reports_count_neither_towards_the_threshold_nor_the_explain_prompt(world) -> None:
    victim = _victim(world)
    for month in (1, 2, 3):
        report(world, victim, behaviour=D(2025, month, 5), category=Category.CRIME)
    evaluation = evaluate_victim(victim, world.home.partnership, D(2025, 3, 5), RepeatVictimRules())
    assert evaluation["qualifying"] == []
    assert evaluation["reports"] == []
    assert not evaluation["threshold_due"] and not evaluation["explain_due"]


def test_only_reports_in_which_the_person_is_the_victim_count(world) -> None:
    victim = _victim(world)
    witness = make_person(world.home.partnership, world.home.council, "Wanda Witness")
    incident = report(world, victim, behaviour=D(2025, 1, 5))
    involvement_add(incident=incident, person=witness, role=InvolvementRole.WITNESS, by=world.council_officer)
    evaluation = evaluate_victim(witness, world.home.partnership, D(2025, 1, 5), RepeatVictimRules())
    assert evaluation["reports"] == []
