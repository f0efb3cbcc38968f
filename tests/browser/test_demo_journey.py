"""The demo data as a visitor to `make run` meets it: a listed demo manager signs in and sees the
overdue sharing agreement the demo loads on purpose."""

from __future__ import annotations

import json
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import sign_in_with_password, submit, totp_code

pytestmark = pytest.mark.browser


def test_the_demo_manager_signs_in_and_sees_the_overdue_agreement(page):
    # pytest-django serves with DEBUG=false, so the command needs --force here.
    call_command("demo", "--force", stdout=StringIO())
    listed = StringIO()
    call_command("demo", "--list-users", "--json", stdout=listed)
    (manager,) = [u for u in json.loads(listed.getvalue()) if u["email"] == "manager@braintree.demo.saferhub.test"]

    sign_in_with_password(page, manager["email"], manager["password"])
    page.get_by_label("Security code").fill(totp_code(page.locator("#totp-secret").inner_text()))
    submit(page, page.get_by_role("button", name="Continue"))

    assert urlsplit(page.url).path == "/"
    main = page.locator("main")
    expect(main).to_contain_text("1 information sharing agreement is past its review date")
    overdue = main.get_by_role("link", name="Braintree strategic assessment data sharing protocol")
    submit(page, overdue)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Braintree strategic assessment data sharing protocol")
