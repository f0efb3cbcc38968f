"""Read a partner's CSV into its header and rows, and refuse files that cannot be partner data.

A file is UTF-8 text with or without a byte-order mark, CRLF or LF line ends. It is refused
(``FileRefused``, with a message that says what to fix) when it cannot be read, when its header
repeats a column name, or when a column looks like personal data: partner data is aggregate data,
so a name, date of birth, address, phone number or e-mail address has no place in it.
Nothing here touches the database or the store.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Partner files are aggregate figures: thousands of rows, not millions.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class FileRefused(ValueError):
    """A file that cannot be imported at all; the message says why and what to do."""


@dataclass(frozen=True)
class Row:
    line: int  # the line the row starts on; the header is line 1
    fields: list[str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[Row]


def _column_names(raw: list[str]) -> list[str]:
    names = []
    for number, name in enumerate(raw, start=1):
        cleaned = " ".join(name.split())
        names.append(cleaned or _("Column %(number)s") % {"number": number})
    return names


def read_table(data: bytes) -> Table:
    """The header and every non-blank row of a CSV file, with the line each row starts on."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileRefused(
            _("The file is larger than %(mb)s MB: split it into smaller files, for example a year each")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if data.startswith(b"PK\x03\x04"):
        raise FileRefused(
            _("The file is a spreadsheet workbook, not a CSV file: save it as “CSV UTF-8” and upload that")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("The file is not UTF-8 text (byte %(byte)s): save it as “CSV UTF-8” and upload it again")
            % {"byte": error.start}
        ) from None
    if "\x00" in text:
        raise FileRefused(_("The file is not a CSV file: it holds binary data"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        raw_header = next(reader, None)
        while raw_header is not None and not any(cell.strip() for cell in raw_header):
            raw_header = next(reader, None)  # blank lines before the header
        if raw_header is None:
            raise FileRefused(_("The file is empty"))
        header = _column_names(raw_header)
        rows: list[Row] = []
        line = reader.line_num
        for fields in reader:
            start, line = line + 1, reader.line_num
            if not fields or not any(cell.strip() for cell in fields):
                continue  # a blank line is not a row
            rows.append(Row(start, fields))
    except csv.Error as error:
        raise FileRefused(
            _("The file cannot be read as CSV at line %(line)s: %(error)s") % {"line": reader.line_num, "error": error}
        ) from None
    _refuse_repeated_names(header)
    if not rows:
        raise FileRefused(_("The file has a header but no rows"))
    return Table(header=header, rows=rows)


def _refuse_repeated_names(header: list[str]) -> None:
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        key = name.casefold()
        if key in seen:
            raise FileRefused(
                _("The header names “%(name)s” twice (columns %(first)s and %(second)s): give each column its own name")
                % {"name": name, "first": seen[key], "second": number}
            )
        seen[key] = number


def same_layout(first: list[str], second: list[str]) -> bool:
    """Do two headers have the same columns (in any order, whatever the case)?"""
    return {name.casefold() for name in first} == {name.casefold() for name in second}


# Personal data in a header ------------------------------------------------------------------------

_PERSON_WORDS = {
    "client",
    "patient",
    "victim",
    "offender",
    "suspect",
    "person",
    "persons",
    "contact",
    "caller",
    "complainant",
    "resident",
    "tenant",
    "perpetrator",
    "witness",
    "customer",
    "applicant",
    "child",
    "parent",
    "individual",
    "subject",
    "occupier",
    "owner",
    "driver",
    "casualty",
    "pupil",
    "student",
    "user",
    "officer",
    "staff",
    "householder",
}
_NAME_PARTS = ("forename", "surname", "firstname", "lastname", "familyname", "givenname", "fullname", "maidenname")
_NAMES_ALONE = {"name", "names", "initials", "middlename", "christianname"}
_PHONE_WORDS = {"phone", "telephone", "tel", "landline", "fax"}
_AREA_WORDS = {"district", "sector", "area", "outward", "prefix"}


def _words(name: str) -> tuple[list[str], str]:
    words = re.sub(r"[^a-z0-9]+", " ", name.casefold()).split()
    return words, "".join(words)


def personal_data_reason(name: str) -> str | None:
    """Why a column name looks like personal data, or None when it does not."""
    words, joined = _words(name)
    if "email" in joined or ("e" in words and "mail" in words):
        return _("looks like an e-mail address")
    # "Mobile" alone or as a number; not "mobile camera deployments".
    mobile = "mobile" in words and (len(words) == 1 or {"number", "no", "tel"} & set(words))
    if _PHONE_WORDS & set(words) or mobile or any(w in joined for w in ("phonenumber", "contactnumber")):
        return _("looks like a phone number")
    if joined in {"dob", "birthday"} or any(w in joined for w in ("dateofbirth", "birthdate")):
        return _("looks like a date of birth")
    if "born" in words:
        return _("looks like a date of birth")
    if "address" in joined or "addr" in words or "housenumber" in joined or "flatnumber" in joined:
        return _("looks like an address")
    if any(w in joined for w in ("postcode", "postalcode", "zipcode")) and not _AREA_WORDS & set(words):
        return _("looks like a full postcode, which is part of an address (give the LSOA code instead)")
    if "nhs" in words and ("number" in words or "no" in words) or joined in {"nhsnumber", "nhsno"}:
        return _("looks like an NHS number")
    if "nationalinsurance" in joined or joined in {"ninumber", "nino"}:
        return _("looks like a National Insurance number")
    if joined in _NAMES_ALONE or any(part in joined for part in _NAME_PARTS):
        return _("looks like a person’s name")
    if ("name" in words or "names" in words) and _PERSON_WORDS & set(words):
        return _("looks like a person’s name")
    return None


def refuse_personal_data(header: list[str]) -> None:
    """FileRefused naming each column that looks like personal data, and why."""
    found = [(name, reason) for name in header if (reason := personal_data_reason(name))]
    if not found:
        return
    columns = "; ".join(_("column “%(name)s” %(reason)s") % {"name": name, "reason": reason} for name, reason in found)
    raise FileRefused(
        _(
            "The file looks like it holds personal data, which partner data must never hold (it is aggregate "
            "data): %(columns)s. Remove those columns and upload the file again"
        )
        % {"columns": columns}
    )
