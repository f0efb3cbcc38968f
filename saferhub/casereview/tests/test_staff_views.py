"""The staff pages of the ASB Case Review: the dashboard, one application, each action, and the letters."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate

from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.casereview import review_services, services
from saferhub.casereview.models import AgencyResponse, Application, LetterKind, Recommendation, Status
from saferhub.incidents.services import incident_record
from saferhub.register.services import person_create


def _ago(days: int) -> datetime.date:
    return localdate() - datetime.timedelta(days=days)


def apply(world, victim="Vera Victim", *, received=None, reports=3, email=True, partnership=None):
    """An online application with ``reports`` complaints to Essex Police, each reported the day after
    the behaviour; with an e-mail address it is acknowledged when made."""
    received = received or localdate()
    complaints = [
        services.ComplaintGiven(
            received - datetime.timedelta(days=10 + i),
            received - datetime.timedelta(days=9 + i),
            "Essex Police",
            f"EP/{i}",
        )
        for i in range(reports)
    ]
    return services.application_submit(
        partnership=partnership or world.home.partnership,
        by=None,
        channel="online",
        applicant_role="victim",
        applicant_name=victim,
        applicant_email="applicant@example.test" if email else "",
        applicant_address="1 High Street\nBraintree\nCM7 1AA",
        contact_method="email" if email else "post",
        victim_kind="person",
        victim_name=victim,
        problem_place=f"Outside {victim}'s home",
        problem="Youths kicking the door at night",
        impact={"feels_unsafe": True},
        complaints=complaints,
        received_on=received,
    )


def decide(world, application):
    return services.application_decide(
        application=application, by=world.manager, met=True, reasons="Three complaints qualify"
    )


def review(world, application):
    return review_services.review_record(
        application=application,
        by=world.manager,
        held_on=localdate(),
        victim_invited=True,
        summary="The agencies did not share what they knew",
        findings=[review_services.ResponseFinding(world.police, False, "Reports were closed without a visit")],
    )


def recommend(world, application, owner=None):
    return review_services.recommendation_add(
        application=application,
        by=world.manager,
        text="Visit the victim weekly",
        owner=owner or world.housing,
        due_on=localdate(),
    )


def url(name, application, *more):
    return reverse(f"casereview:{name}", args=[application.pk, *more])


# The dashboard


def test_the_dashboard_puts_late_steps_first_then_approaching_then_the_rest(world, client_for):
    on_time = apply(world, "Olive On-time")  # acknowledged by e-mail: the decision is due in 21 working days
    approaching = apply(world, "Amy Approaching", email=False)  # to acknowledge within 2 working days
    late = apply(world, "Larry Late", email=False, received=_ago(60))
    closed = apply(world, "Cara Closed", reports=1)
    services.application_decide(application=closed, by=world.manager, met=False, reasons="One complaint")
    page = client_for(world.manager).get(reverse("casereview:dashboard")).content.decode()
    positions = [page.index(a.reference) for a in (late, approaching, on_time)]
    assert positions == sorted(positions)
    assert closed.reference not in page  # not met: not open any more
    row = page[page.index(late.reference) : page.index(approaching.reference)]
    assert "Acknowledge the application" in row and "govuk-tag--red" in row
    row = page[page.index(approaching.reference) : page.index(on_time.reference)]
    assert "govuk-tag--orange" in row
    assert "Tell the applicant whether the threshold is met" in page[page.index(on_time.reference) :]


def test_a_duplicate_stays_on_the_dashboard_until_its_applicant_is_acknowledged(world, client_for):
    first = apply(world, "Dora Double")
    duplicate = apply(world, "Dora Double", email=False)
    assert duplicate.duplicate_of == first
    client = client_for(world.manager)
    assert duplicate.reference in client.get(reverse("casereview:dashboard")).content.decode()
    assert f'href="{url("application", first)}"' in client.get(url("application", duplicate)).content.decode()
    services.application_acknowledge(application=duplicate, by=world.manager)
    assert duplicate.reference not in client.get(reverse("casereview:dashboard")).content.decode()


def test_the_dashboard_lists_recommendations_past_their_due_date(world, client_for):
    application = apply(world)
    decide(world, application)
    review(world, application)
    overdue = recommend(world, application)
    services.application_name_officers(application=application, officers=[world.housing_officer], by=world.manager)
    due_today = review_services.recommendation_add(
        application=application, by=world.manager, text="Share the case notes", owner=world.police, due_on=localdate()
    )
    Recommendation.objects.filter(pk=overdue.pk).update(due_on=_ago(3))  # time passes
    page = client_for(world.manager).get(reverse("casereview:dashboard")).content.decode()
    overdue_table = page[page.index("Recommendations past their due date") :]
    assert "Visit the victim weekly" in overdue_table
    assert due_today.text not in overdue_table
    # The owning agency's officer named on the review sees it on their own dashboard too.
    page = client_for(world.housing_officer).get(reverse("casereview:dashboard")).content.decode()
    assert "Visit the victim weekly" in page


def test_the_dashboard_links_to_entering_an_application_from_a_call_or_letter(world, client_for):
    page = client_for(world.council_officer).get(reverse("casereview:dashboard")).content.decode()
    assert 'href="/case-review/applications/new/"' in page


def test_the_dashboard_shows_an_officer_only_what_they_are_the_contact_for(world, client_for):
    mine = apply(world, "Mina Mine")
    theirs = apply(world, "Theo Theirs")
    services.application_assign(application=mine, single_point_of_contact=world.council_officer, by=world.manager)
    page = client_for(world.council_officer).get(reverse("casereview:dashboard")).content.decode()
    assert mine.reference in page
    assert theirs.reference not in page


@pytest.mark.parametrize("persona", ["analyst", "scrutiny", "county_viewer", "administrator", "no_roles"])
def test_people_who_do_no_casework_get_404_for_the_dashboard(world, client_for, persona):
    assert client_for(getattr(world, persona)).get(reverse("casereview:dashboard")).status_code == 404


def test_the_dashboard_query_count_does_not_grow_with_the_applications(world, client_for):
    client = client_for(world.manager)
    apply(world, "First Person")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("casereview:dashboard"))
    for name in ("Second Person", "Third Person", "Fourth Person"):
        apply(world, name, email=False)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("casereview:dashboard")).status_code == 200
    assert len(many) == len(few)


def test_the_home_page_shows_late_applications(world, client_for):
    late = apply(world, "Larry Late", email=False, received=_ago(60))
    page = client_for(world.manager).get(reverse("home")).content.decode()
    assert "Case Reviews: steps late or due soon" in page
    assert late.reference in page
    assert 'href="/case-review/"' in page  # the navigation item
    assert late.reference not in client_for(world.police_officer).get(reverse("home")).content.decode()


# Who sees one application


@pytest.fixture
def worked(world):
    """An application with a named contact (the council officer), the housing and police officers named
    on the review, decided, reviewed, and a recommendation owned by Eastlight Community Homes (the
    housing officer's agency)."""
    application = apply(world)
    services.application_assign(
        application=application, single_point_of_contact=world.council_officer, by=world.manager
    )
    services.application_name_officers(
        application=application, officers=[world.housing_officer, world.police_officer], by=world.manager
    )
    decide(world, application)
    review(world, application)
    recommend(world, application, owner=world.housing)
    return application


@pytest.mark.parametrize(
    ("persona", "sees", "changes"),
    [
        ("manager", True, True),
        ("council_officer", True, True),  # the single point of contact
        ("housing_officer", True, False),  # named on the review (its agency owns a recommendation)
        ("police_officer", True, False),  # named on the review (its agency's response was assessed)
        ("panel_chair", False, False),  # Essex Police too, but not named: no one else at the agency sees it
        ("analyst", False, False),
        ("scrutiny", False, False),
        ("county_viewer", False, False),
        ("outsider", False, False),
        ("outside_manager", False, False),
    ],
)
def test_who_sees_and_changes_an_application(world, client_for, worked, persona, sees, changes):
    client = client_for(getattr(world, persona))
    response = client.get(url("application", worked))
    assert response.status_code == (200 if sees else 404)
    assert client.get(url("recommendation-add", worked)).status_code == (200 if changes else 404)
    assert client.post(url("outcome", worked)).status_code == (302 if changes else 404)


def test_another_partnerships_manager_gets_404_for_every_page(world, client_for):
    application = apply(world)
    decide(world, application)
    letter = application.letters.first()
    client = client_for(world.outside_manager)
    for name in ("application", "acknowledge", "assign", "match-victim", "decide", "review", "outcome"):
        assert client.get(url(name, application)).status_code == 404, name
        assert client.post(url(name, application)).status_code == 404, name
    assert client.get(url("letter-pdf", application, letter.pk)).status_code == 404


def test_the_application_page_shows_everything_and_audits_the_view(world, client_for, worked):
    client = client_for(world.manager)
    page = client.get(url("application", worked)).content.decode()
    assert "Vera Victim" in page
    assert "Youths kicking the door at night" in page
    assert "Feels unsafe" in page
    for finding in services.assess(worked)["complaints"]:  # the engine's reason for each complaint
        why = finding["reason"].removeprefix("Qualifies: ")
        assert why[0].upper() + why[1:] in page
    assert "EP/0" in page
    assert "Colin Council" in page
    assert "Reports were closed without a visit" in page
    assert "Visit the victim weekly" in page
    for letter in worked.letters.all():
        assert url("letter-pdf", worked, letter.pk) in page
    assert url("outcome", worked) in page
    event = AuditEvent.objects.filter(verb=Verb.VIEWED, target_type="casereview.application").last()
    assert event is not None
    assert event.actor_id == world.manager.pk
    assert event.target_id == str(worked.pk)
    assert event.partnership_id == world.home.partnership.pk


def test_an_agency_that_may_only_see_gets_no_action_links(world, client_for, worked):
    page = client_for(world.police_officer).get(url("application", worked)).content.decode()
    assert url("outcome", worked) not in page
    assert url("assign", worked) not in page
    assert "Mark as done" not in page  # the recommendation is Eastlight's


# Actions


def test_acknowledging_an_application_made_by_post(world, client_for):
    application = apply(world, email=False)
    client = client_for(world.manager)
    assert "1 High Street" in client.get(url("acknowledge", application)).content.decode()
    response = client.post(url("acknowledge", application))
    assert response["Location"] == url("application", application)
    application.refresh_from_db()
    assert application.status == Status.ACKNOWLEDGED
    assert application.letters.get().kind == LetterKind.ACKNOWLEDGEMENT
    page = client.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    response = client.post(url("acknowledge", application))
    assert "This application has already been acknowledged" in response.content.decode()


def test_naming_the_single_point_of_contact(world, client_for):
    application = apply(world)
    client = client_for(world.manager)
    page = client.get(url("assign", application)).content.decode()
    assert "Priya Police, Essex Police" in page
    assert "Ann Analyst" not in page  # no casework role
    assert "Select the single point of contact" in client.post(url("assign", application)).content.decode()
    response = client.post(url("assign", application), {"single_point_of_contact": world.police_officer.pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.single_point_of_contact == world.police_officer
    # Named, the police officer now sees and works on it.
    assert client_for(world.police_officer).get(url("decide", application)).status_code == 200


def test_matching_the_victim_adds_their_reports_from_the_register(world, client_for):
    application = apply(world, "Vera Victim", reports=1)
    vera = person_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=world.council_officer,
        kind="person",
        given_name="Vera",
        family_name="Victim",
    )
    for days in (20, 12):
        incident_record(
            partnership=world.home.partnership,
            by=world.council_officer,
            organisation=world.home.council,
            behaviour_from=_ago(days),
            reported_on=_ago(days),
            channel="phone",
            category="asb_personal",
            description="Door kicked",
            involvements=[(vera, "victim")],
        )
    client = client_for(world.manager)
    page = client.get(url("match-victim", application)).content.decode()  # searches for the name given
    assert f'value="{vera.pk}"' in page
    response = client.post(url("match-victim", application) + "?text=Vera")
    assert "Select the person who is the victim" in response.content.decode()
    response = client.post(url("match-victim", application) + "?text=Vera", {"victim": vera.pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.victim == vera
    assert application.complaints.count() == 3
    assert "2 reports added as complaints" in client.get(response["Location"]).content.decode()


def test_matching_never_offers_people_the_user_may_not_see(world, client_for):
    application = apply(world, "Otto Other")
    person_create(
        partnership=world.other.partnership,
        organisation=world.other.council,
        by=None,
        kind="person",
        given_name="Otto",
        family_name="Other",
    )
    page = client_for(world.manager).get(url("match-victim", application)).content.decode()
    assert "No one you may see on this partnership's register matches" in page


def test_an_automatic_threshold_can_only_be_met(world, client_for):
    application = apply(world)
    client = client_for(world.manager)
    page = client.get(url("decide", application)).content.decode()
    assert "the threshold is met automatically" in page
    assert 'name="met"' not in page
    assert "Enter the reasons for the decision" in client.post(url("decide", application)).content.decode()
    response = client.post(url("decide", application), {"reasons": "Three reports within a month of the behaviour"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.MET
    assert application.threshold_automatic
    assert application.letters.filter(kind=LetterKind.DECISION).exists()


def test_below_the_threshold_a_met_decision_needs_the_criteria_and_keeps_what_was_typed(world, client_for):
    application = apply(world, reports=1)
    client = client_for(world.manager)
    page = client.get(url("decide", application)).content.decode()
    assert 'name="met"' in page
    assert 'name="persistence"' in page
    response = client.post(url("decide", application), {"met": "yes", "reasons": "Persistent for a year"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "record the discretionary criteria" in page
    assert 'id="id_persistence-error"' in page  # on the field it is about
    assert "Persistent for a year" in page
    response = client.post(
        url("decide", application),
        {"met": "yes", "reasons": "Persistent for a year", "harm": "The victim no longer leaves the house"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.threshold_met and not application.threshold_automatic
    assert application.discretion_harm == "The victim no longer leaves the house"


def _review_form(world, **extra):
    today = localdate()
    form = {
        "held_on_0": today.day,
        "held_on_1": today.month,
        "held_on_2": today.year,
        "victim_invited": "yes",
        "impact_statement": "I dread coming home",
        "summary": "Reports were handled one at a time",
        f"finding_{world.police.pk}": "not_adequate",
        f"reasons_{world.police.pk}": "Never visited",
        f"finding_{world.home.council.pk}": "adequate",
        f"reasons_{world.home.council.pk}": "Wrote to the perpetrator",
        f"finding_{world.fire.pk}": "not_involved",
        f"finding_{world.housing.pk}": "not_involved",
    }
    form.update(extra)
    return form


def test_recording_the_review_with_each_agencys_finding(world, client_for):
    application = apply(world)
    decide(world, application)
    client = client_for(world.manager)
    page = client.get(url("review", application)).content.decode()
    for agency in ("Essex Police", "Eastlight Community Homes", "Braintree District Council"):
        assert f"Was {agency}&#x27;s response adequate?" in page
    response = client.post(url("review", application), _review_form(world))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REVIEWED
    assert application.victim_invited is True
    found = {r.organisation_id: r.adequate for r in AgencyResponse.objects.filter(application=application)}
    assert found == {world.police.pk: False, world.home.council.pk: True}


def test_a_review_in_the_future_or_without_reasons_is_refused_and_keeps_what_was_typed(world, client_for):
    application = apply(world)
    decide(world, application)
    tomorrow = localdate() + datetime.timedelta(days=1)
    response = client_for(world.manager).post(
        url("review", application),
        _review_form(
            world,
            held_on_0=tomorrow.day,
            held_on_1=tomorrow.month,
            held_on_2=tomorrow.year,
            **{f"reasons_{world.police.pk}": ""},
        ),
    )
    page = response.content.decode()
    assert "Give the reasons for the finding on Essex Police&#x27;s response" in page
    assert f'id="id_reasons_{world.police.pk}-error"' in page
    assert "Reports were handled one at a time" in page
    assert "I dread coming home" in page
    # The form's own checks pass first; the service then refuses the date, on the date field.
    response = client_for(world.manager).post(
        url("review", application),
        _review_form(world, held_on_0=tomorrow.day, held_on_1=tomorrow.month, held_on_2=tomorrow.year),
    )
    page = response.content.decode()
    assert "The date of the review meeting must be today or in the past" in page
    assert 'id="id_held_on-error"' in page
    assert Application.objects.get(pk=application.pk).status == Status.MET


def test_adding_a_recommendation(world, client_for):
    application = apply(world)
    decide(world, application)
    client = client_for(world.manager)
    due = localdate() + datetime.timedelta(days=30)
    yesterday = localdate() - datetime.timedelta(days=1)
    form = {"text": "Fit a door camera", "owner": world.housing.pk}
    response = client.post(
        url("recommendation-add", application),
        {**form, "due_on_0": yesterday.day, "due_on_1": yesterday.month, "due_on_2": yesterday.year},
    )
    page = response.content.decode()
    assert "The due date must be today or in the future" in page
    assert "Fit a door camera" in page
    response = client.post(
        url("recommendation-add", application),
        {**form, "due_on_0": due.day, "due_on_1": due.month, "due_on_2": due.year},
    )
    assert response.status_code == 302
    recommendation = application.recommendations.get()
    assert (recommendation.owner, recommendation.due_on) == (world.housing, due)


def test_the_owning_agency_marks_its_recommendation_done(world, client_for, worked):
    recommendation = worked.recommendations.get()
    client = client_for(world.housing_officer)
    page = client.get(url("application", worked)).content.decode()
    complete = url("recommendation-complete", worked, recommendation.pk)
    assert complete in page
    assert "Enter what was done" in client.post(complete, {"note": " "}).content.decode()
    response = client.post(complete, {"note": "Weekly visits since March"})
    assert response["Location"] == url("application", worked)
    recommendation.refresh_from_db()
    assert recommendation.completed_on == localdate()
    assert recommendation.completion_note == "Weekly visits since March"
    # The police officer named on the review sees the application but their agency does not own it.
    assert client_for(world.police_officer).get(complete).status_code == 404


def test_a_recommendation_is_only_reached_through_its_own_application(world, client_for, worked):
    other = apply(world, "Una Unrelated")
    recommendation = worked.recommendations.get()
    response = client_for(world.manager).get(url("recommendation-complete", other, recommendation.pk))
    assert response.status_code == 404


def test_sending_the_outcome_closes_the_application(world, client_for, worked):
    client = client_for(world.manager)
    page = client.get(url("outcome", worked)).content.decode()
    assert "Visit the victim weekly" in page
    assert "Reports were closed without a visit" in page
    response = client.post(url("outcome", worked))
    assert response.status_code == 302
    worked.refresh_from_db()
    assert worked.status == Status.CLOSED
    assert worked.letters.filter(kind=LetterKind.OUTCOME).exists()


def test_the_outcome_cannot_be_sent_before_the_review(world, client_for):
    application = apply(world)
    decide(world, application)
    response = client_for(world.manager).post(url("outcome", application))
    assert "Record the review before sending its outcome" in response.content.decode()


def test_recording_a_reconsideration_request_and_its_result(world, client_for):
    application = apply(world, reports=1)
    services.application_decide(application=application, by=world.manager, met=False, reasons="One complaint")
    client = client_for(world.manager)
    today = localdate()
    yesterday = today - datetime.timedelta(days=1)
    asked = {"requested_on_0": today.day, "requested_on_1": today.month, "requested_on_2": today.year}
    response = client.post(
        url("reconsideration", application),
        {
            **asked,
            "decided_on_0": yesterday.day,
            "decided_on_1": yesterday.month,
            "decided_on_2": yesterday.year,
            "result": "The decision stands",
        },
    )
    page = response.content.decode()
    assert "The finding must be on or after the date of the request" in page
    assert "The decision stands" in page
    assert client.post(url("reconsideration", application), asked).status_code == 302
    application.refresh_from_db()
    assert application.reconsideration_requested_on == today
    assert application.reconsideration_decided_on is None
    page = client.get(url("application", application)).content.decode()
    assert "Looked at again by the PFCC" in page


# Letters


def test_a_letter_opens_as_a_pdf_and_is_audited(world, client_for, worked):
    letter = worked.letters.get(kind=LetterKind.DECISION)
    response = client_for(world.manager).get(url("letter-pdf", worked, letter.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.filter(verb=Verb.VIEWED).last()
    assert event is not None
    assert (event.target_id, event.detail) == (str(worked.pk), {"letter": letter.pk, "kind": "decision"})


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_decision_letter_holds_the_reference_and_the_reasons(world, client_for, worked, tmp_path):
    letter = worked.letters.get(kind=LetterKind.DECISION)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(client_for(world.manager).get(url("letter-pdf", worked, letter.pk)).content)
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert worked.reference in text
    assert "Three complaints qualify" in text
    assert "Qualifies: reported on" in text
    assert "Police, Fire and Crime Commissioner" in text


def test_a_letter_of_another_application_is_404(world, client_for, worked):
    other = apply(world, "Una Unrelated")
    letter = other.letters.get()
    assert client_for(world.manager).get(url("letter-pdf", worked, letter.pk)).status_code == 404
    assert client_for(world.housing_officer).get(url("letter-pdf", other, letter.pk)).status_code == 404
