"""``reader.checked_file`` (DuckDB reads the file, SQL checks the rows) against ``importer.parse`` (Python's
csv module and checks, the reference): the same rows accepted, the same rows rejected on the same lines
for the same reasons, on the real files and on awkward ones."""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from saferhub.crimedata import importer, reader

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)
GOOD = "abc,2024-01,Essex Police,Essex Police,0.1,51.5,On or near High Street,E01021237,Basildon 001A,Burglary,,"
ASB = ",2024-01,Essex Police,Essex Police,,,No Location,,,Anti-social behaviour,,"


def _both(path: Path) -> tuple[reader.CheckedFile, list[tuple], importer.ParsedFile]:
    """The file read by checked_file (its accepted rows fetched) and by parse."""
    (source,), errors = importer.discover([path])
    assert not errors
    with reader.checked_file(source) as checked:
        rows = checked.connection.execute(f"SELECT * FROM {checked.relation}").fetchall()
    return checked, rows, importer.parse(source, path.read_bytes(), checked.sha256)


def _same(checked: reader.CheckedFile, rows: list[tuple], parsed: importer.ParsedFile) -> None:
    # The Python reader gives a stop and search's date as ISO text, DuckDB as a datetime.
    typed = [
        [datetime.fromisoformat(v) if k == "date" and v else v for k, v in zip(parsed.columns, row, strict=True)]
        for row in parsed.rows
    ]
    assert [list(row) for row in rows] == typed
    assert [(r.line, r.reason, r.raw) for r in checked.rejected] == [(r.line, r.reason, r.raw) for r in parsed.rejected]
    assert checked.duplicate_crime_ids == parsed.duplicate_crime_ids
    assert checked.accepted == len(parsed.rows)


def _write(tmp_path: Path, text: str, name: str = "2024-01-essex-street.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_every_real_police_uk_file_reads_the_same_with_duckdb(police_data):
    paths = sorted(p for p in police_data.glob("police-uk-*/*.csv"))
    assert len(paths) == 17
    for path in paths:
        checked, rows, parsed = _both(path)
        assert checked.reader == "duckdb", path
        assert checked.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        _same(checked, rows, parsed)


def test_line_numbers_count_lines_through_quoted_newlines_blank_lines_and_crlf(tmp_path):
    lines = [
        "\ufeff" + HEADER,  # 1
        GOOD.replace("On or near High Street", '"On or near\r\nHigh Street, Basildon"'),  # 2-3
        "",  # 4: blank
        GOOD.replace("Burglary", '"Bur""glary"'),  # 5
        GOOD.replace("51.5", "north"),  # 6: rejected
        GOOD.replace("On or near High Street", '"two\nlines"'),  # 7-8 (a bare LF inside quotes)
        "",  # 9
        "",  # 10
        GOOD.replace("2024-01", "2024-02"),  # 11: rejected
        ASB,  # 12
        GOOD.replace("Burglary", ""),  # 13: rejected
    ]
    checked, rows, parsed = _both(_write(tmp_path, "\r\n".join(lines) + "\r\n\r\n"))
    assert checked.reader == "duckdb"
    assert [(r.line, r.reason) for r in checked.rejected] == [
        (6, "latitude 'north' is not a number"),
        (11, "month 2024-02 is not the file's month 2024-01"),
        (13, "crime type is blank"),
    ]
    assert [row[6] for row in rows] == [
        "On or near\r\nHigh Street, Basildon",
        "On or near High Street",
        "two\nlines",
        None,
    ]
    assert rows[1][9] == 'Bur"glary'
    _same(checked, rows, parsed)


def test_wrong_field_counts_are_rejected_even_where_the_extra_fields_are_empty(tmp_path):
    lines = [
        HEADER,
        GOOD,  # 2
        GOOD + ",",  # 3: one empty field too many (DuckDB alone would drop it)
        GOOD + ",,",  # 4: two
        GOOD + ",x,y",  # 5
        GOOD.rsplit(",", 2)[0],  # 6: two short
        "   ",  # 7: only spaces
        '""',  # 8: one empty quoted field
        GOOD,  # 9
        GOOD + ",x",  # 10: one field too many
    ]
    checked, rows, parsed = _both(_write(tmp_path, "\n".join(lines)))
    assert checked.reader == "duckdb"
    assert [(r.line, r.reason) for r in checked.rejected] == [
        (3, "expected 12 fields, found 13"),
        (4, "expected 12 fields, found 14"),
        (5, "expected 12 fields, found 14"),
        (6, "expected 12 fields, found 10"),
        (7, "expected 12 fields, found 1"),
        (8, "expected 12 fields, found 1"),
        (10, "expected 12 fields, found 13"),
    ]
    assert checked.rejected[1].raw == GOOD.split(",") + ["", ""]
    assert len(rows) == 2
    _same(checked, rows, parsed)


def test_fields_are_stripped_of_any_whitespace_python_strips(tmp_path):
    lines = [
        HEADER,
        GOOD.replace("Essex Police,Essex", " Essex Police\t,\u00a0Essex").replace("Burglary", "Burglary\u3000"),
        GOOD.replace("Burglary", " \t "),  # a blank crime type
        GOOD.replace("abc", '" abc "'),
    ]
    checked, rows, parsed = _both(_write(tmp_path, "\r\n".join(lines)))
    assert checked.reader == "duckdb"
    assert [(r.line, r.reason) for r in checked.rejected] == [(3, "crime type is blank")]
    assert [row[:4] for row in rows] == [
        ("abc", "2024-01", "Essex Police", "Essex Police"),
        ("abc", "2024-01", "Essex Police", "Essex Police"),
    ]
    assert rows[0][9] == "Burglary"
    _same(checked, rows, parsed)


def test_coordinates_are_checked_as_python_checks_them(tmp_path):
    values = [
        ("0.1", "51.5"),  # 2: good
        ("+-1", "51.5"),  # 3: DuckDB alone would read -1
        ("0.1", "nan"),  # 4
        ("0.1", "inf"),  # 5
        ("1e400", "51.5"),  # 6: infinite
        ("-180", "-90"),  # 7: good, at the limits
        ("180.0001", "0"),  # 8
        (".5", "5."),  # 9: good
        ("0x10", "1"),  # 10
        ("1_0", "2"),  # 11: Python reads 10
        ("", ""),  # 12: good, no location
        ("", "51.5"),  # 13
    ]
    lines = [HEADER] + [GOOD.replace("0.1,51.5", f"{lon},{lat}") for lon, lat in values]
    checked, rows, parsed = _both(_write(tmp_path, "\n".join(lines)))
    assert checked.reader == "duckdb"
    assert [(r.line, r.reason) for r in checked.rejected] == [
        (3, "longitude '+-1' is not a number"),
        (4, "latitude nan is out of range (-90 to 90)"),
        (5, "latitude inf is out of range (-90 to 90)"),
        (6, "longitude 1e400 is out of range (-180 to 180)"),
        (8, "longitude 180.0001 is out of range (-180 to 180)"),
        (10, "longitude '0x10' is not a number"),
        (13, "longitude and latitude must both be given or both be blank"),
    ]
    assert [(row[4], row[5]) for row in rows] == [(0.1, 51.5), (-180.0, -90.0), (0.5, 5.0), (10.0, 2.0), (None, None)]
    _same(checked, rows, parsed)


def test_no_location_in_any_case_is_a_null_location_and_nothing_else_is(tmp_path):
    places = ["No Location", "NO LOCATION", "no location", "No location ", "No Locati\u0130n", "No Locations"]
    lines = [HEADER] + [ASB.replace("No Location", place) for place in places]
    checked, rows, parsed = _both(_write(tmp_path, "\r\n".join(lines)))
    assert checked.reader == "duckdb"
    assert [row[6] for row in rows] == [None, None, None, None, "No Locati\u0130n", "No Locations"]
    _same(checked, rows, parsed)


def test_a_file_duckdb_reads_differently_goes_to_the_python_reader(tmp_path):
    files = {
        "CRLF and LF mixed": (HEADER + "\r\n" + GOOD + "\n" + ASB + "\r\n" + GOOD + "\n", "duckdb"),
        "a lone CR ending a line": (HEADER + "\r\n" + GOOD + "\r" + ASB + "\r\n", "python"),
        "quotes inside a field": (HEADER + "\n" + GOOD.replace("High Street", 'The "Street"') + "\n", "duckdb"),
        "text after a closing quote": (
            HEADER + "\n" + GOOD.replace("On or near High", '"On or near" High') + "\n",
            "python",
        ),
        "an unclosed quote": (HEADER + "\n" + GOOD + "\n" + GOOD.replace("abc", '"abc') + "\n" + ASB + "\n", "python"),
        "digits Python reads": (HEADER + "\n" + GOOD.replace("51.5", "\u0665\u0661.5") + "\n", "python"),
    }
    for case, (text, expected) in files.items():
        checked, rows, parsed = _both(_write(tmp_path, text))
        assert (case, checked.reader) == (case, expected)
        _same(checked, rows, parsed)
        assert checked.rows_read == parsed.rows_read, case
    assert rows[0][5] == 51.5  # the Arabic-Indic "51.5", read as Python reads it


def test_files_that_cannot_be_read_at_all_say_why(tmp_path):
    cases = {
        b"": "the file is empty",
        b"\xef\xbb\xbf": "the file is empty",
        b"Crime ID,Month\r\nx,2024-01\r\n": "the header lacks reported_by, falls_within, longitude",
        (HEADER + "\n" + GOOD.replace("High", "H\xe9gh")).encode("latin-1"): r"not UTF-8 text \(byte \d+\)",
    }
    for data, message in cases.items():
        path = tmp_path / "2024-01-essex-street.csv"
        path.write_bytes(data)
        (source,), _ = importer.discover([path])
        with pytest.raises(importer.ImportFileError, match=message), reader.checked_file(source):
            pass


def test_a_header_alone_is_a_file_of_no_rows(tmp_path):
    checked, rows, parsed = _both(_write(tmp_path, HEADER + "\r\n"))
    assert (checked.reader, checked.accepted, checked.rejected, rows) == ("duckdb", 0, [], [])


def test_a_zip_member_is_read_from_a_temporary_copy_which_is_then_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    text = "\r\n".join([HEADER, GOOD, GOOD.replace("2024-01", "2023-12"), ASB]) + "\r\n"
    archive = tmp_path / "2024-01.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("2024-01/2024-01-essex-street.csv", text)
    (source,), _ = importer.discover([archive])
    with reader.checked_file(source) as checked:
        assert checked.connection.execute(f"SELECT count(*) FROM {checked.relation}").fetchone() == (2,)
    assert checked.reader == "duckdb"
    assert checked.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert [(r.line, r.reason) for r in checked.rejected] == [(3, "month 2023-12 is not the file's month 2024-01")]
    assert not list((tmp_path / "temporary").iterdir())


STOP_HEADER = (
    "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,"
    "Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,"
    "Outcome linked to object of search,Removal of more than just outer clothing"
)
STOP = "Person search,{date},{flag},,51.77,0.09,Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,{linked},False"  # noqa: E501


def test_stop_and_search_dates_become_utc_and_booleans_are_checked(tmp_path):
    rows_in = [
        ("2019-12-01T00:13:00+00:00", "False", "True"),  # 2
        ("2019-12-01T00:30:00+01:00", "TRUE", "false"),  # 3: 2019-11-30 23:30 UTC, still December's
        ("2019-12-31T23:30:00-01:00", "", ""),  # 4: 2020-01-01 00:30 UTC
        ("2019-12-02 10:00", "false", "True"),  # 5
        ("2019-12-03", "false", "True"),  # 6
        ("2019-12-04T10:00:00.25Z", "false", "True"),  # 7
        ("2019-11-30T23:00:00+00:00", "false", "True"),  # 8: another month
        ("2019-12-01T24:00:00", "false", "True"),  # 9: hour 24
        ("2019-12-32T10:00:00", "false", "True"),  # 10
        ("1 December 2019", "false", "True"),  # 11
        ("2019-12-05T10:00:00+00:00", "yes", "True"),  # 12
        ("", "false", "True"),  # 13
    ]
    lines = [STOP_HEADER] + [STOP.format(date=d, flag=f, linked=k) for d, f, k in rows_in]
    checked, rows, parsed = _both(_write(tmp_path, "\r\n".join(lines), "2019-12-essex-stop-and-search.csv"))
    assert checked.reader == "duckdb"
    assert [(r.line, r.reason) for r in checked.rejected] == [
        (8, "date's month 2019-11 is not the file's month 2019-12"),
        (9, "date '2019-12-01T24:00:00' is not an ISO 8601 date and time"),
        (10, "date '2019-12-32T10:00:00' is not an ISO 8601 date and time"),
        (11, "date '1 December 2019' is not an ISO 8601 date and time"),
        (12, "part of a policing operation 'yes' is not True or False"),
        (13, "date is blank"),
    ]
    assert [(row[1], row[2], row[3], row[14]) for row in rows] == [
        (datetime(2019, 12, 1, 0, 13), "2019-12", False, True),
        (datetime(2019, 11, 30, 23, 30), "2019-12", True, False),
        (datetime(2020, 1, 1, 0, 30), "2019-12", None, None),
        (datetime(2019, 12, 2, 10, 0), "2019-12", False, True),
        (datetime(2019, 12, 3), "2019-12", False, True),
        (datetime(2019, 12, 4, 10, 0, 0, 250000), "2019-12", False, True),
    ]
    _same(checked, rows, parsed)


def test_an_iso_date_in_a_form_the_sql_does_not_know_goes_to_the_python_reader(tmp_path):
    lines = [STOP_HEADER, STOP.format(date="2019-12-01T00:13:00.1234567+00:00", flag="False", linked="True")]
    checked, rows, parsed = _both(_write(tmp_path, "\n".join(lines), "2019-12-essex-stop-and-search.csv"))
    assert checked.reader == "python"
    assert rows[0][1] == datetime(2019, 12, 1, 0, 13, 0, 123456)
    _same(checked, rows, parsed)


def test_outcomes_need_a_crime_id_and_an_outcome(tmp_path):
    header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type"
    lines = [
        header,
        "a1,2024-03,Essex Police,Essex Police,,,No location,,,Investigation complete; no suspect identified",
        ",2024-03,Essex Police,Essex Police,,,No location,,,Investigation complete; no suspect identified",
        "a2,2024-03,Essex Police,Essex Police,,,No location,,,",
    ]
    checked, rows, parsed = _both(_write(tmp_path, "\n".join(lines), "2024-03-essex-outcomes.csv"))
    assert checked.reader == "duckdb"
    assert [(r.line, r.reason) for r in checked.rejected] == [(3, "crime id is blank"), (4, "outcome type is blank")]
    assert rows[0][6] is None
    _same(checked, rows, parsed)
