"""Every partnership administration page, for every persona: nothing fails, GET or POST, and the Manage
page offers each person the sections they can use."""

import pytest
from django.urls import reverse

from saferhub.testing import samples
from saferhub.testing.urlwalk import fill, page_routes

PERSONAS = ["council_officer", "manager", "administrator", "scrutiny", "no_roles", "outside_manager", "system_admin"]


def _routes():
    return [route for route in page_routes() if route.name.startswith("partnerships:")]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_partnership_page_fails_for_a_get_or_an_empty_post(world, client_for, persona):
    client = client_for(getattr(world, persona))
    own = {key: make(world) for key, make in samples.OWN.items()}
    for route in _routes():
        url = fill(route, own)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code < 500, f"{method.upper()} {url} answered {response.status_code} to {persona}"


def test_every_page_has_a_title(world, client_for):
    client = client_for(world.system_admin)
    own = {key: make(world) for key, make in samples.OWN.items()}
    for route in _routes():
        response = client.get(fill(route, own))
        if response.status_code == 200:
            title = response.content.decode().split("<title>")[1].split("</title>")[0]
            assert not title.startswith(" –"), f"{route.name} has no page title"


def test_the_manage_page_offers_the_sections_each_person_can_use(world, client_for):
    manager = client_for(world.manager).get(reverse("manage-index")).content.decode()
    assert "Partnerships and areas" in manager
    assert "Information sharing agreements" in manager
    assert reverse("partnerships:organisations") not in manager
    administrator = client_for(world.administrator).get(reverse("manage-index")).content.decode()
    assert reverse("partnerships:organisations") in administrator
    system_admin = client_for(world.system_admin).get(reverse("manage-index")).content.decode()
    for name in ("partnerships", "organisations", "agreements"):
        assert reverse(f"partnerships:{name}") in system_admin
