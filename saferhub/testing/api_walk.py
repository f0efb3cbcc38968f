"""Walk every API route: the API's half of the URL walk (pages are in ``saferhub.testing.urlwalk``).

``api_routes()`` reads the routes from the OpenAPI schema, so a router added later is walked
without touching this file. Path parameters are named like the page URLs' keywords
(``partnership_slug``, ``agreement_pk``...), so ``saferhub.testing.samples`` fills both.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from saferhub.api import api

METHODS = ("get", "post", "put", "patch", "delete")
PARAMETER = re.compile(r"{(?:[^{}:]+:)?([^{}:]+)}")


def api_routes() -> list[tuple[str, str]]:
    """(method, path template) for every operation of the API, e.g. ("GET", "/api/v1/areas/{area_slug}")."""
    paths = api.get_openapi_schema()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in METHODS if method in item]


def keywords(path_template: str) -> list[str]:
    """The path parameters of a template, in order: ``/api/v1/areas/{area_slug}`` -> ``["area_slug"]``."""
    return PARAMETER.findall(path_template)


def fill(path_template: str, values: dict[str, Any]) -> str:
    """The path with each ``{keyword}`` replaced by ``values[keyword]``, quoted for a URL."""
    missing = [k for k in keywords(path_template) if k not in values]
    if missing:
        raise LookupError(
            f"API path {path_template!r} has parameter(s) {missing} that saferhub/testing/samples.py does not fill"
        )
    return PARAMETER.sub(lambda m: quote(str(values[m.group(1)]), safe=""), path_template)
