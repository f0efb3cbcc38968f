"""The Case Review services after the decision: the review, recommendations, the outcome, reconsideration."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from saferhub.casereview import review_services, services
from saferhub.casereview.models import Status
from saferhub.casereview.review_services import ResponseFinding
from saferhub.casereview.services import ComplaintGiven

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _apply(world, *, complaints=3, received_on=TODAY):
    """An online application received on ``received_on``, with ``complaints`` reports to the police."""
    return services.application_submit(
        partnership=world.home.partnership,
        by=None,
        channel="online",
        applicant_role="victim",
        applicant_name="Vera Victim",
        applicant_email="vera@example.test",
        contact_method="email",
        victim_kind="person",
        victim_name="Vera Victim",
        problem_postcode="CM7 1AA",
        problem_place="Flats on Oak Road",
        problem="Shouting and banging on the door at night",
        received_on=received_on,
        complaints=[
            ComplaintGiven(received_on - 10 * DAY, received_on - 9 * DAY, "Essex Police") for _ in range(complaints)
        ],
    )


def _reviewed(world, *, received_on, held_on):
    """An application received and found met on ``received_on``, reviewed on ``held_on``."""
    application = _apply(world, received_on=received_on)
    services.application_decide(application=application, by=world.manager, met=True, reasons="Met", on=received_on)
    return review_services.review_record(
        application=application,
        by=world.manager,
        held_on=held_on,
        victim_invited=True,
        summary="The police response was slow",
        findings=[ResponseFinding(world.police, False, "No follow-up visit")],
    )


def test_the_review_findings_recommendations_and_outcome(world):
    application = _apply(world)
    services.application_decide(application=application, by=world.manager, met=True, reasons="Met")
    with pytest.raises(ValidationError) as excinfo:
        review_services.review_record(
            application=application, by=world.manager, held_on=TODAY, victim_invited=True, summary="", findings=[]
        )
    assert set(excinfo.value.message_dict) == {"summary", "findings"}
    review_services.review_record(
        application=application,
        by=world.manager,
        held_on=TODAY,
        victim_invited=True,
        impact_statement="I cannot sleep",
        summary="The police response was slow",
        findings=[
            ResponseFinding(world.police, False, "No follow-up visit"),
            ResponseFinding(world.home.council, True, "Warned"),
        ],
    )
    recommendation = review_services.recommendation_add(
        application=application,
        by=world.manager,
        text="Visit the victim weekly",
        owner=world.police,
        due_on=TODAY + 30 * DAY,
    )
    closed = review_services.outcome_send(application=application, by=world.manager)
    assert closed.status == Status.CLOSED and closed.outcome_sent_on == TODAY
    review_services.recommendation_complete(
        recommendation=recommendation, by=world.police_officer, note="Weekly visits began"
    )
    recommendation.refresh_from_db()
    assert recommendation.completed_on == TODAY
    with pytest.raises(ValidationError):
        review_services.recommendation_complete(recommendation=recommendation, by=world.police_officer, note="again")


def test_a_reconsideration_by_the_pfcc_office_is_recorded(world):
    application = _apply(world, complaints=0)
    with pytest.raises(ValidationError):
        review_services.reconsideration_record(application=application, by=world.manager, requested_on=TODAY)
    services.application_decide(application=application, by=world.manager, met=False, reasons="No reports")
    with pytest.raises(ValidationError) as excinfo:
        review_services.reconsideration_record(
            application=application, by=world.manager, requested_on=TODAY, decided_on=TODAY
        )
    assert list(excinfo.value.message_dict) == ["result"]
    review_services.reconsideration_record(
        application=application, by=world.manager, requested_on=TODAY, decided_on=TODAY, result="Decision upheld"
    )
    application.refresh_from_db()
    assert application.reconsideration_result == "Decision upheld"


def test_a_recommendation_made_earlier_may_be_due_before_today_but_not_before_it_was_made(world):
    application = _reviewed(world, received_on=TODAY - 60 * DAY, held_on=TODAY - 40 * DAY)
    with pytest.raises(ValidationError) as excinfo:
        review_services.recommendation_add(
            application=application, by=world.manager, text="Visit", owner=world.police, due_on=TODAY - DAY
        )
    assert excinfo.value.message_dict == {"due_on": ["The due date must be today or in the future"]}
    with pytest.raises(ValidationError) as excinfo:
        review_services.recommendation_add(
            application=application,
            by=world.manager,
            text="Visit",
            owner=world.police,
            due_on=TODAY - 41 * DAY,
            on=TODAY - 40 * DAY,
        )
    assert list(excinfo.value.message_dict) == ["due_on"]
    recommendation = review_services.recommendation_add(
        application=application,
        by=world.manager,
        text="Visit",
        owner=world.police,
        due_on=TODAY - 10 * DAY,
        on=TODAY - 40 * DAY,
    )
    assert recommendation.due_on == TODAY - 10 * DAY


@pytest.mark.parametrize("offset", [1, -61], ids=["in the future", "before the application was received"])
def test_a_recommendation_cannot_be_made_in_the_future_or_before_the_application(world, offset):
    application = _reviewed(world, received_on=TODAY - 60 * DAY, held_on=TODAY - 40 * DAY)
    with pytest.raises(ValidationError) as excinfo:
        review_services.recommendation_add(
            application=application,
            by=world.manager,
            text="Visit",
            owner=world.police,
            due_on=TODAY + 30 * DAY,
            on=TODAY + offset * DAY,
        )
    assert list(excinfo.value.message_dict) == ["on"]
    assert not application.recommendations.exists()


def test_a_recommendation_carried_out_earlier_is_dated_the_day_it_was_done(world):
    application = _reviewed(world, received_on=TODAY - 60 * DAY, held_on=TODAY - 40 * DAY)
    recommendation = review_services.recommendation_add(
        application=application, by=world.manager, text="Visit", owner=world.police, due_on=TODAY + 30 * DAY
    )
    for day in (TODAY + DAY, TODAY - 61 * DAY):
        with pytest.raises(ValidationError) as excinfo:
            review_services.recommendation_complete(
                recommendation=recommendation, by=world.police_officer, note="Visited", on=day
            )
        assert list(excinfo.value.message_dict) == ["on"]
    review_services.recommendation_complete(
        recommendation=recommendation, by=world.police_officer, note="Visited", on=TODAY - 30 * DAY
    )
    recommendation.refresh_from_db()
    assert recommendation.completed_on == TODAY - 30 * DAY


def test_an_outcome_sent_earlier_is_dated_the_day_it_was_sent(world):
    application = _reviewed(world, received_on=TODAY - 60 * DAY, held_on=TODAY - 40 * DAY)
    closed = review_services.outcome_send(application=application, by=world.manager, on=TODAY - 35 * DAY)
    assert (closed.status, closed.outcome_sent_on) == (Status.CLOSED, TODAY - 35 * DAY)


@pytest.mark.parametrize(
    "offset",
    [1, -41, -61],
    ids=["in the future", "before the review meeting", "before the application was received"],
)
def test_an_outcome_cannot_be_dated_in_the_future_or_before_the_review(world, offset):
    application = _reviewed(world, received_on=TODAY - 60 * DAY, held_on=TODAY - 40 * DAY)
    with pytest.raises(ValidationError) as excinfo:
        review_services.outcome_send(application=application, by=world.manager, on=TODAY + offset * DAY)
    assert list(excinfo.value.message_dict) == ["on"]
    application.refresh_from_db()
    assert application.status == Status.REVIEWED and not application.letters.filter(kind="outcome").exists()
