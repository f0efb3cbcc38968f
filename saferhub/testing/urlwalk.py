"""Walk every URL pattern of the project: the reusable helper behind tests/test_url_walk.py.

``page_routes()`` lists every page URL (the API is walked from its OpenAPI schema) with
the keywords it needs; ``fill(route, values)`` reverses it. A later app gets the walk
for free: its URLs are found here, and the walk fails until ``saferhub.testing.samples``
says how to fill each new keyword.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Namespaces walked another way: the API by its schema.
SKIPPED_NAMESPACES = {"api"}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", for reverse()
    keywords: tuple[str, ...]
    callback: Any

    @property
    def is_public(self) -> bool:
        return bool(getattr(self.callback, "saferhub_public", False))


def _walk(patterns: list[Any], namespace: str, keywords: tuple[str, ...]) -> Iterator[Route]:
    for entry in patterns:
        converters = tuple(getattr(entry.pattern, "converters", {}).keys())
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            if (entry.namespace or "") in SKIPPED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, inner, keywords + converters)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, keywords + converters, entry.callback)


def page_routes() -> list[Route]:
    """Every named page URL of the project, once each."""
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns, "", ()):
        seen.setdefault(route.name, route)
    return list(seen.values())


def fill(route: Route, values: dict[str, Any]) -> str:
    """The URL of ``route`` with each keyword taken from ``values``."""
    missing = [k for k in route.keywords if k not in values]
    if missing:
        raise LookupError(f"URL {route.name!r} has keyword(s) {missing} that saferhub/testing/samples.py does not fill")
    return reverse(route.name, kwargs={k: values[k] for k in route.keywords})
