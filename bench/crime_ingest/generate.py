"""Synthetic police.uk street-level crime at national scale, in the police.uk download layout.

Run on its own:  .venv/bin/python bench/crime_ingest/generate.py FOLDER [--months 12 --rows 500000 ...]

``FOLDER/YYYY-MM/YYYY-MM-<force>-street.csv`` for each month and each of the 43 territorial forces
of England and Wales (real names and police.uk slugs; rows shared out roughly by each force's
size), over synthetic LSOAs (``E01xxxxxx``) grouped into synthetic local authorities
(``E07xxxxxx``), each force holding a block of them. As police.uk writes them: CRLF line endings,
no byte-order mark, realistic crime types and outcome categories, blank Crime ID and outcome on
anti-social behaviour rows, about 3% "No Location" rows (no coordinates, no LSOA). As found in the
wild: one file in twenty with a snake_case header, and a few bad rows (each kind the importer
must reject) in a few files. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# The 43 territorial forces: police.uk slug, "Reported by" name, and a rough share of recorded crime.
FORCES = [
    ("avon-and-somerset", "Avon and Somerset Constabulary", 28),
    ("bedfordshire", "Bedfordshire Police", 11),
    ("cambridgeshire", "Cambridgeshire Constabulary", 14),
    ("cheshire", "Cheshire Constabulary", 19),
    ("city-of-london", "City of London Police", 1),
    ("cleveland", "Cleveland Police", 13),
    ("cumbria", "Cumbria Constabulary", 6),
    ("derbyshire", "Derbyshire Constabulary", 15),
    ("devon-and-cornwall", "Devon & Cornwall Police", 22),
    ("dorset", "Dorset Police", 9),
    ("durham", "Durham Constabulary", 10),
    ("dyfed-powys", "Dyfed-Powys Police", 5),
    ("essex", "Essex Police", 30),
    ("gloucestershire", "Gloucestershire Constabulary", 8),
    ("greater-manchester", "Greater Manchester Police", 60),
    ("gwent", "Gwent Police", 9),
    ("hampshire", "Hampshire Constabulary", 30),
    ("hertfordshire", "Hertfordshire Constabulary", 15),
    ("humberside", "Humberside Police", 17),
    ("kent", "Kent Police", 33),
    ("lancashire", "Lancashire Constabulary", 25),
    ("leicestershire", "Leicestershire Police", 15),
    ("lincolnshire", "Lincolnshire Police", 9),
    ("merseyside", "Merseyside Police", 24),
    ("metropolitan", "Metropolitan Police Service", 160),
    ("norfolk", "Norfolk Constabulary", 11),
    ("north-wales", "North Wales Police", 10),
    ("north-yorkshire", "North Yorkshire Police", 9),
    ("northamptonshire", "Northamptonshire Police", 11),
    ("northumbria", "Northumbria Police", 27),
    ("nottinghamshire", "Nottinghamshire Police", 18),
    ("south-wales", "South Wales Police", 22),
    ("south-yorkshire", "South Yorkshire Police", 27),
    ("staffordshire", "Staffordshire Police", 16),
    ("suffolk", "Suffolk Constabulary", 9),
    ("surrey", "Surrey Police", 13),
    ("sussex", "Sussex Police", 24),
    ("thames-valley", "Thames Valley Police", 35),
    ("warwickshire", "Warwickshire Police", 7),
    ("west-mercia", "West Mercia Police", 18),
    ("west-midlands", "West Midlands Police", 55),
    ("west-yorkshire", "West Yorkshire Police", 55),
    ("wiltshire", "Wiltshire Police", 9),
]

# police.uk's categories, weighted roughly as in a year of national data.
CRIME_TYPES = [
    ("Violence and sexual offences", 340),
    ("Anti-social behaviour", 170),
    ("Public order", 85),
    ("Criminal damage and arson", 80),
    ("Other theft", 65),
    ("Shoplifting", 65),
    ("Vehicle crime", 60),
    ("Burglary", 45),
    ("Drugs", 30),
    ("Other crime", 20),
    ("Theft from the person", 15),
    ("Robbery", 12),
    ("Bicycle theft", 10),
    ("Possession of weapons", 8),
]
OUTCOMES = [
    ("Investigation complete; no suspect identified", 40),
    ("Unable to prosecute suspect", 25),
    ("Under investigation", 12),
    ("Awaiting court outcome", 5),
    ("Status update unavailable", 4),
    ("Court result unavailable", 3),
    ("Local resolution", 3),
    ("Action to be taken by another organisation", 2),
    ("Further investigation is not in the public interest", 2),
    ("Offender given a caution", 2),
    ("Formal action is not in the public interest", 1),
    ("Suspect charged as part of another case", 1),
]
STREETS = [
    "High Street", "Church Road", "Station Road", "Main Street", "Park Road", "London Road", "Victoria Road",
    "Green Lane", "Manor Road", "Church Street", "Park Avenue", "The Avenue", "The Crescent", "Queens Road",
    "New Road", "Grange Road", "Kings Road", "Kingsway", "Windsor Road", "Highfield Road", "Mill Lane",
    "Alexandra Road", "York Road", "Springfield Road", "Market Place", "School Lane", "George Street",
    "North Street", "South Street", "West Street", "East Street", "Chapel Street", "Mill Road", "Bridge Street",
    "Supermarket", "Shopping Area", "Parking Area", "Petrol Station", "Sports/Recreation Area", "Nightclub",
    "Hospital", "Further/Higher Educational Building", "Police Station", "Theatre/Concert Hall", "Bus/Coach Station",
]  # fmt: skip
HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code", "LSOA name",
    "Crime type", "Last outcome category", "Context",
]  # fmt: skip
NO_LOCATION_SHARE = 0.03


@dataclass
class Geography:
    """Synthetic LSOAs and local authorities, each force holding a block of both."""

    lsoa_codes: list[str]
    lsoa_names: list[str]
    lsoa_lad: list[int]  # index into lad_codes
    centroids: list[tuple[float, float]]  # (longitude, latitude)
    lad_codes: list[str]
    lad_names: list[str]
    lad_force: list[int]  # index into FORCES
    force_lsoas: list[range]  # per force


def geography(lsoas: int, lads: int, forces: int = len(FORCES), seed: int = 2026) -> Geography:
    """``lsoas`` LSOAs in ``lads`` local authorities, shared out among the first ``forces`` forces by size."""
    chance = random.Random(f"{seed}-geography")
    chosen = FORCES[:forces]
    weight = sum(w for _, _, w in chosen)
    lad_counts = _share(lads, [w for _, _, w in chosen], minimum=1)
    lsoa_counts = _share(lsoas, lad_counts, minimum=1)
    lad_codes, lad_names, lad_force = [], [], []
    codes, names, lsoa_lad, centroids, force_lsoas = [], [], [], [], []
    for f, ((_, name, _), n_lads, n_lsoas) in enumerate(zip(chosen, lad_counts, lsoa_counts, strict=True)):
        first_lad, first_lsoa = len(lad_codes), len(codes)
        for k in range(n_lads):
            number = len(lad_codes)
            lad_codes.append(f"E07{900000 + number:06d}")
            lad_names.append(f"{_place(name)} District {k + 1}")
            lad_force.append(f)
        # Each force's LSOAs lie around its own point on the map, shared out among its districts.
        home = (chance.uniform(-4.5, 1.5), chance.uniform(50.3, 55.3))
        for k in range(n_lsoas):
            lad = first_lad + k * n_lads // n_lsoas
            codes.append(f"E01{len(codes) + 1:06d}")
            names.append(f"{lad_names[lad]} {k % 1000:03d}{'ABCDEFGH'[k % 8]}")
            lsoa_lad.append(lad)
            centroids.append((home[0] + chance.uniform(-0.4, 0.4), home[1] + chance.uniform(-0.3, 0.3)))
        force_lsoas.append(range(first_lsoa, len(codes)))
    assert weight > 0 and len(codes) == lsoas and len(lad_codes) == lads
    return Geography(codes, names, lsoa_lad, centroids, lad_codes, lad_names, lad_force, force_lsoas)


def _place(force: str) -> str:
    """ "West Mercia" of "West Mercia Police": the force's name without the kind of force."""
    for suffix in (" Police Service", " Constabulary", " Police"):
        force = force.removesuffix(suffix)
    return force


def _share(total: int, weights: list[int], minimum: int) -> list[int]:
    """``total`` shared out in proportion to ``weights``, each at least ``minimum``, summing to ``total``."""
    counts = [max(minimum, total * w // sum(weights)) for w in weights]
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    step = 0
    while sum(counts) != total:
        i = order[step % len(order)]
        if sum(counts) < total:
            counts[i] += 1
        elif counts[i] > minimum:
            counts[i] -= 1
        step += 1
    return counts


@dataclass
class Generated:
    files: list[Path] = field(default_factory=list)
    rows: int = 0
    bad_rows: int = 0
    bytes: int = 0


def months_from(first: str, count: int) -> list[str]:
    year, month = map(int, first.split("-"))
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def generate(
    folder: Path,
    *,
    months: int = 12,
    rows: int = 500_000,
    forces: int = len(FORCES),
    geo: Geography,
    first_month: str = "2024-01",
    seed: int = 2026,
) -> Generated:
    """Write the files (``rows`` a month over ``forces`` forces) and say how many rows and bad rows they hold."""
    chosen = FORCES[:forces]
    per_force = _share(rows, [w for _, _, w in chosen], minimum=1)
    crime_types = [name for name, _ in CRIME_TYPES]
    crime_weights = [w for _, w in CRIME_TYPES]
    outcomes = [name for name, _ in OUTCOMES]
    outcome_weights = [w for _, w in OUTCOMES]
    result = Generated()
    all_months = months_from(first_month, months)
    # A few bad rows, one kind each, in a few files chosen by the seed.
    chance = random.Random(f"{seed}-bad")
    pairs = [(m, f) for m in range(months) for f in range(len(chosen))]
    bad_files = dict(zip(chance.sample(pairs, min(len(pairs), len(BAD_ROWS))), BAD_ROWS, strict=False))
    for m, month in enumerate(all_months):
        (folder / month).mkdir(parents=True, exist_ok=True)
        for f, (slug, name, _) in enumerate(chosen):
            chance = random.Random(f"{seed}-{month}-{slug}")
            n = per_force[f]
            lsoas = geo.force_lsoas[f]
            types = chance.choices(crime_types, crime_weights, k=n)
            results = chance.choices(outcomes, outcome_weights, k=n)
            snake = (m * len(chosen) + f) % 20 == 7
            header = [h.lower().replace(" ", "_") for h in HEADER] if snake else HEADER
            lines = [",".join(header)]
            for i in range(n):
                crime_type = types[i]
                asb = crime_type == "Anti-social behaviour"
                crime_id = "" if asb else f"{chance.getrandbits(256):064x}"
                outcome = "" if asb else results[i]
                if chance.random() < NO_LOCATION_SHARE:
                    place = ",,No Location,,"
                else:
                    # Crime gathers in some places more than others: the first LSOAs of a block most.
                    lsoa = lsoas[int(len(lsoas) * chance.random() ** 1.6)]
                    longitude, latitude = geo.centroids[lsoa]
                    longitude += chance.uniform(-0.006, 0.006)
                    latitude += chance.uniform(-0.004, 0.004)
                    street = STREETS[(lsoa * 7 + int(chance.random() * 5)) % len(STREETS)]
                    place = (
                        f"{longitude:.6f},{latitude:.6f},On or near {street},"
                        f"{geo.lsoa_codes[lsoa]},{geo.lsoa_names[lsoa]}"
                    )
                lines.append(f"{crime_id},{month},{name},{name},{place},{crime_type},{outcome},")
            bad = bad_files.get((m, f))
            if bad is not None:
                line = chance.randrange(1, len(lines))
                lines.insert(line + 1, bad(lines[line]))
                result.bad_rows += 1
            path = folder / month / f"{month}-{slug}-street.csv"
            data = ("\r\n".join(lines) + "\r\n").encode()
            path.write_bytes(data)
            result.files.append(path)
            result.rows += len(lines) - 1
            result.bytes += len(data)
    return result


def _replace_field(line: str, index: int, value: str) -> str:
    fields = line.split(",")
    fields[index] = value
    return ",".join(fields)


# Each makes a bad row from a good one, as seen in real exports and hand-edited files.
BAD_ROWS = [
    lambda line: _replace_field(line, 1, "2019-13"),  # a month that is no month
    lambda line: _replace_field(line, 5, "north"),  # latitude not a number
    lambda line: ",".join(line.split(",")[:-2]),  # a field short
    lambda line: _replace_field(line, 9, ""),  # no crime type
    lambda line: line + ",",  # a field too many
    lambda line: _replace_field(_replace_field(line, 4, "0.1"), 5, "95.5"),  # latitude out of range
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--rows", type=int, default=500_000, help="rows a month, over all forces")
    parser.add_argument("--forces", type=int, default=len(FORCES))
    parser.add_argument("--lsoas", type=int, default=33_000)
    parser.add_argument("--lads", type=int, default=330)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    geo = geography(args.lsoas, args.lads, args.forces, args.seed)
    made = generate(args.folder, months=args.months, rows=args.rows, forces=args.forces, geo=geo, seed=args.seed)
    print(
        f"{len(made.files)} files, {made.rows:,} rows ({made.bad_rows} bad), {made.bytes / 1e6:,.0f} MB "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
