"""A manager works an ASB Case Review from received to the outcome, and the agency owning a recommendation
marks it done: every page checked with axe-core."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest

from saferhub.testing.world import PASSWORD
from tests.browser.helpers import sign_in_with_code, submit, visit

pytestmark = pytest.mark.browser


def _received_by_post(world):
    """A letter from the victim listing one report; the register holds two more of hers."""
    from saferhub.casereview import services
    from saferhub.incidents.services import incident_record
    from saferhub.register.services import person_create

    today = datetime.date.today()
    vera = person_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=world.council_officer,
        kind="person",
        given_name="Vera",
        family_name="Victim",
        date_of_birth=datetime.date(1941, 5, 6),
    )
    for days in (30, 12):
        incident_record(
            partnership=world.home.partnership,
            by=world.council_officer,
            organisation=world.home.council,
            behaviour_from=today - datetime.timedelta(days=days),
            reported_on=today - datetime.timedelta(days=days),
            channel="phone",
            category="asb_personal",
            description="Door kicked at night",
            involvements=[(vera, "victim")],
        )
    return services.application_submit(
        partnership=world.home.partnership,
        by=world.manager,
        channel="letter",
        applicant_role="victim",
        applicant_name="Vera Victim",
        applicant_address="1 High Street\nBraintree\nCM7 1AA",
        contact_method="post",
        victim_kind="person",
        victim_name="Vera Victim",
        problem_place="1 High Street",
        problem="Youths kick the door and shout abuse most nights",
        impact={"feels_unsafe": True},
        complaints=[
            services.ComplaintGiven(
                today - datetime.timedelta(days=5), today - datetime.timedelta(days=4), "Essex Police"
            )
        ],
        received_on=today,
    )


def _main(page):
    return page.locator("main").inner_text()


def _fill_date(page, prefix, day):
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def _finding(page, agency, answer, reasons=""):
    page.get_by_role("group", name=f"Was {agency}'s response adequate?").get_by_label(answer, exact=True).check()
    if reasons:
        page.get_by_label(f"Reasons for the finding on {agency}'s response").fill(reasons)


def test_a_manager_works_an_application_from_received_to_the_outcome(page, world):
    from saferhub.casereview.models import Application, Status

    application = _received_by_post(world)
    here = f"/case-review/applications/{application.pk}/"
    today = datetime.date.today()

    sign_in_with_code(page, world.manager, PASSWORD)
    assert application.reference in _main(page)  # the home panel: to acknowledge within 2 working days
    visit(page, "/case-review/")
    submit(page, page.get_by_role("link", name=application.reference))
    assert urlsplit(page.url).path == here

    # Acknowledge the letter.
    submit(page, page.get_by_role("link", name="Acknowledge the application"))
    submit(page, page.get_by_role("button", name="Send the acknowledgement"))
    assert "Acknowledgement of" in _main(page)

    # Name the council officer as the single point of contact.
    submit(page, page.get_by_role("link", name="Name them"))
    page.get_by_label("Colin Council, Braintree District Council").check()
    submit(page, page.get_by_role("button", name="Save"))
    assert "Colin Council is the single point of contact" in _main(page)

    # Name the housing provider's officer on the review: they, and no one else at Eastlight, see it.
    submit(page, page.get_by_role("link", name="Change the officers on the review"))
    page.get_by_label("Harriet Housing, Eastlight Community Homes").check()
    submit(page, page.get_by_role("button", name="Save"))
    assert "The officers on this review are saved" in _main(page)

    # Match the victim: her two reports on the register join the one she listed.
    submit(page, page.get_by_role("link", name="Match to the register"))
    page.get_by_label("Vera Victim, born 6 May 1941").check()
    submit(page, page.get_by_role("button", name="Match and add their reports"))
    assert "2 reports added as complaints" in _main(page)
    assert "3 complaints qualify" in _main(page)

    # Three qualify: the threshold is met automatically, so only the reasons are asked for.
    submit(page, page.get_by_role("link", name="Decide whether the threshold is met"))
    assert page.get_by_role("radio").count() == 0
    submit(page, page.get_by_role("button", name="Record that the threshold is met"))
    assert "Enter the reasons for the decision" in _main(page)
    page.get_by_label("Reasons for the decision").fill("Three reports, each within a month of the behaviour.")
    submit(page, page.get_by_role("button", name="Record that the threshold is met"))
    assert "the threshold is met" in _main(page)

    # The review: a missing reason is explained, and what was typed stays.
    submit(page, page.get_by_role("link", name="Record the review").first)
    _fill_date(page, "held_on", today)
    page.get_by_role("group", name="Was the victim, or their advocate, invited").get_by_label("Yes").check()
    page.get_by_label("What the review found").fill("Each agency dealt with the reports alone.")
    _finding(page, "Essex Police", "Not adequate")
    _finding(page, "Braintree District Council", "Adequate", "Warning letters sent")
    _finding(page, "Eastlight Community Homes", "Not involved with the victim's reports")
    _finding(page, "Essex County Fire & Rescue Service", "Not involved with the victim's reports")
    submit(page, page.get_by_role("button", name="Record the review"))
    assert "Give the reasons for the finding on Essex Police's response" in _main(page)
    assert page.get_by_label("What the review found").input_value() == "Each agency dealt with the reports alone."
    page.get_by_label("Reasons for the finding on Essex Police's response").fill("Reports closed without a visit")
    submit(page, page.get_by_role("button", name="Record the review"))
    assert "Review of" in _main(page)

    # A recommendation for the housing association.
    submit(page, page.get_by_role("link", name="Add a recommendation").first)
    page.get_by_label("Recommendation").fill("Visit the victim weekly until the behaviour stops")
    page.get_by_label("Which agency owns it?").select_option(label="Eastlight Community Homes")
    _fill_date(page, "due_on", today + datetime.timedelta(days=28))
    submit(page, page.get_by_role("button", name="Add the recommendation"))
    assert "Recommendation to Eastlight Community Homes added" in _main(page)

    # Send the outcome: the application closes.
    submit(page, page.get_by_role("link", name="Send the outcome"))
    assert "Visit the victim weekly" in _main(page)
    submit(page, page.get_by_role("button", name="Send the outcome"))
    assert Application.objects.get(pk=application.pk).status == Status.CLOSED

    # The applicant asks the PFCC's office to look at the decision again.
    submit(page, page.get_by_role("link", name="Record a request"))
    _fill_date(page, "requested_on", today)
    submit(page, page.get_by_role("button", name="Save"))
    assert "Request to look at" in _main(page)

    # Each letter opens as a PDF.
    links = page.get_by_role("link", name="letter (PDF)")
    assert links.count() == 3
    for index in range(links.count()):
        response = page.request.get(links.nth(index).get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    visit(page, "/case-review/")

    # The housing officer's agency owns the recommendation, and marks it done.
    page.context.clear_cookies()
    sign_in_with_code(page, world.housing_officer, PASSWORD)
    visit(page, here)
    submit(page, page.get_by_role("link", name="Mark as done"))
    submit(page, page.get_by_role("button", name="Mark as done"))
    assert "Enter what was done" in _main(page)
    page.get_by_label("What was done?").fill("Weekly visits agreed with Vera")
    submit(page, page.get_by_role("button", name="Mark as done"))
    assert "Recommendation marked as done" in _main(page)
    assert "Weekly visits agreed with Vera" in _main(page)
