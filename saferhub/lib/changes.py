"""Applying an edit to a model instance and describing it for the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def apply_changes(instance: models.Model, values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Set each field to its new value; return ``{field: {"from": old, "to": new}}`` for those that changed."""
    changed: dict[str, dict[str, Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = {"from": _plain(old), "to": _plain(new)}
            setattr(instance, name, new)
    return changed
