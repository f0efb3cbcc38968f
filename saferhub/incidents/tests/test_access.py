"""Who sees incidents, the people involved, alerts, incident types and the rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.db.models import Q

from saferhub.incidents import access
from saferhub.incidents.models import AlertKind, IncidentType, Involvement, RepeatVictimRules, VictimAlert
from saferhub.incidents.tests.helpers import make_location, make_person, report
from saferhub.register import access as register_access

D = datetime.date


@pytest.fixture
def records(world):
    """The council's and the police's report about the same victim (the second raises an explain alert)."""
    victim = make_person(world.home.partnership, world.home.council)
    council = report(world, victim, behaviour=D(2025, 1, 10), by=world.council_officer)
    police = report(world, victim, behaviour=D(2025, 2, 10), by=world.police_officer)
    return {"victim": victim, "council": council, "police": police}


def _seen(user) -> set[int]:
    return set(access.incidents.visible(user, "view").values_list("pk", flat=True))


def test_a_council_officer_sees_the_councils_incident_but_not_the_polices(world, records) -> None:
    assert _seen(world.council_officer) == {records["council"].pk}
    assert access.incidents.can(world.council_officer, "change", records["council"])
    assert not access.incidents.can(world.council_officer, "view", records["police"])


def test_a_police_officer_and_the_police_panel_chair_see_the_polices_incident(world, records) -> None:
    assert _seen(world.police_officer) == {records["police"].pk}
    assert _seen(world.panel_chair) == {records["police"].pk}


def test_the_manager_sees_every_agencys_incident(world, records) -> None:
    assert _seen(world.manager) == {records["council"].pk, records["police"].pk}


@pytest.mark.parametrize(
    "who", ["outsider", "outside_manager", "scrutiny", "county_viewer", "analyst", "administrator", "no_roles"]
)
def test_others_see_no_incidents_involvements_or_alerts(world, records, who) -> None:
    user = getattr(world, who)
    assert _seen(user) == set()
    assert not access.involvements.visible(user, "view").exists()
    assert not access.victim_alerts.visible(user, "view").exists()


def test_the_system_administrator_sees_no_casework(world, records) -> None:
    assert _seen(world.system_admin) == set()
    assert not access.victim_alerts.visible(world.system_admin, "view").exists()


@pytest.fixture
def police_link_for_the_council(world) -> Iterator[None]:
    """A temporary link: council staff reach every incident the police recorded (removed afterwards)."""

    def link(user) -> Q:
        if user.organisation_id == world.home.council.pk:
            return Q(recorded_by_organisation=world.police)
        return Q(pk__in=[])

    access.INCIDENT_LINKS.append(link)
    yield
    access.INCIDENT_LINKS.remove(link)


def test_a_registered_incident_link_widens_an_officers_view(world, records, police_link_for_the_council) -> None:
    assert _seen(world.council_officer) == {records["council"].pk, records["police"].pk}
    assert _seen(world.housing_officer) == set()


def test_an_incident_link_never_reaches_another_partnership(world, records, police_link_for_the_council) -> None:
    assert _seen(world.outsider) == set()


def test_involvements_follow_their_incident(world, records) -> None:
    seen = access.involvements.visible(world.council_officer, "view")
    assert set(seen.values_list("incident_id", flat=True)) == {records["council"].pk}
    assert access.involvements.visible(world.manager, "view").count() == Involvement.objects.count()


def test_an_officer_sees_alerts_raised_by_their_organisations_incident_and_the_manager_all(world, records) -> None:
    alert = VictimAlert.objects.get(kind=AlertKind.EXPLAIN_CASE_REVIEW)
    assert alert.incident == records["police"]
    assert list(access.victim_alerts.visible(world.police_officer, "view")) == [alert]
    assert list(access.victim_alerts.visible(world.manager, "change")) == [alert]
    assert not access.victim_alerts.visible(world.council_officer, "view").exists()
    assert not access.victim_alerts.visible(world.panel_chair, "view").exists()


def test_incident_types_are_seen_by_everyone_signed_in_and_changed_by_the_system_administrator(world) -> None:
    everything = IncidentType.objects.count()
    assert access.incident_types.visible(world.scrutiny, "view").count() == everything
    assert not access.incident_types.visible(world.manager, "change").exists()
    assert access.incident_types.visible(world.system_admin, "change").count() == everything


def test_the_rules_are_seen_by_anyone_with_a_role_and_changed_by_the_system_administrator(world) -> None:
    RepeatVictimRules.objects.create(area=world.essex)
    assert access.repeat_victim_rules.visible(world.county_viewer, "view").count() == 1
    assert not access.repeat_victim_rules.visible(world.no_roles, "view").exists()
    assert not access.repeat_victim_rules.visible(world.manager, "change").exists()
    assert access.repeat_victim_rules.visible(world.system_admin, "change").count() == 1


def test_the_register_shows_an_officer_the_people_and_places_of_their_organisations_incidents(world) -> None:
    victim = make_person(world.home.partnership, world.home.council)  # recorded by the council
    place = make_location(world.home.partnership, world.home.council)
    report(world, victim, behaviour=D(2025, 1, 10), by=world.police_officer, location=place)
    assert access.person_involved_in_my_incident in register_access.PERSON_LINKS
    assert victim in register_access.people.visible(world.police_officer, "view")
    assert place in register_access.locations.visible(world.police_officer, "view")
    assert victim not in register_access.people.visible(world.housing_officer, "view")
    assert victim not in register_access.people.visible(world.outsider, "view")
