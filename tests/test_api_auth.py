"""Who may call the API at all: bearer tokens, full sign-ins, and the schema and docs pages."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from saferhub.accounts import services as accounts
from saferhub.api import api
from saferhub.testing import api_walk, samples

ME = "/api/v1/me"
UNAUTHORIZED = {"detail": "Unauthorized"}


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def _token(user, by=None) -> str:
    return accounts.token_create(user=user, name="Partner system", by=by)[1]


def test_a_bearer_token_acts_as_its_user(client, world):
    response = client.get(ME, headers=_bearer(_token(world.manager)))
    assert response.status_code == 200
    assert response.json()["email"] == world.manager.email


def test_a_bearer_token_marks_when_it_was_last_used(client, world):
    token, raw = accounts.token_create(user=world.manager, name="Partner system", by=None)
    client.get(ME, headers=_bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_is_refused(client, world):
    token, raw = accounts.token_create(user=world.manager, name="Partner system", by=None)
    accounts.token_revoke(token=token, by=world.administrator)
    response = client.get(ME, headers=_bearer(raw))
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_a_disabled_users_token_is_refused(client, world):
    raw = _token(world.council_officer)
    accounts.user_disable(user=world.council_officer, by=world.administrator, reason="left")
    assert client.get(ME, headers=_bearer(raw)).status_code == 401


def test_a_token_whose_user_is_inactive_is_refused_even_if_not_revoked(client, world):
    raw = _token(world.council_officer)
    # Not through the service: checks the token lookup itself, not only user_disable's revoking.
    type(world.council_officer).objects.filter(pk=world.council_officer.pk).update(is_active=False)
    assert client.get(ME, headers=_bearer(raw)).status_code == 401


def test_a_made_up_token_is_refused(client, world):
    for raw in ("shb_not-a-real-token", "nonsense", ""):
        assert client.get(ME, headers=_bearer(raw)).status_code == 401


def test_no_credentials_are_refused_on_every_route(client, world):
    for method, path in api_walk.api_routes():
        url = api_walk.fill(path, {key: make(world) for key, make in samples.OWN.items()})
        response = getattr(client, method.lower())(url)
        assert response.status_code == 401, f"{method} {url} answered {response.status_code} without credentials"
        assert response.json() == UNAUTHORIZED


def test_a_fully_signed_in_session_may_call_the_api(client_for, world):
    response = client_for(world.manager).get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == world.manager.email


def test_a_session_still_waiting_for_its_second_factor_is_refused(world):
    client = Client()
    client.force_login(world.manager)  # password step only: no verified device in the session
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_a_figures_only_user_needs_no_second_factor_for_the_api(world):
    client = Client()
    client.force_login(world.scrutiny)
    assert client.get(ME).status_code == 200


def test_a_session_post_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.scrutiny)
    response = client.post("/api/v1/agreements", {}, content_type="application/json")
    assert response.status_code == 403


def test_a_token_post_needs_no_csrf_token_and_a_bad_token_answers_401_not_a_csrf_failure(world):
    client = Client(enforce_csrf_checks=True)
    good = client.post(
        "/api/v1/agreements", {}, content_type="application/json", headers=_bearer(_token(world.manager))
    )
    assert good.status_code == 422  # through authentication; the empty body is what is wrong
    bad = client.post("/api/v1/agreements", {}, content_type="application/json", headers=_bearer("shb_revoked"))
    assert bad.status_code == 401


def test_the_openapi_schema_lists_every_route(client, world):
    response = client.get("/api/v1/openapi.json", headers=_bearer(_token(world.council_officer)))
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) >= {
        "/api/v1/me",
        "/api/v1/areas",
        "/api/v1/areas/{area_slug}",
        "/api/v1/partnerships",
        "/api/v1/partnerships/{partnership_slug}",
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_pk}",
        "/api/v1/agreements",
        "/api/v1/agreements/{agreement_pk}",
    }
    assert set(paths["/api/v1/agreements"]) == {"get", "post"}


def test_the_schema_never_describes_a_token_hash(client, world):
    schema = client.get("/api/v1/openapi.json", headers=_bearer(_token(world.manager))).content.decode()
    assert "token_hash" not in schema
    assert "password" not in schema


def test_the_schema_is_not_served_to_strangers(client, world):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_the_docs_page_opens_for_a_signed_in_user(client_for, world):
    response = client_for(world.council_officer).get("/api/v1/docs")
    assert response.status_code == 200
    assert "swagger-ui" in response.content.decode()


def test_the_docs_page_sends_a_stranger_to_sign_in(client, world):
    response = client.get("/api/v1/docs")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_api_walk_finds_every_route_with_the_page_keywords():
    routes = api_walk.api_routes()
    assert ("GET", "/api/v1/partnerships/{partnership_slug}") in routes
    assert ("POST", "/api/v1/agreements") in routes
    assert len(routes) == len(set(routes))
    schema_operations = sum(
        1 for item in api.get_openapi_schema()["paths"].values() for m in item if m in api_walk.METHODS
    )
    assert len(routes) == schema_operations
    keywords = {k for _, path in routes for k in api_walk.keywords(path)}
    # Path parameters are named like the page URLs' keywords, so one sample registry fills both.
    assert {"area_slug", "partnership_slug", "organisation_pk", "agreement_pk"} <= keywords
    assert keywords <= set(samples.OWN) and keywords <= set(samples.OTHER)


def test_the_api_walk_fills_a_path_and_names_what_is_missing():
    assert api_walk.fill("/api/v1/areas/{area_slug}", {"area_slug": "essex"}) == "/api/v1/areas/essex"
    assert api_walk.fill("/api/v1/areas/{area_slug}", {"area_slug": "a b/c"}) == "/api/v1/areas/a%20b%2Fc"
    try:
        api_walk.fill("/api/v1/agreements/{agreement_pk}", {})
    except LookupError as error:
        assert "agreement_pk" in str(error)
    else:
        raise AssertionError("fill() should name the missing keyword")
