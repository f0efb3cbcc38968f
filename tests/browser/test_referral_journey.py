"""Record an incident, refer the victim to the Hub, triage the referral: every page checked with axe-core."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest

from saferhub.testing.world import PASSWORD
from tests.browser.helpers import links_in_main, sign_in_with_code, submit, visit

pytestmark = pytest.mark.browser


def _record_an_incident(world):
    from saferhub.incidents.services import incident_record
    from saferhub.register.services import person_create

    victim = person_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=world.council_officer,
        kind="person",
        given_name="Robin",
        family_name="Example",
        date_of_birth=datetime.date(1979, 2, 3),
    )
    day = datetime.date.today() - datetime.timedelta(days=2)
    return incident_record(
        partnership=world.home.partnership,
        by=world.council_officer,
        organisation=world.home.council,
        behaviour_from=day,
        reported_on=day,
        channel="phone",
        category="asb_personal",
        description="Threats shouted at the front door",
        involvements=[(victim, "victim")],
    )


def _sign_out(page):
    page.context.clear_cookies()


def test_an_officer_refers_the_victim_and_the_panel_chair_triages(page, world):
    from saferhub.cases.services import panel_create
    from saferhub.referrals.models import Referral

    panel_create(partnership=world.home.partnership, name="Braintree Hub", kind="hub", by=None)
    incident = _record_an_incident(world)

    # The council officer refers the victim from the incident page.
    sign_in_with_code(page, world.council_officer, PASSWORD)
    visit(page, f"/incidents/{incident.pk}/")
    submit(page, page.get_by_role("link", name="Refer to a panel"))
    main = page.locator("main")
    assert main.get_by_label("Robin Example, born 3 February 1979").is_checked()
    page.get_by_label("Why are you referring them?").fill("Threatened at home twice this month; lives alone.")
    page.get_by_label("Medium").check()
    page.get_by_label("Not sought").check()
    submit(page, page.get_by_role("button", name="Send the referral"))
    assert page.locator(".govuk-error-summary").count() == 1
    assert "Select the lawful basis for sharing without consent" in main.inner_text()
    # What was typed is kept; the missing answers are given.
    assert "lives alone" in page.get_by_label("Why are you referring them?").input_value()
    page.get_by_label("Section 115 of the Crime and Disorder Act 1998", exact=False).check()
    page.get_by_label("Why is sharing without consent necessary and proportionate?").fill(
        "Asking would alert the person making the threats, who visits the victim daily."
    )
    submit(page, page.get_by_role("button", name="Send the referral"))
    referral = Referral.objects.get()
    assert urlsplit(page.url).path == f"/referrals/{referral.pk}/"
    assert "Awaiting triage" in main.inner_text()
    visit(page, "/referrals/")

    # The panel chair (Essex Police) sees it awaiting triage and accepts it into a new case.
    _sign_out(page)
    sign_in_with_code(page, world.panel_chair, PASSWORD)
    assert referral.reference in page.locator("main").inner_text()  # on the home page
    visit(page, "/referrals/")
    submit(page, page.get_by_role("link", name=referral.reference).first)
    submit(page, page.get_by_role("link", name="Triage this referral"))
    page.get_by_role("radio", name="Accept").check()
    submit(page, page.get_by_role("button", name="Record the decision"))
    assert "Select the lead agency for the new case" in page.locator("main").inner_text()
    page.get_by_label("If you open a new case: the lead agency").select_option(label="Braintree District Council")
    page.get_by_label("Eastlight Community Homes").check()
    page.get_by_label("Reason for the decision").fill("Meets the Hub's criteria: repeat victim, high harm.")
    submit(page, page.get_by_role("button", name="Record the decision"))
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert "Accepted" in page.locator("main").inner_text()
    for link in links_in_main(page, under="/cases/") + ["/cases/"]:
        visit(page, link)

    # The housing officer, brought onto the case, now sees the victim and the report.
    _sign_out(page)
    sign_in_with_code(page, world.housing_officer, PASSWORD)
    visit(page, f"/cases/{referral.case_id}/")
    visit(page, f"/referrals/{referral.pk}/")
    visit(page, f"/register/people/{incident.involvements.get().person_id}/")
    visit(page, f"/incidents/{incident.pk}/")
