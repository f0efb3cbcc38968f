"""Signing in with the second factor, working through the signed-in pages, signing out."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from saferhub.testing.world import PASSWORD
from tests.browser.helpers import links_in_main, sign_in_with_password, submit, totp_code, visit

pytestmark = pytest.mark.browser


def test_a_manager_sets_up_an_authenticator_works_through_their_pages_and_signs_out(page, world):
    sign_in_with_password(page, world.manager.email, PASSWORD)

    assert urlsplit(page.url).path == "/accounts/sign-in/set-up-code"
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    page.get_by_label("Security code").fill(totp_code(page.locator("#totp-secret").inner_text()))
    submit(page, page.get_by_role("button", name="Continue"))

    assert urlsplit(page.url).path == "/"
    main = page.locator("main")
    expect(main).to_contain_text("Your authenticator app is set up")
    expect(main).to_contain_text(world.home.partnership.name)
    expect(main).to_contain_text("Partnership manager")

    submit(page, page.get_by_role("link", name="Your account"))
    assert urlsplit(page.url).path == "/accounts/your-account"

    visit(page, "/manage/")
    links = links_in_main(page)
    assert links, "the Manage page lists the sections a manager runs"
    for link in links:
        visit(page, link)

    submit(page, page.get_by_role("button", name="Sign out"))
    assert urlsplit(page.url).path == "/accounts/signed-out"
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    # Signed out means signed out: home sends them back to sign in.
    page.goto("/")
    assert urlsplit(page.url).path == "/accounts/sign-in"


def test_a_returning_officer_enters_the_code_from_their_app(page, world):
    device = TOTPDevice.objects.create(user=world.police_officer, name="Authenticator app", confirmed=True)
    sign_in_with_password(page, world.police_officer.email, PASSWORD)

    assert urlsplit(page.url).path == "/accounts/sign-in/code"
    page.get_by_label("Security code").fill(f"{totp(device.bin_key):06d}")
    submit(page, page.get_by_role("button", name="Continue"))

    assert urlsplit(page.url).path == "/"
    expect(page.locator("main")).to_contain_text(world.home.partnership.name)
    expect(page.locator("header")).to_contain_text(world.police_officer.full_name)
