"""The register API: one person and one place, with the access rules of the pages."""

from __future__ import annotations

import pytest

from saferhub.accounts import services as accounts
from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.register import services
from saferhub.register.models import SafetyFlag
from saferhub.register.tests.records import address, person

NOT_FOUND = {"detail": "Not found"}


@pytest.fixture
def api_get(client):
    def get(user, path):
        headers = {}
        if user is not None:
            headers["Authorization"] = f"Bearer {accounts.token_create(user=user, name='Partner system', by=None)[1]}"
        return client.get(f"/api/v1{path}", headers=headers)

    return get


def _views(target):
    return AuditEvent.objects.filter(verb=Verb.VIEWED, target_type=target._meta.label_lower, target_id=str(target.pk))


def test_an_officer_reads_a_person_their_organisation_recorded_and_the_view_is_audited(api_get, world):
    home = address(world)
    someone = person(
        world,
        home=home,
        phone="07700 900123",
        preferred_contact="phone",
        safety_flags=[SafetyFlag.NO_POST],
    )
    services.person_add_alias(person=someone, name="Janey Doe", by=world.council_officer)

    response = api_get(world.council_officer, f"/people/{someone.pk}")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["display_name"] == "Jane Doe"
    assert body["kind"] == "person"
    assert body["date_of_birth"] == "1980-05-17"
    assert body["approximate_age"] is None
    assert body["preferred_contact"] == "phone"
    assert body["safety_flags"] == ["no_post"]
    assert body["aliases"] == ["Janey Doe"]
    assert body["home_location_id"] == home.pk
    assert body["partnership"] == "braintree"
    viewed = _views(someone).get()
    assert viewed.actor_id == world.council_officer.pk


def test_a_person_known_only_by_approximate_age_shows_it(api_get, world):
    someone = person(world, date_of_birth=None, approximate_age=40)
    body = api_get(world.council_officer, f"/people/{someone.pk}").json()
    assert body["date_of_birth"] is None
    assert body["approximate_age"] == 40


def test_the_manager_reads_any_person_of_the_partnership(api_get, world):
    someone = person(world, by=world.police_officer)
    assert api_get(world.manager, f"/people/{someone.pk}").status_code == 200


@pytest.mark.parametrize("persona", ["police_officer", "outsider", "analyst", "scrutiny", "no_roles", "system_admin"])
def test_those_who_may_not_see_a_person_get_404_and_no_view_is_recorded(api_get, world, persona):
    someone = person(world)
    response = api_get(getattr(world, persona), f"/people/{someone.pk}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert not _views(someone).exists()


def test_a_missing_person_reads_like_a_hidden_one(api_get, world):
    response = api_get(world.council_officer, "/people/999999")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_an_officer_reads_a_place_their_organisation_recorded(api_get, world):
    place = address(world)
    response = api_get(world.council_officer, f"/locations/{place.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["address_line_1"] == "12 High Street"
    assert body["postcode"] == "CM7 3YG"
    assert body["kind"] == "address"
    assert _views(place).count() == 1


@pytest.mark.parametrize("persona", ["housing_officer", "outsider", "analyst"])
def test_those_who_may_not_see_a_place_get_404(api_get, world, persona):
    place = address(world)
    response = api_get(getattr(world, persona), f"/locations/{place.pk}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_another_partnerships_person_is_404_even_to_its_manager_of_another_partnership(api_get, world):
    theirs = person(world, by=world.outsider, partnership=world.other.partnership)
    assert api_get(world.manager, f"/people/{theirs.pk}").status_code == 404
    assert api_get(world.outsider, f"/people/{theirs.pk}").status_code == 200


@pytest.mark.parametrize("path", ["/people/{pk}", "/locations/{pk}"])
def test_without_a_token_the_answer_is_401(api_get, world, path):
    record = person(world) if path.startswith("/people") else address(world)
    assert api_get(None, path.format(pk=record.pk)).status_code == 401
