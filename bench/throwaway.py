"""A throwaway database for a benchmark: a temporary SQLite file, or a PostgreSQL test database.

``with throwaway_database() as connection: ...`` sets Django up (DEBUG on, a fixed key, a
temporary data directory), creates the database the way the test runner does (a real file on
SQLite, as in the embedded default, not the in-memory test database) and drops it afterwards.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@contextmanager
def throwaway_database() -> Iterator[Any]:
    workdir = tempfile.mkdtemp(prefix="saferhub-bench-")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    os.environ["SAFERHUB_DATA_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    # Benchmarks measure SaferHub, not Argon2: the cast's passwords hash quickly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(workdir) / "bench.sqlite3")
    old = setup_databases(verbosity=0, interactive=False)
    try:
        yield connection
    finally:
        teardown_databases(old, verbosity=0)
