"""The API's 422 error entries, shaped like django-ninja's own validation errors."""

from __future__ import annotations

from typing import Any


def field_error(field: list[Any], message: str, kind: str) -> dict[str, Any]:
    """One error entry naming the request body's field (``["people", 0, "person_id"]``)."""
    return {"loc": ["body", "payload", *field], "msg": message, "type": kind}
