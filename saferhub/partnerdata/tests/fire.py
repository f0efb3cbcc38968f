"""Realistic partner files for the tests: the fire service's deliberate fires, by real Essex LSOAs.

The LSOA codes and their local authorities come from the ONS mid-2022 population file in
../shared/data/lsoa-population (see its SOURCES.md); the incidents themselves are made up, from a
fixed seed, so every test knows exactly what it uploaded.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from django.conf import settings

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
POPULATION = SHARED_DATA / "lsoa-population" / "population_estimates_mid_2022_for_LSOA_2021.csv"

BRAINTREE, CASTLE_POINT, ROCHFORD = "E07000067", "E07000069", "E07000075"
FIRE_TYPES = [
    "Deliberate primary fire - dwelling",
    "Deliberate primary fire - vehicle",
    "Deliberate secondary fire - loose refuse",
    "Deliberate secondary fire - grassland",
]
HEADER = ["Incident Number", "Date of Call", "Incident Type", "LSOA Code", "District", "Incidents"]


def essex_lsoas() -> dict[str, list[str]]:
    """The LSOA 2021 codes of Braintree, Castle Point and Rochford, by local authority code."""
    if not POPULATION.is_file():
        pytest.skip(f"the ONS LSOA population file is not at {POPULATION}")
    found: dict[str, list[str]] = {BRAINTREE: [], CASTLE_POINT: [], ROCHFORD: []}
    with POPULATION.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            if row["LAD 2021 Code"] in found:
                found[row["LAD 2021 Code"]].append(row["LSOA 2021 Code"])
    return found


@dataclass(frozen=True)
class Fire:
    number: str
    day: datetime.date
    kind: str
    lsoa: str
    lad: str
    incidents: int

    @property
    def month(self) -> str:
        return f"{self.day:%Y-%m}"


def fires(months: list[str], *, per_month: int = 40, seed: int = 5) -> list[Fire]:
    """Deliberate fires in Braintree and Castle Point: ``per_month`` a month, some rows counting several."""
    lsoas = essex_lsoas()
    chooser = random.Random(seed)
    made = []
    for month in months:
        year, number = map(int, month.split("-"))
        for i in range(per_month):
            lad = chooser.choice([BRAINTREE, BRAINTREE, CASTLE_POINT])
            made.append(
                Fire(
                    number=f"ECFRS/{year % 100}/{number:02d}{i:04d}",
                    day=datetime.date(year, number, chooser.randint(1, 28)),
                    kind=chooser.choice(FIRE_TYPES),
                    lsoa=chooser.choice(lsoas[lad]),
                    lad=lad,
                    incidents=chooser.choice([1, 1, 1, 2, 3]),
                )
            )
    return made


DISTRICTS = {BRAINTREE: "Braintree", CASTLE_POINT: "Castle Point", ROCHFORD: "Rochford"}


def fire_csv(rows: list[Fire], *, bom: bool = True, crlf: bool = True, header: list[str] | None = None) -> bytes:
    """The rows as the fire service exports them: dd/mm/yyyy dates, a BOM and CRLF (both optional)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    names = header or HEADER
    writer.writerow(names)
    for fire in rows:
        values = {
            "Incident Number": fire.number,
            "Date of Call": f"{fire.day:%d/%m/%Y}",
            "Incident Type": fire.kind,
            "LSOA Code": fire.lsoa,
            "District": DISTRICTS[fire.lad],
            "Incidents": f"{fire.incidents:,}",
        }
        writer.writerow([values.get(name, "") for name in names])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def expected(rows: list[Fire], months: list[str], lads: set[str] | None = None) -> dict:
    """The summary these rows should give, counted here straight from them."""
    counts: Counter[tuple[str, str]] = Counter()
    for fire in rows:
        if lads is None or fire.lad in lads:
            counts[(fire.kind, fire.month)] += fire.incidents
    kinds = sorted({kind for kind, _ in counts})
    table = {kind: [counts[(kind, m)] for m in months] for kind in kinds}
    return {"months": months, "counts": table, "total": [sum(t[i] for t in table.values()) for i in range(len(months))]}


FIRE_MAPPING = {
    "date_column": "Date of Call",
    "date_format": "dmy",
    "category_column": "Incident Type",
    "lsoa_column": "LSOA Code",
    "count_column": "Incidents",
}


def write_lsoa_reference() -> None:
    """The ``lsoa`` reference table (LSOA code to local authority), from the population file, where the
    crime store looks for it: enough for attributing rows by LSOA."""
    from saferhub.crimedata import store

    if not POPULATION.is_file():
        pytest.skip(f"the ONS LSOA population file is not at {POPULATION}")
    target = store.reference_file("lsoa")
    target.parent.mkdir(parents=True, exist_ok=True)
    given = {
        "lsoa_code": '"LSOA 2021 Code"',
        "lsoa_name": '"LSOA 2021 Name"',
        "lad_code": '"LAD 2021 Code"',
        "lad_name": '"LAD 2021 Name"',
        "vintage": "'2021'",
    }
    columns = ", ".join(
        f"CAST({given.get(name, 'NULL')} AS {sql}) AS {name}" for name, sql in store.REFERENCE_COLUMNS["lsoa"]
    )
    path = str(POPULATION).replace("'", "''")
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT {columns} FROM read_csv('{path}', header = true, all_varchar = true)) "
            f"TO '{str(target).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)"
        )
