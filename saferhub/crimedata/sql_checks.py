"""The row checks of ``importer`` as DuckDB SQL, so a file's rows are checked where DuckDB reads them.

SQL decides only *whether* a row is accepted. The reason given for a rejected row is worded by the
Python check itself (``importer.row_reason``), so the two cannot drift apart in their messages. For
that to be sound, SQL must accept no row that the Python checks reject: each expression below says
how it keeps to that, and ``tests/test_sql_checks.py`` compares the two on awkward values. Where SQL
is stricter than Python (a coordinate in Arabic-Indic digits, a date in an unusual ISO 8601 form),
the Python check finds nothing wrong with the row, and ``reader`` reads that file again with the
Python reader, so the file is imported exactly as before.

Every function returns SQL text over the checked table's cleaned VARCHAR columns (see ``clean``).
"""

from __future__ import annotations

from saferhub.crimedata.schema import COLUMNS, NO_LOCATION, Column

# The characters Python's str.strip() removes (str.isspace()); tests/test_sql_checks.py proves the list.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

# An ISO 8601 date and time as police.uk writes it (``2019-12-01T00:13:00+00:00``) and its near forms.
# Every string it matches is one that Python's datetime.fromisoformat reads to the same moment; hours
# and offsets are limited to 0-23 because DuckDB reads ``24:00`` as the next day and Python refuses it.
DATE_PATTERN = (
    r"(\d{4}-\d{2}-\d{2})"
    r"(?:[T ]((?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?)"
    r"(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?"
)


def literal(text: str) -> str:
    """A SQL string literal: DuckDB takes no parameters in table functions' options or in COPY."""
    return "'" + text.replace("'", "''") + "'"


def name(column: str) -> str:
    """A column name quoted as a SQL identifier (``date`` and ``type`` are also SQL words)."""
    return '"' + column.replace('"', '""') + '"'


def clean(column: str, strip: bool = True) -> str:
    """SQL for ``importer._blank_to_none``: the value with Python's whitespace stripped, NULL when blank.

    ``strip = False`` leaves whitespace alone, for files in which no field can start or end with it
    (see ``may_need_stripping``): deciding field by field costs more than the rest of the checks.
    ``trim`` with a list of characters costs about two microseconds a call, even on an empty string,
    so fields that start and end with printable ASCII, and empty ones, are told apart first.
    """
    if not strip:
        return f"nullif({column}, '')"
    printable = f"ascii({column}) BETWEEN 33 AND 126 AND ascii({column}[-1]) BETWEEN 33 AND 126"
    return (
        f"CASE WHEN {printable} THEN {column} WHEN {column} = '' THEN NULL "
        f"ELSE nullif(trim({column}, {literal(WHITESPACE)}), '') END"
    )


def may_need_stripping(content: str) -> str:
    """True unless the text ``content`` of a CSV file without quotes has no field that starts or ends with
    whitespace: no whitespace but spaces, carriage returns and line feeds anywhere, and no space next
    to a comma or at the start or end of a line. (Without quotes, every field ends at a comma or at the
    end of a line.) A file with quotes must be stripped field by field.

    One regular expression: as fast over a file as one ``contains`` per character, and quicker to set up.
    """
    others = "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE if c not in " \r\n")
    return f"regexp_matches({content}, '[{others}\"]| [,\\r\\n]|[,\\r\\n] |^\\x{{feff}}? | $')"


def _number_ok(column: str, limit: int) -> str:
    # DuckDB reads '+-1' as -1 where Python refuses it; no number Python reads has a sign as its
    # second character, so refusing those is never stricter than Python. NaN and infinities fail
    # ``<= limit`` as they fail Python's isfinite().
    return f"(substr({column}, 2, 1) NOT IN ('+', '-') AND abs(try_cast({column} AS DOUBLE)) <= {limit})"


def coordinates_ok() -> str:
    """``importer._check_coordinates``: both blank, or both numbers within range."""
    return (
        '(("longitude" IS NULL AND "latitude" IS NULL) OR '
        f"({_number_ok(name('latitude'), 90)} AND {_number_ok(name('longitude'), 180)}))"
    )


def _ascii_lower_in(column: str, words: set[str] | frozenset[str]) -> str:
    # Python's str.lower() turns no character outside ASCII into one of these ASCII words' letters,
    # but DuckDB's lower() turns 'İ' into 'i'; the byte and character lengths agree only for ASCII.
    choices = ", ".join(literal(w) for w in sorted(words))
    return f"(strlen({column}) = length({column}) AND lower({column}) IN ({choices}))"


def utc_timestamp(column: str) -> str:
    """``importer._check_stop_and_search``'s date: the moment in UTC as a TIMESTAMP, NULL when not a valid date.

    DuckDB's cast to TIMESTAMP ignores an offset, so the offset is taken off here.
    """
    pattern = literal(DATE_PATTERN)
    local = (
        f"try_cast(regexp_extract({column}, {pattern}, 1) || ' ' || "
        f"coalesce(nullif(regexp_extract({column}, {pattern}, 2), ''), '00:00') AS TIMESTAMP)"
    )
    offset = f"regexp_extract({column}, {pattern}, 3)"
    minutes = (
        f"CASE WHEN {offset} IN ('', 'Z') THEN 0 ELSE (CASE WHEN {offset}[1] = '-' THEN -1 ELSE 1 END) * "
        f"(CAST({offset}[2:3] AS INTEGER) * 60 + CAST({offset}[5:6] AS INTEGER)) END"
    )
    return f"CASE WHEN regexp_full_match({column}, {pattern}) THEN {local} - to_minutes(CAST({minutes} AS BIGINT)) END"


def row_ok(kind: str, file_month: str) -> str:
    """True for a row every check of ``kind`` accepts, over the cleaned columns and ``whole`` (the row had
    as many fields as the header)."""
    columns = COLUMNS[kind]
    checks = ["whole", coordinates_ok()]
    if kind == "stop_and_search":
        checks.append(f'substr("date", 1, 7) = {literal(file_month)}')
        checks.append(f"{utc_timestamp(name('date'))} IS NOT NULL")
        checks += [
            f"({name(c.name)} IS NULL OR {_ascii_lower_in(name(c.name), {'true', 'false'})})"
            for c in columns
            if c.sql_type == "BOOLEAN"
        ]
    else:
        checks.append(f'"month" = {literal(file_month)}')
    checks += [f"{name(c.name)} IS NOT NULL" for c in columns if c.required]
    return "coalesce(" + " AND ".join(checks) + ", false)"


def typed(column: Column) -> str:
    """The stored value of an accepted row's cleaned column, in the column's type."""
    quoted = name(column.name)
    if column.name == "location":
        return f"CASE WHEN {_ascii_lower_in(quoted, NO_LOCATION)} THEN NULL ELSE {quoted} END AS {quoted}"
    if column.sql_type == "DOUBLE":
        return f"CAST({quoted} AS DOUBLE) AS {quoted}"
    if column.sql_type == "BOOLEAN":
        return f"lower({quoted}) = 'true' AS {quoted}"
    if column.sql_type == "TIMESTAMP":
        return f"{utc_timestamp(quoted)} AS {quoted}"
    return quoted
