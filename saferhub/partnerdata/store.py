"""Where partner datasets' rows live, and DuckDB over them.

Parquet files at ``DATA_DIR/partner/<dataset id>/month=<YYYY-MM>/data.parquet``, one per dataset and
month, so an upload that covers a month replaces that month's one file. Beside them, ``uploads/``
keeps each file as it was uploaded and ``reports/`` the rejected-rows report of each import.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings

from saferhub.crimedata import store as crime_store

# The stored columns, in order.
COLUMNS: list[tuple[str, str]] = [
    ("month", "VARCHAR"),  # YYYY-MM
    ("date", "DATE"),  # null when the file gives months only
    ("category", "VARCHAR"),
    ("lsoa_code", "VARCHAR"),
    ("lad_code", "VARCHAR"),
    ("latitude", "DOUBLE"),
    ("longitude", "DOUBLE"),
    ("count", "INTEGER"),
]
MONTH_FOLDER = re.compile(r"^month=(\d{4}-\d{2})$")


def partner_dir() -> Path:
    return Path(settings.DATA_DIR) / "partner"


def dataset_dir(dataset_id: int) -> Path:
    return partner_dir() / str(int(dataset_id))


def uploads_dir(dataset_id: int) -> Path:
    return dataset_dir(dataset_id) / "uploads"


def reports_dir(dataset_id: int) -> Path:
    return dataset_dir(dataset_id) / "reports"


def month_file(dataset_id: int, month: str) -> Path:
    return dataset_dir(dataset_id) / f"month={month}" / "data.parquet"


def months_held(dataset_id: int) -> list[str]:
    """The months the dataset holds rows for, in order."""
    folder = dataset_dir(dataset_id)
    if not folder.is_dir():
        return []
    found = [
        m.group(1) for p in folder.iterdir() if (m := MONTH_FOLDER.match(p.name)) and (p / "data.parquet").is_file()
    ]
    return sorted(found)


def write_months_temp(dataset_id: int, rows: list[list[Any]]) -> dict[str, Path]:
    """Write the rows as one Parquet file per month, each beside its month's file under a temporary name.

    Returns month -> temporary file; the caller renames each over its month's file. The rows go through
    a temporary CSV that DuckDB reads with the stored column types (as the crime store does).
    """
    months = sorted({row[0] for row in rows})
    if not months:
        return {}
    base = dataset_dir(dataset_id)
    base.mkdir(parents=True, exist_ok=True)
    handle, csv_name = tempfile.mkstemp(suffix=".csv", dir=base)
    written: dict[str, Path] = {}
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow([name for name, _ in COLUMNS])
            writer.writerows(rows)
        types = "{" + ", ".join(f"'{name}': '{sql}'" for name, sql in COLUMNS) + "}"
        with duckdb.connect() as con:
            # The path is quoted by _literal and the types are the constants above.
            con.execute(
                f"CREATE TABLE upload AS SELECT * FROM read_csv({_literal(csv_name)}, header = true, "  # noqa: S608
                f"auto_detect = false, columns = {types}, delim = ',', quote = '\"', escape = '\"')"
            )
            for month in months:
                target = month_file(dataset_id, month)
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_name(f".{Path(csv_name).stem}.parquet.tmp")
                written[month] = temporary
                # ``month`` matched YYYY-MM when the row was read; COPY takes no parameters.
                con.execute(
                    f"COPY (SELECT * FROM upload WHERE month = {_literal(month)} ORDER BY date, category) "  # noqa: S608
                    f"TO {_literal(str(temporary))} (FORMAT parquet, COMPRESSION zstd)"
                )
    except BaseException:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
        raise
    finally:
        Path(csv_name).unlink(missing_ok=True)
    return written


def rows_sql(dataset_id: int) -> str | None:
    """A FROM-clause source of the dataset's stored rows, or None when it holds none."""
    if not months_held(dataset_id):
        return None
    pattern = dataset_dir(dataset_id) / "month=*" / "data.parquet"
    return f"read_parquet({_literal(str(pattern))}, hive_partitioning = false)"


@contextmanager
def connect() -> Iterator[duckdb.DuckDBPyConnection]:
    """The crime store's DuckDB (so the ``lsoa`` reference view is there), closed after use."""
    con = crime_store.connect()
    try:
        yield con
    finally:
        con.close()


def _literal(text: str) -> str:
    """A SQL string literal: DuckDB cannot take parameters in COPY or read_parquet's path here."""
    return "'" + text.replace("'", "''") + "'"
