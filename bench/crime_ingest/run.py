"""How fast police.uk crime data imports at national scale, against a bare DuckDB read, and how fast it is summarised.

Run:  .venv/bin/python bench/crime_ingest/run.py                     # 12 months x 500,000 rows, 43 forces
      .venv/bin/python bench/crime_ingest/run.py --months 1 --rows 50000 --forces 5 --lsoas 2000
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_bench .venv/bin/python bench/crime_ingest/run.py

In one run it:

1. generates the files (``generate.py``: the police.uk layout, 43 forces, 33,000 LSOAs) into
   ``--folder`` (default: a temporary folder, removed afterwards);
2. reads them with bare DuckDB, in this process with DuckDB's default threads: ``count(*)`` over
   ``read_csv`` of every file, and ``COPY`` of the same to one Parquet file written as the store writes;
3. imports them with ``saferhub crime import FOLDER`` **as a child process** (so its peak memory is
   its own: the child's maximum resident set size, from ``wait4``), into a throwaway database and
   data folder (``bench/throwaway.py``), and checks that every row is accounted for;
4. writes a synthetic LSOA reference table (each LSOA's local authority) into that data folder and
   creates an area per force, a local authority per synthetic district and ``--partnerships``
   partnerships over them, then times ``crime summary --partnership`` (in this process, through
   ``call_command``, JSON and all) for one partnership, for every partnership one after another,
   and for every partnership at once (``--every-partnership``, one scan of the store); and once as a
   child process, start-up included.

It prints its figures; it never fails on a time. ``--project DIR`` imports with another checkout's
code (e.g. the code before a change), with this checkout's generator and figures.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.crime_ingest.generate import FORCES, Geography, generate, geography, months_from  # noqa: E402
from bench.throwaway import throwaway_database  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rows", type=int, default=500_000, help="rows a month, over all forces")
    parser.add_argument("--forces", type=int, default=len(FORCES))
    parser.add_argument("--lsoas", type=int, default=33_000)
    parser.add_argument("--lads", type=int, default=330, help="synthetic local authorities")
    parser.add_argument("--partnerships", type=int, default=300)
    parser.add_argument("--first-month", default="2024-01")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--folder", type=Path, help="where to write the files (kept); default a temporary folder")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the checkout whose code imports the files")
    args = parser.parse_args()
    if args.partnerships > args.lads:
        parser.error("--partnerships cannot be more than --lads (each partnership has at least one)")

    folder = args.folder or Path(tempfile.mkdtemp(prefix="saferhub-crime-ingest-"))
    try:
        with throwaway_database() as connection:
            run(args, folder, connection)
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
        # The throwaway data folder holds the imported store: hundreds of megabytes at full size.
        if "SAFERHUB_DATA_DIR" in os.environ:
            shutil.rmtree(os.environ["SAFERHUB_DATA_DIR"], ignore_errors=True)


def run(args: argparse.Namespace, folder: Path, connection: Any) -> None:
    import duckdb

    from saferhub.crimedata import store
    from saferhub.crimedata.sql_checks import literal

    print(f"database: {connection.vendor}; cores: {os.cpu_count()}; DuckDB {duckdb.__version__}")
    started = time.perf_counter()
    geo = geography(args.lsoas, args.lads, args.forces, args.seed)
    made = generate(
        folder,
        months=args.months,
        rows=args.rows,
        forces=args.forces,
        geo=geo,
        first_month=args.first_month,
        seed=args.seed,
    )
    generated = time.perf_counter() - started
    print(
        f"generated: {len(made.files)} files, {made.rows:,} rows ({made.bad_rows} bad), "
        f"{made.bytes / 1e6:,.0f} MB in {generated:.1f} s"
    )

    # The bare read: every file, every field as text, nothing checked; rows of the wrong width skipped.
    files = "[" + ", ".join(literal(str(p)) for p in made.files) + "]"
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(12)) + "}"
    reader = (
        f"read_csv({files}, header = true, auto_detect = false, columns = {columns}, "
        "delim = ',', quote = '\"', escape = '\"', ignore_errors = true)"
    )
    with duckdb.connect() as con:
        started, cpu_started = time.perf_counter(), processor_time()
        (counted,) = con.execute(f"SELECT count(*) FROM {reader}").fetchone() or (0,)  # noqa: S608
        bare_count, count_cpu = time.perf_counter() - started, processor_time() - cpu_started
        copy_target = Path(tempfile.mkdtemp(prefix="saferhub-bare-")) / "bare.parquet"
        started, cpu_started = time.perf_counter(), processor_time()
        con.execute(f"COPY (SELECT * FROM {reader}) TO {literal(str(copy_target))} ({store.PARQUET_OPTIONS})")  # noqa: S608
        bare_copy, copy_cpu = time.perf_counter() - started, processor_time() - cpu_started
        shutil.rmtree(copy_target.parent, ignore_errors=True)
    print(
        f"bare DuckDB read_csv, count(*) of every file: {bare_count:.2f} s ({counted / bare_count:,.0f} rows/s), "
        f"processor time {count_cpu:.1f} s"
    )
    print(
        f"bare DuckDB COPY of every file to one Parquet file: {bare_copy:.2f} s ({counted / bare_copy:,.0f} rows/s), "
        f"processor time {copy_cpu:.1f} s"
    )

    environment = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "SAFERHUB_DATA_DIR": os.environ["SAFERHUB_DATA_DIR"],
    }
    empty = Path(tempfile.mkdtemp(prefix="saferhub-empty-"))
    importing = [sys.executable, "-m", "saferhub.cli", "crime", "import"]
    start_up, start_up_cpu, _, _ = child([*importing, str(empty)], environment, args.project)
    empty.rmdir()
    seconds, cpu, peak, output = child([*importing, str(folder)], environment, args.project)
    answer = json.loads(output)
    accepted = sum(a["accepted"] for a in answer)
    rejected = sum(a["rejected"] for a in answer)
    work, work_cpu = seconds - start_up, cpu - start_up_cpu
    print(
        f"import (saferhub crime import FOLDER, a child process): {seconds:.2f} s, {made.rows / seconds:,.0f} rows/s "
        f"(start-up, importing nothing: {start_up:.2f} s)"
    )
    print(f"import processor time (user + system, all threads): {cpu:.1f} s (start-up: {start_up_cpu:.1f} s)")
    print(f"import peak memory (the child's maximum resident set): {peak / 1024:,.0f} MiB")
    print(
        f"import / bare count(*): {seconds / bare_count:.1f}x wall, {cpu / max(count_cpu, 0.01):.1f}x processor time; "
        f"import / bare COPY: {seconds / bare_copy:.2f}x wall, {cpu / max(copy_cpu, 0.01):.2f}x processor time"
    )
    if work > start_up:  # at small sizes start-up is most of it, and varies more than the rest
        print(
            f"without start-up: {work:.2f} s, {made.rows / work:,.0f} rows/s; "
            f"/ bare count(*): {work / bare_count:.1f}x wall, {work_cpu / max(count_cpu, 0.01):.1f}x processor time; "
            f"/ bare COPY: {work / bare_copy:.2f}x wall, {work_cpu / max(copy_cpu, 0.01):.2f}x processor time"
        )
    print(
        f"every row accounted for: {accepted:,} accepted + {rejected} rejected = {accepted + rejected:,} "
        f"(generated {made.rows:,}, {made.bad_rows} bad): {'yes' if accepted + rejected == made.rows else 'NO'}"
    )
    print(f"files imported: {len(answer)} of {len(made.files)}")

    summaries(args, geo, store, environment)


def summaries(args: argparse.Namespace, geo: Geography, store: Any, environment: dict[str, str]) -> None:
    """A reference table and partnerships over the synthetic districts, then ``crime summary`` timed."""
    from django.core.management import call_command

    from saferhub.partnerships.models import Area, LocalAuthority, Partnership

    write_lsoa_reference(geo, store.reference_file("lsoa"))
    areas = Area.objects.bulk_create(
        Area(name=name, slug=slug, police_force=name) for slug, name, _ in FORCES[: args.forces]
    )
    authorities = LocalAuthority.objects.bulk_create(
        LocalAuthority(ons_code=code, name=name, area=areas[force])
        for code, name, force in zip(geo.lad_codes, geo.lad_names, geo.lad_force, strict=True)
    )
    # Some partnerships are joint, like Castle Point and Rochford: two districts of one force.
    groups: list[list[int]] = [[i] for i in range(len(authorities))]
    i = 0
    while len(groups) > args.partnerships and i < len(groups) - 1:
        if geo.lad_force[groups[i][0]] == geo.lad_force[groups[i + 1][0]]:
            groups[i : i + 2] = [groups[i] + groups[i + 1]]
        i += 1
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            name=" and ".join(authorities[k].name for k in group) + " Community Safety Partnership",
            slug=f"csp-{n + 1}",
            area=areas[geo.lad_force[group[0]]],
        )
        for n, group in enumerate(groups)
    )
    for partnership, group in zip(partnerships, groups, strict=True):
        partnership.local_authorities.set(authorities[k] for k in group)
    print(f"partnerships: {len(partnerships)} over {len(authorities)} local authorities, {len(geo.lsoa_codes):,} LSOAs")

    months = months_from(args.first_month, args.months)
    first, last = months[0], months[-1]

    def summary(slug: str) -> dict[str, Any]:
        out = io.StringIO()
        options = ["--partnership", slug, "--from", first, "--to", last, "--format", "json"]
        call_command("crime", "summary", *options, stdout=out)
        return json.loads(out.getvalue())

    # The partnership of the largest force's first district: the most rows of any.
    largest = max(range(args.forces), key=lambda f: FORCES[f][2])
    slug = next(p.slug for p, g in zip(partnerships, groups, strict=True) if geo.lad_force[g[0]] == largest)
    started = time.perf_counter()
    summary(slug)
    first_call = time.perf_counter() - started
    times = []
    for _ in range(5):
        started = time.perf_counter()
        one = summary(slug)
        times.append(time.perf_counter() - started)
    print(
        f"crime summary, one partnership ({slug}, {sum(one['total']):,} rows, {len(months)} month(s), in this "
        f"process): first call {first_call:.2f} s, then median {statistics.median(times):.2f} s"
    )
    started = time.perf_counter()
    total = sum(sum(summary(p.slug)["total"]) for p in partnerships)
    every = time.perf_counter() - started
    with store.connect() as con:
        (located,) = con.execute("SELECT count(*) FROM street WHERE lsoa_code IS NOT NULL").fetchone() or (0,)
    print(
        f"crime summary, every partnership one after another ({len(partnerships)}): {every:.1f} s "
        f"({every / len(partnerships):.2f} s each); rows counted {total:,} of {located:,} with an LSOA"
    )
    # Every partnership at once: ``crime summary --every-partnership`` (one scan, summed per partnership).
    started = time.perf_counter()
    out = io.StringIO()
    call_command("crime", "summary", "--every-partnership", "--from", first, "--to", last, stdout=out)
    every_at_once = json.loads(out.getvalue())
    seconds = time.perf_counter() - started
    counted = sum(sum(s["total"]) for s in every_at_once.values())
    print(
        f"crime summary --every-partnership ({len(every_at_once)} partnerships in one scan, in this process): "
        f"{seconds:.2f} s; rows counted {counted:,} (one after another: {total:,})"
    )
    command = [sys.executable, "-m", "saferhub.cli", "crime", "summary", "--partnership", slug, "--from", first]
    seconds, _, _, _ = child([*command, "--to", last, "--format", "json"], environment)
    print(f"crime summary, one partnership, as a child process (start-up included): {seconds:.2f} s")


def write_lsoa_reference(geo: Geography, target: Path) -> None:
    """``lsoa.parquet`` in the columns of store.REFERENCE_COLUMNS, for the synthetic LSOAs (all 2021)."""
    import duckdb

    from saferhub.crimedata import store
    from saferhub.crimedata.sql_checks import literal

    target.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        (code, name, "2021", geo.lad_codes[lad], geo.lad_names[lad], (i * 7919) % 32844 + 1, longitude, latitude)
        for i, (code, name, lad, (longitude, latitude)) in enumerate(
            zip(geo.lsoa_codes, geo.lsoa_names, geo.lsoa_lad, geo.centroids, strict=True)
        )
    ]
    listed = ", ".join(f"{name} {kind}" for name, kind in store.REFERENCE_COLUMNS["lsoa"])
    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE lsoa ({listed})")
        con.execute(
            "INSERT INTO lsoa SELECT r[1], r[2], r[3], r[4], r[5], CAST(r[6] AS INTEGER), "
            "CAST((CAST(r[6] AS INTEGER) - 1) * 10 // 32844 + 1 AS SMALLINT), "
            "CAST((CAST(r[6] AS INTEGER) * 3 % 32844) * 10 // 32844 + 1 AS SMALLINT), 'direct', "
            "1500 + CAST(r[6] AS INTEGER) % 900, 'synthetic', CAST(r[8] AS DOUBLE), CAST(r[7] AS DOUBLE) "
            "FROM (SELECT unnest(?) AS r)",
            [[[str(v) for v in row] for row in rows]],
        )
        con.execute(f"COPY lsoa TO {literal(str(target))} (FORMAT parquet)")


def child(command: list[str], environment: dict[str, str], cwd: Path = PROJECT) -> tuple[float, float, int, str]:
    """Run ``command``: its wall time, its processor time (user and system, every thread), its peak
    resident set size (KiB) and its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=environment, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            sys.stderr.write(err.read().decode()[-3000:])
            raise SystemExit(f"{' '.join(command[:6])}... exited with status {process.returncode}")
        return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, out.read().decode()


def processor_time() -> float:
    """This process's processor time so far, user and system, every thread."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def database_url(settings: dict[str, Any]) -> str:
    """The throwaway database as a DATABASE_URL, for the child processes."""
    if settings["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings['NAME']}"
    credentials = quote(settings["USER"] or "")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"])
    return f"postgres://{credentials}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{settings['NAME']}"


if __name__ == "__main__":
    main()
