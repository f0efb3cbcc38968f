"""Who sees a referral, and the sight of people, places and incidents a referral grants while it stands.

The cast: the council officer refers a person the council recorded, with the council's report about
them. The panel chair is Essex Police; the police officer works for the same agency but chairs
nothing; the housing officer (Eastlight) is brought onto the case when the referral is accepted.
"""

from __future__ import annotations

import pytest

from saferhub.cases import access as case_access
from saferhub.incidents import access as incident_access
from saferhub.referrals import access, services
from saferhub.referrals.models import Decision
from saferhub.referrals.tests.helpers import hub, make_location, make_person, refer, report_about
from saferhub.register import access as register_access


@pytest.fixture
def setting(world):
    panel = hub(world)
    victim = make_person(world.home.partnership, world.home.council, "Vera Victim")
    place = make_location(world.home.partnership, world.home.council, "3 Oak Road")
    incident = report_about(world, victim)
    referral = refer(world, panel, [victim], incidents=[incident])
    place_referral = refer(world, panel, [], subject="place", location=place)
    return {
        "panel": panel,
        "victim": victim,
        "place": place,
        "incident": incident,
        "referral": referral,
        "place_referral": place_referral,
    }


def _sees(user, setting) -> dict[str, bool]:
    return {
        "referral": access.referrals.can(user, "view", setting["referral"]),
        "person": register_access.people.can(user, "view", setting["victim"]),
        "incident": incident_access.incidents.can(user, "view", setting["incident"]),
        "place": register_access.locations.can(user, "view", setting["place"]),
    }


ALL = {"referral": True, "person": True, "incident": True, "place": True}
NOTHING = {"referral": False, "person": False, "incident": False, "place": False}


def _accept(world, setting, **extra):
    return services.referral_triage(
        referral=setting["referral"],
        by=world.panel_chair,
        decision=Decision.ACCEPT,
        new_case_title="Hub case 1",
        lead_organisation=world.home.council,
        **extra,
    )


def test_while_pending_the_panel_chair_sees_what_it_names_and_other_agencies_do_not(world, setting):
    assert _sees(world.panel_chair, setting) == ALL
    assert _sees(world.police_officer, setting) == NOTHING
    assert _sees(world.housing_officer, setting) == NOTHING
    assert _sees(world.council_officer, setting) == ALL  # their own agency recorded and referred it


@pytest.mark.parametrize(
    "who", ["outsider", "outside_manager", "scrutiny", "county_viewer", "analyst", "administrator", "no_roles"]
)
def test_other_partnerships_and_figures_only_roles_see_no_referral(world, setting, who):
    user = getattr(world, who)
    assert not access.referrals.visible(user, "view").exists()
    assert _sees(user, setting) == NOTHING


def test_the_system_administrator_sees_no_referral(world, setting):
    assert not access.referrals.visible(world.system_admin, "view").exists()


def test_accepted_the_agencies_on_the_case_see_what_it_names(world, setting):
    case = _accept(world, setting, agencies=[world.housing]).case
    assert _sees(world.housing_officer, setting) == {**ALL, "place": False}  # the place was another referral
    assert _sees(world.panel_chair, setting) == ALL
    # The police are not on the case (the chair's own agency is not brought on by triage).
    assert _sees(world.police_officer, setting) == NOTHING
    assert case_access.cases.can(world.housing_officer, "view", case)
    assert not case_access.cases.can(world.police_officer, "view", case)


def test_withdrawing_an_accepted_referral_ends_the_access_it_granted(world, setting):
    _accept(world, setting, agencies=[world.housing])
    services.referral_withdraw(referral=setting["referral"], by=world.council_officer, reason="Consent withdrawn")
    assert _sees(world.housing_officer, setting) == NOTHING
    # The chair decided it, so they still see the referral itself, but no longer what it named.
    assert _sees(world.panel_chair, setting) == {"referral": True, "person": False, "incident": False, "place": True}
    assert _sees(world.council_officer, setting) == ALL


def test_withdrawing_a_pending_referral_ends_the_panel_chairs_sight(world, setting):
    services.referral_withdraw(referral=setting["referral"], by=world.council_officer, reason="Needs met elsewhere")
    assert _sees(world.panel_chair, setting) == {**NOTHING, "place": True}  # the place referral still stands
    services.referral_withdraw(referral=setting["place_referral"], by=world.manager, reason="Duplicate")
    assert _sees(world.panel_chair, setting) == NOTHING


def test_declining_ends_the_panel_chairs_sight_of_what_it_named(world, setting):
    services.referral_triage(
        referral=setting["referral"], by=world.manager, decision=Decision.DECLINE, reason="Threshold not met"
    )
    seen = _sees(world.panel_chair, setting)
    assert (seen["referral"], seen["person"], seen["incident"]) == (False, False, False)
    # The referring agency sees the decision.
    assert access.referrals.can(world.council_officer, "view", setting["referral"])


def test_only_chairs_and_managers_triage_and_only_the_referrer_or_a_manager_withdraws(world, setting):
    referral = setting["referral"]
    assert access.referrals.can(world.panel_chair, "triage", referral)
    assert access.referrals.can(world.manager, "triage", referral)
    for user in (world.council_officer, world.police_officer, world.housing_officer):
        assert not access.referrals.can(user, "triage", referral)
    assert access.referrals.can(world.council_officer, "withdraw", referral)
    assert access.referrals.can(world.manager, "withdraw", referral)
    for user in (world.panel_chair, world.police_officer, world.housing_officer):
        assert not access.referrals.can(user, "withdraw", referral)


def test_a_referral_by_another_agency_is_visible_to_that_agency(world, setting):
    other = make_person(world.home.partnership, world.police, "Pete Police-Record")
    referral = refer(world, setting["panel"], [other], by=world.police_officer)
    assert access.referrals.can(world.police_officer, "view", referral)
    assert not access.referrals.can(world.council_officer, "view", referral)
    assert not access.referrals.can(world.housing_officer, "view", referral)
