"""The analysis page: who may open it, the filters and their errors, the sections and the CSV downloads."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("crimedata:analysis")
BRAINTREE_2024 = {"scope": "partnership:braintree", "first": "2024-01", "last": "2024-04"}


def test_analysts_managers_administrators_and_the_system_administrator_open_it(world, client_for):
    for user in (world.analyst, world.manager, world.administrator, world.system_admin):
        assert client_for(user).get(URL).status_code == 200, user


def test_everyone_else_gets_404(world, client_for):
    for user in (world.council_officer, world.panel_chair, world.scrutiny, world.county_viewer, world.no_roles):
        assert client_for(user).get(URL).status_code == 404, user
        assert client_for(user).get(URL, {**BRAINTREE_2024, "download": "trend"}).status_code == 404, user


def test_with_no_data_it_says_what_to_import_and_how(world, client_for):
    page = client_for(world.analyst).get(URL).content.decode()
    assert "No police.uk data has been imported yet" in page
    assert "saferhub crime import PATH..." in page
    assert "saferhub crime reference FOLDER" in page
    assert 'data-vega-lite="' not in page


def test_the_analysis_of_the_users_own_partnership_over_the_latest_months_held(world, client_for, analysis_data):
    response = client_for(world.analyst).get(URL)
    page = response.content.decode()
    # The latest run of months held without a gap: January to April 2024.
    assert response.context["snapshot"]["scope"]["key"] == "braintree"
    assert (response.context["snapshot"]["first"], response.context["snapshot"]["last"]) == ("2024-01", "2024-04")
    assert '<h1 class="govuk-heading-l">Braintree District Community Safety Partnership</h1>' in page
    for name in ("trend", "rates", "comparison", "outcomes", "deprivation"):
        assert f'data-vega-lite="{name}-spec"' in page
        assert f'id="{name}-spec"' in page
    for name in ("trend", "change", "rates", "comparison", "hotspots_count", "locations", "map", "outcomes"):
        assert f'id="table-{name}"' in page
    assert 'id="lsoa-map"' in page and 'data-tiles=""' in page
    features = json.loads(page.split('<script id="map-geojson" type="application/json">')[1].split("</script>")[0])
    assert len(features["features"]) == len(response.context["snapshot"]["map"]["rows"]) > 80
    assert "records of Essex Police in these months have no location" in page


def test_the_change_table_says_no_significant_change(world, client_for, analysis_data):
    response = client_for(world.analyst).get(URL, {**BRAINTREE_2024, "first": "2024-03"})
    rows = {row[0]: row for row in response.context["tables"]["change"]["rows"]}
    assert rows["Violence and sexual offences"][3:] == ["-4.1%", "0.444", "No significant change"]
    assert rows["Burglary"][1:3] == [100, 56]
    assert rows["Burglary"][5] == "Significant fall"
    assert "no significant change" in response.content.decode()


def test_each_table_downloads_as_csv(world, client_for, analysis_data):
    client = client_for(world.analyst)
    response = client.get(URL, {**BRAINTREE_2024, "download": "comparison"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="crime-braintree-2024-01-2024-04-comparison.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Partnership or area", "Residents", "Records", "Per 1,000 residents"]
    assert rows[1][0] == "Braintree District (this analysis)"
    assert rows[-1][0] == "Essex"
    page = client.get(URL, BRAINTREE_2024).content.decode()
    assert "?scope=partnership%3Abraintree&amp;first=2024-01&amp;last=2024-04&amp;download=trend" in page
    assert client.get(URL, {**BRAINTREE_2024, "download": "nothing"}).status_code == 404


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"first": "2024-13"}, "first", "Enter the first month as a year and month, for example 2024-01"),
        ({"last": "April"}, "last", "Enter the last month as a year and month, for example 2024-01"),
        (
            {"first": "2024-04", "last": "2024-01"},
            "last",
            "The last month must be the same as or after the first month",
        ),
        ({"first": "2000-01"}, "last", "Choose at most 120 months (ten years)"),
        ({"scope": ""}, "scope", "Select a partnership, local authority, police force or area to analyse"),
        ({"scope": "partnership:atlantis"}, "scope", "Select a partnership, local authority, police force or area"),
        ({"scope": "planet:mars"}, "scope", "Select a partnership, local authority, police force or area"),
    ],
)
def test_bad_filters_are_explained_and_what_was_typed_is_kept(world, client_for, analysis_data, given, field, message):
    response = client_for(world.analyst).get(URL, {**BRAINTREE_2024, **given})
    page = response.content.decode()
    assert response.status_code == 200
    assert "snapshot" not in response.context
    assert "There is a problem" in page and "<title>Error:" in page
    assert any(e.startswith(message) for e in response.context["form"].errors[field]), response.context["form"].errors
    for name, value in given.items():
        if name in ("first", "last") and value:
            assert f'value="{value}"' in page


def test_other_scopes(world, client_for, analysis_data):
    client = client_for(world.manager)
    force = client.get(URL, {"scope": "force:Essex Police", "first": "2024-01", "last": "2024-01"})
    assert force.context["snapshot"]["scope"]["label"] == "Essex Police"
    groups = dict(force.context["form"].fields["scope"].choices[1:])
    assert groups["Police forces (every record the force reported)"] == [
        ("force:City of London Police", "City of London Police"),
        ("force:Essex Police", "Essex Police"),
        ("force:Suffolk Constabulary", "Suffolk Constabulary"),
    ]
    assert groups["Partnerships"][0] == ("partnership:braintree", "Braintree District Community Safety Partnership")
    area = client.get(URL, {"scope": "area:essex", "first": "2019-12", "last": "2020-02"})
    assert area.context["snapshot"]["stop_and_search"]["total"] == 5355
    assert 'data-vega-lite="stop-search-spec"' in area.content.decode()
    authority = client.get(URL, {"scope": "local_authority:E07000069", "first": "2024-01", "last": "2024-04"})
    assert authority.context["snapshot"]["scope"]["label"] == "Castle Point"


def test_without_the_reference_data_it_says_what_is_missing(world, client_for, police_data):
    from saferhub.crimedata.importer import source_for
    from saferhub.crimedata.services import crime_file_import

    path = police_data / "police-uk-other-forces-street-2024" / "2024-01-city-of-london-street.csv"
    crime_file_import(source=source_for(str(path), path.read_bytes))
    response = client_for(world.analyst).get(
        URL, {"scope": "force:City of London Police", "first": "2024-01", "last": "2024-01"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert sum(response.context["snapshot"]["trend"]["total"]) == 734
    assert "The LSOA reference data is not loaded" in page
    assert "No LSOA boundaries are held" in page
    assert 'id="lsoa-map"' not in page


def test_partner_datasets_sit_beside_the_police_figures_for_those_who_may_see_them(world, client_for, analysis_data):
    from saferhub.partnerdata.tests.fire import BRAINTREE, fire_csv, fires
    from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map

    months = ["2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04"]
    given = fires(months)
    dataset = fire_dataset(world)
    upload_and_map(dataset, fire_csv(given))
    response = client_for(world.analyst).get(URL, BRAINTREE_2024)
    page = response.content.decode()
    assert '<a class="govuk-link" href="#partner-data">Partner data</a>' in page
    assert '<h3 class="govuk-heading-s">Deliberate fires</h3>' in page
    assert 'data-vega-lite="partner-1-spec"' in page and 'id="partner-1-spec"' in page
    months_table = f"partner-{dataset.pk}-months"
    assert f'id="table-{months_table}"' in page and f'id="table-partner-{dataset.pk}-change"' in page
    braintree = sum(f.incidents for f in given if f.lad == BRAINTREE and f.month >= "2024-01")
    assert response.context["tables"][months_table]["total"][-1] == braintree
    download = client_for(world.analyst).get(URL, {**BRAINTREE_2024, "download": months_table})
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[-1][0] == "Total" and int(rows[-1][-1]) == braintree
    # A force counts no partner rows; the system administrator reads crime data but never partner data,
    # and another partnership's analyst does not see Braintree's.
    assert (
        'id="partner-data"'
        not in client_for(world.analyst).get(URL, {**BRAINTREE_2024, "scope": "force:Essex Police"}).content.decode()
    )
    for user in (world.system_admin, world.outside_manager):
        response = client_for(user).get(URL, BRAINTREE_2024)
        assert response.status_code == 200 and 'id="partner-data"' not in response.content.decode(), user
        assert client_for(user).get(URL, {**BRAINTREE_2024, "download": months_table}).status_code == 404, user
