"""The crime analysis from the real Essex files: the analyst reads her partnership's analysis (charts drawn,
the LSOA map drawn by Leaflet with no tiles), picks another partnership and other months in the filters,
is told what to fix when a month is mistyped, and downloads a table. Every page is checked with axe-core,
again once the charts and the map are drawn."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

# The real files, imported as the crime data tests import them.
from saferhub.crimedata.tests.conftest import analysis_data, police_data, reference_data  # noqa: F401
from saferhub.partnerdata.tests.fire import fire_csv, fires
from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map
from saferhub.testing.world import PASSWORD
from tests.browser.helpers import axe, sign_in_with_code, submit, visit

pytestmark = pytest.mark.browser


def test_an_analyst_reads_filters_and_downloads_the_crime_analysis(page, world, analysis_data):  # noqa: F811
    # The fire service's figures sit beside the police figures.
    upload_and_map(fire_dataset(world), fire_csv(fires(["2024-01", "2024-02", "2024-03", "2024-04"])))
    sign_in_with_code(page, world.analyst, PASSWORD)
    visit(page, "/crime/analysis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Braintree District Community Safety Partnership")
    expect(page.get_by_text("Crime analysis, 2024-01 to 2024-04")).to_be_visible()

    chart = page.locator('[data-vega-lite="trend-spec"]')
    expect(chart).to_be_visible()
    expect(chart.locator("svg").first).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("svg .mark-rect path")).to_have_count(24)  # 4 months x 6 series
    lsoa_map = page.locator("#lsoa-map")
    expect(lsoa_map).to_be_visible()
    expect(lsoa_map.locator("path.leaflet-interactive")).to_have_count(88)  # Braintree's 2021 LSOAs
    expect(lsoa_map.locator(".leaflet-tile")).to_have_count(0)  # no tile server configured: a plain background
    fire_chart = page.locator('[data-vega-lite="partner-1-spec"]')
    expect(fire_chart.locator("svg").first).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Deliberate fires")).to_be_visible()
    axe(page)  # again, with the charts and the map drawn

    trend = page.locator("#table-trend")
    expect(trend.get_by_role("row", name="2024-01")).to_contain_text("892")
    expect(page.locator("#table-hotspots_count tbody tr")).to_have_count(10)

    # Another partnership, over the months of the stop-and-search files.
    page.get_by_label("What to analyse").select_option(label="Castle Point and Rochford Community Safety Partnership")
    page.get_by_label("From month").fill("2019-12")
    page.get_by_label("To month").fill("2020-02")
    submit(page, page.get_by_role("button", name="Show the analysis"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Castle Point and Rochford Community Safety Partnership")
    expect(page.get_by_text("No records are held for these 3 months")).to_be_visible()
    expect(page.locator('[data-vega-lite="stop-search-spec"] svg').first).to_be_visible()
    expect(page.locator("#table-stop_search_object").get_by_role("row").nth(1)).to_contain_text("Controlled drugs")
    axe(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table (CSV) : Stop and search by object of search").click()
    assert download.value.suggested_filename == "crime-castle-point-rochford-2019-12-2020-02-stop-search-object.csv"
    with open(download.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0] == ["Object of search", "Searches", "Share"] and rows[1][0] == "Controlled drugs"

    # A mistyped month: the error summary links to the field, and what was typed is kept.
    page.get_by_label("From month").fill("2020-13")
    submit(page, page.get_by_role("button", name="Show the analysis"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter the first month as a year and month, for example 2024-01")
    summary.get_by_role("link").click()
    expect(page.get_by_label("From month")).to_be_focused()
    expect(page.get_by_label("From month")).to_have_value("2020-13")
    expect(page.get_by_label("What to analyse")).to_have_value("partnership:castle-point-rochford")


def test_tiles_are_drawn_under_the_map_when_a_tile_server_is_configured(page, world, analysis_data, settings):  # noqa: F811
    # A tile the live server itself serves, so the test needs no network.
    settings.SAFERHUB_MAP_TILES = "/static/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}"
    settings.SAFERHUB_MAP_ATTRIBUTION = "Tiles by the test"
    sign_in_with_code(page, world.manager, PASSWORD)
    visit(page, "/crime/analysis/?scope=local_authority:E07000069&first=2024-04&last=2024-04")
    expect(page.get_by_role("heading", level=1)).to_have_text("Castle Point")
    expect(page.locator("#lsoa-map .leaflet-tile").first).to_be_visible()
    expect(page.locator("#lsoa-map .leaflet-control-attribution")).to_contain_text("Tiles by the test")
    axe(page)
