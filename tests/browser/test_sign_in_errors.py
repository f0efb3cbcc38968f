"""A sign-in form sent empty: the GOV.UK error summary, and its links take you to each field."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import submit, visit

pytestmark = pytest.mark.browser


def test_an_empty_sign_in_shows_the_error_summary_and_its_links_move_focus_to_the_field(page):
    visit(page, "/accounts/sign-in")
    submit(page, page.get_by_role("button", name="Sign in"))

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(page).to_have_title("Error: Sign in – SaferHub")
    # GOV.UK Frontend moves focus to the summary when the page loads, so screen readers announce it.
    expect(summary).to_be_focused()

    summary.get_by_role("link", name="Enter your email address").click()
    expect(page.locator("#id_username")).to_be_focused()
    summary.get_by_role("link", name="Enter your password").click()
    expect(page.locator("#id_password")).to_be_focused()

    # Each field shows its own message too.
    expect(page.locator("#id_username-error")).to_contain_text("Enter your email address")
    expect(page.locator("#id_password-error")).to_contain_text("Enter your password")
