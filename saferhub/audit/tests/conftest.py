"""Fixtures for the audit tests: editing rows behind the chain's back, and PostgreSQL-only tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection

TRIGGER = "audit_append_only"


@contextmanager
def _trigger_off() -> Iterator[None]:
    # The trigger is what refuses the edit on PostgreSQL; switch it off to prove the chain catches it too.
    on_postgresql = connection.vendor == "postgresql"
    if on_postgresql:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {TRIGGER}")
    try:
        yield
    finally:
        if on_postgresql:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {TRIGGER}")


@pytest.fixture
def tamper(db: Any) -> Callable[[str, list[Any]], None]:
    """``tamper(sql, params)`` runs raw SQL against the audit table as an attacker with database access would."""

    def run(sql: str, params: list[Any]) -> None:
        with _trigger_off(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run


@pytest.fixture
def postgresql_only(db: Any) -> None:
    """Skips the test unless it runs on PostgreSQL (decided at run time: DATABASE_URL picks the database)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (the append-only trigger exists only there)")
