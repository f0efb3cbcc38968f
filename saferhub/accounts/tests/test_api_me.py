"""GET /api/v1/me: who the token or session acts as."""

from __future__ import annotations

import pytest
from django.utils import timezone

from saferhub.accounts import services as accounts
from saferhub.partnerships import services as partnerships

ME = "/api/v1/me"


@pytest.fixture
def get_me(client):
    def get(user):
        raw = accounts.token_create(user=user, name="Partner system", by=None)[1]
        response = client.get(ME, headers={"Authorization": f"Bearer {raw}"})
        assert response.status_code == 200
        return response.json()

    return get


def test_a_manager_sees_their_organisation_and_role(get_me, world):
    me = get_me(world.manager)
    assert me == {
        "id": world.manager.pk,
        "email": "manager@example.test",
        "full_name": "Mona Manager",
        "organisation": {"id": world.home.council.pk, "name": "Braintree District Council"},
        "roles": [
            {
                "partnership_slug": "braintree",
                "partnership_name": "Braintree District Community Safety Partnership",
                "role": "manager",
                "role_label": "Partnership manager",
            }
        ],
        "sees_personal_data": True,
    }


def test_a_scrutiny_councillor_does_not_see_personal_data(get_me, world):
    me = get_me(world.scrutiny)
    assert me["sees_personal_data"] is False
    assert [r["role"] for r in me["roles"]] == ["scrutiny"]


def test_every_role_is_listed(get_me, world):
    me = get_me(world.outside_manager)
    assert {(r["partnership_slug"], r["role"]) for r in me["roles"]} == {
        ("castle-point-rochford", "manager"),
        ("castle-point-rochford", "administrator"),
    }


def test_the_system_administrator_has_no_organisation_and_no_roles(get_me, world):
    me = get_me(world.system_admin)
    assert me["organisation"] is None
    assert me["roles"] == []
    assert me["sees_personal_data"] is True


def test_roles_in_an_archived_partnership_are_left_out(get_me, world):
    partnerships.partnership_update(
        partnership=world.other.partnership, archived_at=timezone.now(), by=world.system_admin
    )
    assert get_me(world.outsider)["roles"] == []


def test_nothing_about_tokens_or_passwords_is_answered(get_me, world):
    body = str(get_me(world.administrator))
    assert "token" not in body
    assert "password" not in body
    assert "argon2" not in body


def test_a_signed_in_session_sees_the_same(client_for, world):
    response = client_for(world.council_officer).get(ME)
    assert response.status_code == 200
    assert response.json()["roles"][0]["role"] == "officer"
