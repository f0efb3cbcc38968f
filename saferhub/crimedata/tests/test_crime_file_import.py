"""``crime_file_import`` on the real police.uk files: every row accepted or rejected, the quirks handled."""

from __future__ import annotations

import csv
import hashlib

import pytest

from saferhub.audit.models import AuditEvent
from saferhub.crimedata import store
from saferhub.crimedata.importer import ImportFileError, discover
from saferhub.crimedata.models import CrimeImport
from saferhub.crimedata.selectors import street_summary_by_force
from saferhub.crimedata.services import crime_file_import, crime_files_import

pytestmark = pytest.mark.django_db


def _import(path):
    sources, errors = discover([path])
    assert not errors
    return [crime_file_import(source=source) for source in sources]


def _query(sql, *params):
    with store.connect() as con:
        return con.execute(sql, list(params)).fetchall()


def test_snake_case_and_original_headers_read_the_same(police_data):
    snake, original = (
        _import(police_data / "police-uk-essex-street-2018" / f"2018-0{m}-essex-street.csv")[0] for m in (1, 3)
    )
    # Rows in SOURCES.md: every one accounted for.
    assert snake.rows_accepted + snake.rows_rejected == 14_786
    assert original.rows_accepted + original.rows_rejected == 16_014
    assert (snake.rows_rejected, original.rows_rejected) == (0, 0)
    with store.connect() as con:
        schemas = [
            con.execute(
                f"DESCRIBE SELECT * FROM read_parquet('{store.partition_file('street', 'essex', m)}')"
            ).fetchall()
            for m in ("2018-01", "2018-03")
        ]
    assert schemas[0] == schemas[1]
    assert [c[0] for c in schemas[0]][:4] == ["crime_id", "month", "reported_by", "falls_within"]
    summary = street_summary_by_force(reported_by="Essex Police", first="2018-01", last="2018-03")
    assert summary["total"] == [14_786, 0, 16_014]
    # ASB rows have no Crime ID, and they are kept.
    blank_ids = _query("SELECT month, count(*) FROM street WHERE crime_id IS NULL GROUP BY month ORDER BY month")
    assert [n for _, n in blank_ids] == [summary["counts"]["Anti-social behaviour"][i] for i in (0, 2)]


def test_the_import_records_its_provenance_and_an_audit_event(police_data):
    path = police_data / "police-uk-other-forces-street-2024" / "2024-01-city-of-london-street.csv"
    record = _import(path)[0]
    assert (record.kind, record.force, record.month) == ("street", "city-of-london", "2024-01")
    assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.imported_by is None and not record.replaced and record.report_path == ""
    event = AuditEvent.objects.get(verb="crime.imported")
    assert event.target_id == str(record.pk) and event.detail["accepted"] == 734


def test_reimporting_a_force_month_replaces_it(police_data):
    path = police_data / "police-uk-other-forces-street-2024" / "2024-01-city-of-london-street.csv"
    first = _import(path)[0]
    second = _import(path)[0]
    assert (first.replaced, second.replaced) == (False, True)
    assert CrimeImport.objects.count() == 2
    summary = street_summary_by_force(reported_by="City of London Police", first="2024-01", last="2024-01")
    assert summary["total"] == [734]


def test_duplicate_crime_ids_are_kept_and_counted(police_data):
    record = _import(police_data / "police-uk-other-forces-street-2024" / "2024-01-city-of-london-street.csv")[0]
    assert record.duplicate_crime_ids == 16
    assert record.rows_accepted == 734
    repeated = _query(
        "SELECT count(*), sum(n) FROM (SELECT crime_id, count(*) AS n FROM street "
        "WHERE crime_id IS NOT NULL GROUP BY crime_id HAVING n > 1)"
    )
    assert repeated == [(16, 34)]  # 16 IDs on 34 rows, every row kept


def test_no_location_rows_are_kept_with_null_location_and_coordinates(police_data):
    record = _import(police_data / "police-uk-essex-street-2024" / "2024-04-essex-street.csv")[0]
    assert record.rows_accepted == 12_875
    assert _query("SELECT count(*) FROM street WHERE location IS NULL") == [(614,)]
    assert _query(
        "SELECT count(*) FROM street WHERE location IS NULL AND (latitude IS NOT NULL OR lsoa_code IS NOT NULL)"
    ) == [(0,)]
    # LSOA codes are stored as given: 2021 codes, typed text.
    assert _query("SELECT count(*) FROM street WHERE lsoa_code NOT LIKE 'E01%' AND lsoa_code NOT LIKE 'W01%'") == [(0,)]


def test_the_essex_2024_summary_matches_the_files(police_data):
    records = _import(police_data / "police-uk-essex-street-2024")
    assert [r.rows_accepted + r.rows_rejected for r in records] == [13_148, 12_722, 14_092, 12_875]
    summary = street_summary_by_force(reported_by="Essex Police", first="2024-01", last="2024-04")
    assert summary["months"] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert summary["total"] == [
        13_148 - records[0].rows_rejected,
        12_722 - records[1].rows_rejected,
        14_092 - records[2].rows_rejected,
        12_875 - records[3].rows_rejected,
    ]
    assert summary["total"] == [sum(column) for column in zip(*summary["counts"].values(), strict=True)]
    # Counted straight from the files: ASB rows are exactly the rows with a blank Crime ID.
    blank = []
    for month in summary["months"]:
        with (police_data / "police-uk-essex-street-2024" / f"{month}-essex-street.csv").open(newline="") as file:
            blank.append(sum(1 for row in csv.DictReader(file) if not row["Crime ID"]))
    assert summary["counts"]["Anti-social behaviour"] == blank == [942, 1189, 1209, 1166]


def test_outcomes_and_stop_and_search_files_import(police_data):
    outcomes = _import(police_data / "police-uk-essex-outcomes-head-sample")[0]
    assert (outcomes.kind, outcomes.rows_accepted, outcomes.rows_rejected) == ("outcomes", 88, 0)
    # "No location" (lower case in outcomes files) is a null location too.
    assert _query("SELECT count(*) FROM outcomes WHERE location IS NULL AND longitude IS NULL")[0][0] > 0
    searches = _import(police_data / "police-uk-essex-stop-and-search" / "2019-12-essex-stop-and-search.csv")[0]
    assert (searches.kind, searches.rows_accepted, searches.rows_rejected) == ("stop_and_search", 1523, 0)
    typed = _query(
        "SELECT typeof(date), typeof(part_of_a_policing_operation), min(month), max(month), "
        "count(*) FILTER (WHERE part_of_a_policing_operation) FROM stop_and_search GROUP BY ALL"
    )
    assert typed == [("TIMESTAMP", "BOOLEAN", "2019-12", "2019-12", 231)]


def test_many_files_import_side_by_side_and_are_recorded_in_order(police_data, tmp_path):
    folder = police_data / "police-uk-essex-street-2024"
    empty = tmp_path / "2024-05-essex-street.csv"
    empty.write_bytes(b"")
    sources, _ = discover([folder, empty])
    results = list(crime_files_import(sources=sources, workers=2))
    assert [source for source, _ in results] == sources
    assert [(r.month, r.rows_accepted) for _, r in results[:4]] == [
        ("2024-01", 13_148),
        ("2024-02", 12_722),
        ("2024-03", 14_092),
        ("2024-04", 12_875),
    ]
    assert isinstance(results[4][1], ImportFileError) and "the file is empty" in str(results[4][1])
    assert [r.pk for _, r in results[:4]] == sorted(r.pk for _, r in results[:4])
    assert AuditEvent.objects.filter(verb="crime.imported").count() == 4
    summary = street_summary_by_force(reported_by="Essex Police", first="2024-01", last="2024-04")
    assert summary["total"] == [13_148, 12_722, 14_092, 12_875]


def test_stopping_a_batch_early_leaves_no_files_written_ahead(police_data):
    sources, _ = discover([police_data / "police-uk-essex-street-2018"])
    imports = crime_files_import(sources=sources, workers=2)
    first_source, first = next(imports)
    imports.close()
    assert CrimeImport.objects.count() == 1 and first.month == "2018-01"
    assert not list(store.crime_dir().rglob("*.tmp"))
    assert [p.parent.name for p in store.crime_dir().rglob("data.parquet")] == ["month=2018-01"]


def test_the_same_force_month_twice_in_one_batch_is_imported_then_replaced(police_data):
    path = police_data / "police-uk-other-forces-street-2024" / "2024-01-city-of-london-street.csv"
    sources, _ = discover([path, path])
    first, second = (record for _, record in crime_files_import(sources=sources, workers=2))
    assert (first.replaced, second.replaced) == (False, True)
    assert not list(store.crime_dir().rglob("*.tmp"))
    summary = street_summary_by_force(reported_by="City of London Police", first="2024-01", last="2024-01")
    assert summary["total"] == [734]
