"""An administrator works through every administration page: each is checked with axe-core,
and so is each form's error state."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from saferhub.testing.world import PASSWORD
from tests.browser.helpers import links_in_main, sign_in_with_code, submit, visit

pytestmark = pytest.mark.browser

# Enough to reach every kind of administration page in the test cast, few enough to stay quick.
MAX_PAGES = 80


def test_every_administration_page_an_administrator_reaches_passes_axe(page, world):
    sign_in_with_code(page, world.administrator, PASSWORD)
    queue, seen = ["/manage/"], set()
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        visit(page, path)
        queue.extend(link for link in links_in_main(page, under="/manage/") if link not in seen)
    # The walk reached each kind of page, not just the lists.
    for expected in ("/manage/partnerships/braintree/", "/manage/audit/", "/manage/users/add"):
        assert expected in seen, f"{expected} was not reached from /manage/"
    assert any(p.startswith("/manage/agreements/") and p.rstrip("/").split("/")[-1].isdigit() for p in seen)


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("/manage/users/add", "Add user"),
        ("/manage/organisations/add/", "Add organisation"),
        ("/manage/partnerships/braintree/members/add/", "Add member"),
    ],
)
def test_a_form_sent_empty_shows_its_errors_accessibly(page, world, path, button):
    sign_in_with_code(page, world.administrator, PASSWORD)
    visit(page, path)
    submit(page, page.get_by_role("button", name=button))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")


def test_a_wrong_date_in_the_audit_filter_is_reported_accessibly(page, world):
    sign_in_with_code(page, world.administrator, PASSWORD)
    visit(page, "/manage/audit/?from_date_0=31&from_date_1=2&from_date_2=2026")
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real date")
