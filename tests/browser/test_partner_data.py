"""An analyst adds the fire service's deliberate fires, uploads their CSV, maps its columns (after being told
which dates do not read with the wrong format) and sees the monthly summary; a second file with the same
columns imports straight away. Every page checked with axe-core."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from saferhub.partnerdata.tests.fire import BRAINTREE, expected, fire_csv, fires, write_lsoa_reference
from saferhub.testing.world import PASSWORD
from tests.browser.helpers import sign_in_with_code, submit, visit

pytestmark = pytest.mark.browser

Q1 = ["2024-01", "2024-02", "2024-03"]


def _main(page):
    return page.locator("main").inner_text()


def _totals(page):
    """The Total column of the summary table, one cell per month."""
    rows = page.locator("#summary-table tbody tr")
    return [int(rows.nth(i).locator("td").last.inner_text().replace(",", "")) for i in range(rows.count() - 1)]


def test_an_analyst_uploads_a_fire_service_file_maps_its_columns_and_sees_the_summary(page, world, tmp_path, settings):
    write_lsoa_reference()
    rows = fires(Q1)
    first = tmp_path / "ecfrs-deliberate-fires-2024-q1.csv"
    first.write_bytes(fire_csv(rows))

    sign_in_with_code(page, world.analyst, PASSWORD)
    visit(page, "/partner-data/")
    submit(page, page.get_by_role("link", name="Add a dataset"))
    page.get_by_label("Organisation that provides the data").select_option(label="Essex County Fire & Rescue Service")
    page.get_by_label("Name of the dataset").fill("Deliberate fires")
    submit(page, page.get_by_role("button", name="Add the dataset"))
    expect(page.get_by_role("alert")).to_contain_text("Enter what the dataset counts")
    expect(page.get_by_label("Name of the dataset")).to_have_value("Deliberate fires")
    page.get_by_label("What does it count?").fill("incidents")
    submit(page, page.get_by_role("button", name="Add the dataset"))
    assert "Dataset “Deliberate fires” added" in _main(page)

    # The first upload shows the file and asks what each column holds; the guess is already chosen.
    page.get_by_label("Upload a CSV file").set_input_files(str(first))
    submit(page, page.get_by_role("button", name="Upload file", exact=True))
    assert urlsplit(page.url).path.endswith("/columns")
    assert f"{first.name} has {len(rows)} rows" in _main(page)
    expect(page.get_by_role("region", name="The first 10 rows of the file")).to_contain_text(rows[0].number)
    expect(page.get_by_label("Date", exact=True)).to_have_value("Date of Call")

    # With the wrong date format, the error summary says so and shows the first lines.
    page.get_by_label("Year-month-day, for example 2024-03-27").check()
    submit(page, page.get_by_role("button", name="Save the mapping and import"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("No date in “Date of Call” can be read as YYYY-MM-DD: check the date column")
    expect(summary).to_contain_text("line 2: date")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Date", exact=True)).to_be_focused()

    page.get_by_label("Day/month/year, for example 27/03/2024").check()
    submit(page, page.get_by_role("button", name="Save the mapping and import"))
    assert f"Imported {len(rows)} rows of {first.name} (January 2024 to March 2024)" in _main(page)
    assert _totals(page) == expected(rows, Q1)["total"]
    expect(page.locator("#summary-table")).to_contain_text("Deliberate secondary fire - grassland")

    # Braintree's rows only, for February and March.
    page.get_by_label("From").select_option(label="February 2024")
    page.get_by_label("Rows for").select_option(label=f"{world.home.partnership.name}: its local authorities")
    submit(page, page.get_by_role("button", name="Show the summary"))
    assert _totals(page) == expected(rows, ["2024-02", "2024-03"], lads={BRAINTREE})["total"]

    # A file with the same columns imports straight away, replacing March.
    corrected = fires(["2024-03"], seed=11)
    second = tmp_path / "ecfrs-deliberate-fires-2024-03-corrected.csv"
    second.write_bytes(fire_csv(corrected, bom=False, crlf=False))
    submit(page, page.get_by_role("link", name="Upload a file"))
    page.get_by_label("Upload a CSV file").set_input_files(str(second))
    submit(page, page.get_by_role("button", name="Upload file", exact=True))
    assert f"Imported {len(corrected)} rows of {second.name}" in _main(page)
    kept = [f for f in rows if f.month != "2024-03"]
    assert _totals(page) == expected(kept + corrected, Q1)["total"]
    expect(page.get_by_role("region", name="Imports")).to_contain_text("1 month replaced")


def test_a_file_with_personal_data_is_refused_naming_the_column(page, world, tmp_path):
    from saferhub.partnerdata.tests.helpers import fire_dataset

    dataset = fire_dataset(world)
    named = tmp_path / "fires-with-names.csv"
    named.write_text(
        "Date of Call,Incident Type,Occupier Name\n05/01/2024,Deliberate fire,A Person\n", encoding="utf-8"
    )
    sign_in_with_code(page, world.analyst, PASSWORD)
    visit(page, f"/partner-data/{dataset.pk}/upload")
    page.get_by_label("Upload a CSV file").set_input_files(str(named))
    submit(page, page.get_by_role("button", name="Upload file", exact=True))
    expect(page.get_by_role("alert")).to_contain_text("column “Occupier Name” looks like a person’s name")
