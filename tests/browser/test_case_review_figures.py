"""The published ASB Case Review figures: anyone opens a partnership's page; the county viewer compares the
area's partnerships in a table and a chart. Every page is checked with axe-core, the county page again once
its chart is drawn."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saferhub.casereview import figures, review_services
from saferhub.casereview import services as case_review
from saferhub.testing.world import PASSWORD
from tests.browser.helpers import axe, sign_in_with_password, submit, visit

pytestmark = pytest.mark.browser


def _applications(world):
    """This year: three applications to Braintree (one reviewed, one not met) and one to Castle Point."""
    today = timezone.localdate()

    def apply(side, victim, complaints=3):
        return case_review.application_submit(
            partnership=side.partnership,
            by=None,
            channel="phone",
            applicant_role="victim",
            applicant_name=victim,
            applicant_phone="07700 900123",
            contact_method="phone",
            victim_kind="person",
            victim_name=victim,
            problem_place=f"Outside {victim}'s home",
            problem="Loud music every night",
            received_on=today,
            complaints=[case_review.ComplaintGiven(today, today, "Council") for _ in range(complaints)],
        )

    reviewed = apply(world.home, "Vera Browservictim")
    case_review.application_decide(application=reviewed, by=world.manager, met=True, reasons="Three qualify")
    review_services.review_record(
        application=reviewed,
        by=world.manager,
        held_on=today,
        victim_invited=True,
        summary="Reviewed",
        findings=[review_services.ResponseFinding(world.home.council, False, "Reports not linked")],
    )
    review_services.recommendation_add(
        application=reviewed,
        by=world.manager,
        text="Link the reports",
        owner=world.home.council,
        due_on=today + datetime.timedelta(days=30),
    )
    not_met = apply(world.home, "Nadia Browsernotmet", complaints=1)
    case_review.application_decide(application=not_met, by=world.manager, met=False, reasons="One complaint")
    apply(world.home, "Greta Browserreceived")
    apply(world.other, "Oscar Browserother")


def test_anyone_reads_a_partnerships_figures_and_procedure_without_signing_in(page, world):
    _applications(world)
    visit(page, "/case-review/figures/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ASB Case Review figures")
    submit(page, page.get_by_role("link", name="Braintree District Community Safety Partnership"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Braintree District Community Safety Partnership")
    received = page.locator(".govuk-summary-list__row", has_text="Applications received")
    expect(received.locator("dd")).to_have_text("3")
    expect(page.locator(".govuk-summary-list__row", has_text="Reviews carried out").locator("dd")).to_have_text("1")
    expect(page.get_by_text("at least 3 complaints about the behaviour qualify")).to_be_visible()
    expect(page.get_by_role("button", name="Apply for an ASB Case Review")).to_be_visible()
    assert "Vera Browservictim" not in page.content()

    visit(page, "/case-review/figures/braintree/?year=1999")
    expect(page.get_by_role("alert")).to_contain_text("There are no figures for the year “1999”")
    page.get_by_role("alert").get_by_role("link").click()  # to the list of years
    expect(page).to_have_url(re.compile(r"#years$"))  # a fragment navigation: wait for the browser to report it
    current = figures.label(figures.current_financial_year_start(timezone.localdate()))
    expect(page.locator("#years + ul")).to_contain_text(f"{current} (shown above)")


def test_the_county_viewer_compares_the_areas_partnerships_in_a_table_and_a_chart(page, world):
    _applications(world)
    # A county viewer never sees personal data, so signs in with a password alone.
    sign_in_with_password(page, world.county_viewer.email, PASSWORD)
    submit(page, page.get_by_role("link", name="Compare the partnerships of Essex"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships of Essex compared")

    chart = page.locator('[data-vega-lite="county-chart-spec"]')
    expect(chart).to_be_visible()
    expect(chart.locator("svg, canvas").first).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    expect(chart).to_have_attribute("aria-label", re.compile(r"The table below holds the same figures\.$"))
    expect(chart.locator("svg .mark-rect path")).to_have_count(12)  # six bars for each of two partnerships
    axe(page)  # again, with the chart drawn

    table = page.get_by_role("table")
    braintree = table.get_by_role("row", name="Braintree District Community Safety Partnership")
    expect(braintree.get_by_role("cell")).to_have_text(["3", "1", "1", "1", "0", "1"])
    expect(table.get_by_role("row", name="All partnerships of Essex").get_by_role("cell")).to_have_text(
        ["4", "1", "1", "1", "0", "1"]
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table (CSV)").click()
    year = figures.label(figures.current_financial_year_start(timezone.localdate()))
    assert download.value.suggested_filename == f"asb-case-review-figures-essex-{year}.csv"
