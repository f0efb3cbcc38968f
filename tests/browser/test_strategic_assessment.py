"""The strategic assessment document from the real Essex 2024 data: the analyst starts Braintree's
assessment, writes the summary and saves a version; the manager records the strategy group's approval;
the scrutiny councillor reads the approved document and its PDF. Every page is checked with axe-core."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saferhub.assessment.models import AssessmentVersion
from saferhub.assessment.tests.test_real_data import load_essex_2024
from saferhub.testing.world import PASSWORD
from tests.browser.helpers import sign_in_with_code, sign_in_with_password, submit, visit

pytestmark = pytest.mark.browser


def test_an_assessment_is_drafted_approved_and_read(page, world):
    load_essex_2024()
    sign_in_with_code(page, world.analyst, PASSWORD)
    visit(page, "/assessment/documents/")
    submit(page, page.get_by_role("link", name="Start a strategic assessment"))
    page.get_by_label("First month of data").fill("2024-13")
    page.get_by_label("Last month of data").fill("2024-04")
    submit(page, page.get_by_role("button", name="Start"))
    expect(page.get_by_role("alert")).to_contain_text("Enter the month as YYYY-MM")
    expect(page.get_by_label("First month of data")).to_have_value("2024-13")
    page.get_by_label("First month of data").fill("2024-01")
    submit(page, page.get_by_role("button", name="Start"))
    page.get_by_label("Executive summary").fill("Violence is the largest share.\n\nFor the March meeting.")
    submit(page, page.get_by_role("button", name="Save these details"))
    submit(page, page.get_by_role("button", name="Save a new version"))
    expect(page.get_by_role("alert")).to_contain_text("Version 1 is saved")
    main = page.locator("main")
    expect(main).to_contain_text("Draft: not approved.")
    expect(main).to_contain_text("For the March meeting.")
    expect(page.get_by_role("heading", name="Records per month")).to_have_count(1)
    expect(page.get_by_role("heading", name="Map of LSOA rates")).to_have_count(1)
    version = AssessmentVersion.objects.get()

    page.context.clear_cookies()
    sign_in_with_code(page, world.manager, PASSWORD)
    visit(page, f"/assessment/documents/{version.assessment_id}/")
    submit(page, page.get_by_role("link", name="Record approval of version 1"))
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    submit(page, page.get_by_role("button", name="Record the approval"))
    expect(page.get_by_role("alert")).to_contain_text("The approval of version 1 is recorded")

    page.context.clear_cookies()
    sign_in_with_password(page, world.scrutiny.email, PASSWORD)
    submit(page, page.get_by_role("link", name="Priorities"))
    submit(page, page.get_by_role("link", name="Read the approved strategic assessments"))
    submit(page, page.get_by_role("link", name="Strategic assessment", exact=False).last)
    expect(page.locator("main")).to_contain_text("by the Strategy group on")
    response = page.request.get(f"/assessment/documents/versions/{version.pk}/pdf")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    visit(page, f"/assessment/documents/{version.assessment_id}/save-version", status=404)
