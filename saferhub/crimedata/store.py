"""Where crime records live, and DuckDB over them.

Parquet files at ``DATA_DIR/crime/<kind>/force=<force>/month=<YYYY-MM>/data.parquet``, one per
kind, force and month, so re-importing a month replaces one file.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings

from saferhub.crimedata.schema import COLUMNS


def crime_dir() -> Path:
    return Path(settings.DATA_DIR) / "crime"


def reports_dir() -> Path:
    return crime_dir() / "reports"


def partition_file(kind: str, force: str, month: str) -> Path:
    return crime_dir() / kind / f"force={force}" / f"month={month}" / "data.parquet"


def write_partition_temp(kind: str, force: str, month: str, rows: list[list[Any]]) -> Path:
    """Write ``rows`` as Parquet beside the partition's file, under a temporary name; the caller renames it.

    The rows go through a temporary CSV that DuckDB reads with the kind's column types: far faster
    than inserting row by row from Python, and no other dependency.
    """
    target = partition_file(kind, force, month)
    target.parent.mkdir(parents=True, exist_ok=True)
    columns = COLUMNS[kind]
    handle, csv_name = tempfile.mkstemp(suffix=".csv", dir=target.parent)
    parquet = target.with_name(f".{Path(csv_name).stem}.parquet.tmp")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow([c.name for c in columns])
            writer.writerows(rows)
        types = "{" + ", ".join(f"'{c.name}': '{c.sql_type}'" for c in columns) + "}"
        with duckdb.connect() as con:
            # Paths are quoted by _literal and the types come from schema.COLUMNS.
            reader = (
                f"read_csv({_literal(csv_name)}, header = true, auto_detect = false, columns = {types}, "
                "delim = ',', quote = '\"', escape = '\"')"
            )
            target_literal = _literal(str(parquet))
            con.execute(f"COPY (SELECT * FROM {reader}) TO {target_literal} (FORMAT parquet, COMPRESSION zstd)")  # noqa: S608
    except BaseException:
        parquet.unlink(missing_ok=True)
        raise
    finally:
        Path(csv_name).unlink(missing_ok=True)
    return parquet


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per kind (``street``, ``outcomes``, ``stop_and_search``) over its Parquet.

    A kind with no data yet is an empty table of the same columns, so queries need no special case.
    """
    con = duckdb.connect()
    for kind, columns in COLUMNS.items():
        pattern = crime_dir() / kind / "force=*" / "month=*" / "data.parquet"
        if any((crime_dir() / kind).glob("force=*/month=*/data.parquet")):
            # The partition keys are in the path only for tidiness: every row carries its month,
            # so the files are read as they are, without hive columns.
            # ``kind`` is a key of schema.COLUMNS and the path is quoted by _literal.
            files = f"read_parquet({_literal(str(pattern))}, hive_partitioning = false, union_by_name = true)"
            con.execute(f"CREATE VIEW {kind} AS SELECT * FROM {files}")  # noqa: S608
        else:
            con.execute(f"CREATE TABLE {kind} ({', '.join(f'{c.name} {c.sql_type}' for c in columns)})")
    return con


def _literal(text: str) -> str:
    """A SQL string literal: DuckDB cannot take parameters in COPY or CREATE VIEW."""
    return "'" + text.replace("'", "''") + "'"
