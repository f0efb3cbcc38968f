"""Fixtures shared by every app's tests: the cast (``world``) and signed-in clients (``client_for``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from saferhub.testing.clients import TokenCaller, signed_in_client
from saferhub.testing.world import World, build_world


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture
def client_for(db: Any) -> Callable[[Any], Client]:
    """``client_for(world.manager)`` gives a client signed in as that user, second factor proved."""
    return lambda user: signed_in_client(user)


@pytest.fixture
def api_as(client: Client) -> Callable[[Any], TokenCaller]:
    """``api_as(world.manager).get("/incidents")`` calls the API with a bearer token of that user (None: no token)."""
    return lambda user: TokenCaller(client, user)


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Any) -> None:
    """Each test writes its files to its own data directory, and hashes passwords quickly.

    Argon2 (the real hasher, see tests/test_settings.py) takes a tenth of a second a password
    on purpose; the cast has a dozen people per test.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"
    # The demo's crime data step imports real files (seconds); only the tests of that step turn it on.
    settings.SAFERHUB_DEMO_DATA_DIR = ""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _reference_data_in_flushed_databases(request: Any) -> None:
    """Transactional tests start from tables the previous one flushed: seed reference data again."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from saferhub.testing.reference_data import seed_all

        seed_all()
