"""Officers and managers work through the register and incident pages: each is checked with axe-core."""

from __future__ import annotations

from datetime import date as date_type

import pytest

from saferhub.testing.world import PASSWORD
from tests.browser.helpers import links_in_main, sign_in_with_code, submit, visit

pytestmark = pytest.mark.browser

MAX_PAGES = 40


def _two_reports_about_one_victim(world):
    """Records through the services: a repeat victim, so there are alerts and timelines to see."""
    import datetime

    from saferhub.incidents.services import incident_record
    from saferhub.register.services import location_create, person_create

    victim = person_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=world.council_officer,
        kind="person",
        given_name="Jo",
        family_name="Example",
        date_of_birth=datetime.date(1980, 5, 1),
    )
    place = location_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=world.council_officer,
        kind="address",
        address_line_1="1 Sample Street",
        town="Braintree",
        postcode="CM7 1AA",
    )
    today = datetime.date.today()
    for days_ago in (40, 10):
        day = today - datetime.timedelta(days=days_ago)
        incident_record(
            partnership=world.home.partnership,
            by=world.council_officer,
            organisation=world.home.council,
            behaviour_from=day,
            reported_on=day,
            channel="phone",
            category="asb_nuisance",
            description="Loud music late at night",
            location=place,
            involvements=[(victim, "victim")],
        )


@pytest.mark.parametrize("persona", ["council_officer", "manager"])
def test_every_register_and_incident_page_a_caseworker_reaches_passes_axe(page, world, persona):
    _two_reports_about_one_victim(world)
    sign_in_with_code(page, getattr(world, persona), PASSWORD)
    queue, seen = ["/register/?text=Example", "/incidents/", "/incidents/alerts/"], set()
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        visit(page, path)
        queue.extend(
            link
            for link in links_in_main(page, under="/register/") + links_in_main(page, under="/incidents/")
            if link not in seen
        )
    assert any(p.startswith("/register/people/") for p in seen)
    assert any(p.startswith("/incidents/") and p.rstrip("/").split("/")[-1].isdigit() for p in seen)


def test_recording_an_incident_asks_its_questions_accessibly(page, world):
    sign_in_with_code(page, world.council_officer, PASSWORD)
    visit(page, "/incidents/record/")
    # An empty answer shows the errors, accessibly, on each question page reached.
    submit(page, page.get_by_role("button", name="Continue"))
    assert page.locator(".govuk-error-summary").count() == 1


def _fill_date(page, legend: str, day: date_type) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_an_officer_records_an_incident_through_the_question_pages(page, world):
    import datetime

    from saferhub.incidents.models import Incident

    sign_in_with_code(page, world.council_officer, PASSWORD)
    visit(page, "/incidents/record/")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    _fill_date(page, "Date the behaviour happened (or began)", yesterday)
    _fill_date(page, "Date it was reported", yesterday)
    page.get_by_label("Phone").check()
    submit(page, page.get_by_role("button", name="Continue"))

    page.get_by_label("Anti-social behaviour: nuisance").check()
    page.get_by_label("What happened?").fill("Loud music from the flat below every night after midnight.")
    submit(page, page.get_by_role("button", name="Continue"))
    page.get_by_label("Type of incident").select_option(label="Noise")
    submit(page, page.get_by_role("button", name="Continue"))

    page.get_by_label("No fixed place, or not known").check()
    submit(page, page.get_by_role("button", name="Continue"))

    submit(page, page.get_by_role("link", name="Add someone new"))
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Placeholder")
    page.get_by_label("Victim").check()
    submit(page, page.get_by_role("button", name="Add this person"))
    submit(page, page.get_by_role("button", name="Continue"))

    # The victim screening, then the answers to check.
    submit(page, page.get_by_role("button", name="Continue"))
    assert "Robin Placeholder" in page.locator("main").inner_text()
    submit(page, page.get_by_role("button", name="Record incident"))

    incident = Incident.objects.get()
    assert incident.recorded_by_organisation == world.home.council
    assert incident.involvements.get().person.display_name == "Robin Placeholder"
