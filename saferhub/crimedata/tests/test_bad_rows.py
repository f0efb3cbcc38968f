"""Rows that fail validation are rejected, each with its file, line and reason, in a report."""

from __future__ import annotations

import csv

import pytest
from django.conf import settings

from saferhub.crimedata.importer import discover
from saferhub.crimedata.services import crime_file_import

pytestmark = pytest.mark.django_db

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)
GOOD = (
    "abc,2024-01,Essex Police,Essex Police,0.1,51.5,On or near High Street,E01021237,Basildon 001A,"
    "Burglary,Under investigation,"
)
LINES = [
    HEADER,  # line 1
    GOOD,  # 2
    GOOD.replace("2024-01", "2024-02"),  # 3: another month
    GOOD.replace("51.5", "north"),  # 4: latitude not a number
    GOOD.rsplit(",", 2)[0],  # 5: a field short
    ",2024-01,Essex Police,Essex Police,,,No Location,,,Anti-social behaviour,,",  # 6: good, ASB, no location
    GOOD.replace("51.5", "95.0"),  # 7: out of range
    GOOD.replace("0.1,", ",", 1),  # 8: latitude without longitude
    GOOD.replace("Burglary", ""),  # 9: no crime type
    GOOD.replace("2024-01", "Jan 2024"),  # 10: month not YYYY-MM
]


def test_bad_rows_are_reported_with_their_line_and_reason(tmp_path):
    path = tmp_path / "2024-01-essex-street.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(LINES) + "\r\n").encode())  # a BOM and CRLF, too
    (source,), errors = discover([path])
    record = crime_file_import(source=source)
    assert (record.rows_accepted, record.rows_rejected) == (2, 7)
    assert record.report_path.startswith(str(settings.DATA_DIR / "crime" / "reports"))
    with open(record.report_path, newline="", encoding="utf-8") as file:
        report = [(row["file"], row["line"], row["reason"]) for row in csv.DictReader(file)]
    assert report == [
        (str(path), "3", "month 2024-02 is not the file's month 2024-01"),
        (str(path), "4", "latitude 'north' is not a number"),
        (str(path), "5", "expected 12 fields, found 10"),
        (str(path), "7", "latitude 95.0 is out of range (-90 to 90)"),
        (str(path), "8", "longitude and latitude must both be given or both be blank"),
        (str(path), "9", "crime type is blank"),
        (str(path), "10", "month 'Jan 2024' is not YYYY-MM"),
    ]
    assert record.rows_accepted + record.rows_rejected == len(LINES) - 1  # nothing dropped silently


def test_a_file_every_row_of_which_is_good_has_no_report(tmp_path):
    path = tmp_path / "2024-01-essex-street.csv"
    path.write_text(HEADER + "\n" + GOOD + "\n", encoding="utf-8")
    (source,), _ = discover([path])
    record = crime_file_import(source=source)
    assert (record.rows_accepted, record.rows_rejected, record.report_path) == (1, 0, "")


def test_report_lines_count_quoted_newlines_and_blank_lines_and_rows_keep_their_fields(tmp_path):
    lines = [
        HEADER,  # 1
        GOOD.replace("On or near High Street", '"On or near\r\nHigh Street, Basildon"'),  # 2-3
        "",  # 4
        GOOD.replace("On or near High Street", '"On, or near ""the"" street"').replace("51.5", "north"),  # 5
        "",  # 6
        GOOD + ",",  # 7: one field too many, though empty
        GOOD,  # 8
    ]
    path = tmp_path / "2024-01-essex-street.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    (source,), _ = discover([path])
    record = crime_file_import(source=source)
    assert (record.rows_accepted, record.rows_rejected) == (2, 2)
    with open(record.report_path, newline="", encoding="utf-8") as file:
        report = list(csv.reader(file))
    assert report[1][:3] == [str(path), "5", "latitude 'north' is not a number"]
    assert report[1][3:][6] == 'On, or near "the" street'  # the row's fields as read
    assert report[2][:3] == [str(path), "7", "expected 12 fields, found 13"]
    assert report[2][3:] == GOOD.split(",") + [""]
