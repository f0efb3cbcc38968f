"""Reading a partner's CSV: encodings and line ends, line numbers, and refusing files that cannot be partner data."""

from __future__ import annotations

import re

import pytest

from saferhub.partnerdata.reader import FileRefused, personal_data_reason, read_table, refuse_personal_data


def test_a_bom_and_crlf_read_the_same_as_plain_lf():
    plain = read_table(b"Date,Type\n2024-01-05,Fire\n\n2024-01-06,Fire\n")
    windows = read_table(b"\xef\xbb\xbfDate,Type\r\n2024-01-05,Fire\r\n\r\n2024-01-06,Fire\r\n")
    assert plain == windows
    assert plain.header == ["Date", "Type"]
    # The blank line is no row, and the row after it keeps its own line number.
    assert [(r.line, r.fields) for r in plain.rows] == [(2, ["2024-01-05", "Fire"]), (4, ["2024-01-06", "Fire"])]


def test_a_quoted_field_across_lines_gives_the_line_its_row_starts_on():
    table = read_table(b'Date,Note\n2024-01-05,"two\nlines"\n2024-01-06,one\n')
    assert [r.line for r in table.rows] == [2, 4]


def test_blank_header_names_are_named_by_their_place():
    assert read_table(b"Date,,Type\n2024-01-05,x,Fire\n").header == ["Date", "Column 2", "Type"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"Date,Type\n", "The file has a header but no rows"),
        ("Date,Catégorie\n2024-01-05,x\n".encode("latin-1"), "not UTF-8 text (byte 8)"),
        (b"PK\x03\x04rest-of-a-workbook", "spreadsheet workbook, not a CSV file"),
        (b"Date,Type,date\n1,2,3\n", "The header names “date” twice (columns 1 and 3)"),
    ],
)
def test_files_that_cannot_be_read_are_refused_saying_why(data, message):
    with pytest.raises(FileRefused, match=re.escape(message)):
        read_table(data)


@pytest.mark.parametrize(
    ("column", "why"),
    [
        ("Surname", "person’s name"),
        ("First Name", "person’s name"),
        ("Name", "person’s name"),
        ("Victim name", "person’s name"),
        ("Date of Birth", "date of birth"),
        ("DOB", "date of birth"),
        ("Address Line 1", "address"),
        ("Home address", "address"),
        ("Postcode", "postcode"),
        ("Telephone", "phone number"),
        ("Mobile No", "phone number"),
        ("Contact number", "phone number"),
        ("E-mail", "e-mail address"),
        ("email_address", "e-mail address"),
        ("NHS Number", "NHS number"),
    ],
)
def test_a_column_that_looks_like_personal_data_is_named_with_the_reason(column, why):
    assert why in (personal_data_reason(column) or "")
    with pytest.raises(FileRefused) as refused:
        refuse_personal_data(["Date", column, "Count"])
    assert f"column “{column}”" in str(refused.value)
    assert "aggregate" in str(refused.value)


@pytest.mark.parametrize(
    "column",
    [
        "LSOA name",
        "LSOA Code",
        "Ward name",
        "LAD 2021 Name",
        "Postcode district",
        "Mobile camera deployments",
        "Incident Type",
        "Incident Number",
        "Date of Call",
        "Age band",
        "Station",
    ],
)
def test_aggregate_columns_are_not_taken_for_personal_data(column):
    assert personal_data_reason(column) is None


def test_every_personal_column_is_named_at_once():
    with pytest.raises(FileRefused) as refused:
        refuse_personal_data(["Date", "Forename", "Email", "Count"])
    text = str(refused.value)
    assert "column “Forename” looks like a person’s name" in text
    assert "column “Email” looks like an e-mail address" in text
