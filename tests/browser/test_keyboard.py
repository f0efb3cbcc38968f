"""Keyboard users: the first Tab reaches the skip link, and it takes them to the main content."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/accounts/sign-in", "/accessibility"])
def test_the_first_tab_reaches_the_skip_link_which_jumps_to_the_main_content(page, path):
    visit(page, path)
    page.keyboard.press("Tab")
    skip = page.locator("a.govuk-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_be_visible()  # visible once focused, so sighted keyboard users see it

    page.keyboard.press("Enter")
    # The fragment navigation is reported by the browser after the key press returns, so wait for it.
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()
    # The next Tab goes on from the main content (into it, or past it), never back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate(
        """() => {
            const main = document.getElementById('main-content');
            const active = document.activeElement;
            const after = main.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING;
            return main.contains(active) || Boolean(after);
        }"""
    )
