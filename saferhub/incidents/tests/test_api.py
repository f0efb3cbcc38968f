"""The incidents API: list, read and record reports, with the access rules of the pages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from saferhub.accounts import services as accounts
from saferhub.accounts.models import Role
from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.incidents.models import Category, Incident
from saferhub.incidents.tests.helpers import events, report
from saferhub.register.tests.records import address, person

NOT_FOUND = {"detail": "Not found"}


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def _ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def _body(**extra):
    body = {
        "behaviour_from": _days_ago(3).isoformat(),
        "reported_on": _days_ago(2).isoformat(),
        "channel": "phone",
        "category": "asb_personal",
        "incident_type": "asb-intimidation-harassment",
        "description": "Shouting at the neighbour's door late at night.",
        "agency_reference": "BDC-ASB-0001",
    }
    body.update(extra)
    return body


def _errors(response):
    assert response.status_code == 422, response.content
    return {".".join(str(part) for part in e["loc"][2:]): e["msg"] for e in response.json()["detail"]}


# Reading


def test_an_officer_lists_only_what_their_organisation_recorded(api_as, world):
    victim = person(world)
    own = report(world, victim, behaviour=_days_ago(10))
    report(world, victim, behaviour=_days_ago(5), by=world.police_officer)
    response = api_as(world.council_officer).get("/incidents")
    assert _ids(response) == [own.pk]
    assert response.json()["count"] == 1


def test_the_manager_lists_every_incident_of_the_partnership_and_others_see_none(api_as, world):
    victim = person(world)
    older = report(world, victim, behaviour=_days_ago(10))
    newer = report(world, victim, behaviour=_days_ago(5), by=world.police_officer)
    assert _ids(api_as(world.manager).get("/incidents")) == [newer.pk, older.pk]
    for persona in ("outsider", "analyst", "scrutiny", "no_roles", "system_admin"):
        assert _ids(api_as(getattr(world, persona)).get("/incidents")) == [], persona


def test_the_list_filters_by_report_dates_and_category_and_pages(api_as, world):
    victim = person(world)
    old = report(world, victim, behaviour=_days_ago(40))
    crime = report(world, victim, behaviour=_days_ago(20), category=Category.CRIME)
    recent = report(world, victim, behaviour=_days_ago(5))
    caller = api_as(world.manager)
    assert _ids(caller.get("/incidents", reported_from=_days_ago(30).isoformat())) == [recent.pk, crime.pk]
    assert _ids(caller.get("/incidents", reported_to=_days_ago(30).isoformat())) == [old.pk]
    assert _ids(caller.get("/incidents", category="crime")) == [crime.pk]
    page = caller.get("/incidents", limit=1, offset=1)
    assert _ids(page) == [crime.pk]
    assert page.json()["count"] == 3
    assert caller.get("/incidents", limit=501).status_code == 422
    assert caller.get("/incidents", category="murder").status_code == 422


def test_the_list_takes_a_fixed_number_of_queries(api_as, world, django_assert_max_num_queries):
    victim = person(world)
    for days in range(5, 15):
        report(world, victim, behaviour=_days_ago(days))
    caller = api_as(world.manager)
    with django_assert_max_num_queries(8):
        assert len(_ids(caller.get("/incidents"))) == 10


def test_an_officer_reads_an_incident_with_its_people_and_the_view_is_audited(api_as, world):
    victim = person(world)
    place = address(world)
    incident = report(world, victim, behaviour=_days_ago(3), location=place, screening={"unsafe_at_home": True})
    response = api_as(world.council_officer).get(f"/incidents/{incident.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["involvements"] == [{"person_id": victim.pk, "display_name": "Jane Doe", "role": "victim"}]
    assert body["location_id"] == place.pk
    assert body["risk_level"] == "standard"
    assert body["partnership"] == "braintree"
    viewed = events(Verb.VIEWED, incident).get()
    assert viewed.actor_id == world.council_officer.pk


@pytest.mark.parametrize("persona", ["police_officer", "outsider", "analyst", "scrutiny", "no_roles", "system_admin"])
def test_another_agencys_or_partnerships_incident_is_404(api_as, world, persona):
    incident = report(world, person(world), behaviour=_days_ago(3))
    response = api_as(getattr(world, persona)).get(f"/incidents/{incident.pk}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert not events(Verb.VIEWED, incident).exists()


def test_without_a_token_every_incident_route_is_401(api_as, world):
    incident = report(world, person(world), behaviour=_days_ago(3))
    anonymous = api_as(None)
    assert anonymous.get("/incidents").status_code == 401
    assert anonymous.get(f"/incidents/{incident.pk}").status_code == 401
    assert anonymous.post("/incidents", _body()).status_code == 401


# Recording


def test_an_officer_records_an_incident_for_their_organisation_and_it_is_audited(api_as, world):
    victim = person(world)
    place = address(world)
    body = _body(
        location_id=place.pk,
        people=[{"person_id": victim.pk, "role": "victim"}],
        screening={"unsafe_at_home": True, "targeted": True},
    )
    response = api_as(world.council_officer).post("/incidents", body)
    assert response.status_code == 201, response.content
    answer = response.json()
    incident = Incident.objects.get(pk=answer["id"])
    assert incident.partnership == world.home.partnership
    assert incident.recorded_by_organisation == world.home.council
    assert incident.recorded_by == world.council_officer
    assert answer["risk_level"] == "high"
    assert answer["agency_reference"] == "BDC-ASB-0001"
    assert answer["involvements"] == [{"person_id": victim.pk, "display_name": "Jane Doe", "role": "victim"}]
    assert answer["alerts"] == []
    assert events(Verb.INCIDENT_RECORDED, incident).get().actor_id == world.council_officer.pk


def test_a_repeat_victims_report_answers_with_the_alerts_it_raised(api_as, world):
    victim = person(world)
    report(world, victim, behaviour=_days_ago(30))
    caller = api_as(world.council_officer)
    second = caller.post("/incidents", _body(people=[{"person_id": victim.pk, "role": "victim"}]))
    assert second.status_code == 201, second.content
    assert second.json()["alerts"] == [{"kind": "explain_case_review", "person_id": victim.pk}]
    third = caller.post(
        "/incidents", _body(agency_reference="BDC-ASB-0002", people=[{"person_id": victim.pk, "role": "victim"}])
    )
    assert third.json()["alerts"] == [{"kind": "threshold_likely_met", "person_id": victim.pk}]


def test_missing_and_malformed_fields_are_named(api_as, world):
    body = _body(channel="pigeon", reported_on="yesterday")
    del body["description"]
    errors = _errors(api_as(world.council_officer).post("/incidents", body))
    assert set(errors) == {"description", "channel", "reported_on"}
    assert errors["description"].startswith("description")


def test_a_hidden_person_reads_exactly_like_a_missing_one(api_as, world):
    theirs = person(world, by=world.outsider, partnership=world.other.partnership)
    police_only = person(world, by=world.police_officer)
    caller = api_as(world.council_officer)
    people = [
        {"person_id": theirs.pk, "role": "victim"},
        {"person_id": police_only.pk, "role": "witness"},
        {"person_id": 999999, "role": "witness"},
    ]
    errors = _errors(caller.post("/incidents", _body(people=people)))
    assert set(errors) == {"people.0.person_id", "people.1.person_id", "people.2.person_id"}
    for index, item in enumerate(people):
        assert errors[f"people.{index}.person_id"] == (
            f"people[{index}].person_id: no person with id {item['person_id']} on the register you can see"
        )
    assert not Incident.objects.exists()


def test_a_hidden_place_reads_exactly_like_a_missing_one(api_as, world):
    theirs = address(world, by=world.outsider, partnership=world.other.partnership)
    caller = api_as(world.council_officer)
    hidden = _errors(caller.post("/incidents", _body(location_id=theirs.pk)))
    missing = _errors(caller.post("/incidents", _body(location_id=999999)))
    assert hidden == {"location_id": f"location_id: no place with id {theirs.pk} on the register you can see"}
    assert missing == {"location_id": "location_id: no place with id 999999 on the register you can see"}


def test_the_services_objections_name_the_request_fields(api_as, world):
    victim = person(world)
    body = _body(
        behaviour_from=_days_ago(1).isoformat(),
        reported_on=_days_ago(5).isoformat(),
        incident_type="crime-burglary",
        screening={"feels_sad": True},
        people=[{"person_id": victim.pk, "role": "victim"}, {"person_id": victim.pk, "role": "victim"}],
    )
    errors = _errors(api_as(world.council_officer).post("/incidents", body))
    assert set(errors) == {"reported_on", "incident_type", "screening", "people"}
    assert errors["reported_on"].startswith("reported_on: Date it was reported must be")
    assert "repeat_victim" in errors["screening"]


def test_an_unknown_incident_type_code_is_named(api_as, world):
    errors = _errors(api_as(world.council_officer).post("/incidents", _body(incident_type="asb-dragons")))
    assert errors == {"incident_type": "incident_type: no incident type has the code 'asb-dragons'"}


def test_a_report_about_nobody_and_nowhere_is_refused(api_as, world):
    errors = _errors(api_as(world.council_officer).post("/incidents", _body()))
    assert set(errors) == {"location_id"}


@pytest.mark.parametrize("persona", ["analyst", "scrutiny", "administrator", "no_roles", "system_admin"])
def test_those_without_a_casework_role_may_not_record(api_as, world, persona):
    response = api_as(getattr(world, persona)).post("/incidents", _body(location_id=address(world).pk))
    assert response.status_code == 404
    assert not Incident.objects.exists()


def test_an_officer_in_several_partnerships_must_name_one(api_as, world):
    officer = world.police_officer
    accounts.role_grant(user=officer, partnership=world.other.partnership, role=Role.OFFICER, by=None)
    place = address(world, by=officer)
    caller = api_as(officer)
    errors = _errors(caller.post("/incidents", _body(location_id=place.pk)))
    assert errors == {
        "partnership": "partnership is required: you do casework in several (braintree, castle-point-rochford)"
    }
    assert caller.post("/incidents", _body(location_id=place.pk, partnership="braintree")).status_code == 201
    assert caller.post("/incidents", _body(location_id=place.pk, partnership="dartford")).status_code == 404


def test_a_place_of_another_partnership_is_refused_in_this_one(api_as, world):
    officer = world.police_officer
    accounts.role_grant(user=officer, partnership=world.other.partnership, role=Role.OFFICER, by=None)
    place = address(world, by=officer)  # Braintree's
    errors = _errors(
        api_as(officer).post("/incidents", _body(location_id=place.pk, partnership="castle-point-rochford"))
    )
    assert set(errors) == {"location_id"}


def test_a_refused_report_writes_no_audit_event(api_as, world):
    caller = api_as(world.council_officer)
    place = address(world)
    before = AuditEvent.objects.count()
    _errors(caller.post("/incidents", _body(description="   ", location_id=place.pk)))
    assert AuditEvent.objects.count() == before
