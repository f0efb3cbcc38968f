"""Browser tests: Playwright drives Debian's Chromium against the live test server, and axe-core
checks every page a journey lands on (WCAG 2.2 AA and axe's best practices).

Fixtures: ``browser`` (one headless Chromium for the session) and ``page`` (a fresh tab with
no cookies, relative URLs going to the live server). The helpers the journeys use
(``visit``, ``submit``, ``axe``) live in ``tests/browser/helpers.py`` and are re-exported here.

Without /usr/bin/chromium the tests are skipped, unless ``CI`` is set: then they fail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import AXE_JS, CHECKED, JOURNEYS, Journey, axe, submit, visit

__all__ = ["axe", "submit", "visit"]

# Playwright's sync API runs an asyncio event loop in this thread; without this Django's
# ORM would refuse the tests' own queries (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CHECKED:
        distinct = sorted(set(CHECKED))
        terminalreporter.write_sep("-", f"axe-core checked {len(CHECKED)} page views, {len(distinct)} distinct paths")
        for path in distinct:
            terminalreporter.write_line(f"  {path}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make install` (npm ci) first")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Each test builds the cast again (transactional_db empties the tables between tests);
    # Argon2 would add seconds to each without telling us anything more about the pages.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser tab (no cookies) whose relative URLs go to the live test server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    JOURNEYS[id(tab)] = Journey(name=re.sub(r"\W+", "-", request.node.name).strip("-"))
    yield tab
    JOURNEYS.pop(id(tab), None)
    context.close()
    assert not errors, f"JavaScript errors in the pages: {errors}"
