"""Who sees a Case Review application: managers, its single point of contact, whoever entered it,
and the officers named on the review."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from saferhub.casereview import access, review_services, services
from saferhub.casereview.review_services import ResponseFinding
from saferhub.casereview.services import ComplaintGiven

TODAY = timezone.localdate()


def _application(world, partnership=None):
    day = TODAY - datetime.timedelta(days=3)
    return services.application_submit(
        partnership=partnership or world.home.partnership,
        by=None,
        channel="online",
        applicant_role="victim",
        applicant_name="Vera Victim",
        contact_method="phone",
        applicant_phone="01234 567890",
        victim_kind="person",
        victim_name="Vera Victim",
        problem_place="Oak Road",
        problem="Noise",
        complaints=[ComplaintGiven(day, day, "Police")] * 3,
    )


def _sees(user, application) -> bool:
    return access.applications.can(user, "view", application)


def test_only_the_manager_sees_a_new_application(world):
    application = _application(world)
    assert _sees(world.manager, application)
    for who in (
        "council_officer",
        "police_officer",
        "housing_officer",
        "panel_chair",
        "analyst",
        "administrator",
        "scrutiny",
        "county_viewer",
        "outsider",
        "outside_manager",
        "system_admin",
        "no_roles",
    ):
        assert not _sees(getattr(world, who), application), who


def test_the_single_point_of_contact_sees_and_works_on_it(world):
    application = _application(world)
    services.application_assign(
        application=application, single_point_of_contact=world.council_officer, by=world.manager
    )
    assert _sees(world.council_officer, application)
    assert access.applications.can(world.council_officer, "change", application)
    assert not _sees(world.police_officer, application)


def test_officers_named_on_the_review_see_it_and_no_one_else_at_their_agencies(world):
    application = _application(world)
    services.application_decide(application=application, by=world.manager, met=True, reasons="Met")
    review_services.review_record(
        application=application,
        by=world.manager,
        held_on=TODAY,
        victim_invited=False,
        summary="Found",
        findings=[ResponseFinding(world.police, False, "Slow")],
    )
    recommendation = review_services.recommendation_add(
        application=application, by=world.manager, text="Visit", owner=world.housing, due_on=TODAY
    )
    # Being assessed or owning a recommendation does not open the application to a whole agency.
    for who in ("police_officer", "housing_officer", "panel_chair"):
        assert not _sees(getattr(world, who), application), who
    services.application_name_officers(
        application=application, officers=[world.police_officer, world.housing_officer], by=world.manager
    )
    for who in ("police_officer", "housing_officer"):
        assert _sees(getattr(world, who), application), who
        assert not access.applications.can(getattr(world, who), "change", application), who
    assert not _sees(world.panel_chair, application)  # Essex Police, but not named
    assert access.recommendations.can(world.housing_officer, "change", recommendation)
    assert not access.recommendations.can(world.police_officer, "change", recommendation)
    assert not _sees(world.council_officer, application)


def test_only_casework_officers_of_the_partnership_can_be_named(world):
    application = _application(world)
    with pytest.raises(ValidationError) as excinfo:
        services.application_name_officers(application=application, officers=[world.outsider], by=world.manager)
    assert list(excinfo.value.message_dict) == ["officers"]


def test_another_partnerships_manager_never_sees_it(world):
    application = _application(world)
    assert not _sees(world.outside_manager, application)
    theirs = _application(world, partnership=world.other.partnership)
    assert _sees(world.outside_manager, theirs) and not _sees(world.manager, theirs)


def test_the_officer_who_entered_an_application_from_a_call_can_open_it(world):
    day = TODAY - datetime.timedelta(days=1)
    application = services.application_submit(
        partnership=world.home.partnership,
        by=world.council_officer,
        channel="phone",
        received_on=day,
        applicant_role="victim",
        applicant_name="Vera Victim",
        contact_method="phone",
        applicant_phone="01234 567890",
        victim_kind="person",
        victim_name="Vera Victim",
        problem_place="Oak Road",
        problem="Noise",
    )
    assert _sees(world.council_officer, application)
    assert not access.applications.can(world.council_officer, "change", application)
    assert not _sees(world.police_officer, application)
