"""Find the LSOA reference files under folders by their header, and read every row of them.

Each file's rows are accepted into ``Tables`` or rejected with the file, the line and a reason;
nothing is dropped silently. A GeoJSON file's "lines" are its features, counted from 1.

The files are read with Python's ``csv`` module rather than DuckDB: together they are about 220,000
rows, read in about a second, and only a row-by-row reader gives the exact line of every rejected row
(DuckDB's ``read_csv`` skips blank lines without saying so and gives accepted rows no line number).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from saferhub.crimedata import geo

LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
AREA_CODE = re.compile(r"^[ENSW]\d{8}$")
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")  # "1,870" and "29,199"; "1,87" is not a number

Progress = Callable[[str], None]


class ReferenceDataError(Exception):
    """The reference files cannot be loaded at all (a folder missing, a file missing or given twice)."""


class RowError(ValueError):
    """Why one row is rejected. The text names the column, not the value: the report has the row."""


class Imd(NamedTuple):
    name: str
    lad: str
    rank: int
    decile: int
    crime_rank: int | None = None
    crime_decile: int | None = None


class BestFit(NamedTuple):
    """One row of the LSOA11 -> LSOA21 -> LAD22 best-fit lookup, keyed by its LSOA11."""

    lsoa21: str
    name11: str
    name21: str
    lad: str
    lad_name: str


class LaCode(NamedTuple):
    name: str
    active: str
    active_name: str


class Population(NamedTuple):
    lad: str
    lad_name: str
    name: str
    total: int


@dataclass(frozen=True)
class Boundary:
    code: str
    vintage: str  # '2011' or '2021'
    name: str
    lad: str  # LADCD_ACTIVE as given in the file
    geometry: dict[str, Any]
    shape: geo.Shape


@dataclass
class Tables:
    """Everything read from the files, keyed by code."""

    imd: dict[str, Imd] = field(default_factory=dict)  # IMD 2019 File 1
    domains: dict[str, Imd] = field(default_factory=dict)  # IoD 2019 File 2, with the Crime domain
    population_2015: dict[str, int] = field(default_factory=dict)  # IoD 2019 File 6
    best_fit: dict[str, BestFit] = field(default_factory=dict)
    la_codes: dict[str, LaCode] = field(default_factory=dict)
    centroids: dict[str, geo.Point] = field(default_factory=dict)
    population: dict[str, Population] = field(default_factory=dict)  # ONS mid-2022, LSOA 2021
    boundaries: dict[tuple[str, str], Boundary] = field(default_factory=dict)  # (code, vintage)


@dataclass
class FileRead:
    """One recognised file: what it is, its hash, and its rows accepted and rejected."""

    path: str
    kind: str
    sha256: str
    accepted: int = 0
    rejected: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (line, reason, raw fields)

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "kind": self.kind,
            "label": KIND_LABELS[self.kind],
            "sha256": self.sha256,
            "rows": self.accepted + len(self.rejected),
            "accepted": self.accepted,
            "rejected": len(self.rejected),
            "reasons": dict(Counter(reason for _, reason, _ in self.rejected)),
        }


# --- one row of each kind: (raw fields, column positions) -> (key, value), or RowError ----------------

Row = list[str]
At = dict[str, int]


def _lsoa(value: str, column: str) -> str:
    if not LSOA_CODE.match(value):
        raise RowError(f"{column} is not an England or Wales LSOA code (E01 or W01 and six digits)")
    return value


def _area(value: str, column: str) -> str:
    if not AREA_CODE.match(value):
        raise RowError(f"{column} is not an ONS area code (a letter and eight digits)")
    return value


def _whole(value: str, column: str, low: int, high: int | None = None) -> int:
    if value.isascii() and value.isdigit():
        number = int(value)
    elif THOUSANDS.match(value):
        number = int(value.replace(",", ""))
    else:
        raise RowError(f"{column} is not a whole number")
    if number < low or (high is not None and number > high):
        raise RowError(f"{column} is out of range ({low} to {high if high is not None else 'any'})")
    return number


def _degrees(value: str, column: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{column} is not a number") from None
    if not -limit <= number <= limit:  # false for nan too
        raise RowError(f"{column} is out of range (-{limit:g} to {limit:g})")
    return number


def _imd(raw: Row, at: At) -> tuple[str, Imd]:
    crime: tuple[int, int] | tuple[()] = ()
    if "crime_rank" in at:
        crime = (
            _whole(raw[at["crime_rank"]].strip(), "Crime Rank", 1),
            _whole(raw[at["crime_decile"]].strip(), "Crime Decile", 1, 10),
        )
    return _lsoa(raw[at["code"]].strip(), "LSOA code (2011)"), Imd(
        raw[at["name"]].strip(),
        _area(raw[at["lad"]].strip(), "Local Authority District code (2019)"),
        _whole(raw[at["rank"]].strip(), "IMD Rank", 1),
        _whole(raw[at["decile"]].strip(), "IMD Decile", 1, 10),
        *crime,
    )


def _population_2015(raw: Row, at: At) -> tuple[str, int]:
    code = _lsoa(raw[at["code"]].strip(), "LSOA code (2011)")
    return code, _whole(raw[at["total"]].strip(), "Total population: mid 2015", 0)


def _best_fit(raw: Row, at: At) -> tuple[str, BestFit]:
    return _lsoa(raw[at["lsoa11"]].strip(), "LSOA11CD"), BestFit(
        _lsoa(raw[at["lsoa21"]].strip(), "LSOA21CD"),
        raw[at["name11"]].strip(),
        raw[at["name21"]].strip(),
        _area(raw[at["lad"]].strip(), "LAD22CD"),
        raw[at["lad_name"]].strip(),
    )


def _la_code(raw: Row, at: At) -> tuple[str, LaCode]:
    return _area(raw[at["code"]].strip(), "LADCD"), LaCode(
        raw[at["name"]].strip(), _area(raw[at["active"]].strip(), "LADCD_ACTIVE"), raw[at["active_name"]].strip()
    )


def _centroid(raw: Row, at: At) -> tuple[str, geo.Point]:
    code = _lsoa(raw[at["code"]].strip(), "LSOACD")
    return code, (
        _degrees(raw[at["longitude"]].strip(), "longitude", 180),
        _degrees(raw[at["latitude"]].strip(), "latitude", 90),
    )


def _population(raw: Row, at: At) -> tuple[str, Population]:
    return _lsoa(raw[at["code"]].strip(), "LSOA 2021 Code"), Population(
        _area(raw[at["lad"]].strip(), "LAD 2021 Code"),
        raw[at["lad_name"]].strip(),
        raw[at["name"]].strip(),
        _whole(raw[at["total"]].strip(), "Total", 0),
    )


@dataclass(frozen=True)
class CsvKind:
    kind: str
    label: str
    table: str  # the attribute of Tables it fills
    # our name -> the header's name, lower case with single spaces; a trailing "*" matches a prefix
    columns: dict[str, str]
    key: str  # the header name of the column whose code must not repeat, as shown in reasons
    parse: Callable[[Row, At], tuple[str, Any]]

    def positions(self, header: list[str]) -> At | None:
        """Where each of our columns is in ``header``; None when one is missing (not this kind of file)."""
        found = {}
        for name, wanted in self.columns.items():
            for index, given in enumerate(header):
                if given == wanted or (wanted.endswith("*") and given.startswith(wanted[:-1])):
                    found[name] = index
                    break
            else:
                return None
        return found


_IMD_COLUMNS = {
    "code": "lsoa code (2011)",
    "name": "lsoa name (2011)",
    "lad": "local authority district code (2019)",
    "rank": "index of multiple deprivation (imd) rank*",
    "decile": "index of multiple deprivation (imd) decile*",
}

# Tried in this order: File 2's header has every column of File 1 too.
CSV_KINDS = [
    CsvKind(
        "imd_domains",
        "IoD 2019 File 2: domains of deprivation, with Crime",
        "domains",
        {**_IMD_COLUMNS, "crime_rank": "crime rank*", "crime_decile": "crime decile*"},
        "LSOA code (2011)",
        _imd,
    ),
    CsvKind("imd", "IMD 2019 File 1: Index of Multiple Deprivation", "imd", _IMD_COLUMNS, "LSOA code (2011)", _imd),
    CsvKind(
        "imd_population",
        "IoD 2019 File 6: population denominators, mid-2015",
        "population_2015",
        {"code": "lsoa code (2011)", "total": "total population: mid 2015*"},
        "LSOA code (2011)",
        _population_2015,
    ),
    CsvKind(
        "lsoa_lookup",
        "LSOA 2011 to LSOA 2021 to LAD 2022 best-fit lookup",
        "best_fit",
        {
            "lsoa11": "lsoa11cd",
            "name11": "lsoa11nm",
            "lsoa21": "lsoa21cd",
            "name21": "lsoa21nm",
            "lad": "lad22cd",
            "lad_name": "lad22nm",
        },
        "LSOA11CD",
        _best_fit,
    ),
    CsvKind(
        "la_codes",
        "Local authority codes since 2011 and their active codes",
        "la_codes",
        {"code": "ladcd", "name": "ladnm", "active": "ladcd_active", "active_name": "ladnm_active"},
        "LADCD",
        _la_code,
    ),
    CsvKind(
        "centroids",
        "LSOA centroids (2011 and 2021 codes)",
        "centroids",
        {"code": "lsoacd", "latitude": "latitude", "longitude": "longitude"},
        "LSOACD",
        _centroid,
    ),
    CsvKind(
        "population",
        "ONS population mid-2022, LSOA 2021",
        "population",
        {
            "lad": "lad 2021 code",
            "lad_name": "lad 2021 name",
            "code": "lsoa 2021 code",
            "name": "lsoa 2021 name",
            "total": "total",
        },
        "LSOA 2021 Code",
        _population,
    ),
]
KIND_LABELS = {k.kind: k.label for k in CSV_KINDS} | {"boundaries": "LSOA boundaries (GeoJSON, 2011 or 2021)"}


# --- reading files ----------------------------------------------------------------------------------


def _header_name(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").strip().lower().split())


def _text(data: bytes, path: Path) -> str:
    """The file's text: gunzipped when its name ends in .gz, a UTF-8 byte-order mark dropped."""
    return (gzip.decompress(data) if path.name.lower().endswith(".gz") else data).decode("utf-8-sig")


def _csv_kind(path: Path) -> tuple[CsvKind, At] | None:
    """What the CSV is, from its header alone (the file is not read further); None when it is none of CSV_KINDS."""
    with path.open("rb") as stored:
        raw = gzip.GzipFile(fileobj=stored) if path.name.lower().endswith(".gz") else stored
        head = raw.readline(65536).decode("utf-8-sig", errors="replace")
    header = [_header_name(h) for h in next(csv.reader([head]), [])]
    for kind in CSV_KINDS:
        positions = kind.positions(header)
        if positions is not None:
            return kind, positions
    return None


def _read_csv(path: Path, kind: CsvKind, at: At, tables: Tables) -> FileRead:
    data = path.read_bytes()
    read = FileRead(str(path), kind.kind, hashlib.sha256(data).hexdigest())
    table: dict[str, Any] = getattr(tables, kind.table)
    seen: dict[str, int] = {}  # code -> the line it was first accepted on
    reader = csv.reader(io.StringIO(_text(data, path), newline=""))  # CRLF and LF alike
    width = len(next(reader))
    line = reader.line_num
    for raw in reader:
        start, line = line + 1, reader.line_num
        if not raw:  # a blank line is not a row (csv.DictReader skips it too)
            continue
        if len(raw) != width:
            read.rejected.append((start, f"expected {width} fields, found {len(raw)}", raw))
            continue
        try:
            key, value = kind.parse(raw, at)
            if key in seen:
                raise RowError(f"{kind.key} repeats the code of line {seen[key]}")
        except RowError as error:
            read.rejected.append((start, str(error), raw))
            continue
        seen[key] = start
        table[key] = value
        read.accepted += 1
    return read


def _geojson(path: Path, data: bytes) -> list[Any] | None:
    """The features of a FeatureCollection of LSOA polygons; None when the file is not one."""
    try:
        document = json.loads(_text(data, path))
    except ValueError:  # UnicodeDecodeError too
        return None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return None
    features = document.get("features")
    if not isinstance(features, list):
        return None
    first = features[0].get("properties") if features and isinstance(features[0], dict) else None
    if features and not (isinstance(first, dict) and {"LSOA11CD", "LSOA21CD"} & set(first)):
        return None
    return features


def _read_geojson(path: Path, data: bytes, features: list[Any], tables: Tables) -> FileRead:
    read = FileRead(str(path), "boundaries", hashlib.sha256(data).hexdigest())
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        properties = properties if isinstance(properties, dict) else {}
        try:
            # The vintage is the feature's own: LSOA21CD for 2021 boundaries, LSOA11CD for 2011.
            vintage = "2021" if "LSOA21CD" in properties else "2011" if "LSOA11CD" in properties else ""
            if not vintage:
                raise RowError("the feature has no LSOA11CD or LSOA21CD property")
            column = f"LSOA{vintage[2:]}CD"
            code = _lsoa(str(properties[column] or ""), column)
            try:
                shape = geo.shape(feature.get("geometry"))
            except geo.GeometryError as error:
                raise RowError(f"geometry: {error}") from None
            if (code, vintage) in tables.boundaries:
                raise RowError(f"{column} repeats a boundary already read")
        except RowError as error:
            read.rejected.append((number, str(error), [json.dumps(properties, sort_keys=True)]))
            continue
        name, lad = str(properties.get(f"LSOA{vintage[2:]}NM") or ""), str(properties.get("LADCD_ACTIVE") or "")
        tables.boundaries[(code, vintage)] = Boundary(code, vintage, name, lad, feature["geometry"], shape)
        read.accepted += 1
    return read


def _files_under(folders: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for given in folders:
        folder = Path(given)
        if folder.is_file():
            found.append(folder)
        elif folder.is_dir():
            found.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
        else:
            raise ReferenceDataError(f"{folder}: no such folder")
    return found


def read_files(
    folders: Iterable[str | Path], progress: Progress | None = None
) -> tuple[Tables, list[FileRead], list[dict[str, str]]]:
    """Read every reference file under ``folders``: the tables, one FileRead per file, and the files passed over.

    The CSVs are told apart by their header first, so a missing folder, a missing CSV kind or a kind
    found twice raises ReferenceDataError before any file is read in full.
    """
    skipped: list[dict[str, str]] = []
    csvs: list[tuple[Path, CsvKind, At]] = []
    geojsons: list[Path] = []
    for path in _files_under(folders):
        name = path.name.lower()
        if name.endswith((".geojson", ".json")):
            geojsons.append(path)
            continue
        if not name.endswith((".csv", ".csv.gz")):
            skipped.append({"file": str(path), "reason": "not a .csv, .csv.gz or .geojson file"})
            continue
        try:
            recognised = _csv_kind(path)
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            skipped.append({"file": str(path), "reason": f"not readable ({error})"})
            continue
        if recognised is None:
            skipped.append({"file": str(path), "reason": "not one of the reference files read here (by its header)"})
        else:
            csvs.append((path, *recognised))
    found: dict[str, list[str]] = {}
    for path, kind, _ in csvs:
        found.setdefault(kind.kind, []).append(str(path))
    twice = [f"{KIND_LABELS[k]}: {', '.join(paths)}" for k, paths in found.items() if len(paths) > 1]
    if twice:
        raise ReferenceDataError(f"a reference file was found more than once ({'; '.join(twice)}); give each once")
    missing = [k.label for k in CSV_KINDS if k.kind not in found]
    if missing:
        raise ReferenceDataError(f"missing reference file(s): {'; '.join(missing)} (files are found by their header)")

    tables, reads = Tables(), []
    for path, kind, at in csvs:
        try:
            reads.append(_read_csv(path, kind, at, tables))
        except (UnicodeDecodeError, EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise ReferenceDataError(f"{path}: not readable as UTF-8 text ({error})") from None
        if progress:
            progress(_read_message(reads[-1]))
    for path in geojsons:
        data = path.read_bytes()
        features = _geojson(path, data)
        if features is None:
            skipped.append({"file": str(path), "reason": "not a GeoJSON FeatureCollection of LSOA boundaries"})
            continue
        reads.append(_read_geojson(path, data, features, tables))
        if progress:
            progress(_read_message(reads[-1]))
    return tables, reads, skipped


def _read_message(read: FileRead) -> str:
    return f"read {read.path}: {KIND_LABELS[read.kind]}, {read.accepted} accepted, {len(read.rejected)} rejected"
