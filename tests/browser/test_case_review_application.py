"""Apply for an ASB Case Review without signing in: every page checked with axe-core, and the same
journey with JavaScript switched off."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import submit, visit

pytestmark = pytest.mark.browser

TODAY = datetime.date.today()


def _fill_date(page: Any, prefix: str, day: datetime.date) -> None:
    page.locator(f"#id_{prefix}_0").fill(str(day.day))
    page.locator(f"#id_{prefix}_1").fill(str(day.month))
    page.locator(f"#id_{prefix}_2").fill(str(day.year))


def _add_report(page: Any, go: Callable[[Any], None], link: str, days_ago: int, agency: str, reference: str) -> None:
    go(page.get_by_role("button", name=link))
    behaviour = TODAY - datetime.timedelta(days=days_ago)
    _fill_date(page, "behaviour_on", behaviour)
    _fill_date(page, "reported_on", behaviour + datetime.timedelta(days=1))
    page.get_by_label("Who was it reported to?").fill(agency)
    page.get_by_label("Reference number (optional)").fill(reference)
    go(page.get_by_role("button", name="Save this report"))


def _apply_for_a_friend(page: Any, world: Any, open_page: Callable[[str], None], go: Callable[[Any], None]) -> None:
    """From the start page to the check page, applying for a friend (so the consent page is asked),
    with one mistake on the way."""
    main = page.locator("main")
    open_page("/case-review/apply/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for an ASB Case Review")
    go(page.get_by_role("button", name="Start now"))

    # One mistake: no partnership chosen. The error says what to fix and the postcode is kept.
    page.get_by_label("Postcode of where the problem happens (optional)").fill("cm7 3yg")
    go(page.get_by_role("button", name="Continue"))
    assert page.locator(".govuk-error-summary").count() == 1
    assert "Select the partnership that covers the place where the problem happens" in main.inner_text()
    assert page.get_by_label("Postcode of where the problem happens (optional)").input_value() == "cm7 3yg"
    assert page.title().startswith("Error:")
    page.get_by_label(world.home.partnership.name).check()
    go(page.get_by_role("button", name="Continue"))
    _from_who_to_check(page, go, staff=False)


def _from_who_to_check(page: Any, go: Callable[[Any], None], *, staff: bool) -> None:
    main = page.locator("main")
    page.get_by_label("A family member or friend").check()
    go(page.get_by_role("button", name="Continue"))
    if staff:
        page.get_by_label("The applicant confirmed that the victim agrees").check()
    else:
        page.get_by_label("I confirm that the victim agrees to me applying").check()
    go(page.get_by_role("button", name="Continue"))

    page.get_by_label("A person").check()
    page.get_by_label("Name of the victim").fill("Vera Victim")
    page.get_by_label("The victim's phone number (optional)").fill("07700 900982")
    go(page.get_by_role("button", name="Continue"))

    page.get_by_label("The applicant's full name" if staff else "Your full name").fill("Fran Friend")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("fran@example.test")
    go(page.get_by_role("button", name="Continue"))

    page.get_by_label("Where does the problem happen?").fill("Outside 12 Acacia Avenue, Braintree")
    go(page.get_by_role("button", name="Continue"))

    page.get_by_label("What is the problem?").fill("Shouting, banging and stones thrown at the windows at night.")
    _fill_date(page, "problem_since", TODAY - datetime.timedelta(days=120))
    go(page.get_by_role("button", name="Continue"))

    assert "The partnership will also look at the reports the agencies hold" in main.inner_text()
    _add_report(page, go, "Add a report", 40, "Essex Police", "42/12345/26")
    _add_report(page, go, "Add another report", 20, "Braintree District Council", "")
    assert "42/12345/26" in main.inner_text()
    go(page.get_by_role("button", name="Continue"))

    for code in ("harmed", "unsafe_at_home", "children_affected"):
        page.locator(f"#id_impact_{code}_0").check()
    for code in ("health_affected", "disability", "targeted"):
        page.locator(f"#id_impact_{code}_1").check()
    page.get_by_label("How does the problem affect the victim? (optional)").fill("She no longer sleeps at night.")
    go(page.get_by_role("button", name="Continue"))
    heading = "Check the answers before recording the application" if staff else "Check your answers"
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


def test_an_anonymous_applicant_applies_for_a_friend_through_every_page(page, world):
    from saferhub.casereview.models import Application

    _apply_for_a_friend(page, world, lambda path: visit(page, path), lambda target: submit(page, target))
    main = page.locator("main")
    for text in ("Vera Victim", "Fran Friend", "CM7 3YG", "Essex Police", "She no longer sleeps at night."):
        assert text in main.inner_text()

    # A change from the check page comes back to it.
    submit(page, page.get_by_role("link", name="Change where it happens"))
    page.get_by_label("Where does the problem happen?").fill("Outside 14 Acacia Avenue, Braintree")
    submit(page, page.get_by_role("button", name="Continue"))
    assert urlsplit(page.url).path == "/case-review/apply/check/"
    assert "Outside 14 Acacia Avenue" in main.inner_text()

    submit(page, page.get_by_role("button", name="Accept and send"))
    application = Application.objects.get()
    assert urlsplit(page.url).path == "/case-review/apply/done/"
    expect(page.locator(".govuk-panel__title")).to_have_text("Application sent")
    expect(page.locator(".govuk-panel__body")).to_contain_text(application.reference)
    assert "What happens next" in main.inner_text()
    assert application.applicant_role == "family" and application.victim_consents
    assert application.complaints.count() == 2 and application.victim_phone == "07700 900982"


def test_too_many_applications_from_one_address_get_a_page_saying_try_later(page, world, settings):
    settings.CASE_REVIEW_LIMIT = 0
    _apply_for_a_friend(page, world, lambda path: visit(page, path), lambda target: submit(page, target))
    submit(page, page.get_by_role("button", name="Accept and send"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, you cannot send an application at the moment")
    assert "phone your council" in page.locator("main").inner_text()


def test_an_officer_enters_an_application_made_by_letter(page, world):
    from saferhub.casereview.models import Application
    from saferhub.testing.world import PASSWORD
    from tests.browser.helpers import sign_in_with_code

    sign_in_with_code(page, world.council_officer, PASSWORD)
    visit(page, "/case-review/applications/new/")
    submit(page, page.get_by_role("button", name="Start a new application"))
    page.get_by_label("Letter").check()
    submit(page, page.get_by_role("button", name="Continue"))
    _fill_date(page, "received_on", TODAY - datetime.timedelta(days=1))
    submit(page, page.get_by_role("button", name="Continue"))
    assert f"The application is for {world.home.partnership.name}" in page.locator("main").inner_text()
    page.get_by_label("Postcode of where the problem happens (optional)").fill("CM7 3YG")
    submit(page, page.get_by_role("button", name="Continue"))
    _from_who_to_check(page, lambda target: submit(page, target), staff=True)
    assert "Letter" in page.locator("main").inner_text()
    submit(page, page.get_by_role("button", name="Record the application"))
    application = Application.objects.get()
    # The officer who entered it lands on the application, which they may open.
    assert urlsplit(page.url).path == f"/case-review/applications/{application.pk}/"
    expect(page.locator("h1")).to_contain_text(application.reference)
    assert application.entered_by == world.council_officer and application.channel == "letter"


@pytest.fixture
def page_without_javascript(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_the_application_works_without_javascript(page_without_javascript, world):
    """axe-core needs JavaScript, so it checks these same pages in the journey above."""
    from saferhub.casereview.models import Application

    page = page_without_javascript

    def open_page(path: str) -> None:
        response = page.goto(path)
        assert response is not None and response.status == 200

    def go(target: Any) -> None:
        with page.expect_navigation():
            target.click()

    _apply_for_a_friend(page, world, open_page, go)
    go(page.get_by_role("button", name="Accept and send"))
    expect(page.locator(".govuk-panel__body")).to_contain_text(Application.objects.get().reference)
