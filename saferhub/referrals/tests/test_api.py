"""The referrals API: make a referral and read one, with the access rules of the pages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from saferhub.accounts import services as accounts
from saferhub.accounts.models import Role
from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.cases.services import panel_create, panel_update
from saferhub.incidents.tests.helpers import events, report
from saferhub.referrals.models import Referral
from saferhub.referrals.services import referral_make, referral_triage, referral_withdraw
from saferhub.register.tests.records import address, person

NOT_FOUND = {"detail": "Not found"}


@pytest.fixture
def hub(world):
    return panel_create(
        partnership=world.home.partnership,
        name="Braintree District Community Safety Hub",
        kind="hub",
        by=world.manager,
    )


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def _body(panel, **extra):
    body = {
        "panel_id": panel.pk,
        "subject": "person",
        "reason": "Four reports of harassment by neighbours in three months; asking the Hub for a joint plan.",
        "risk_level": "high",
        "consent": "given",
    }
    body.update(extra)
    return body


def _errors(response):
    assert response.status_code == 422, response.content
    return {".".join(str(part) for part in e["loc"][2:]): e["msg"] for e in response.json()["detail"]}


def _refer(world, panel, victim, *, by=None, **extra):
    """A pending referral of ``victim`` to ``panel``, by the council officer unless ``by`` says otherwise."""
    by = by or world.council_officer
    return referral_make(
        panel=panel,
        by=by,
        organisation=by.organisation,
        subject="person",
        people=[victim],
        reason="Repeated harassment at home.",
        risk_level="medium",
        consent="given",
        **extra,
    )


# Making a referral


def test_an_officer_refers_a_person_with_an_incident_and_the_referral_answers(api_as, world, hub):
    victim = person(world)
    incident = report(world, victim, behaviour=_days_ago(5))
    response = api_as(world.council_officer).post(
        "/referrals", _body(hub, person_ids=[victim.pk], incident_ids=[incident.pk])
    )
    assert response.status_code == 201, response.content
    answer = response.json()
    referral = Referral.objects.get(pk=answer["id"])
    assert referral.referred_by == world.council_officer
    assert referral.referred_by_organisation == world.home.council
    assert answer["reference"] == referral.reference
    assert answer["partnership"] == "braintree"
    assert (answer["panel_id"], answer["panel"]) == (hub.pk, "Braintree District Community Safety Hub")
    assert (answer["person_ids"], answer["location_id"], answer["incident_ids"]) == ([victim.pk], None, [incident.pk])
    assert (answer["status"], answer["decision"], answer["case_id"], answer["decided_at"]) == (
        "pending",
        "",
        None,
        None,
    )
    assert answer["referred_by_organisation"] == "Braintree District Council"
    assert events(Verb.REFERRAL_MADE, referral).get().actor_id == world.council_officer.pk


def test_an_officer_refers_a_household_at_its_home(api_as, world, hub):
    home = address(world)
    first = person(world, home=home)
    second = person(world, given_name="John", home=home)
    body = _body(hub, subject="household", person_ids=[first.pk, second.pk], location_id=home.pk)
    response = api_as(world.council_officer).post("/referrals", body)
    assert response.status_code == 201, response.content
    answer = response.json()
    assert (answer["subject"], answer["person_ids"], answer["location_id"]) == (
        "household",
        [first.pk, second.pk],
        home.pk,
    )


def test_an_officer_refers_a_place_without_consent_on_a_lawful_basis(api_as, world, hub):
    place = address(world, address_line_1="", name="Example Recreation Ground", kind="open_space")
    body = _body(
        hub,
        subject="place",
        location_id=place.pk,
        consent="not_sought",
        lawful_basis="cda_s115",
        consent_notes="The referral is about a place; the residents who complained are not named.",
    )
    response = api_as(world.council_officer).post("/referrals", body)
    assert response.status_code == 201, response.content
    answer = response.json()
    assert (answer["subject"], answer["person_ids"], answer["location_id"]) == ("place", [], place.pk)
    assert (answer["consent"], answer["lawful_basis"]) == ("not_sought", "cda_s115")
    assert answer["consent_notes"].startswith("The referral is about a place")


def test_a_missing_or_blank_reason_is_named(api_as, world, hub):
    caller = api_as(world.council_officer)
    body = _body(hub, person_ids=[person(world).pk])
    del body["reason"]
    assert _errors(caller.post("/referrals", body)) == {"reason": "reason is required: add it to the request"}
    assert _errors(caller.post("/referrals", {**body, "reason": "   "})) == {"reason": "reason must not be empty"}
    assert not Referral.objects.exists()


def test_without_consent_the_missing_lawful_basis_is_named(api_as, world, hub):
    body = _body(
        hub,
        person_ids=[person(world).pk],
        consent="refused",
        consent_notes="Serious risk of harm to the children in the house.",
    )
    errors = _errors(api_as(world.council_officer).post("/referrals", body))
    assert errors == {"lawful_basis": "lawful_basis: Select the lawful basis for sharing without consent"}


def test_a_consent_or_lawful_basis_off_the_list_is_named(api_as, world, hub):
    body = _body(hub, person_ids=[person(world).pk], consent="maybe", lawful_basis="because")
    errors = _errors(api_as(world.council_officer).post("/referrals", body))
    assert set(errors) == {"consent", "lawful_basis"}
    assert errors["consent"].startswith("consent must be one of")


def test_a_hidden_person_reads_exactly_like_a_missing_one(api_as, world, hub):
    own = person(world)
    police_only = person(world, by=world.police_officer, given_name="Paula")
    theirs = person(world, by=world.outsider, partnership=world.other.partnership)
    ids = [own.pk, police_only.pk, 999999, theirs.pk]
    errors = _errors(api_as(world.council_officer).post("/referrals", _body(hub, subject="household", person_ids=ids)))
    assert errors == {
        f"person_ids.{index}": f"person_ids[{index}]: no person with id {ids[index]} on the register you can see"
        for index in (1, 2, 3)
    }
    assert not Referral.objects.exists()


def test_a_hidden_place_or_incident_reads_exactly_like_a_missing_one(api_as, world, hub):
    police_place = address(world, by=world.police_officer, address_line_1="3 Quillon Road")
    police_report = report(
        world, person(world, by=world.police_officer), behaviour=_days_ago(4), by=world.police_officer
    )
    caller = api_as(world.council_officer)
    hidden = _errors(
        caller.post(
            "/referrals", _body(hub, subject="place", location_id=police_place.pk, incident_ids=[police_report.pk])
        )
    )
    assert hidden == {
        "location_id": f"location_id: no place with id {police_place.pk} on the register you can see",
        "incident_ids.0": f"incident_ids[0]: no incident with id {police_report.pk} that you can see",
    }
    missing = _errors(caller.post("/referrals", _body(hub, subject="place", location_id=999999, incident_ids=[999999])))
    assert missing == {
        "location_id": "location_id: no place with id 999999 on the register you can see",
        "incident_ids.0": "incident_ids[0]: no incident with id 999999 that you can see",
    }


def test_a_panel_of_another_partnership_reads_exactly_like_a_missing_one(api_as, world, hub):
    theirs = panel_create(
        partnership=world.other.partnership, name="Castle Point and Rochford Hub", kind="hub", by=None
    )
    caller = api_as(world.council_officer)
    victim = person(world)
    hidden = _errors(caller.post("/referrals", _body(theirs, person_ids=[victim.pk])))
    assert hidden == {"panel_id": f"panel_id: no panel with id {theirs.pk} that you can refer to"}
    missing = _errors(caller.post("/referrals", {**_body(hub, person_ids=[victim.pk]), "panel_id": 999999}))
    assert missing == {"panel_id": "panel_id: no panel with id 999999 that you can refer to"}


def test_an_archived_panel_is_refused_on_panel_id(api_as, world, hub):
    panel_update(panel=hub, archived=True, by=world.manager)
    errors = _errors(api_as(world.council_officer).post("/referrals", _body(hub, person_ids=[person(world).pk])))
    assert errors == {"panel_id": "panel_id: This panel is archived: choose a current panel"}


def test_the_services_objections_name_the_request_fields(api_as, world, hub):
    victim = person(world)
    other = person(world, given_name="John")
    caller = api_as(world.council_officer)
    two_people = _errors(caller.post("/referrals", _body(hub, person_ids=[victim.pk, other.pk])))
    assert two_people == {"person_ids": "person_ids: Select the one person you are referring"}
    assert caller.post("/referrals", _body(hub, person_ids=[victim.pk])).status_code == 201
    again = _errors(caller.post("/referrals", _body(hub, person_ids=[victim.pk])))
    assert set(again) == {"person_ids"}
    assert "is already awaiting triage" in again["person_ids"]


def test_a_person_referral_names_no_place_and_a_place_referral_names_nobody(api_as, world, hub):
    home = address(world)
    resident = person(world, home=home)
    caller = api_as(world.council_officer)
    with_place = _errors(caller.post("/referrals", _body(hub, person_ids=[resident.pk], location_id=home.pk)))
    assert set(with_place) == {"location_id"}
    with_people = _errors(
        caller.post("/referrals", _body(hub, subject="place", person_ids=[resident.pk], location_id=home.pk))
    )
    assert set(with_people) == {"person_ids"}


def test_an_organisation_outside_the_partnership_may_not_refer(api_as, world, hub):
    # Castle Point Borough Council is no member of Braintree: its officer's role there is not enough.
    accounts.role_grant(user=world.outsider, partnership=world.home.partnership, role=Role.OFFICER, by=None)
    place = address(world, by=world.outsider)
    errors = _errors(api_as(world.outsider).post("/referrals", _body(hub, subject="place", location_id=place.pk)))
    assert errors == {"panel_id": "panel_id: The referring organisation must be a member of the partnership"}


@pytest.mark.parametrize("persona", ["analyst", "scrutiny", "administrator", "no_roles", "system_admin"])
def test_those_without_a_casework_role_may_not_refer(api_as, world, hub, persona):
    response = api_as(getattr(world, persona)).post("/referrals", _body(hub, person_ids=[person(world).pk]))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert not Referral.objects.exists()


def test_an_officer_without_an_organisation_may_not_refer(api_as, world, hub):
    loner = accounts.user_create(email="loner@example.test", full_name="Lou Loner", organisation=None, by=None)
    accounts.role_grant(user=loner, partnership=world.home.partnership, role=Role.OFFICER, by=None)
    assert api_as(loner).post("/referrals", _body(hub, person_ids=[person(world).pk])).status_code == 404


def test_a_refused_referral_writes_no_audit_event(api_as, world, hub):
    caller = api_as(world.council_officer)
    before = AuditEvent.objects.count()
    _errors(caller.post("/referrals", _body(hub, person_ids=[999999])))
    assert AuditEvent.objects.count() == before


# Reading a referral


def test_the_referring_officer_reads_the_referral_and_the_view_is_audited(api_as, world, hub):
    referral = _refer(world, hub, person(world))
    response = api_as(world.council_officer).get(f"/referrals/{referral.pk}")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == referral.pk
    viewed = events(Verb.VIEWED, referral).get()
    assert (viewed.actor_id, viewed.partnership_id) == (world.council_officer.pk, world.home.partnership.pk)


def test_the_panel_chair_reads_a_pending_referral_and_may_see_who_it_names(api_as, world, hub):
    victim = person(world)
    referral = _refer(world, hub, victim)
    chair = api_as(world.panel_chair)
    assert chair.get(f"/referrals/{referral.pk}").status_code == 200
    assert chair.get(f"/people/{victim.pk}").status_code == 200


@pytest.mark.parametrize(
    "persona",
    ["police_officer", "housing_officer", "outsider", "outside_manager", "analyst", "no_roles", "system_admin"],
)
def test_another_agency_or_partnership_gets_404(api_as, world, hub, persona):
    referral = _refer(world, hub, person(world))
    response = api_as(getattr(world, persona)).get(f"/referrals/{referral.pk}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert not events(Verb.VIEWED, referral).exists()


def test_the_agencies_on_the_case_read_an_accepted_referral(api_as, world, hub):
    referral = referral_triage(
        referral=_refer(world, hub, person(world)),
        by=world.panel_chair,
        decision="accept",
        new_case_title="Harassment at home",
        lead_organisation=world.home.council,
        agencies=[world.housing],
    )
    answer = api_as(world.housing_officer).get(f"/referrals/{referral.pk}")
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["decision"]) == ("accepted", "accept")
    assert referral.case_id is not None
    assert answer.json()["case_id"] == referral.case_id


def test_only_the_incidents_the_reader_may_see_are_listed(api_as, world, hub):
    victim = person(world)
    incident = report(world, victim, behaviour=_days_ago(6))
    referral = _refer(world, hub, victim, incidents=[incident])
    assert api_as(world.panel_chair).get(f"/referrals/{referral.pk}").json()["incident_ids"] == [incident.pk]
    referral_triage(referral=referral, by=world.panel_chair, decision="decline", reason="Below the Hub's threshold.")
    # The chair who declined it still reads the referral, but no longer sees what it named.
    declined = api_as(world.panel_chair).get(f"/referrals/{referral.pk}")
    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["incident_ids"]) == ("declined", [])
    assert api_as(world.council_officer).get(f"/referrals/{referral.pk}").json()["incident_ids"] == [incident.pk]


def test_after_withdrawal_the_chair_loses_the_referral_and_the_person_but_the_referrer_keeps_it(api_as, world, hub):
    # Recorded by the council and referred by its officer: the referral is Essex Police's chair's only link.
    victim = person(world)
    referral = _refer(world, hub, victim)
    chair = api_as(world.panel_chair)
    assert chair.get(f"/people/{victim.pk}").status_code == 200
    referral_withdraw(referral=referral, by=world.council_officer, reason="The resident withdrew their consent.")
    assert chair.get(f"/referrals/{referral.pk}").status_code == 404
    assert chair.get(f"/people/{victim.pk}").status_code == 404
    kept = api_as(world.council_officer).get(f"/referrals/{referral.pk}")
    assert kept.status_code == 200
    assert (kept.json()["status"], kept.json()["withdrawal_reason"]) == (
        "withdrawn",
        "The resident withdrew their consent.",
    )
    assert kept.json()["withdrawn_at"] is not None


def test_after_withdrawal_the_chair_who_accepted_keeps_the_referral_and_the_case_agencies_lose_it(api_as, world, hub):
    victim = person(world)
    referral = _refer(world, hub, victim)
    referral_triage(
        referral=referral,
        by=world.panel_chair,
        decision="accept",
        new_case_title="Harassment at home",
        lead_organisation=world.home.council,
        agencies=[world.housing],
    )
    housing = api_as(world.housing_officer)
    assert housing.get(f"/people/{victim.pk}").status_code == 200
    referral_withdraw(referral=referral, by=world.council_officer, reason="The resident moved out of the district.")
    assert api_as(world.panel_chair).get(f"/referrals/{referral.pk}").status_code == 200
    assert api_as(world.panel_chair).get(f"/people/{victim.pk}").status_code == 404
    assert housing.get(f"/referrals/{referral.pk}").status_code == 404
    assert housing.get(f"/people/{victim.pk}").status_code == 404


def test_the_panel_chair_reads_a_referral_in_a_signed_in_session(client_for, world, hub):
    referral = _refer(world, hub, person(world))
    response = client_for(world.panel_chair).get(f"/api/v1/referrals/{referral.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "pending"


def test_without_a_token_every_referral_route_is_401(api_as, world, hub):
    referral = _refer(world, hub, person(world))
    anonymous = api_as(None)
    assert anonymous.get(f"/referrals/{referral.pk}").status_code == 401
    assert anonymous.post("/referrals", _body(hub, person_ids=[])).status_code == 401
