"""The page shell: home per role, the demo banner, GOV.UK error pages, navigation by role."""

import datetime

from django.test import Client
from django.urls import reverse

from saferhub.partnerships import services

BANNER = "Demonstration mode: the second sign-in factor is switched off"


def test_with_the_second_factor_relaxed_every_page_says_so(world, settings):
    settings.RELAX_MFA = True
    client = Client()
    assert BANNER in client.get(reverse("accounts:sign-in")).content.decode()
    assert BANNER in client.get(reverse("accessibility")).content.decode()
    client.post(
        reverse("accounts:sign-in"), {"username": world.manager.email, "password": "correct-horse-battery-staple-42"}
    )
    home = client.get("/")
    assert home.status_code == 200
    assert BANNER in home.content.decode()


def test_with_the_second_factor_enforced_there_is_no_banner(world, client_for):
    assert BANNER not in client_for(world.manager).get("/").content.decode()


def test_a_manager_is_warned_about_an_agreement_past_its_review_date(world, client_for):
    services.agreement_update(agreement=world.home.agreement, review_due_on=datetime.date(2020, 1, 1), by=None)
    body = client_for(world.manager).get("/").content.decode()
    assert "1 information sharing agreement is past its review date" in body
    assert world.home.agreement.title in body
    # Officers are not the ones who review agreements.
    assert "past its review date" not in client_for(world.council_officer).get("/").content.decode()


def test_figures_only_roles_are_told_they_see_no_personal_data(world, client_for):
    assert "never shows you personal data" in client_for(world.scrutiny).get("/").content.decode()
    assert "every partnership of your area" in client_for(world.county_viewer).get("/").content.decode()


def test_a_user_with_no_role_is_told_whom_to_ask(world, client_for):
    assert "Ask an administrator of your partnership" in client_for(world.no_roles).get("/").content.decode()


def test_the_manage_menu_shows_only_to_people_who_run_a_partnership(world, client_for):
    manage = reverse("manage-index")
    assert f'href="{manage}"' in client_for(world.manager).get("/").content.decode()
    assert f'href="{manage}"' not in client_for(world.council_officer).get("/").content.decode()
    assert client_for(world.council_officer).get(manage).status_code == 404


def test_a_missing_page_is_a_govuk_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_a_server_error_is_a_govuk_500_with_a_reference(rf):
    from saferhub.views import server_error

    request = rf.get("/")
    request.request_id = "abc123"
    response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "abc123" in body


def test_the_health_check_reports_database_and_data_directory(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "data_directory": "ok"}}


def test_the_health_check_says_when_the_data_directory_is_unwritable(client, db, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.DATA_DIR = blocker / "data"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["data_directory"].startswith("error")


def test_every_response_carries_a_request_id(client):
    assert len(client.get(reverse("accessibility"))["X-Request-ID"]) == 32
