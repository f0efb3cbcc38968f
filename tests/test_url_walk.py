"""Walk every page URL with every persona: no 500s, anonymous users sent to sign-in except on
public pages, and another partnership's records always 404 and never shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from saferhub.testing import samples
from saferhub.testing.urlwalk import Route, fill, page_routes
from saferhub.testing.world import HOME_CAST

# Pages that only take a POST, or that end the session; a GET of them is not a page view.
NOT_WALKED = {"accounts:sign-out"}


def _values(world: Any, table: dict[str, Any]) -> dict[str, Any]:
    values = {key: make(world) for key, make in table.items()}
    values.update(samples.PUBLIC)
    return values


def _routes() -> list[Route]:
    return [r for r in page_routes() if r.name not in NOT_WALKED]


def test_every_url_keyword_has_samples_to_fill_it():
    needed = {k for route in page_routes() for k in route.keywords}
    known = set(samples.OTHER) | set(samples.PUBLIC)
    assert needed <= known, f"add these keywords to saferhub/testing/samples.py: {sorted(needed - known)}"
    assert needed - set(samples.PUBLIC) <= set(samples.OWN)


def test_anonymous_users_are_sent_to_sign_in_except_on_public_pages(world, client):
    own = _values(world, samples.OWN)
    sign_in = reverse(settings.LOGIN_URL)
    for route in _routes():
        url = fill(route, own)
        response = client.get(url)
        if route.is_public:
            assert response.status_code < 500, f"{url} failed for an anonymous user"
            assert not response.get("Location", "").startswith(sign_in), f"public {url} asks to sign in"
        else:
            assert response.status_code == 302, f"{url} answered {response.status_code} to an anonymous user"
            assert response["Location"].startswith(sign_in), f"{url} did not send an anonymous user to sign in"


@pytest.mark.parametrize("persona", [*HOME_CAST, "outsider", "outside_manager", "system_admin"])
def test_no_page_fails_for_any_persona(world, client_for, persona):
    client: Client = client_for(getattr(world, persona))
    own = _values(world, samples.OWN)
    for route in _routes():
        url = fill(route, own)
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code} to {persona}"


@pytest.mark.parametrize("persona", HOME_CAST)
def test_another_partnerships_records_are_404_for_every_method(world, client_for, persona):
    client: Client = client_for(getattr(world, persona))
    other = _values(world, samples.OTHER)
    forbidden = samples.markers(world)
    for route in _routes():
        keywords = set(route.keywords) - set(samples.PUBLIC)
        if not keywords or keywords <= samples.VISIBLE_TO_ALL:
            continue
        url = fill(route, other)
        if route.is_public:
            # A public page (such as a partnership's published figures) answers anyone, about any
            # partnership; it must still show none of that partnership's records.
            body = client.get(url).content.decode()
            leaked = [text for text in forbidden if text in body]
            assert not leaked, f"public {url} shows {leaked}"
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, (
                f"{method.upper()} {url} answered {response.status_code} to {persona} of another partnership"
            )


@pytest.mark.parametrize("persona", HOME_CAST)
def test_pages_never_show_another_partnerships_records(world, client_for, persona):
    client: Client = client_for(getattr(world, persona))
    _values(world, samples.OTHER)  # the other partnership's records exist, so a leak would show
    own = _values(world, samples.OWN)
    forbidden = samples.markers(world)
    for route in _routes():
        response = client.get(fill(route, own))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            ("text/", "application/json")
        ):
            continue
        body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        leaked = [text for text in forbidden if text in body]
        assert not leaked, f"{route.name} shows {persona} another partnership's {leaked}"


def _token_client(user: Any) -> tuple[Client, dict[str, str]]:
    from saferhub.accounts.services import token_create

    _, raw = token_create(user=user, name="walk", by=None)
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_every_api_route_refuses_callers_without_a_token(world, client):
    from saferhub.testing.api_walk import api_routes
    from saferhub.testing.api_walk import fill as fill_api

    own = _values(world, samples.OWN)
    for method, path in api_routes():
        response = client.generic(method, fill_api(path, own), data="{}", content_type="application/json")
        assert response.status_code == 401, f"{method} {path} answered {response.status_code} without a token"


@pytest.mark.parametrize("persona", HOME_CAST)
def test_every_api_route_hides_another_partnerships_records(world, persona):
    from saferhub.testing.api_walk import api_routes, keywords
    from saferhub.testing.api_walk import fill as fill_api

    client, headers = _token_client(getattr(world, persona))
    other = _values(world, samples.OTHER)
    own = _values(world, samples.OWN)
    forbidden = samples.markers(world)
    for method, path in api_routes():
        names = set(keywords(path))
        if names and not names <= samples.VISIBLE_TO_ALL:
            response = client.generic(
                method, fill_api(path, other), data="{}", content_type="application/json", **headers
            )
            assert response.status_code == 404, f"{method} {path} answered {response.status_code} to {persona}"
        if method == "GET":
            response = client.get(fill_api(path, own), **headers)
            assert response.status_code < 500, f"GET {path} failed for {persona}"
            leaked = [text for text in forbidden if text in response.content.decode()]
            assert not leaked, f"GET {path} shows {persona} another partnership's {leaked}"
