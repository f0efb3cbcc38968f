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
