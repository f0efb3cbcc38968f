"""The Case Review services up to the decision: applying, duplicates, matching the register, acknowledging, deciding."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.casereview import services
from saferhub.casereview.models import Status
from saferhub.casereview.services import ComplaintGiven
from saferhub.incidents.tests.helpers import make_person, report

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _apply(world, *, complaints=3, by=None, **extra):
    values = {
        "partnership": world.home.partnership,
        "by": by,
        "channel": "online",
        "applicant_role": "victim",
        "applicant_name": "Vera Victim",
        "applicant_email": "vera@example.test",
        "contact_method": "email",
        "victim_kind": "person",
        "victim_name": "Vera Victim",
        "problem_postcode": "cm7 1aa",
        "problem_place": "Flats on Oak Road",
        "problem": "Shouting and banging on the door at night",
        "complaints": complaints
        if isinstance(complaints, list)
        else [ComplaintGiven(TODAY - 10 * DAY, TODAY - 9 * DAY, "Essex Police") for _ in range(complaints)],
        **extra,
    }
    return services.application_submit(**values)


def test_an_online_application_is_referenced_acknowledged_by_email_and_audited(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = _apply(world)
    assert application.reference == f"CR-{TODAY.year}-{application.pk:05d}"
    assert application.status == Status.ACKNOWLEDGED and application.acknowledged_on == TODAY
    assert application.problem_postcode == "CM7 1AA"
    assert application.threshold_detail["qualifying_complaints"] == 3
    assert [m.to for m in mail.outbox] == [["vera@example.test"]]
    assert application.reference in mail.outbox[0].body
    event = AuditEvent.objects.get(verb=Verb.CASE_REVIEW_APPLIED, target_id=str(application.pk))
    assert "Shouting" not in str(event.detail) and "Vera" not in str(event.detail)


def test_someone_applying_for_the_victim_needs_their_consent(world):
    with pytest.raises(ValidationError) as excinfo:
        _apply(world, applicant_role="councillor", applicant_name="Cllr Jo Bloggs")
    assert excinfo.value.message_dict == {
        "victim_consents": ["Confirm that the victim agrees to you applying for them"]
    }
    assert _apply(world, applicant_role="councillor", applicant_name="Cllr Jo Bloggs", victim_consents=True).pk


def test_the_contact_method_needs_its_detail_and_reports_must_be_possible(world):
    with pytest.raises(ValidationError) as excinfo:
        _apply(world, contact_method="post", complaints=0, problem_since=TODAY + DAY)
    assert set(excinfo.value.message_dict) == {"applicant_address", "problem_since"}
    with pytest.raises(ValidationError) as excinfo:
        _apply(world, complaints=[ComplaintGiven(TODAY, TODAY - DAY, "Police")])
    assert excinfo.value.message_dict["complaints"] == [
        "Report 1: the date reported must be on or after the date it happened"
    ]


def test_an_application_about_the_same_victim_and_problem_is_a_duplicate(world):
    first = _apply(world)
    again = _apply(
        world,
        victim_name="  vera   VICTIM ",
        applicant_name="Vera's son",
        applicant_role="family",
        victim_consents=True,
    )
    assert again.status == Status.DUPLICATE and again.duplicate_of == first
    elsewhere = _apply(world, problem_postcode="CM7 9ZZ")
    assert elsewhere.duplicate_of is None
    other_partnership = _apply(world, partnership=world.other.partnership)
    assert other_partnership.duplicate_of is None


def test_matching_the_victim_counts_their_reports_already_in_the_register(world):
    victim = make_person(world.home.partnership, world.home.council, "Vera Victim")
    for days in (40, 20, 5):
        report(world, victim, behaviour=TODAY - days * DAY, by=world.police_officer)
    application = _apply(world, complaints=1)
    assert application.threshold_detail["qualifying_complaints"] == 1
    # The register's three reports (other days than the one the applicant listed) all count.
    added = services.application_link_victim(application=application, person=victim, by=world.manager)
    assert added == 3
    assert services.assess(application)["qualifying_complaints"] == 4
    # Matching again adds nothing twice.
    assert services.application_link_victim(application=application, person=victim, by=world.manager) == 0


def test_when_the_complaints_meet_the_threshold_it_cannot_be_found_not_met(world):
    application = _apply(world)
    with pytest.raises(ValidationError) as excinfo:
        services.application_decide(application=application, by=world.manager, met=False, reasons="No")
    assert "the threshold is met automatically" in excinfo.value.message_dict["met"][0]
    decided = services.application_decide(application=application, by=world.manager, met=True, reasons="Three reports")
    assert (decided.status, decided.threshold_automatic) == (Status.MET, True)
    assert decided.letters.filter(kind="decision").exists()


def test_below_the_number_the_officer_records_the_discretionary_criteria_to_find_it_met(world):
    application = _apply(world, complaints=1)
    with pytest.raises(ValidationError) as excinfo:
        services.application_decide(application=application, by=world.manager, met=True, reasons="Serious")
    assert list(excinfo.value.message_dict) == ["persistence"]
    decided = services.application_decide(
        application=application,
        by=world.manager,
        met=True,
        reasons="Serious harm",
        harm="Victim is disabled and afraid",
    )
    assert (decided.status, decided.threshold_automatic) == (Status.MET, False)


def _by_phone(world, received_on):
    """An application taken by phone by the council officer, not acknowledged yet."""
    return _apply(
        world,
        by=world.council_officer,
        channel="phone",
        contact_method="phone",
        applicant_phone="07700 900123",
        received_on=received_on,
        complaints=[ComplaintGiven(received_on - 10 * DAY, received_on - 9 * DAY, "Essex Police") for _ in range(3)],
    )


def test_an_acknowledgement_sent_earlier_is_dated_the_day_it_was_sent(world):
    application = _by_phone(world, TODAY - 20 * DAY)
    services.application_acknowledge(application=application, by=world.manager, on=TODAY - 19 * DAY)
    application.refresh_from_db()
    assert application.acknowledged_on == TODAY - 19 * DAY
    assert application.status == Status.ACKNOWLEDGED


@pytest.mark.parametrize("offset", [1, -21], ids=["in the future", "before the application was received"])
def test_an_acknowledgement_cannot_be_dated_in_the_future_or_before_the_application(world, offset):
    application = _by_phone(world, TODAY - 20 * DAY)
    with pytest.raises(ValidationError) as excinfo:
        services.application_acknowledge(application=application, by=world.manager, on=TODAY + offset * DAY)
    assert list(excinfo.value.message_dict) == ["on"]
    application.refresh_from_db()
    assert application.acknowledged_on is None and not application.letters.exists()


def test_a_decision_made_earlier_is_dated_the_day_it_was_made(world):
    application = _by_phone(world, TODAY - 20 * DAY)
    services.application_decide(application=application, by=world.manager, met=True, reasons="Met", on=TODAY - 5 * DAY)
    application.refresh_from_db()
    assert application.decided_on == TODAY - 5 * DAY


def test_a_decision_may_be_dated_before_the_acknowledgement_but_not_before_the_application(world):
    application = _by_phone(world, TODAY - 20 * DAY)
    services.application_acknowledge(application=application, by=world.manager, on=TODAY - 10 * DAY)
    for day, problem in ((TODAY + DAY, "must be today or in the past"), (TODAY - 21 * DAY, "must be on or after")):
        with pytest.raises(ValidationError) as excinfo:
            services.application_decide(application=application, by=world.manager, met=True, reasons="Met", on=day)
        assert list(excinfo.value.message_dict) == ["on"]
        assert problem in excinfo.value.message_dict["on"][0]
    services.application_decide(application=application, by=world.manager, met=True, reasons="Met", on=TODAY - 20 * DAY)
    application.refresh_from_db()
    assert application.decided_on == TODAY - 20 * DAY


def test_an_email_application_entered_by_staff_is_acknowledged_the_day_it_was_entered(world):
    received = TODAY - 20 * DAY
    complaints = [ComplaintGiven(received - 10 * DAY, received - 9 * DAY, "Essex Police") for _ in range(3)]
    today = _apply(world, by=world.council_officer, channel="email", received_on=received, complaints=complaints)
    assert today.acknowledged_on == TODAY
    earlier = _apply(
        world,
        by=world.council_officer,
        channel="email",
        received_on=received,
        complaints=complaints,
        victim_name="Vic Other",
        on=received + DAY,
    )
    assert earlier.acknowledged_on == received + DAY
    with pytest.raises(ValidationError) as excinfo:
        _apply(world, by=world.council_officer, received_on=received, complaints=complaints, on=received - DAY)
    assert list(excinfo.value.message_dict) == ["on"]
