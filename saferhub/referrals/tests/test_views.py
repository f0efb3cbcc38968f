"""The referral pages: making a referral from a person, place or incident, the lists, triage and withdrawal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.referrals.models import Referral, ReferralStatus
from saferhub.referrals.tests.helpers import hub, make_location, make_person, refer, report_about


@pytest.fixture
def panel(world):
    return hub(world)


@pytest.fixture
def victim(world):
    return make_person(world.home.partnership, world.home.council, "Vera Victim")


def _form(**extra):
    return {
        "panel": "",
        "subject": "person",
        "reason": "Neighbour dispute escalating",
        "risk_level": "high",
        "consent": "not_sought",
        "lawful_basis": "",
        "consent_notes": "",
        **extra,
    }


def test_the_person_page_offers_a_referral_and_the_form_lists_the_panels_and_reports(world, client_for, panel, victim):
    incident = report_about(world, victim)
    client = client_for(world.council_officer)
    page = client.get(reverse("register:person", args=[victim.pk])).content.decode()
    url = reverse("referrals:make-person", args=[victim.pk])
    assert url in page
    form = client.get(url).content.decode()
    assert "Braintree Hub" in form
    assert "Vera Victim" in form
    assert f'value="{incident.pk}"' in form


def test_a_referral_without_consent_keeps_what_was_typed_and_names_what_is_missing(world, client_for, panel, victim):
    client = client_for(world.council_officer)
    url = reverse("referrals:make-person", args=[victim.pk])
    response = client.post(url, _form(panel=panel.pk, people=[victim.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select the lawful basis for sharing without consent" in page
    assert "Explain why sharing without consent is necessary and proportionate" in page
    assert "Neighbour dispute escalating" in page
    assert not Referral.objects.exists()
    response = client.post(
        url,
        _form(
            panel=panel.pk,
            people=[victim.pk],
            lawful_basis="cda_s115",
            consent_notes="Telling the alleged perpetrator's household would raise the risk",
        ),
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:referral", args=[referral.pk])
    assert list(referral.people.all()) == [victim]
    assert referral.referred_by_organisation == world.home.council


def test_a_place_referral_from_the_place_page(world, client_for, panel):
    place = make_location(world.home.partnership, world.home.council, "Memorial Park")
    client = client_for(world.council_officer)
    response = client.post(
        reverse("referrals:make-place", args=[place.pk]),
        _form(panel=panel.pk, subject="place", consent="given"),
    )
    assert response.status_code == 302
    assert Referral.objects.get().location == place


def test_the_referral_forms_of_records_the_user_may_not_see_answer_404(world, client_for, panel, victim):
    incident = report_about(world, victim)
    client = client_for(world.police_officer)
    assert client.get(reverse("referrals:make-person", args=[victim.pk])).status_code == 404
    assert client.get(reverse("referrals:make-incident", args=[incident.pk])).status_code == 404
    assert client.post(reverse("referrals:make-person", args=[victim.pk]), _form()).status_code == 404


def test_the_panel_chair_triages_from_the_list_and_the_referrer_sees_the_decision(world, client_for, panel, victim):
    referral = refer(world, panel, [victim])
    chair = client_for(world.panel_chair)
    listing = chair.get(reverse("referrals:list")).content.decode()
    assert "Referrals awaiting triage" in listing
    assert reverse("referrals:referral", args=[referral.pk]) in listing
    assert "Vera Victim" in chair.get(reverse("home")).content.decode()
    triage_url = reverse("referrals:triage", args=[referral.pk])
    response = chair.post(triage_url, {"decision": "accept", "case": "new", "new_case_title": "", "reason": ""})
    assert response.status_code == 200
    assert "Enter a title for the new case, or choose an existing case" in response.content.decode()
    response = chair.post(
        triage_url,
        {
            "decision": "accept",
            "case": "new",
            "new_case_title": "Hub case 1",
            "lead_organisation": world.home.council.pk,
            "agencies": [world.housing.pk],
            "reason": "Meets the Hub criteria",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    page = client_for(world.council_officer).get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Meets the Hub criteria" in page
    assert reverse("cases:case", args=[referral.case_id]) in page
    assert AuditEvent.objects.filter(verb=Verb.VIEWED, target_id=str(referral.pk)).exists()
    # The housing officer, brought onto the case, now sees the case page and the person.
    housing = client_for(world.housing_officer)
    assert housing.get(reverse("cases:case", args=[referral.case_id])).status_code == 200
    assert housing.get(reverse("register:person", args=[victim.pk])).status_code == 200


def test_officers_cannot_triage_and_decided_referrals_cannot_be_triaged_again(world, client_for, panel, victim):
    referral = refer(world, panel, [victim])
    assert client_for(world.council_officer).get(reverse("referrals:triage", args=[referral.pk])).status_code == 404
    chair = client_for(world.panel_chair)
    chair.post(
        reverse("referrals:triage", args=[referral.pk]),
        {"decision": "signpost", "signposted_to": "Citizens Advice", "case": "new"},
    )
    assert chair.get(reverse("referrals:triage", args=[referral.pk])).status_code == 404


def test_withdrawing_from_the_page_ends_the_chairs_sight_of_the_person(world, client_for, panel, victim):
    referral = refer(world, panel, [victim])
    chair = client_for(world.panel_chair)
    assert chair.get(reverse("register:person", args=[victim.pk])).status_code == 200
    officer = client_for(world.council_officer)
    url = reverse("referrals:withdraw", args=[referral.pk])
    response = officer.post(url, {"reason": ""})
    assert "Enter why are you withdrawing the referral?" not in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    response = officer.post(url, {"reason": "Consent withdrawn"})
    assert response.status_code == 302
    assert chair.get(reverse("register:person", args=[victim.pk])).status_code == 404
    assert chair.get(reverse("referrals:referral", args=[referral.pk])).status_code == 404
    assert officer.get(url).status_code == 404  # nothing left to withdraw


def test_the_person_page_timeline_shows_the_referral_to_those_who_may_see_it(world, client_for, panel, victim):
    referral = refer(world, panel, [victim])
    page = client_for(world.council_officer).get(reverse("register:person", args=[victim.pk])).content.decode()
    assert f"Referral {referral.reference}" in page


def test_a_declined_referral_no_longer_names_the_person_to_the_chair_who_declined_it(world, client_for, panel, victim):
    from saferhub.referrals import services
    from saferhub.referrals.models import Decision

    referral = refer(world, panel, [victim])
    services.referral_triage(referral=referral, by=world.panel_chair, decision=Decision.DECLINE, reason="Not met")
    page = client_for(world.panel_chair).get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Not met" in page
    assert "Vera Victim" not in page
    assert "Someone whose record is no longer shared with you" in page
    # The referrer still sees whom they referred, and the decision.
    page = client_for(world.council_officer).get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Vera Victim" in page and "Not met" in page
