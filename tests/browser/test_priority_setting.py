"""Priority setting from the real Essex 2024 data: the analyst starts Braintree's matrix, adds an issue by
hand and scores it (a missing rationale is a GOV.UK error), the manager adopts the top issues, and the
scrutiny councillor reads them. Every page is checked with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from saferhub.assessment import services
from saferhub.assessment.models import Priority, ScoringMatrix
from saferhub.assessment.tests.test_real_data import load_essex_2024
from saferhub.testing.world import PASSWORD
from tests.browser.helpers import sign_in_with_code, sign_in_with_password, submit, visit

pytestmark = pytest.mark.browser


def _main(page) -> str:
    return page.locator("main").inner_text()


def _score_the_rest(matrix: ScoringMatrix, by) -> None:
    """The analyst's scores for every crime type (the browser journey scores the issue added by hand)."""
    for issue in matrix.issues.exclude(crime_type=""):
        computed = set(issue.scores.filter(from_data=True).values_list("dimension_id", flat=True))
        given = {
            d: services.ScoreGiven(2, "Professional judgement of the analyst")
            for d in matrix.dimensions.all()
            if d.pk not in computed
        }
        services.issue_score(issue=issue, given=given, by=by)


def test_an_analyst_scores_and_a_manager_adopts_the_priorities(page, world):
    load_essex_2024()

    # The analyst starts the matrix from the navigation.
    sign_in_with_code(page, world.analyst, PASSWORD)
    submit(page, page.get_by_role("link", name="Strategic assessment"))
    submit(page, page.get_by_role("link", name="Start a scoring matrix"))
    page.get_by_label("2025-26").check()
    page.get_by_label("First month of crime data").fill("2024-03")
    page.get_by_label("Last month of crime data").fill("2024-04")
    submit(page, page.get_by_role("button", name="Start the matrix"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scoring matrix 2025-26")
    matrix = ScoringMatrix.objects.get(partnership=world.home.partnership, year=2025)
    assert matrix.issues.count() == 14

    # The grid shows the data cells with their explanation.
    submit(page, page.get_by_role("link", name="Score the issues"))
    expect(page.get_by_role("cell", name="recorded crimes, 1st highest of 14 crime types")).to_have_count(1)

    # An issue added by hand is scored on every dimension, the data ones too.
    submit(page, page.get_by_role("link", name="Add an issue"))
    page.get_by_label("Issue").fill("Domestic abuse")
    submit(page, page.get_by_role("button", name="Add the issue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Score Domestic abuse")
    values = {"Harm": 5, "Volume": 4, "Trend": 3, "Vulnerability": 5, "Public concern": 3, "Partnership capacity": 4}
    for name, value in values.items():
        page.get_by_role("group", name=f"Score for {name}").get_by_label(f"{value}:", exact=False).check()
        if name != "Harm":
            page.get_by_label(f"Why Domestic abuse scores this on {name}").fill(f"IDVA and police data on {name}")
    submit(page, page.get_by_role("button", name="Save scores"))
    expect(page.get_by_role("alert")).to_contain_text("Enter why Domestic abuse scores 5 on Harm")
    expect(page.get_by_label("Why Domestic abuse scores this on Vulnerability")).to_have_value(
        "IDVA and police data on Vulnerability"
    )
    page.get_by_role("link", name="Enter why Domestic abuse scores 5 on Harm").click()
    expect(page.get_by_label("Why Domestic abuse scores this on Harm")).to_be_focused()
    page.get_by_label("Why Domestic abuse scores this on Harm").fill("Serious, repeated harm; two domestic homicides")
    submit(page, page.get_by_role("button", name="Save scores"))
    expect(page.get_by_role("alert")).to_contain_text("The scores for Domestic abuse are saved")

    # The crime types are scored too (here by the service), and the results explain the ranking.
    _score_the_rest(matrix, world.analyst)
    submit(page, page.get_by_role("link", name="Ranked results"))
    first_row = page.locator("tbody tr").first
    expect(first_row).to_contain_text("Domestic abuse")
    expect(page.get_by_role("link", name="Adopt priorities")).to_have_count(0)

    # The manager adopts the top three.
    page.context.clear_cookies()
    sign_in_with_code(page, world.manager, PASSWORD)
    visit(page, f"/assessment/matrices/{matrix.pk}/results")
    submit(page, page.get_by_role("link", name="Adopt priorities"))
    boxes = page.get_by_role("checkbox")
    expect(boxes).to_have_count(15)
    for index in range(3, 5):
        boxes.nth(index).uncheck()
    submit(page, page.get_by_role("button", name="Continue"))
    statements = page.get_by_label("statement", exact=False)
    expect(statements).to_have_count(3)
    page.get_by_label("Priority 1: title").fill("Tackle domestic abuse")
    statements.nth(0).fill("Fund an IDVA and train front-line staff to spot abuse")
    statements.nth(1).fill("Joint operations in the hotspots")
    submit(page, page.get_by_role("button", name="Adopt these priorities"))
    expect(page.get_by_role("alert")).to_contain_text("Enter a short statement")
    statements.nth(2).fill("Work with the retail crime partnership")
    submit(page, page.get_by_role("button", name="Adopt these priorities"))
    expect(page.get_by_role("alert")).to_contain_text("The partnership's 3 priorities for 2025-26 are adopted")
    adopted = list(Priority.objects.filter(archived_at__isnull=True).order_by("rank"))
    assert [p.title for p in adopted][0] == "Tackle domestic abuse"
    assert len(adopted) == 3

    # The scrutiny councillor reads them (and nothing of the matrix).
    page.context.clear_cookies()
    sign_in_with_password(page, world.scrutiny.email, PASSWORD)
    submit(page, page.get_by_role("link", name="Priorities"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Adopted priorities")
    assert "Tackle domestic abuse" in _main(page)
    assert "Fund an IDVA and train front-line staff to spot abuse" in _main(page)
    visit(page, f"/assessment/matrices/{matrix.pk}/", status=404)
