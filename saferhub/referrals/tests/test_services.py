"""Making, triaging and withdrawing referrals: what each checks, what it writes and audits."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.cases.models import CaseStatus
from saferhub.cases.services import case_open, panel_update
from saferhub.referrals import services
from saferhub.referrals.models import Decision, ReferralStatus
from saferhub.referrals.tests.helpers import hub, make_location, make_person, refer, report_about


@pytest.fixture
def panel(world):
    return hub(world)


@pytest.fixture
def victim(world):
    return make_person(world.home.partnership, world.home.council, "Vera Victim")


def _errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_a_referral_is_pending_names_what_it_refers_and_is_audited_without_its_reason(world, panel, victim):
    incident = report_about(world, victim)
    referral = refer(world, panel, [victim], incidents=[incident])
    assert referral.status == ReferralStatus.PENDING
    assert list(referral.people.all()) == [victim]
    assert list(referral.incidents.all()) == [incident]
    assert referral.reference == f"R{referral.pk:05d}"
    event = AuditEvent.objects.get(verb=Verb.REFERRAL_MADE, target_id=str(referral.pk))
    assert event.detail["people"] == [victim.pk]
    assert event.detail["consent"] == "given"
    assert "harassment" not in str(event.detail)


@pytest.mark.parametrize("consent", ["refused", "not_sought"])
def test_without_consent_the_lawful_basis_and_why_are_needed(world, panel, victim, consent):
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [victim], consent=consent)
    errors = _errors(excinfo)
    assert errors["lawful_basis"] == ["Select the lawful basis for sharing without consent"]
    assert errors["consent_notes"] == ["Explain why sharing without consent is necessary and proportionate"]
    referral = refer(
        world,
        panel,
        [victim],
        consent=consent,
        lawful_basis="cda_s115",
        consent_notes="Risk of serious harm; telling him would increase it",
    )
    assert referral.get_lawful_basis_display().startswith("Section 115 of the Crime and Disorder Act 1998")


def test_each_subject_needs_its_own_kind_of_record(world, panel, victim):
    other = make_person(world.home.partnership, world.home.council, "Oscar Other")
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [victim, other], subject="person")
    assert _errors(excinfo)["people"] == ["Select the one person you are referring"]
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [], subject="household")
    assert _errors(excinfo)["people"] == ["Select at least one member of the household"]
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [], subject="place")
    assert _errors(excinfo)["location"] == ["Select the place you are referring"]
    place = make_location(world.home.partnership, world.home.council)
    assert refer(world, panel, [], subject="place", location=place).location == place
    assert refer(world, panel, [victim, other], subject="household").people.count() == 2


def test_records_of_another_partnership_and_archived_panels_are_refused(world, panel, victim):
    stranger = make_person(world.other.partnership, world.other.council, "Stan Stranger")
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [stranger])
    assert _errors(excinfo)["people"] == ["Select people from this partnership's register"]
    panel_update(panel=panel, by=None, archived=True)
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [victim])
    assert "panel" in _errors(excinfo)


def test_a_second_pending_referral_of_the_same_person_to_the_same_panel_is_refused(world, panel, victim):
    first = refer(world, panel, [victim])
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [victim], by=world.police_officer)
    assert _errors(excinfo)["people"][0].startswith(f"Referral {first.reference} to Braintree Hub is already awaiting")
    # Another panel may take them, and once the first is decided a new referral may be made.
    refer(world, hub(world, "Domestic Abuse Sub-group"), [victim])
    services.referral_triage(referral=first, by=world.panel_chair, decision=Decision.DECLINE, reason="Not met")
    refer(world, panel, [victim])


def test_accepting_opens_a_case_with_the_referring_agency_on_it_and_tells_the_referrer(
    world, panel, victim, django_capture_on_commit_callbacks
):
    referral = refer(world, panel, [victim])
    mail.outbox.clear()
    with pytest.raises(ValidationError) as excinfo:
        services.referral_triage(referral=referral, by=world.panel_chair, decision=Decision.ACCEPT)
    assert set(_errors(excinfo)) == {"new_case_title", "lead_organisation"}
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.referral_triage(
            referral=referral,
            by=world.panel_chair,
            decision=Decision.ACCEPT,
            new_case_title="Hub case 1",
            lead_organisation=world.police,
            agencies=[world.housing],
        )
    assert decided.status == ReferralStatus.ACCEPTED
    case = decided.case
    assert case is not None
    assert case.panel == panel and case.status == CaseStatus.OPEN
    assert set(case.agencies.all()) == {world.police, world.housing, world.home.council}
    assert AuditEvent.objects.filter(verb=Verb.CASE_OPENED, target_id=str(case.pk)).exists()
    assert AuditEvent.objects.get(verb=Verb.REFERRAL_TRIAGED, target_id=str(referral.pk)).detail["case"] == case.pk
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.council_officer.email]
    assert referral.reference in mail.outbox[0].subject
    assert "Vera" not in mail.outbox[0].body  # no personal data in an e-mail


def test_accepting_into_an_existing_case_brings_the_referrer_onto_it(world, panel, victim):
    case = case_open(panel=panel, title="Oak Road", lead_organisation=world.police, by=None)
    referral = refer(world, panel, [victim], by=world.housing_officer)
    services.referral_triage(referral=referral, by=world.manager, decision=Decision.ACCEPT, case=case)
    assert set(case.agencies.all()) == {world.police, world.housing}


def test_signposting_needs_the_service_and_declining_needs_a_reason(world, panel, victim):
    referral = refer(world, panel, [victim])
    with pytest.raises(ValidationError) as excinfo:
        services.referral_triage(referral=referral, by=world.panel_chair, decision=Decision.SIGNPOST)
    assert _errors(excinfo) == {"signposted_to": ["Enter where the referral is signposted to"]}
    with pytest.raises(ValidationError) as excinfo:
        services.referral_triage(referral=referral, by=world.panel_chair, decision=Decision.DECLINE)
    assert _errors(excinfo) == {"reason": ["Enter the reason for declining the referral"]}
    decided = services.referral_triage(
        referral=referral, by=world.panel_chair, decision=Decision.SIGNPOST, signposted_to="Citizens Advice"
    )
    assert (decided.status, decided.decision, decided.signposted_to) == ("declined", "signpost", "Citizens Advice")


def test_a_decided_referral_cannot_be_triaged_again_and_only_a_standing_one_can_be_withdrawn(world, panel, victim):
    referral = refer(world, panel, [victim])
    services.referral_triage(referral=referral, by=world.panel_chair, decision=Decision.DECLINE, reason="No")
    with pytest.raises(ValidationError) as excinfo:
        services.referral_triage(referral=referral, by=world.panel_chair, decision=Decision.DECLINE, reason="No")
    assert _errors(excinfo) == {"decision": ["This referral has already been declined"]}
    with pytest.raises(ValidationError):
        services.referral_withdraw(referral=referral, by=world.council_officer, reason="Consent withdrawn")


def test_withdrawing_needs_a_reason_and_is_audited(world, panel, victim):
    referral = refer(world, panel, [victim])
    with pytest.raises(ValidationError) as excinfo:
        services.referral_withdraw(referral=referral, by=world.council_officer, reason=" ")
    assert _errors(excinfo) == {"reason": ["Enter the reason for withdrawing the referral"]}
    withdrawn = services.referral_withdraw(referral=referral, by=world.council_officer, reason="Consent withdrawn")
    assert withdrawn.status == ReferralStatus.WITHDRAWN
    assert AuditEvent.objects.filter(verb=Verb.REFERRAL_WITHDRAWN, target_id=str(referral.pk)).exists()


def test_a_referral_names_only_what_it_is_about(world, panel, victim):
    place = make_location(world.home.partnership, world.home.council)
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [victim], subject="person", location=place)
    assert list(_errors(excinfo)) == ["location"]
    with pytest.raises(ValidationError) as excinfo:
        refer(world, panel, [victim], subject="place", location=place)
    assert list(_errors(excinfo)) == ["people"]


def test_a_referrer_that_has_left_the_partnership_is_not_brought_onto_the_case(world, panel, victim):
    from saferhub.partnerships.models import Membership
    from saferhub.partnerships.services import membership_end

    referral = refer(world, panel, [victim], by=world.housing_officer)
    membership = Membership.objects.get(partnership=world.home.partnership, organisation=world.housing)
    membership_end(membership=membership, by=None)
    decided = services.referral_triage(
        referral=referral,
        by=world.manager,
        decision=Decision.ACCEPT,
        new_case_title="Hub case 2",
        lead_organisation=world.home.council,
    )
    assert decided.case is not None
    assert set(decided.case.agencies.all()) == {world.home.council}
