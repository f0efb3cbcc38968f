"""How fast the audit trail appends and verifies, and how much memory verifying takes.

Run:  .venv/bin/python bench/bench_audit.py [--events 20000]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_bench .venv/bin/python bench/bench_audit.py

It builds a throwaway database (a temporary SQLite file, or the named PostgreSQL database,
which it creates and drops), appends N events one transaction each, as services do, then
verifies the whole chain. It prints its figures; it never fails on a time.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throwaway import throwaway_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    args = parser.parse_args()

    with throwaway_database() as connection:
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


if __name__ == "__main__":
    main()
