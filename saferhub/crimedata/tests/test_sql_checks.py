"""The SQL row checks never accept what the Python checks reject, and keep the same values when both accept."""

from __future__ import annotations

import itertools
import random
import sys
from datetime import UTC, datetime

import duckdb

from saferhub.crimedata import sql_checks
from saferhub.crimedata.importer import _check_coordinates, row_reason, values_of
from saferhub.crimedata.schema import COLUMNS


def _select(expression: str, column: str, values: list[str | None]) -> list:
    """``expression`` evaluated over a one-column table of ``values``, in order."""
    with duckdb.connect() as con:
        _table(con, {column: values})
        return [row[0] for row in con.execute(f"SELECT {expression} FROM t ORDER BY n").fetchall()]  # noqa: S608


def _table(con: duckdb.DuckDBPyConnection, columns: dict[str, list]) -> None:
    """The table ``t`` of ``columns`` (VARCHAR lists of one length) and ``n``, each row's place."""
    unnested = ", ".join(f"unnest(?::VARCHAR[]) AS {sql_checks.name(name)}" for name in columns)
    length = len(next(iter(columns.values())))
    con.execute(f"CREATE TABLE t AS SELECT unnest(range({length})) AS n, {unnested}", list(columns.values()))


def test_whitespace_is_what_python_strips():
    assert "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) == sql_checks.WHITESPACE


def test_clean_is_python_strip_or_none():
    values = [
        "",
        " ",
        "a",
        " a",
        "a ",
        "\ta\u00a0",
        "\u3000\u2028",
        "a b",
        "\u1680x\u205f",
        "é",
        " é ",
        "\x1cx\x1f",
        "\x85",
    ]
    values += ["x\r\n", "\r\nx", "a\u0301", "\u0301", "~", "!", "\x7f", "\x7fa\x7f", "\U0001f600 "]
    assert _select(sql_checks.clean("v"), "v", values) == [v.strip() or None for v in values]


def _python_coordinates(longitude: str | None, latitude: str | None) -> tuple | None:
    values = {"longitude": longitude, "latitude": latitude}
    try:
        _check_coordinates(values)
    except ValueError:
        return None
    return values["longitude"], values["latitude"]


def test_coordinates_accepted_by_sql_are_accepted_by_python_with_the_same_numbers():
    alphabet = "019.+-eE_ in"
    texts = {"".join(t) for n in range(1, 5) for t in itertools.product(alphabet, repeat=n)}
    chance = random.Random(5)
    texts |= {"".join(chance.choice(alphabet + "xX") for _ in range(chance.randint(5, 9))) for _ in range(20000)}
    texts |= {"51.5", "-0.000001", "90", "-90", "90.0000001", "180", "1e1", "\u0665\u0661", "nan", "-inf", "1e400"}
    samples = sorted(t for t in texts if t.strip() == t)
    pairs = [(t, "51.5") for t in samples] + [("0.1", t) for t in samples] + [(None, None), ("1", None), (None, "1")]
    with duckdb.connect() as con:
        _table(con, {"longitude": [lon for lon, _ in pairs], "latitude": [lat for _, lat in pairs]})
        sql = con.execute(
            f"SELECT {sql_checks.coordinates_ok()}, try_cast(longitude AS DOUBLE), try_cast(latitude AS DOUBLE) "
            "FROM t ORDER BY n"
        ).fetchall()
    stricter = []
    for (longitude, latitude), (accepted, sql_longitude, sql_latitude) in zip(pairs, sql, strict=True):
        python = _python_coordinates(longitude, latitude)
        if accepted:
            assert python == (sql_longitude, sql_latitude), (longitude, latitude)
        elif python is not None:
            stricter.append((longitude, latitude))
    # Where SQL is stricter, the file is read again by Python: only forms Python alone reads.
    assert {lon if lat == "51.5" else lat for lon, lat in stricter} <= {"\u0665\u0661"} | {
        t for t in samples if "_" in t
    }


DATES = [
    "2019-12-01T00:13:00+00:00",
    "2019-12-01T00:13:00",
    "2019-12-01 00:13",
    "2019-12-01",
    "2019-12-01T00:13:00Z",
    "2019-12-01T00:13:00.5+05:30",
    "2019-12-01T00:13:00.123456-09:45",
    "2019-12-31T23:59:59-23:59",
    "2019-12-01T23:59:60",
    "2019-12-01T24:00:00",
    "2019-12-01T00:13:00+24:00",
    "2019-12-01T00:13:00+0100",
    "2019-12-01T00:13:00 +01:00",
    "2019-12-01T00:13:00.1234567",
    "2019-12-01T00:13",
    "2019-12-01T0:13",
    "2019-12-1T00:13",
    "2019-02-29T00:00:00",
    "2020-02-29T00:00:00",
    "2019-13-01",
    "20191201",
    "2019-W48-7",
    "2019-12-01T00",
    "+2019-12-01",
    "infinity",
    "1 December 2019",
    "",
]


def _python_moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def test_dates_read_by_sql_are_the_moments_python_reads():
    moments = _select(sql_checks.utc_timestamp('"date"'), "date", DATES)
    read_by_sql = [(text, moment) for text, moment in zip(DATES, moments, strict=True) if moment is not None]
    assert read_by_sql == [(text, _python_moment(text)) for text, _ in read_by_sql]
    assert len(read_by_sql) == 10


def test_booleans_are_true_or_false_in_any_case_and_nothing_else():
    values = ["True", "FALSE", "true", "tRuE", "yes", "1", "T", "truE ", "\u0074rue", "tru\u0130", None]
    column = "outcome_linked_to_object_of_search"
    ok = _select(f"({sql_checks.name(column)} IS NULL OR {sql_checks._ascii_lower_in(sql_checks.name(column), {'true', 'false'})})", column, values)  # fmt: skip  # noqa: E501
    assert ok == [v is None or v.lower() in ("true", "false") for v in values]


def test_a_row_the_sql_accepts_the_python_checks_accept():
    """Whole rows of each kind, with one awkward field each: SQL's verdict is never kinder than Python's."""
    base = {
        "street": "x,2024-01,Essex Police,Essex Police,0.1,51.5,On or near X,E01,Basildon 001A,Burglary,,",
        "outcomes": "x,2024-01,Essex Police,Essex Police,0.1,51.5,On or near X,E01,Basildon 001A,Local resolution",
        "stop_and_search": "Person search,2024-01-05T10:00:00+00:00,False,,51.5,0.1,Male,18-24,,White,PACE,Drugs,Arrest,True,False",  # noqa: E501
    }
    awkward = ["", " ", "2024-01", "2024-1", "2023-12", "No Location", "-", "1e3", "true", "Yes", "2024-01-05"]
    for kind, line in base.items():
        fields = line.split(",")
        columns = [c for c in COLUMNS[kind] if not (kind == "stop_and_search" and c.name == "month")]
        position = {c.name: i for i, c in enumerate(columns)}
        rows = [fields[:i] + [value] + fields[i + 1 :] for i in range(len(fields)) for value in awkward]
        with duckdb.connect() as con:
            _table(con, {f"c{i}": [row[i] for row in rows] for i in range(len(fields))})
            cleaned = [f"{sql_checks.clean(f'c{position[c.name]}')} AS {sql_checks.name(c.name)}" for c in columns]
            if kind == "stop_and_search":
                cleaned.append('substr("date", 1, 7) AS "month"')
            ok = sql_checks.row_ok(kind, "2024-01")
            verdicts = con.execute(
                f"SELECT {ok} FROM (SELECT n, {', '.join(cleaned)}, true AS whole FROM t) ORDER BY n"  # noqa: S608
            ).fetchall()
        for row, (accepted,) in zip(rows, verdicts, strict=True):
            reason = row_reason(kind, values_of(COLUMNS[kind], position, row), "2024-01")
            if accepted:
                assert reason is None, (kind, row, reason)


def test_a_file_with_a_field_to_strip_is_always_stripped():
    """``may_need_stripping`` on random files without quotes: it says so whenever a field starts or ends with
    whitespace."""
    chance = random.Random(7)
    pieces = ["a", "b c", "", " ", "\t", "\u00a0", "\u3000", "x\u2028", "é", "1.5"]
    texts, needed = [], []
    for _ in range(3000):
        lines = [
            ",".join("".join(chance.choice(pieces) for _ in range(chance.randint(0, 3))) for _ in range(3))
            for _ in range(chance.randint(1, 3))
        ]
        ending = chance.choice(["\r\n", "\n", "\r"])
        texts.append(chance.choice(["", "\ufeff"]) + ending.join(lines) + chance.choice(["", ending]))
        fields = [field for line in lines for field in line.split(",")]
        needed.append(any(field != field.strip() for field in fields))
    found = _select(sql_checks.may_need_stripping("content"), "content", texts)
    assert all(f for f, n in zip(found, needed, strict=True) if n)
    assert not all(found)  # and it is not simply always true
