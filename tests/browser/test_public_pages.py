"""Pages anyone can open without signing in, and the page for an address that does not exist."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import submit, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibility", "Accessibility statement"),
        ("/privacy", "Privacy notice"),
        ("/cookies", "Cookies"),
        ("/accounts/sign-in", "Sign in to SaferHub"),
        ("/accounts/password-reset", "Reset your password"),
        ("/accounts/signed-out", "You have signed out"),
    ],
)
def test_a_public_page_opens_without_signing_in(page, path, heading):
    visit(page, path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


def test_asking_for_a_password_link_lands_on_check_your_email(page):
    visit(page, "/accounts/password-reset")
    page.get_by_label("Email address").fill("nobody@example.test")
    submit(page, page.get_by_role("button", name="Send the link"))
    assert page.url.endswith("/accounts/password-reset/sent")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")


def test_a_page_that_does_not_exist_says_so(page):
    visit(page, "/no-such-page", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
