"""The list of people: scope, search, filters, paging and a fixed number of queries."""

from django.urls import reverse

from saferhub.accounts import services
from saferhub.accounts.models import Role

# Session, user, second factor, grants, partnership filter, count, page, roles, header, picker, session save.
QUERIES = 13


def _list(client, **params):
    response = client.get(reverse("users:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_administrator_sees_the_people_of_their_partnership_and_nobody_elses(world, client_for):
    body = _list(client_for(world.administrator))
    for who in ("council_officer", "police_officer", "manager", "scrutiny", "county_viewer"):
        assert getattr(world, who).email in body, who
    assert world.outsider.email not in body
    assert world.outside_manager.email not in body
    assert world.no_roles.email not in body


def test_manager_sees_the_list_without_the_add_button(world, client_for):
    body = _list(client_for(world.manager))
    assert world.council_officer.email in body
    assert reverse("users:add") not in body


def test_search_finds_people_by_name_or_email(world, client_for):
    client = client_for(world.administrator)
    by_name = _list(client, q="priya")
    assert world.police_officer.email in by_name
    assert world.council_officer.email not in by_name
    by_email = _list(client, q="council.officer@")
    assert world.council_officer.email in by_email
    assert world.police_officer.email not in by_email
    assert 'value="council.officer@"' in by_email


def test_roles_in_partnerships_the_viewer_does_not_run_are_not_shown(world, client_for):
    services.role_grant(user=world.council_officer, partnership=world.other.partnership, role=Role.ANALYST, by=None)
    body = _list(client_for(world.administrator), q="colin")
    assert world.council_officer.email in body
    assert "Analyst" not in body


def test_filter_by_partnership_offers_only_partnerships_the_viewer_runs(world, client_for):
    client = client_for(world.administrator)
    body = _list(client, partnership=world.home.partnership.pk)
    assert world.council_officer.email in body
    assert f'value="{world.other.partnership.pk}"' not in body
    refused = _list(client, partnership=world.other.partnership.pk)
    assert "Select a valid choice" in refused
    assert world.outsider.email not in refused


def test_disabled_people_are_listed_only_when_asked_for(world, client_for):
    services.user_disable(user=world.analyst, by=world.administrator)
    client = client_for(world.administrator)
    assert world.analyst.email not in _list(client)
    disabled = _list(client, status="disabled")
    assert world.analyst.email in disabled
    assert world.council_officer.email not in disabled
    everyone = _list(client, status="all")
    assert world.analyst.email in everyone and world.council_officer.email in everyone


def _add_people(world, count, start=0):
    for number in range(start, start + count):
        person = services.user_create(
            email=f"person{number:03d}@example.test",
            full_name=f"Zed Person {number:03d}",
            organisation=world.home.council,
            by=None,
        )
        services.role_grant(user=person, partnership=world.home.partnership, role=Role.OFFICER, by=None)


def test_the_list_shows_50_people_a_page(world, client_for):
    _add_people(world, 55)
    client = client_for(world.administrator)
    first = _list(client, q="Zed Person")
    assert "Zed Person 049" in first and "Zed Person 050" not in first
    assert "page=2" in first
    second = _list(client, q="Zed Person", page=2)
    assert "Zed Person 050" in second and "Zed Person 054" in second
    assert "Zed Person 000" not in second
    assert "q=Zed+Person" in second


def test_the_list_runs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    client = client_for(world.administrator)
    client.get(reverse("users:list"))  # warm the session
    with django_assert_max_num_queries(QUERIES):
        _list(client)
    _add_people(world, 60)
    with django_assert_max_num_queries(QUERIES):
        _list(client, q="Person", partnership=world.home.partnership.pk)


def test_the_system_administrator_list_runs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    _add_people(world, 30)
    client = client_for(world.system_admin)
    with django_assert_max_num_queries(QUERIES):
        body = _list(client, status="all")
    assert world.outsider.email in body
