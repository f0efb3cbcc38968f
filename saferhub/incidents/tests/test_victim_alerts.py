"""Recording a report raises the victim's repeat alerts: explain the Case Review, and threshold likely met."""

from __future__ import annotations

import datetime

from saferhub.audit import Verb
from saferhub.incidents import services
from saferhub.incidents.models import AlertKind, Category, InvolvementRole, VictimAlert
from saferhub.incidents.tests.helpers import events, make_location, make_person, report

D = datetime.date


def _victim(world, name: str = "Vera Victim"):
    return make_person(world.home.partnership, world.home.council, name)


def _kinds(person) -> list[str]:
    return sorted(VictimAlert.objects.filter(person=person).values_list("kind", flat=True))


def test_the_first_report_raises_no_alert(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 15))
    assert _kinds(victim) == []


def test_the_second_report_on_the_last_day_of_the_six_months_raises_the_explain_alert(world) -> None:
    victim = _victim(world)
    first = report(world, victim, behaviour=D(2025, 1, 15))
    second = report(world, victim, behaviour=D(2025, 7, 14))
    alert = VictimAlert.objects.get(person=victim)
    assert alert.kind == AlertKind.EXPLAIN_CASE_REVIEW
    assert alert.incident == second
    assert alert.partnership == world.home.partnership
    assert alert.detail["incidents"] == [first.pk, second.pk]


def test_a_second_report_the_day_after_the_six_months_raises_no_alert(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 15))
    report(world, victim, behaviour=D(2025, 7, 15))
    assert _kinds(victim) == []


def test_the_third_qualifying_complaint_raises_the_threshold_alert(world) -> None:
    victim = _victim(world)
    complaints = [
        report(world, victim, behaviour=D(2025, 1, 15), reported=D(2025, 2, 14)),
        report(world, victim, behaviour=D(2025, 3, 1), by=world.police_officer),
        report(world, victim, behaviour=D(2025, 7, 14), by=world.housing_officer),
    ]
    threshold = VictimAlert.objects.get(person=victim, kind=AlertKind.THRESHOLD_LIKELY_MET)
    assert threshold.incident == complaints[2]
    assert threshold.detail["incidents"] == [c.pk for c in complaints]
    assert [c["reason"] for c in threshold.detail["complaints"]] == ["reported within 1 month of the behaviour"] * 3
    assert threshold.detail["rules"]["threshold_complaints"] == 3


def test_the_threshold_alert_audit_lists_the_incidents_and_each_complaints_reason(world) -> None:
    victim = _victim(world)
    for month in (1, 2, 3):
        report(world, victim, behaviour=D(2025, month, 10))
    alert = VictimAlert.objects.get(person=victim, kind=AlertKind.THRESHOLD_LIKELY_MET)
    event = events(Verb.ALERT_RAISED, alert).get()
    assert event.actor_id == world.council_officer.pk
    assert event.partnership_id == world.home.partnership.pk
    assert event.detail["kind"] == AlertKind.THRESHOLD_LIKELY_MET
    assert event.detail["incidents"] == alert.detail["incidents"]
    assert all(c["reason"] for c in event.detail["complaints"])


def test_no_threshold_alert_while_one_of_three_complaints_fails_to_qualify(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 15), reported=D(2025, 2, 15))  # a day too late
    report(world, victim, behaviour=D(2025, 3, 1))
    report(world, victim, behaviour=D(2025, 4, 1))
    assert _kinds(victim) == [AlertKind.EXPLAIN_CASE_REVIEW]


def test_the_threshold_alert_waits_until_the_first_complaint_is_still_within_six_months(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 15))
    report(world, victim, behaviour=D(2025, 3, 1))
    report(world, victim, behaviour=D(2025, 7, 15))
    assert AlertKind.THRESHOLD_LIKELY_MET not in _kinds(victim)


def test_crime_reports_never_count_towards_the_threshold(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 10))
    report(world, victim, behaviour=D(2025, 2, 10), category=Category.CRIME)
    report(world, victim, behaviour=D(2025, 3, 10), category=Category.CRIME)
    assert AlertKind.THRESHOLD_LIKELY_MET not in _kinds(victim)


def test_an_areas_own_threshold_of_two_raises_the_threshold_alert_on_the_second_complaint(world) -> None:
    services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, threshold_complaints=2)
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 10))
    report(world, victim, behaviour=D(2025, 2, 10))
    assert _kinds(victim) == [AlertKind.EXPLAIN_CASE_REVIEW, AlertKind.THRESHOLD_LIKELY_MET]


def test_an_areas_own_explain_number_of_three_holds_the_prompt_back_on_the_second_report(world) -> None:
    services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, explain_after_reports=3)
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 10), reported=D(2025, 3, 1))
    report(world, victim, behaviour=D(2025, 3, 10))
    assert _kinds(victim) == []


def test_alerts_are_not_raised_twice_while_open(world) -> None:
    victim = _victim(world)
    for month in (1, 2, 3, 4, 5):
        report(world, victim, behaviour=D(2025, month, 10))
    assert _kinds(victim) == [AlertKind.EXPLAIN_CASE_REVIEW, AlertKind.THRESHOLD_LIKELY_MET]


def test_an_alert_is_raised_again_after_the_last_one_was_resolved(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 10))
    report(world, victim, behaviour=D(2025, 2, 10))
    explain = VictimAlert.objects.get(person=victim)
    services.alert_resolve(alert=explain, by=world.council_officer, resolution="Explained the Case Review by phone.")
    report(world, victim, behaviour=D(2025, 2, 20), category=Category.ASB_NUISANCE)
    assert VictimAlert.objects.filter(person=victim, kind=AlertKind.EXPLAIN_CASE_REVIEW).count() == 2


def test_only_victims_are_evaluated(world) -> None:
    victim = _victim(world)
    perpetrator = _victim(world, "Pete Perp")
    for month in (1, 2, 3):
        services.incident_record(
            partnership=world.home.partnership,
            by=world.council_officer,
            organisation=world.home.council,
            behaviour_from=D(2025, month, 1),
            reported_on=D(2025, month, 1),
            channel="phone",
            category=Category.ASB_PERSONAL,
            description="Threats in the street.",
            involvements=[(victim, InvolvementRole.VICTIM), (perpetrator, InvolvementRole.ALLEGED_PERPETRATOR)],
        )
    assert _kinds(perpetrator) == []
    assert len(_kinds(victim)) == 2


def test_adding_a_victim_to_an_existing_report_evaluates_them(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 10))
    later = report(
        world, None, behaviour=D(2025, 2, 10), location=make_location(world.home.partnership, world.home.council)
    )
    services.involvement_add(incident=later, person=victim, role=InvolvementRole.VICTIM, by=world.council_officer)
    assert _kinds(victim) == [AlertKind.EXPLAIN_CASE_REVIEW]


def test_correcting_a_report_date_evaluates_the_victims_again(world) -> None:
    victim = _victim(world)
    report(world, victim, behaviour=D(2025, 1, 10))
    second = report(world, victim, behaviour=D(2024, 6, 1))  # reported long before: no alert
    assert _kinds(victim) == []
    services.incident_update(
        incident=second, by=world.council_officer, behaviour_from=D(2025, 2, 1), reported_on=D(2025, 2, 1)
    )
    assert _kinds(victim) == [AlertKind.EXPLAIN_CASE_REVIEW]
