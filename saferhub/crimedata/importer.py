"""Find police.uk files, and the rules every row of them must keep; every row is accepted or rejected with a reason.

Inputs are CSV files, folders (walked recursively) and .zip archives, named as police.uk names
them: ``YYYY-MM-<force>-street.csv``, ``-outcomes.csv`` or ``-stop-and-search.csv`` (inside a
``YYYY-MM/`` folder in the downloads). Files are decoded as UTF-8 with an optional byte-order
mark; CRLF and LF both read. Nothing here touches the database or the store (see ``services``).

Files are read by ``reader.checked_file``, with DuckDB and the checks in SQL (``sql_checks``).
``parse`` here reads a file row by row with Python's csv module and the checks below: it is the
reference the SQL is tested against, the reader for files DuckDB cannot read as Python does, and
the checks below word the reason for every rejected row, whichever reader found it.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from saferhub.crimedata.schema import COLUMNS, DERIVED, NO_LOCATION, Column, normalise_header
from saferhub.lib.periods import MONTH

FILE_NAME = re.compile(r"^(\d{4}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*?)-(street|outcomes|stop-and-search)\.csv$", re.I)
BOOLEANS = {"true": True, "false": False}


class ImportFileError(Exception):
    """A file that cannot be imported at all (its name, encoding or header); nothing of it is stored."""


@dataclass(frozen=True)
class Source:
    """One police.uk CSV, on disk or inside a zip."""

    name: str  # as shown to the user: the path, or ``archive.zip:member``
    kind: str
    force: str
    month: str
    read: Callable[[], bytes]
    path: Path | None = None  # the file itself, when it is one on disk


@dataclass
class Rejected:
    line: int
    reason: str
    raw: list[str]


@dataclass
class ParsedFile:
    """A file read by the Python reader: its accepted rows as lists of typed values."""

    source: Source
    sha256: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicate_crime_ids: int = 0

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len(self.rejected)


def source_for(name: str, read: Callable[[], bytes], path: Path | None = None) -> Source:
    """A Source for a police.uk file name (the last part of ``name``); ImportFileError when it is not one."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    match = FILE_NAME.match(base)
    if match is None or not MONTH.match(match.group(1)):
        raise ImportFileError(
            f"{name}: not a police.uk file name "
            "(expected YYYY-MM-<force>-street.csv, -outcomes.csv or -stop-and-search.csv)"
        )
    month, force, kind = match.groups()
    return Source(
        name=name, kind=kind.lower().replace("-", "_"), force=force.lower(), month=month, read=read, path=path
    )


def discover(paths: Iterable[str | Path]) -> tuple[list[Source], list[str]]:
    """Every police.uk file under ``paths``, and an error message for each path or file that is not one.

    In folders and archives, files that are not CSVs are passed over; a CSV with a name outside the
    layout is an error, so a misnamed month is never skipped unnoticed.
    """
    sources: list[Source] = []
    errors: list[str] = []

    def add(name: str, read: Callable[[], bytes], path: Path | None = None) -> None:
        try:
            sources.append(source_for(name, read, path))
        except ImportFileError as error:
            errors.append(str(error))

    def add_zip(path: Path) -> None:
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError) as error:
            errors.append(f"{path}: not a readable zip archive ({error})")
            return
        for member in sorted(members, key=lambda m: m.filename):
            if member.filename.startswith("__MACOSX/") or not member.filename.lower().endswith(".csv"):
                continue
            add(f"{path}:{member.filename}", _zip_reader(path, member.filename))

    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if found.suffix.lower() == ".zip":
                    add_zip(found)
                elif found.suffix.lower() == ".csv":
                    add(str(found), found.read_bytes, found)
        elif path.is_file() and path.suffix.lower() == ".zip":
            add_zip(path)
        elif path.is_file():
            add(str(path), path.read_bytes, path)
        else:
            errors.append(f"{path}: no such file or folder")
    return sources, errors


def _zip_reader(path: Path, member: str) -> Callable[[], bytes]:
    def read() -> bytes:
        with zipfile.ZipFile(path) as archive:
            return archive.read(member)

    return read


def positions(source: Source, header: list[str] | None) -> tuple[dict[str, int], int]:
    """Each column's position in ``header``, and its width; ImportFileError when it lacks a column."""
    if header is None:
        raise ImportFileError(f"{source.name}: the file is empty")
    names = [normalise_header(h) for h in header]
    derived = DERIVED.get(source.kind, set())
    missing = [
        c.name
        for c in COLUMNS[source.kind]
        if c.name not in names and not c.optional_in_header and c.name not in derived
    ]
    if missing:
        raise ImportFileError(f"{source.name}: the header lacks {', '.join(missing)}")
    return {name: i for i, name in enumerate(names)}, len(header)


def parse(source: Source, data: bytes, sha256: str) -> ParsedFile:
    """Read one file's rows into the kind's clean columns, rejecting each bad row with its line and reason."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{source.name}: not UTF-8 text (byte {error.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        position, width = positions(source, next(reader, None))
        columns = COLUMNS[source.kind]
        parsed = ParsedFile(source=source, sha256=sha256, columns=[c.name for c in columns])
        seen_ids: Counter[str] = Counter()
        line = reader.line_num
        for raw in reader:
            start, line = line + 1, reader.line_num
            if not raw:  # a blank line is not a row (the csv module's DictReader skips it too)
                continue
            if len(raw) != width:
                parsed.rejected.append(Rejected(start, f"expected {width} fields, found {len(raw)}", raw))
                continue
            values = values_of(columns, position, raw)
            reason = row_reason(source.kind, values, source.month)
            if reason is not None:
                parsed.rejected.append(Rejected(start, reason, raw))
                continue
            if values.get("crime_id"):
                seen_ids[values["crime_id"]] += 1
            parsed.rows.append([values[c.name] for c in columns])
    except csv.Error as error:
        raise ImportFileError(f"{source.name}: line {reader.line_num}: {error}") from None
    parsed.duplicate_crime_ids = sum(1 for n in seen_ids.values() if n > 1)
    return parsed


def values_of(columns: list[Column], position: dict[str, int], raw: list[str]) -> dict[str, Any]:
    return {c.name: _blank_to_none(raw[position[c.name]]) if c.name in position else None for c in columns}


def row_reason(kind: str, values: dict[str, Any], file_month: str) -> str | None:
    """Why a row (its fields by column, blank ones None) is rejected, or None when it is accepted; an
    accepted row's ``values`` are left typed (coordinates as floats, the date in UTC, booleans)."""
    try:
        _ROW_CHECKS[kind](values, file_month)
        for column in COLUMNS[kind]:
            if column.required and values[column.name] is None:
                raise RowError(f"{column.name.replace('_', ' ')} is blank")
    except RowError as error:
        return str(error)
    return None


class RowError(ValueError):
    """Why one row is rejected."""


def _blank_to_none(value: str) -> str | None:
    value = value.strip()
    return value or None


def _check_month(value: Any, file_month: str, label: str = "month") -> None:
    if value is None:
        raise RowError(f"{label} is blank")
    if not MONTH.match(value):
        raise RowError(f"{label} {value!r} is not YYYY-MM")
    if value != file_month:
        raise RowError(f"{label} {value} is not the file's month {file_month}")


def _check_coordinates(values: dict[str, Any]) -> None:
    longitude, latitude = values["longitude"], values["latitude"]
    if longitude is None and latitude is None:
        return
    if longitude is None or latitude is None:
        raise RowError("longitude and latitude must both be given or both be blank")
    for name, value, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        try:
            number = float(value)
        except ValueError:
            raise RowError(f"{name} {value!r} is not a number") from None
        if not math.isfinite(number) or abs(number) > limit:
            raise RowError(f"{name} {value} is out of range (-{limit} to {limit})")
        values[name] = number


def _check_located(values: dict[str, Any], file_month: str) -> None:
    _check_month(values["month"], file_month)
    _check_coordinates(values)
    if values["location"] is not None and values["location"].lower() in NO_LOCATION:
        values["location"] = None


def _check_stop_and_search(values: dict[str, Any], file_month: str) -> None:
    given = values["date"]
    if given is None:
        raise RowError("date is blank")
    try:
        moment = datetime.fromisoformat(given)
    except ValueError:
        raise RowError(f"date {given!r} is not an ISO 8601 date and time") from None
    # The month as the force wrote it (local time), before converting to UTC.
    values["month"] = given[:7]
    _check_month(values["month"], file_month, label="date's month")
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    values["date"] = moment.isoformat(sep=" ")
    _check_coordinates(values)
    for name, value in list(values.items()):
        if name in _STOP_BOOLEANS and value is not None:
            if value.lower() not in BOOLEANS:
                raise RowError(f"{name.replace('_', ' ')} {value!r} is not True or False")
            values[name] = BOOLEANS[value.lower()]


_STOP_BOOLEANS = {c.name for c in COLUMNS["stop_and_search"] if c.sql_type == "BOOLEAN"}

_ROW_CHECKS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "street": _check_located,
    "outcomes": _check_located,
    "stop_and_search": _check_stop_and_search,
}
