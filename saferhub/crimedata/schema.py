"""The clean, typed column set stored for each kind of police.uk file.

Header names are normalised to lower snake case (``Crime ID`` and ``crime_id`` are the same
column), so the repo-edited snake_case files read exactly like the originals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Location codes that mean "no location": kept as a row, stored with a null location.
NO_LOCATION = {"no location"}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    # The header must have it (otherwise the file is refused) and every row must fill it.
    required: bool = False
    # The header may lack it (older or newer files); stored as null then.
    optional_in_header: bool = False


_LOCATED = [
    Column("reported_by", "VARCHAR", required=True),
    Column("falls_within", "VARCHAR"),
    Column("longitude", "DOUBLE"),
    Column("latitude", "DOUBLE"),
    Column("location", "VARCHAR"),
    # As given: a 2011 or a 2021 LSOA; the vintage is resolved by the reference-data step.
    Column("lsoa_code", "VARCHAR"),
    Column("lsoa_name", "VARCHAR"),
]

COLUMNS: dict[str, list[Column]] = {
    "street": [
        Column("crime_id", "VARCHAR"),  # blank for anti-social behaviour
        Column("month", "VARCHAR", required=True),
        *_LOCATED,
        Column("crime_type", "VARCHAR", required=True),
        Column("last_outcome_category", "VARCHAR"),
        Column("context", "VARCHAR", optional_in_header=True),
    ],
    "outcomes": [
        Column("crime_id", "VARCHAR", required=True),
        Column("month", "VARCHAR", required=True),
        *_LOCATED,
        Column("outcome_type", "VARCHAR", required=True),
    ],
    "stop_and_search": [
        Column("type", "VARCHAR", required=True),
        # The file's Date, in UTC; ``month`` is its YYYY-MM as written in the file.
        Column("date", "TIMESTAMP", required=True),
        Column("month", "VARCHAR"),
        Column("part_of_a_policing_operation", "BOOLEAN", optional_in_header=True),
        Column("policing_operation", "VARCHAR", optional_in_header=True),
        Column("latitude", "DOUBLE"),
        Column("longitude", "DOUBLE"),
        Column("gender", "VARCHAR", optional_in_header=True),
        Column("age_range", "VARCHAR", optional_in_header=True),
        Column("self_defined_ethnicity", "VARCHAR", optional_in_header=True),
        Column("officer_defined_ethnicity", "VARCHAR", optional_in_header=True),
        Column("legislation", "VARCHAR", optional_in_header=True),
        Column("object_of_search", "VARCHAR", optional_in_header=True),
        Column("outcome", "VARCHAR", optional_in_header=True),
        Column("outcome_linked_to_object_of_search", "BOOLEAN", optional_in_header=True),
        Column("removal_of_more_than_just_outer_clothing", "BOOLEAN", optional_in_header=True),
    ],
}

# ``month`` of stop-and-search rows is derived from the date, not a column of the file.
DERIVED = {"stop_and_search": {"month"}}


def normalise_header(name: str) -> str:
    """``"LSOA code"``, ``"lsoa_code"`` and ``" Lsoa-Code "`` all become ``lsoa_code``."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
