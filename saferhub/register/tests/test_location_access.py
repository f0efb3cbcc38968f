from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Q

from saferhub.register import access
from saferhub.register.tests.records import address, person


def visible(user: Any, action: str = "view") -> set[int]:
    return set(access.locations.visible(user, action).values_list("pk", flat=True))


@pytest.fixture
def link_to_parks() -> Iterator[None]:
    def link(user: Any) -> Q:
        return Q(kind="open_space")

    access.LOCATION_LINKS.append(link)
    try:
        yield
    finally:
        access.LOCATION_LINKS.remove(link)


def test_an_officer_sees_places_their_organisation_recorded_not_another_agencys(world):
    home = address(world, by=world.council_officer)
    assert visible(world.council_officer) == {home.pk}
    assert visible(world.police_officer) == set()


def test_a_manager_sees_every_place_of_the_partnership(world):
    one = address(world, by=world.council_officer)
    two = address(world, by=world.police_officer, postcode="CM7 1AA")
    address(world, by=world.outsider, partnership=world.other.partnership, postcode="SS7 1TF")
    assert visible(world.manager) == {one.pk, two.pk}


@pytest.mark.parametrize("who", ["outsider", "scrutiny", "analyst", "administrator", "county_viewer", "no_roles"])
def test_people_without_a_casework_role_here_see_no_place(world, who):
    address(world, by=world.council_officer)
    assert visible(getattr(world, who)) == set()


def test_an_officer_who_sees_a_person_sees_their_home(world):
    home = address(world, by=world.council_officer)
    person(world, by=world.police_officer, home=home)
    assert visible(world.police_officer) == {home.pk}


def test_a_registered_link_widens_an_officers_view(world, link_to_parks):
    park = address(world, by=world.police_officer, kind="open_space", address_line_1="", name="Weavers Park")
    address(world, by=world.police_officer)
    assert visible(world.council_officer) == {park.pk}
