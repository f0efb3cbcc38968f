"""The place pages: one place with its incidents and residents, adding (with the duplicate check), editing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saferhub.register.models import Location
from saferhub.register.tests import records

pytestmark = pytest.mark.django_db


def _url(location):
    return reverse("register:place", args=[location.pk])


def test_the_council_officer_sees_a_place_their_council_recorded(world, client_for):
    place = records.address(world)
    records.person(world, home=place)
    response = client_for(world.council_officer).get(_url(place))
    assert response.status_code == 200
    assert "Jane Doe" in response.content.decode()


@pytest.mark.parametrize("persona", ["police_officer", "outsider", "scrutiny"])
def test_others_get_404(world, client_for, persona):
    place = records.address(world)
    client = client_for(getattr(world, persona))
    for name in ("register:place", "register:place-edit", "register:place-merge"):
        assert client.get(reverse(name, args=[place.pk])).status_code == 404, name


def test_the_manager_sees_the_place(world, client_for):
    assert client_for(world.manager).get(_url(records.address(world))).status_code == 200


def test_adding_a_place_warns_of_the_same_address_then_adds_it(world, client_for):
    existing = records.address(world)
    client = client_for(world.council_officer)
    typed = {"kind": "address", "address_line_1": "12 High Street", "town": "Braintree", "postcode": "cm7 3yg"}
    response = client.post(reverse("register:place-add"), typed)
    assert "Is this one of these places?" in response.content.decode()
    assert _url(existing) in response.content.decode()
    response = client.post(
        reverse("register:place-add"), {**typed, "checked": response.context["form"].data["checked"]}
    )
    assert response.status_code == 302
    assert Location.objects.count() == 2


def test_place_errors_name_the_fields(world, client_for):
    response = client_for(world.council_officer).post(reverse("register:place-add"), {"kind": "address"})
    errors = response.context["form"].errors
    assert "address_line_1" in errors and "postcode" in errors


def test_editing_a_place(world, client_for):
    place = records.address(world)
    response = client_for(world.council_officer).post(
        reverse("register:place-edit", args=[place.pk]),
        {"kind": "address", "address_line_1": "14 High Street", "postcode": "CM7 3YG"},
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.address_line_1 == "14 High Street"
