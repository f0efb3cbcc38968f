"""The demo command's tests load every demo user: hash their passwords quickly."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing_and_debug(settings: Any) -> None:
    # Argon2 costs ~0.15 s a password and the demo has 28 users; what is tested here is which
    # password opens which account, not the hasher. pytest-django runs tests with DEBUG=false,
    # under which the command refuses to load; a developer's machine runs it with DEBUG=true.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def _foundation_steps_only(monkeypatch: Any) -> None:
    """These tests are about the demo's partnerships and sign-ins: run only the demo app's own steps.

    Each app's demo data has its own tests (e.g. saferhub/incidents/tests/test_demo_data.py, which
    loads everything and checks a second run changes nothing); loading all of it here, once per
    test, would cost several seconds a test.
    """
    from saferhub.demo import loader

    loader.discover()
    own = [each for each in loader.STEPS if each.__module__ == loader.__name__]
    monkeypatch.setattr(loader, "STEPS", own)
