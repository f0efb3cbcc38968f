"""A dataset's column mapping, and reading a file's rows with it into clean rows or rejections.

Every row of the file is either accepted as one clean row (the stored columns, see ``store.COLUMNS``)
or rejected with its line and every reason it could not be read. Nothing here touches the database
or the store.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from django.utils.translation import gettext as _

from saferhub.partnerdata.reader import Table

# Values that read as "no value" in a code or coordinate column.
BLANK = {"", "n/a", "na", "null", "none", "-"}
LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
LAD_CODE = re.compile(r"^(E0[6-9]|W06)\d{6}$")
WHOLE_NUMBER = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.0+)?$")
ISO_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
# England and Wales with a margin: a swapped latitude and longitude falls outside.
LATITUDES = (49.8, 56.0)
LONGITUDES = (-6.5, 1.9)
MAX_COUNT = 2_147_483_647  # INTEGER
MAX_CATEGORY = 200

FORMAT_EXAMPLES = {"iso": "YYYY-MM-DD", "dmy": "dd/mm/yyyy", "month": "YYYY-MM"}


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds what. Column names are as the header gives them; "" means not in the file."""

    date_column: str
    date_format: str  # "iso", "dmy" or "month"
    category_column: str = ""
    fixed_category: str = ""  # used when there is no category column
    lsoa_column: str = ""
    lad_column: str = ""
    latitude_column: str = ""
    longitude_column: str = ""
    count_column: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def columns(self) -> dict[str, str]:
        """The mapping's fields that name a column, with the column they name."""
        return {
            name: getattr(self, name) for name in self.field_names() if name.endswith("_column") and getattr(self, name)
        }

    def problems(self, header: list[str]) -> dict[str, str]:
        """What is wrong with the mapping for a file with this header, by field; empty when nothing is."""
        found: dict[str, str] = {}
        known = {name.casefold() for name in header}
        if not self.date_column:
            found["date_column"] = _("Select the column that holds the date")
        if self.date_format not in FORMAT_EXAMPLES:
            found["date_format"] = _("Select the format of the dates")
        if not self.category_column and not self.fixed_category.strip():
            found["category_column"] = _("Select the column that holds the category, or type a category for every row")
        if len(self.fixed_category.strip()) > MAX_CATEGORY:
            found["fixed_category"] = _("The category must be %(n)s characters or fewer") % {"n": MAX_CATEGORY}
        used: dict[str, str] = {}
        for name, column in self.columns().items():
            if column.casefold() not in known:
                found[name] = _("The file has no column “%(column)s”") % {"column": column}
            elif column.casefold() in used:
                found[name] = _("“%(column)s” is already chosen for another field: choose each column once") % {
                    "column": column
                }
            used[column.casefold()] = name
        if bool(self.latitude_column) != bool(self.longitude_column):
            missing = "longitude_column" if self.latitude_column else "latitude_column"
            found.setdefault(missing, _("Select both the latitude and the longitude column, or neither"))
        return found

    def kept_for(self, header: list[str]) -> dict[str, str]:
        """The mapping's values that still fit a file with this header (columns it has), for a new mapping."""
        known = {name.casefold(): name for name in header}
        kept: dict[str, str] = {}
        for name in self.field_names():
            value = getattr(self, name)
            if name.endswith("_column"):
                if value and value.casefold() in known:
                    kept[name] = known[value.casefold()]
            elif value:
                kept[name] = value
        if "date_column" not in kept:
            kept.pop("date_format", None)
        return kept


@dataclass
class Rejected:
    line: int
    # (mapping field, why), one for each value of the row that could not be read
    reasons: list[tuple[str, str]]
    fields: list[str]

    @property
    def reason(self) -> str:
        return "; ".join(why for _, why in self.reasons)


@dataclass
class Parsed:
    """Clean rows in the stored column order (``store.COLUMNS``), and the rejected rows."""

    rows: list[list[Any]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def months(self) -> list[str]:
        return sorted({row[0] for row in self.rows})

    def rejections_by_field(self) -> dict[str, list[tuple[int, str]]]:
        """For each mapping field, the (line, reason) of every row it rejected, in line order."""
        grouped: dict[str, list[tuple[int, str]]] = {}
        for row in self.rejected:
            for name, why in row.reasons:
                grouped.setdefault(name, []).append((row.line, why))
        return grouped


class _Bad(ValueError):
    pass


def _date(value: str, date_format: str, today: datetime.date) -> tuple[str, datetime.date | None]:
    """(month, date) of a date value in the given format."""
    pattern = {"iso": ISO_DATE, "dmy": DMY_DATE, "month": MONTH}[date_format]
    match = pattern.match(value)
    if match is None:
        raise _Bad(
            _("date “%(value)s” is not a date as %(format)s") % {"value": value, "format": FORMAT_EXAMPLES[date_format]}
        )
    numbers = [int(part) for part in match.groups()]
    try:
        if date_format == "month":
            year, month = numbers
            day = datetime.date(year, month, 1)
            found: datetime.date | None = None
        else:
            year, month, dom = numbers if date_format == "iso" else numbers[::-1]
            day = found = datetime.date(year, month, dom)
    except ValueError:
        raise _Bad(_("date “%(value)s” is not a real date") % {"value": value}) from None
    if day.year < 1900:
        raise _Bad(_("date “%(value)s” is before 1900") % {"value": value})
    if day > today:
        raise _Bad(_("date “%(value)s” is in the future") % {"value": value})
    return f"{day.year:04d}-{day.month:02d}", found


def _count(value: str) -> int:
    if not value:
        raise _Bad(_("count is blank"))
    if not WHOLE_NUMBER.match(value):
        raise _Bad(_("count “%(value)s” is not a whole number of 0 or more") % {"value": value})
    number = int(value.split(".")[0].replace(",", ""))
    if number > MAX_COUNT:
        raise _Bad(_("count “%(value)s” is too large") % {"value": value})
    return number


def _code(value: str, pattern: re.Pattern[str], what: str) -> str | None:
    if value.casefold() in BLANK:
        return None
    code = value.upper()
    if not pattern.match(code):
        raise _Bad(_("%(what)s “%(value)s” is not one") % {"what": what, "value": value})
    return code


def _coordinate(value: str, name: str, limits: tuple[float, float]) -> float | None:
    if value.casefold() in BLANK:
        return None
    try:
        number = float(value)
    except ValueError:
        raise _Bad(_("%(name)s “%(value)s” is not a number") % {"name": name, "value": value}) from None
    if not math.isfinite(number) or not limits[0] <= number <= limits[1]:
        raise _Bad(
            _(
                "%(name)s %(value)s is not in England or Wales (%(low)s to %(high)s): "
                "are latitude and longitude swapped?"
            )
            % {"name": name, "value": value, "low": limits[0], "high": limits[1]}
        )
    return number


def parse(table: Table, mapping: ColumnMapping, *, today: datetime.date) -> Parsed:
    """Every row of the table, read with the mapping: accepted as a clean row, or rejected with its reasons."""
    position = {name.casefold(): i for i, name in enumerate(table.header)}
    places = {
        name: position[column.casefold()] if (column := getattr(mapping, name)) else None
        for name in mapping.field_names()
        if name.endswith("_column")
    }
    readers: dict[str, Callable[[str], Any]] = {
        "date_column": lambda v: _date(v, mapping.date_format, today) if v else _blank("date"),
        "category_column": _category,
        "lsoa_column": lambda v: _code(v, LSOA_CODE, _("LSOA code")),
        "lad_column": lambda v: _code(v, LAD_CODE, _("local authority code")),
        "latitude_column": lambda v: _coordinate(v, _("latitude"), LATITUDES),
        "longitude_column": lambda v: _coordinate(v, _("longitude"), LONGITUDES),
        "count_column": _count,
    }
    defaults = {"category_column": mapping.fixed_category.strip(), "count_column": 1}
    parsed = Parsed()
    width = len(table.header)
    for row in table.rows:
        if len(row.fields) != width:
            why = _("expected %(n)s fields, found %(m)s") % {"n": width, "m": len(row.fields)}
            parsed.rejected.append(Rejected(row.line, [("row", why)], row.fields))
            continue
        read: dict[str, Any] = {}
        reasons: list[tuple[str, str]] = []
        for name, convert in readers.items():
            place = places[name]
            if place is None:
                read[name] = defaults.get(name)
                continue
            try:
                read[name] = convert(row.fields[place].strip())
            except _Bad as error:
                reasons.append((name, str(error)))
        if not reasons and (read["latitude_column"] is None) != (read["longitude_column"] is None):
            reasons.append(("latitude_column", _("latitude and longitude must both be given or both be blank")))
        if reasons:
            parsed.rejected.append(Rejected(row.line, reasons, row.fields))
            continue
        month, date = read["date_column"]
        parsed.rows.append(
            [
                month,
                date,
                read["category_column"],
                read["lsoa_column"],
                read["lad_column"],
                read["latitude_column"],
                read["longitude_column"],
                read["count_column"],
            ]
        )
    return parsed


def _blank(what: str) -> Any:
    raise _Bad(_("%(what)s is blank") % {"what": what})


def _category(value: str) -> str:
    if not value:
        raise _Bad(_("category is blank"))
    if len(value) > MAX_CATEGORY:
        raise _Bad(_("category is longer than %(n)s characters") % {"n": MAX_CATEGORY})
    return " ".join(value.split())


# Guessing a first mapping --------------------------------------------------------------------------

_HINTS: dict[str, tuple[str, ...]] = {
    "date_column": ("date", "month", "period", "day", "when"),
    "category_column": ("category", "type", "classification", "class", "offence", "kind", "reason"),
    "lsoa_column": ("lsoa",),
    "lad_column": ("lad", "local authority", "district code", "la code", "authority code"),
    "latitude_column": ("latitude", "lat"),
    "longitude_column": ("longitude", "long", "lon", "lng"),
    "count_column": ("count", "number", "total", "incidents", "admissions", "reports", "value"),
}


def _looks(values: list[str], test: Callable[[str], object]) -> bool:
    filled = [v.strip() for v in values if v.strip()]
    return bool(filled) and sum(1 for v in filled if test(v)) >= 0.8 * len(filled)


def guess(table: Table) -> dict[str, str]:
    """A first mapping for a file no mapping was made for, from its column names and first rows."""
    sample = table.rows[:50]
    columns = {name: [r.fields[i] for r in sample if i < len(r.fields)] for i, name in enumerate(table.header)}

    def words(name: str) -> str:
        return " " + re.sub(r"[^a-z0-9]+", " ", name.casefold()).strip() + " "

    tests: dict[str, Callable[[list[str]], bool]] = {
        "date_column": lambda v: any(_looks(v, p.match) for p in (ISO_DATE, DMY_DATE, MONTH)),
        "lsoa_column": lambda v: _looks(v, lambda x: bool(LSOA_CODE.match(x.upper()))),
        "lad_column": lambda v: _looks(v, lambda x: bool(LAD_CODE.match(x.upper()))),
        "latitude_column": lambda v: _looks(v, lambda x: _is_between(x, LATITUDES)),
        "longitude_column": lambda v: _looks(v, lambda x: _is_between(x, LONGITUDES)),
        "count_column": lambda v: _looks(v, lambda x: bool(WHOLE_NUMBER.match(x))),
        "category_column": lambda v: _looks(v, lambda x: not x.replace(",", "").replace(".", "").isdigit()),
    }
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for name, hints in _HINTS.items():
        for column, values in columns.items():
            if column in taken or not any(f" {hint} " in words(column) for hint in hints):
                continue
            if tests[name](values):
                chosen[name] = column
                taken.add(column)
                break
    if "date_column" in chosen:
        values = columns[chosen["date_column"]]
        for date_format, pattern in (("iso", ISO_DATE), ("dmy", DMY_DATE), ("month", MONTH)):
            if _looks(values, pattern.match):
                chosen["date_format"] = date_format
                break
    return chosen


def _is_between(value: str, limits: tuple[float, float]) -> bool:
    try:
        return limits[0] <= float(value) <= limits[1]
    except ValueError:
        return False
