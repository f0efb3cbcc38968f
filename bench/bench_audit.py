"""How fast the audit trail appends and verifies, and how much memory verifying takes.

Run:  .venv/bin/python bench/bench_audit.py [--events 20000]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_bench .venv/bin/python bench/bench_audit.py

It builds a throwaway database (a temporary SQLite file, or the named PostgreSQL database,
which it creates and drops), appends N events one transaction each, as services do, then
verifies the whole chain. It prints its figures; it never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="saferhub-bench-")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    os.environ["SAFERHUB_DATA_DIR"] = workdir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.vendor == "sqlite":
        # A real file, as in the embedded default, not Django's in-memory test database.
        connection.settings_dict["TEST"]["NAME"] = str(Path(workdir) / "bench.sqlite3")
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from saferhub.audit import Verb, record
        from saferhub.audit.chain import verify

        vendor = connection.vendor
        started = time.perf_counter()
        for number in range(args.events):
            record(actor=None, verb=Verb.VIEWED, detail={"n": number, "note": "benchmark event"})
        appended = time.perf_counter() - started

        started = time.perf_counter()
        checked, broken = verify()
        verified = time.perf_counter() - started
        assert broken is None and checked == args.events
        # Memory in a second pass: tracing allocations slows Python down several times.
        tracemalloc.start()
        verify()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        print(f"database: {vendor}")
        print(f"events: {args.events}")
        print(
            f"append: {args.events / appended:,.0f} events/s "
            f"({appended * 1000 / args.events:.2f} ms each, one transaction each)"
        )
        print(f"verify: {checked / verified:,.0f} events/s ({verified:.2f} s for all)")
        print(f"verify peak Python memory: {peak / 1024 / 1024:.1f} MiB")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
