"""Reading rows with a column mapping: every row accepted or rejected with its line and reasons."""

from __future__ import annotations

import datetime

import pytest

from saferhub.partnerdata.mapping import ColumnMapping, guess, parse
from saferhub.partnerdata.reader import read_table

TODAY = datetime.date(2025, 6, 30)


def _parse(text: str, **mapping):
    return parse(read_table(text.encode("utf-8")), ColumnMapping(**mapping), today=TODAY)


@pytest.mark.parametrize(
    ("date_format", "value", "month", "date"),
    [
        ("iso", "2024-03-07", "2024-03", datetime.date(2024, 3, 7)),
        ("iso", "2024-03-07T22:15:00", "2024-03", datetime.date(2024, 3, 7)),
        ("dmy", "07/03/2024", "2024-03", datetime.date(2024, 3, 7)),
        ("dmy", "7/3/2024 22:15", "2024-03", datetime.date(2024, 3, 7)),
        ("month", "2024-03", "2024-03", None),
    ],
)
def test_each_date_format_gives_the_month_and_date(date_format, value, month, date):
    parsed = _parse(f"When,Type\n{value},Fire\n", date_column="When", date_format=date_format, category_column="Type")
    assert parsed.rows == [[month, date, "Fire", None, None, None, None, 1]]


def test_a_rejected_row_has_its_line_and_every_reason():
    parsed = _parse(
        "When,Type,LSOA,Count\n"
        "05/01/2024,Fire,E01021347,1\n"
        "2024-01-05,Fire,E01021347,1\n"  # line 3: wrong format
        "31/02/2024,,E01021347,x\n"  # line 4: not a real date, blank type, bad count
        "01/01/2031,Fire,Braintree 013A,1\n"  # line 5: future, not an LSOA code
        "06/01/2024,Fire\n",  # line 6: too few fields
        date_column="When",
        date_format="dmy",
        category_column="Type",
        lsoa_column="LSOA",
        count_column="Count",
    )
    assert len(parsed.rows) == 1
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (3, "date “2024-01-05” is not a date as dd/mm/yyyy"),
        (4, "date “31/02/2024” is not a real date; category is blank; count “x” is not a whole number of 0 or more"),
        (5, "date “01/01/2031” is in the future; LSOA code “Braintree 013A” is not one"),
        (6, "expected 4 fields, found 2"),
    ]
    assert [line for line, _ in parsed.rejections_by_field()["date_column"]] == [3, 4, 5]


def test_counts_take_thousands_separators_and_codes_are_upper_cased():
    parsed = _parse(
        'Month,LAD,Admissions\n2024-01,e07000067,"1,204"\n2024-02,E07000067,12.0\n',
        date_column="Month",
        date_format="month",
        fixed_category="Hospital admissions for assault",
        lad_column="LAD",
        count_column="Admissions",
    )
    assert [(r[0], r[2], r[4], r[7]) for r in parsed.rows] == [
        ("2024-01", "Hospital admissions for assault", "E07000067", 1204),
        ("2024-02", "Hospital admissions for assault", "E07000067", 12),
    ]


def test_coordinates_come_in_pairs_inside_england_and_wales():
    parsed = _parse(
        "Date,Type,Lat,Lon\n"
        "2024-01-05,Fire,51.878,0.552\n"
        "2024-01-05,Fire,0.552,51.878\n"  # swapped
        "2024-01-05,Fire,51.878,\n"
        "2024-01-05,Fire,,\n",
        date_column="Date",
        date_format="iso",
        category_column="Type",
        latitude_column="Lat",
        longitude_column="Lon",
    )
    assert [r[5:7] for r in parsed.rows] == [[51.878, 0.552], [None, None]]
    assert [r.line for r in parsed.rejected] == [3, 4]
    assert "swapped" in parsed.rejected[0].reason
    assert parsed.rejected[1].reason == "latitude and longitude must both be given or both be blank"


def test_a_mapping_names_what_does_not_fit_the_file():
    mapping = ColumnMapping(date_column="Date", date_format="iso", category_column="Date", latitude_column="Lat")
    assert mapping.problems(["Date", "Type"]) == {
        "category_column": "“Date” is already chosen for another field: choose each column once",
        "latitude_column": "The file has no column “Lat”",
        "longitude_column": "Select both the latitude and the longitude column, or neither",
    }
    assert ColumnMapping(date_column="", date_format="").problems(["Date"]) == {
        "date_column": "Select the column that holds the date",
        "date_format": "Select the format of the dates",
        "category_column": "Select the column that holds the category, or type a category for every row",
    }


def test_what_still_fits_a_new_header_is_kept():
    mapping = ColumnMapping(
        date_column="Date of Call", date_format="dmy", category_column="Incident Type", count_column="Incidents"
    )
    assert mapping.kept_for(["date of call", "Type", "Incidents"]) == {
        "date_column": "date of call",
        "date_format": "dmy",
        "count_column": "Incidents",
    }


def test_a_first_mapping_is_guessed_from_names_and_values():
    table = read_table(
        b"Incident Number,Date of Call,Incident Type,LSOA Code,Latitude,Longitude,Incidents\n"
        b"ECFRS/24/1,05/01/2024,Deliberate fire,E01021347,51.87,0.55,2\n"
    )
    assert guess(table) == {
        "date_column": "Date of Call",
        "date_format": "dmy",
        "category_column": "Incident Type",
        "lsoa_column": "LSOA Code",
        "latitude_column": "Latitude",
        "longitude_column": "Longitude",
        "count_column": "Incidents",
    }
