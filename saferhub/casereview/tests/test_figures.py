"""The published Case Review figures: the counts, the public page per partnership, and the county comparison."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from saferhub.accounts import services as accounts
from saferhub.accounts.models import Role
from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.casereview import figures, review_services
from saferhub.casereview import services as case_review
from saferhub.casereview.models import Application, Status
from saferhub.casereview.timescales import timescales_set
from saferhub.incidents.services import repeat_victim_rules_set
from saferhub.partnerships import services as partnerships
from saferhub.testing.world import PASSWORD

FY_2025 = 2025  # 1 April 2025 to 31 March 2026


def _apply(side, victim, received_on, *, complaints=3, postcode="CM7 1AA"):
    """An application entered by phone, with ``complaints`` reports made on the day it was received."""
    return case_review.application_submit(
        partnership=side.partnership,
        by=None,
        channel="phone",
        applicant_role="victim",
        applicant_name=victim,
        applicant_phone="01376 000000",
        contact_method="phone",
        victim_kind="person",
        victim_name=victim,
        problem_postcode=postcode,
        problem_place=f"Outside {victim}'s home",
        problem=f"Secret problem of {victim}",
        received_on=received_on,
        complaints=[case_review.ComplaintGiven(received_on, received_on, "Council") for _ in range(complaints)],
    )


def _reviewed(world, side, victim, received_on, *, adequate=True, recommend=False, postcode="CM7 1AA"):
    application = _apply(side, victim, received_on, postcode=postcode)
    case_review.application_decide(application=application, by=world.manager, met=True, reasons="Three qualify")
    findings = [
        review_services.ResponseFinding(side.council, adequate, "Reports looked at one at a time"),
        review_services.ResponseFinding(world.police, True, "Patrols arranged"),
    ]
    today = timezone.localdate()
    review_services.review_record(
        application=application, by=world.manager, held_on=today, victim_invited=True, summary="Met", findings=findings
    )
    if recommend:
        review_services.recommendation_add(
            application=application, by=world.manager, text="Agree a plan", owner=side.council, due_on=today
        )
    return application


@pytest.fixture
def year_2025(world):
    """Applications around the financial year 2025-26 (1 April 2025 to 31 March 2026).

    In the home partnership that year: five received, of which one not met (received on its last day),
    two reviewed (the first, received on its first day, found a response not adequate and made a
    recommendation), one duplicate of the first, one only received. Outside it: one on 31 March 2025,
    one on 1 April 2026, and one in the other partnership.
    """
    home = world.home
    first = _reviewed(world, home, "Vera Victimname", datetime.date(2025, 4, 1), adequate=False, recommend=True)
    not_met = _apply(home, "Nadia Notmet", datetime.date(2026, 3, 31), complaints=1, postcode="CM7 2BB")
    case_review.application_decide(application=not_met, by=world.manager, met=False, reasons="One complaint")
    duplicate = _apply(home, "Vera Victimname", datetime.date(2025, 5, 1))
    _reviewed(world, home, "Ravi Reviewed", datetime.date(2025, 9, 30), postcode="CM7 3CC")
    _apply(home, "Greta Received", datetime.date(2025, 12, 1), postcode="CM7 4DD")
    _apply(home, "Ollie Oldyear", datetime.date(2025, 3, 31), postcode="CM7 5EE")
    _apply(home, "Nina Newyear", datetime.date(2026, 4, 1), postcode="CM7 6FF")
    _apply(world.other, "Oscar Otherside", datetime.date(2025, 6, 1), postcode="SS7 1AA")
    assert duplicate.status == Status.DUPLICATE and duplicate.duplicate_of == first
    return world


EXPECTED_2025 = {
    "received": 5,
    "not_met": 1,
    "reviews": 2,
    "with_recommendations": 1,
    "duplicate_applications": 1,
    "inadequate": 1,
}
VICTIMS = ["Vera Victimname", "Nadia Notmet", "Ravi Reviewed", "Greta Received", "Ollie Oldyear", "Nina Newyear"]


# --- the counts ---------------------------------------------------------------------------------


def test_each_measure_counts_the_applications_received_in_the_financial_year(year_2025):
    home, other = year_2025.home.partnership.pk, year_2025.other.partnership.pk
    found = figures.figures([home, other], FY_2025)
    assert found[home] == EXPECTED_2025
    assert found[other] == {**dict.fromkeys(EXPECTED_2025, 0), "received": 1}


def test_31_march_counts_in_the_year_that_ends_and_1_april_in_the_year_that_begins(year_2025):
    home = year_2025.home.partnership.pk
    assert figures.figures([home], 2024)[home]["received"] == 1  # 31 March 2025
    assert figures.figures([home], 2026)[home]["received"] == 1  # 1 April 2026
    received = set(
        Application.objects.filter(partnership_id=home, received_on__range=figures.financial_year(FY_2025))
        .values_list("received_on", flat=True)
        .distinct()
    )
    assert {datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)} <= received


def test_the_figures_reconcile_with_the_applications_behind_them(year_2025):
    home = year_2025.home.partnership.pk
    first, last = figures.financial_year(FY_2025)
    behind = list(Application.objects.filter(partnership_id=home, received_on__range=(first, last)))
    reviewed = [a for a in behind if a.review_held_on is not None]
    assert figures.figures([home], FY_2025)[home] == {
        "received": len(behind),
        "not_met": sum(a.status == Status.NOT_MET for a in behind),
        "reviews": len(reviewed),
        "with_recommendations": sum(a.recommendations.exists() for a in reviewed),
        "duplicate_applications": sum(a.status == Status.DUPLICATE for a in behind),
        "inadequate": sum(a.agency_responses.filter(adequate=False).exists() for a in reviewed),
    }


def test_a_partnership_without_applications_has_noughts_and_totals_add_up(year_2025):
    far = year_2025.far.partnership.pk
    found = figures.figures([year_2025.home.partnership.pk, far], FY_2025)
    assert found[far] == dict.fromkeys(EXPECTED_2025, 0)
    assert figures.total(found.values()) == EXPECTED_2025


def test_years_with_applications_are_listed_latest_first(year_2025):
    assert figures.years_with_applications([year_2025.home.partnership.pk]) == [2026, 2025, 2024]
    assert figures.years_with_applications([year_2025.far.partnership.pk]) == []


def test_labels_and_boundaries_of_a_financial_year():
    assert figures.label(2025) == "2025-26"
    assert figures.label(2099) == "2099-00"
    assert figures.financial_year(2025) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    assert figures.current_financial_year_start(datetime.date(2026, 3, 31)) == 2025
    assert figures.current_financial_year_start(datetime.date(2026, 4, 1)) == 2026


# --- the public page of a partnership ----------------------------------------------------------


def _archive(partnership, world):
    partnerships.partnership_update(partnership=partnership, by=world.system_admin, archived_at=timezone.now())


def _page(client, slug="braintree", **query):
    response = client.get(f"/case-review/figures/{slug}/", query)
    return response, response.content.decode()


def _summary(body):
    """{measure label: count shown} from the page's summary list."""
    keys = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>', body
    )
    return {key: value for key, value in keys}


def test_anyone_sees_a_partnerships_figures_without_signing_in(year_2025, client):
    response, body = _page(client, year="2025")
    assert response.status_code == 200
    assert "Braintree District Community Safety Partnership" in body
    assert "Figures for 2025-26" in body
    shown = _summary(body)
    for name, text in figures.MEASURES:
        assert shown[text] == str(EXPECTED_2025[name])


def test_the_public_page_shows_no_personal_data(year_2025, client):
    pages = [_page(client, year=str(year))[1] for year in (2024, 2025, 2026)]
    pages.append(client.get("/case-review/figures/").content.decode())
    for body in pages:
        for victim in VICTIMS:
            assert victim not in body
        assert "Secret problem" not in body
        assert "01376 000000" not in body
        assert "CM7 1AA" not in body


def test_the_current_year_is_shown_by_default_with_links_to_years_that_have_applications(year_2025, client):
    current = figures.current_financial_year_start(timezone.localdate())
    response, body = _page(client)
    assert f"Figures for {figures.label(current)}" in body
    assert "The year is not over" in body
    for year in (2024, 2025, 2026):
        if year != current:
            assert f'href="/case-review/figures/braintree/?year={year}"' in body
    assert 'href="/case-review/figures/braintree/?year=2023"' not in body


@pytest.mark.parametrize("bad", ["abc", "1999", "2013", "3000", "２０２５", "2025-26", "-1", "20251"])
def test_a_year_without_figures_shows_the_current_year_and_says_why(year_2025, client, bad):
    current = figures.label(figures.current_financial_year_start(timezone.localdate()))
    response, body = _page(client, year=bad)
    assert response.status_code == 200
    assert "There is a problem" in body
    assert f"Figures for {current}" in body
    assert 'href="#years"' in body and 'id="years"' in body
    assert "<title>Error:" in body


def test_the_page_shows_the_areas_published_procedure(world, client):
    repeat_victim_rules_set(area=world.essex, by=world.system_admin, threshold_complaints=2)
    timescales_set(
        area=world.essex, by=world.system_admin, acknowledge_days=3, decide_days=15, review_days=25, outcome_days=5
    )
    _, body = _page(client)
    assert "at least 2 complaints about the behaviour qualify" in body
    assert "within one month of the behaviour" in body and "within six months of the complaint" in body
    for criterion in (
        "persistence of the behaviour",
        "harm or potential harm to the victim",
        "adequacy of the response",
    ):
        assert criterion in body
    for expected in (
        "Within 3 working days of receiving it",
        "Within 15 working days of receiving the application",
        "Within 25 working days of receiving the application",
        "Within 5 working days of the review meeting",
    ):
        assert expected in body
    assert 'href="/case-review/apply/"' in body


def test_the_national_defaults_apply_where_the_area_set_none(world, client):
    _, body = _page(client)
    assert "at least 3 complaints about the behaviour qualify" in body
    assert "Within 2 working days of receiving it" in body
    assert "Within 21 working days of receiving the application" in body


def test_an_archived_or_unknown_partnership_has_no_page(world, client):
    _archive(world.other.partnership, world)
    assert _page(client, "castle-point-rochford")[0].status_code == 404
    assert _page(client, "no-such-partnership")[0].status_code == 404


def test_the_index_lists_every_partnership_not_archived_by_area(world, client):
    _archive(world.other.partnership, world)
    response = client.get("/case-review/figures/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="/case-review/figures/braintree/"' in body
    assert 'href="/case-review/figures/dartford/"' in body
    assert "castle-point-rochford" not in body
    assert body.index(">Essex<") < body.index(">Kent<")


def test_the_public_page_takes_five_queries_whatever_it_shows(year_2025, client, django_assert_num_queries):
    # The partnership, the area's rules and timescales, its years, its figures.
    with django_assert_num_queries(5):
        assert _page(client, year="2025")[0].status_code == 200


def test_the_public_page_answers_only_get_and_head(world, client):
    assert client.head("/case-review/figures/braintree/").status_code == 200
    assert Client(enforce_csrf_checks=False).post("/case-review/figures/braintree/").status_code == 405


# --- the county comparison ----------------------------------------------------------------------

COUNTY = "/case-review/county/essex/"


def _cells(row):
    """The numbers in one row of the comparison table."""
    return [int(n) for n in re.findall(r'numeric[^"]*">(\d+)</td>', row)]


@pytest.mark.parametrize(
    "persona",
    ["council_officer", "police_officer", "manager", "administrator", "analyst", "panel_chair", "scrutiny", "no_roles"],
)
def test_the_county_page_is_not_found_for_anyone_but_the_areas_county_viewers(world, client_for, persona):
    client = client_for(getattr(world, persona))
    assert client.get(COUNTY).status_code == 404
    assert client.get(COUNTY, {"format": "csv"}).status_code == 404
    assert client.post(COUNTY).status_code == 404


def test_a_county_viewer_of_another_area_gets_404(world, client_for):
    kent_viewer = accounts.user_create(
        email="kent.viewer@example.test", full_name="Kit Kent", organisation=None, password=PASSWORD, by=None
    )
    accounts.role_grant(user=kent_viewer, partnership=world.far.partnership, role=Role.COUNTY_VIEWER, by=None)
    client = client_for(kent_viewer)
    assert client.get(COUNTY).status_code == 404
    assert client.get("/case-review/county/kent/").status_code == 200
    assert client_for(world.county_viewer).get("/case-review/county/kent/").status_code == 404


def test_an_unknown_area_is_not_found_even_for_the_system_administrator(world, client_for):
    assert client_for(world.system_admin).get("/case-review/county/nowhere/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world, client):
    response = client.get(COUNTY)
    assert response.status_code == 302
    assert "/accounts/sign-in" in response["Location"]


@pytest.mark.parametrize("persona", ["county_viewer", "system_admin"])
def test_the_areas_county_viewer_sees_every_partnership_side_by_side(year_2025, client_for, persona):
    response = client_for(getattr(year_2025, persona)).get(COUNTY, {"year": "2025"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Partnerships of Essex compared" in body
    rows = body.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0].split("</tr>")
    braintree = next(r for r in rows if "Braintree District" in r)
    castle_point = next(r for r in rows if "Castle Point and Rochford" in r)
    total = next(r for r in rows if "All partnerships of Essex" in r)
    assert _cells(braintree) == [5, 1, 2, 1, 1, 1]
    assert _cells(castle_point) == [1, 0, 0, 0, 0, 0]
    assert _cells(total) == [6, 1, 2, 1, 1, 1]
    assert "Dartford" not in body
    for victim in VICTIMS:
        assert victim not in body


def test_the_chart_spec_holds_the_same_figures_and_its_container_names_the_table(year_2025, client_for):
    body = client_for(year_2025.county_viewer).get(COUNTY, {"year": "2025"}).content.decode()
    spec_text = body.split('<script id="county-chart-spec" type="application/json">')[1].split("</script>")[0]
    spec = json.loads(spec_text)
    values = {(v["partnership"], v["measure"]): v["count"] for v in spec["data"]["values"]}
    assert values[("Braintree District", "Applications received")] == 5
    assert values[("Castle Point and Rochford", "Applications received")] == 1
    assert values[("Braintree District", "Reviews finding a response not adequate")] == 1
    assert len(values) == 2 * len(figures.MEASURES)
    assert 'data-vega-lite="county-chart-spec" role="img"' in body
    assert "The table below holds the same figures." in body
    assert "vendor/vega/vega-embed.min.js" in body and "saferhub/charts.js" in body


def test_the_csv_holds_the_table_and_its_download_is_audited(year_2025, client_for):
    viewer = year_2025.county_viewer
    response = client_for(viewer).get(COUNTY, {"year": "2025", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="asb-case-review-figures-essex-2025-26.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Partnership", "Financial year", *(text for _, text in figures.MEASURES)]
    assert rows[1:] == [
        ["Braintree District Community Safety Partnership", "2025-26", "5", "1", "2", "1", "1", "1"],
        ["Castle Point and Rochford Community Safety Partnership", "2025-26", "1", "0", "0", "0", "0", "0"],
        ["All partnerships of Essex", "2025-26", "6", "1", "2", "1", "1", "1"],
    ]
    event = AuditEvent.objects.filter(verb=Verb.EXPORTED).get()
    assert event.actor_id == viewer.pk
    assert (event.target_type, event.target_id) == ("partnerships.area", str(year_2025.essex.pk))
    assert event.detail == {"what": "ASB Case Review figures", "area": "essex", "financial_year": "2025-26", "rows": 2}


def test_viewing_the_county_page_is_not_audited_and_a_bad_year_downloads_nothing(year_2025, client_for):
    client = client_for(year_2025.county_viewer)
    assert client.get(COUNTY).status_code == 200
    response = client.get(COUNTY, {"year": "nonsense", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "There is a problem" in response.content.decode()
    assert not AuditEvent.objects.filter(verb=Verb.EXPORTED).exists()


def test_the_county_page_answers_other_methods_with_405_to_its_viewer(world, client_for):
    assert client_for(world.county_viewer).post(COUNTY).status_code == 405


def test_the_county_page_takes_the_same_queries_for_more_partnerships(year_2025, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(year_2025.county_viewer)
    with CaptureQueriesContext(connection) as before:
        client.get(COUNTY)
    partnerships.partnership_create(
        name="Chelmsford CSP", slug="chelmsford", area=year_2025.essex, local_authorities=[], by=None
    )
    with CaptureQueriesContext(connection) as after:
        client.get(COUNTY)
    assert len(after) == len(before)


# --- the home page ------------------------------------------------------------------------------


def test_a_county_viewers_home_page_links_to_their_areas_comparison(world, client_for):
    body = client_for(world.county_viewer).get("/").content.decode()
    assert 'href="/case-review/county/essex/"' in body
    assert "Compare the partnerships of Essex" in body


@pytest.mark.parametrize("persona", ["manager", "scrutiny", "council_officer"])
def test_other_home_pages_have_no_county_link(world, client_for, persona):
    assert "/case-review/county/" not in client_for(getattr(world, persona)).get("/").content.decode()
