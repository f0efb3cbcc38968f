"""What the browser journeys do to a page: go there, submit, and check it with axe-core.

- ``visit(page, path)`` goes to a page and checks it; ``submit(page, locator)`` clicks a
  button or link that loads a new page and checks that page.
- ``axe(page)`` runs axe-core on the current page and fails with a readable list of violations.
- With ``SAFERHUB_SCREENSHOTS`` set, every checked page is also saved as a full-page
  screenshot in ``/tmp/saferhub-shots/<test>-<nn>-<page>.png``.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SHOTS = Path("/tmp/saferhub-shots")

# Every page view axe checked in this run (printed at the end by the conftest).
CHECKED: list[str] = []


@dataclass
class Journey:
    """The test a browser tab belongs to, for naming its screenshots."""

    name: str
    shots: int = 0
    visited: list[str] = field(default_factory=list)


JOURNEYS: dict[int, Journey] = {}


def _format_violations(page: Any, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {page.url} ({page.title()!r}):"]
    for violation in violations:
        lines.append(f"  - {violation['id']} [{violation.get('impact') or 'no impact given'}]: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            target = " ".join(" >>> ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"      at {target}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def _screenshot(page: Any, path: str) -> None:
    journey = JOURNEYS.get(id(page))
    if journey is None:
        return
    journey.visited.append(path)
    if os.environ.get("SAFERHUB_SCREENSHOTS"):
        journey.shots += 1
        slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{journey.name}-{journey.shots:02d}-{slug}.png"), full_page=True)


def axe(page: Any) -> None:
    """Run axe-core on the page as it is now; fail listing each violation (rule, impact, help, where)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        "async (tags) => await window.axe.run(document, {runOnly: tags})",
        AXE_TAGS,
    )
    path = urlsplit(page.url).path
    CHECKED.append(path)
    _screenshot(page, path)
    if results["violations"]:
        pytest.fail(_format_violations(page, results["violations"]), pytrace=False)


def visit(page: Any, url: str, *, status: int | None = 200) -> Any:
    """Go to ``url`` (relative to the live server), check the response status (unless None), run axe."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    if status is not None:
        assert response.status == status, f"{url} answered {response.status}, not {status} (landed on {page.url})"
    page.wait_for_load_state("load")
    axe(page)
    return response


def submit(page: Any, locator: Any) -> None:
    """Click something that loads a new page (a form's button, a link), wait for it, then run axe."""
    with page.expect_navigation():
        locator.click()
    page.wait_for_load_state("load")
    axe(page)


def links_in_main(page: Any, under: str = "/") -> list[str]:
    """Same-site pages linked from the main content, in page order, without fragments, repeats,
    the page itself or downloads; only paths that start with ``under``."""
    here = urlsplit(page.url)
    found: list[str] = []
    for href in page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        target = urlsplit(urljoin(page.url, href))
        if target.netloc != here.netloc or target.scheme not in ("http", "https"):
            continue
        if not target.path.startswith(under) or target.path.endswith(".csv"):
            continue
        path = target.path + (f"?{target.query}" if target.query else "")
        if path != here.path and path not in found:
            found.append(path)
    return found


def totp_code(key_text: str) -> str:
    """The current 6-digit code for a base32 key as the set-up page shows it (in groups of 4)."""
    from django_otp.oath import totp

    key = re.sub(r"\s+", "", key_text)
    return f"{totp(base64.b32decode(key)):06d}"


def sign_in_with_password(page: Any, email: str, password: str) -> None:
    """Open the sign-in page (checked) and submit the e-mail address and password."""
    visit(page, "/accounts/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    submit(page, page.get_by_role("button", name="Sign in"))


def sign_in_with_code(page: Any, user: Any, password: str) -> None:
    """Sign in as a user who already has an authenticator app: password, then the code it shows."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    sign_in_with_password(page, user.email, password)
    page.get_by_label("Security code").fill(f"{totp(device.bin_key):06d}")
    submit(page, page.get_by_role("button", name="Continue"))
    assert urlsplit(page.url).path == "/", f"signing in landed on {page.url}"
