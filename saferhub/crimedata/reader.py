"""Read a police.uk file with DuckDB and check its rows in SQL: hundreds of thousands of rows a second.

DuckDB reads every field as text and ``sql_checks`` decides which rows are accepted; Python looks
at the rejected rows only, to find their lines and word their reasons (``importer.row_reason``).
A file DuckDB cannot read as Python's csv module does (a lone carriage return ending a line, text
after a closing quote, bytes that are not UTF-8), or whose rows the SQL judges more strictly than
Python, is read again with ``importer.parse``, so every file imports as the Python reader would
import it, only faster.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from saferhub.crimedata import sql_checks
from saferhub.crimedata.importer import Rejected, Source, parse, positions, row_reason, values_of
from saferhub.crimedata.schema import COLUMNS, DERIVED, Column

log = logging.getLogger(__name__)

# What the reading database may hold in memory; a police.uk file needs a few tens of megabytes.
MEMORY_LIMIT = "1GB"


@dataclass
class CheckedFile:
    """A file read and checked: its accepted rows are ``relation`` on ``connection``."""

    source: Source
    sha256: str
    accepted: int
    rejected: list[Rejected]
    duplicate_crime_ids: int
    connection: duckdb.DuckDBPyConnection
    relation: str  # the accepted rows, typed as schema.COLUMNS, in file order: a table or a subquery
    reader: str  # "duckdb", or "python" when the file needed the Python reader

    @property
    def rows_read(self) -> int:
        return self.accepted + len(self.rejected)


def reading_database() -> duckdb.DuckDBPyConnection:
    """This process's in-memory DuckDB for reading files; ``checked_file`` takes a cursor of it per file.

    Each query runs in the thread that asks for it alone (``threads = 1``): a police.uk file is too
    small for DuckDB's own threads, which cost more to start than they save, so several files are
    read side by side by the callers' threads instead (see ``services.crime_files_import``).
    """
    global _database
    with _database_lock:
        if _database is None:
            # Rows must come out of a scan in file order: the line numbers of rejected rows depend on it.
            _database = duckdb.connect(
                config={"threads": 1, "memory_limit": MEMORY_LIMIT, "preserve_insertion_order": True}
            )
        return _database


_database: duckdb.DuckDBPyConnection | None = None
_database_lock = threading.Lock()


@contextmanager
def checked_file(source: Source) -> Iterator[CheckedFile]:
    """Read and check one file on a new cursor of the reading database, which holds its accepted rows
    (``CheckedFile.relation``) until the ``with`` block ends.

    Raises ImportFileError for a file that cannot be imported at all.
    """
    with reading_database().cursor() as con, _on_disk(source) as (path, data):
        sha256 = hashlib.sha256(data).hexdigest()
        header = _header_positions(source, path)
        why_python = "its header is not UTF-8" if header is None else ""
        checked = None
        if header is not None:
            try:
                checked = _check_with_duckdb(source, con, path, data, sha256, *header)
            except _NeedsPython as reason:
                why_python = str(reason)
            except duckdb.Error as error:
                why_python = f"DuckDB could not read it ({str(error).splitlines()[0]})"
        if checked is None:
            log.info("%s: read with the Python reader: %s", source.name, why_python)
            checked = _check_with_python(source, con, data, sha256)
        yield checked


@contextmanager
def _on_disk(source: Source) -> Iterator[tuple[Path, bytes]]:
    """The file as a path DuckDB can read (a zip member is extracted to a temporary file), and its bytes."""
    if source.path is not None:
        yield source.path, source.path.read_bytes()
        return
    data = source.read()
    handle, name = tempfile.mkstemp(suffix=".csv", prefix="saferhub-crime-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        yield Path(name), data
    finally:
        Path(name).unlink(missing_ok=True)


def _header_positions(source: Source, path: Path) -> tuple[dict[str, int], int] | None:
    """Each column's position in the file's header and the header's width (None when it is not UTF-8 text)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            header = next(csv.reader(file), None)
    except (UnicodeDecodeError, csv.Error):
        return None
    return positions(source, header)


class _NeedsPython(Exception):
    """Why a file is read again with the Python reader."""


def _check_with_duckdb(
    source: Source,
    con: duckdb.DuckDBPyConnection,
    path: Path,
    data: bytes,
    sha256: str,
    position: dict[str, int],
    width: int,
) -> CheckedFile:
    """DuckDB reads every field as text and the checks run in SQL; Python looks only at the rejected rows.

    Each record is read into the header's columns plus one more, ``_extra``, padded with NULL when a
    record is short. The null string is a carriage return, which quoted fields are never taken for and
    an unquoted field can be only where a lone carriage return ends a line for Python's csv module but
    not for DuckDB (and then the two disagree on the rows, below). So NULL means "no such field": a
    record had as many fields as the header exactly when its last column is not NULL and ``_extra``
    is. (DuckDB would otherwise drop empty fields past the last column without a word.) Records with
    two or more extra fields DuckDB rejects itself, into its rejects table.

    DuckDB also drops, without a word, every record after a quote that is never closed. In a file
    with no quote character at all, records are lines, so the rows it read must be the non-blank
    lines after the header; a file with quotes has its records counted by Python's csv reader too.
    Rows are only ever believed when both readers count the same.
    """
    columns = COLUMNS[source.kind]
    types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + ", '_extra': 'VARCHAR'"
    reader = (
        f"read_csv({sql_checks.literal(str(path))}, header = true, auto_detect = false, columns = {{{types}}}, "
        "delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = true, nullstr = '\r', "
        "allow_quoted_nulls = false, parallel = false, store_rejects = true, skip = 0, comment = '')"
    )
    # Stripping every field of whitespace costs more than all the other checks, and police.uk files have none.
    quoted = b'"' in data
    found = con.execute(
        f"SELECT {sql_checks.may_need_stripping('content')} FROM read_text({sql_checks.literal(str(path))})"  # noqa: S608
    ).fetchone()
    strip = bool(found and found[0])
    cleaned = [
        f"{sql_checks.clean(f'c{position[c.name]}', strip)} AS {sql_checks.name(c.name)}"
        if c.name in position
        else f"NULL::VARCHAR AS {sql_checks.name(c.name)}"
        for c in columns
    ]
    # A stop and search's month is its date's, as written in the file (before the date is made UTC).
    derived = ' REPLACE (substr("date", 1, 7) AS "month")' if source.kind == "stop_and_search" else ""
    # With ``parallel = false`` the file is read in one sequential scan, and with
    # preserve_insertion_order the table keeps the scan's order: a row's rowid is its place among
    # the records DuckDB read, which ``_scan`` counts in the same way to find its line.
    ok = sql_checks.row_ok(source.kind, source.month)
    con.execute(
        f"CREATE TEMP TABLE checked AS SELECT *{derived}, {ok} AS ok "  # noqa: S608
        f"FROM (SELECT {', '.join(cleaned)}, (c{width - 1} IS NOT NULL AND _extra IS NULL) AS whole FROM {reader})"
    )
    names = [c.name for c in columns]
    repeated = (
        "SELECT count(*) FROM (SELECT crime_id FROM checked WHERE ok AND crime_id IS NOT NULL "
        "GROUP BY crime_id HAVING count(*) > 1)"
        if "crime_id" in names
        else "SELECT 0"
    )
    # One statement for all the counts: each statement costs a few milliseconds, whatever the file's size.
    rows, accepted, duplicates, too_wide, other_errors = con.execute(
        f"SELECT (SELECT count(*) FROM checked), (SELECT count(*) FROM checked WHERE ok), ({repeated}), "  # noqa: S608
        "(SELECT count(DISTINCT line_byte_position) FROM reject_errors WHERE error_type = 'TOO MANY COLUMNS'), "
        "(SELECT string_agg(DISTINCT error_type, ', ') FROM reject_errors WHERE error_type <> 'TOO MANY COLUMNS')"
    ).fetchone() or (0, 0, 0, 0, None)
    if other_errors:
        raise _NeedsPython(f"DuckDB's reader rejected rows ({other_errors})")
    refused = []
    if rows > accepted:
        listed = ", ".join(sql_checks.name(n) for n in names)
        refused = con.execute(f"SELECT rowid, whole, {listed} FROM checked WHERE NOT ok ORDER BY rowid").fetchall()  # noqa: S608
    lines = data.splitlines()
    if not quoted and rows + too_wide != len(lines) - lines.count(b"") - 1:
        raise _NeedsPython("the readers disagree on its number of rows")
    rejected = []
    if refused or too_wide or quoted:
        rejected = _rejected_rows(source, path, position, width, rows, too_wide, refused)
    typed = ", ".join(sql_checks.typed(c) for c in columns)
    return CheckedFile(
        source=source,
        sha256=sha256,
        accepted=accepted,
        rejected=rejected,
        duplicate_crime_ids=duplicates,
        connection=con,
        relation=f"(SELECT {typed} FROM checked WHERE ok)",  # noqa: S608
        reader="duckdb",
    )


def _rejected_rows(
    source: Source,
    path: Path,
    position: dict[str, int],
    width: int,
    rows: int,
    too_wide: int,
    refused: list[tuple[Any, ...]],
) -> list[Rejected]:
    """The line, reason and fields of each row SQL refused (``refused``: rowid, whole, cleaned values)
    and of each row DuckDB's reader rejected for too many fields, from one pass of Python's csv reader.

    Before any of it is believed, the two readers must agree: on the number of rows, and on each
    refused row's values. Otherwise the file goes to the Python reader.
    """
    wanted = {row[0]: row for row in refused}
    found, wide, counted = _scan(path, width, set(wanted))
    if counted != rows or len(wide) != too_wide or len(found) != len(wanted):
        raise _NeedsPython(f"the readers disagree on its rows ({counted} and {rows}, {len(wide)} and {too_wide})")
    columns = COLUMNS[source.kind]
    compared = [
        (i, c) for i, c in enumerate(columns) if c.name in position and c.name not in DERIVED.get(source.kind, ())
    ]
    rejected = [Rejected(line, f"expected {width} fields, found {len(raw)}", raw) for line, raw in wide]
    for ordinal, (line, raw) in found.items():
        whole = wanted[ordinal][1]
        if len(raw) != width:
            if whole:
                raise _NeedsPython(f"the readers disagree on the fields of line {line}")
            rejected.append(Rejected(line, f"expected {width} fields, found {len(raw)}", raw))
            continue
        values = values_of(columns, position, raw)
        if not whole or any(values[c.name] != wanted[ordinal][2 + i] for i, c in compared):
            raise _NeedsPython(f"the readers disagree on the fields of line {line}")
        reason = row_reason(source.kind, values, source.month)
        if reason is None:
            raise _NeedsPython(f"the SQL checks refused line {line}, which the Python checks accept")
        rejected.append(Rejected(line, reason, raw))
    return sorted(rejected, key=lambda r: r.line)


def _scan(path: Path, width: int, wanted: set[int]) -> tuple[dict[int, tuple[int, list[str]]], list[Any], int]:
    """The start line and fields of the ``wanted`` rows, by their place among the rows DuckDB reads (every
    non-blank record with at most ``width`` + 1 fields); the records with more, which DuckDB rejects;
    and how many rows DuckDB should have read."""
    found: dict[int, tuple[int, list[str]]] = {}
    wide: list[tuple[int, list[str]]] = []
    ordinal = 0
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        next(reader, None)
        line = reader.line_num
        for raw in reader:
            start, line = line + 1, reader.line_num
            if not raw:
                continue
            if len(raw) > width + 1:
                wide.append((start, raw))
                continue
            if ordinal in wanted:
                found[ordinal] = (start, raw)
            ordinal += 1
    return found, wide, ordinal


def _check_with_python(source: Source, con: duckdb.DuckDBPyConnection, data: bytes, sha256: str) -> CheckedFile:
    parsed = parse(source, data, sha256)
    _load_rows(con, COLUMNS[source.kind], parsed.rows)
    return CheckedFile(
        source=source,
        sha256=sha256,
        accepted=len(parsed.rows),
        rejected=parsed.rejected,
        duplicate_crime_ids=parsed.duplicate_crime_ids,
        connection=con,
        relation="accepted",
        reader="python",
    )


def _load_rows(con: duckdb.DuckDBPyConnection, columns: list[Column], rows: list[list[Any]]) -> None:
    """``rows`` as the table ``accepted``, through a temporary CSV that DuckDB reads with the columns' types:
    far faster than inserting row by row from Python."""
    handle, name = tempfile.mkstemp(suffix=".csv", prefix="saferhub-crime-rows-")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow([c.name for c in columns])
            writer.writerows(rows)
        types = ", ".join(f"'{c.name}': '{c.sql_type}'" for c in columns)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE accepted AS SELECT * FROM read_csv({sql_checks.literal(name)}, "  # noqa: S608
            f"header = true, auto_detect = false, columns = {{{types}}}, delim = ',', quote = '\"', escape = '\"')"
        )
    finally:
        Path(name).unlink(missing_ok=True)
