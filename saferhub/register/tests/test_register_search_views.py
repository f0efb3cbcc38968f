"""Searching the register: only what the searcher may see, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferhub.navigation import items_for
from saferhub.register.tests import records

pytestmark = pytest.mark.django_db


def _search(client, **query):
    return client.get(reverse("register:search"), query)


def test_the_search_finds_people_and_places_the_officer_recorded(world, client_for):
    records.person(world, home=records.address(world))
    page = _search(client_for(world.council_officer), postcode="CM7 3YG").content.decode()
    assert "Jane Doe" in page
    assert "12 High Street" in page


def test_the_search_never_shows_records_the_user_may_not_see(world, client_for):
    records.person(world, by=world.police_officer, given_name="Paula", family_name="Policed")
    records.person(world, by=world.outsider, partnership=world.other.partnership, given_name="Otto", family_name="Doe")
    records.address(world, by=world.police_officer, address_line_1="9 Police Lane")
    page = _search(client_for(world.council_officer), text="Doe").content.decode()
    assert "Otto" not in page
    page = _search(client_for(world.council_officer), text="Policed").content.decode()
    assert "Paula" not in page
    assert "No people, businesses or groups found" in page
    assert _search(client_for(world.council_officer), text="Police Lane").context["results"].locations == []
    assert "Paula" in _search(client_for(world.manager), text="Policed").content.decode()


def test_an_empty_search_asks_for_something_to_search_by(world, client_for):
    response = _search(client_for(world.council_officer), text="")
    assert "text" in response.context["form"].errors


@pytest.mark.parametrize("persona", ["scrutiny", "analyst", "no_roles"])
def test_people_without_casework_roles_get_404(world, client_for, persona):
    assert client_for(getattr(world, persona)).get(reverse("register:search")).status_code == 404


def test_the_search_makes_the_same_number_of_queries_however_many_results(world, client_for):
    client = client_for(world.council_officer)
    records.person(world, home=records.address(world))
    _search(client, text="Doe")  # warm the session and grants
    with CaptureQueriesContext(connection) as few:
        _search(client, text="Doe", postcode="CM7")
    for number in range(5):
        records.person(world, given_name=f"Jo{number}", home=records.address(world, address_line_1=f"{number} Lane"))
    with CaptureQueriesContext(connection) as many:
        response = _search(client, text="Doe", postcode="CM7")
    assert len(response.context["results"].people) == 6
    assert len(many) == len(few)


def test_the_register_is_in_the_navigation_of_casework_roles_only(world, rf):
    request = rf.get("/")
    request.user = world.council_officer
    assert "Register" in [str(item["label"]) for item in items_for(request)]
    request.user = world.scrutiny
    assert "Register" not in [str(item["label"]) for item in items_for(request)]
