"""The crime analysis on the real Essex files: every figure checked against counts taken straight from the CSVs
(read here with Python's csv module) and the ONS population file, not against the analysis's own queries."""

from __future__ import annotations

import csv
import functools
import json
from collections import Counter
from pathlib import Path

import pytest

from saferhub.crimedata import analysis
from saferhub.crimedata.scope import area_scope, partnership_scope, scope_for
from saferhub.crimedata.selectors import street_summary_by_force
from saferhub.crimedata.significance import compare_counts
from saferhub.lib.periods import shift_month

pytestmark = pytest.mark.django_db

BRAINTREE = "E07000067"
ESSEX_WORLD_LADS = {"E07000067", "E07000069", "E07000075"}  # the world's Essex: Braintree, Castle Point, Rochford


@functools.cache
def _read(path: Path) -> list[dict[str, str]]:
    """A CSV's rows with normalised headers, read once per test process (the files never change)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {key.strip().lower().replace(" ", "_").replace("-", "_"): value for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def _street(police_data: Path, months: set[str]) -> list[dict[str, str]]:
    rows = []
    for path in sorted(police_data.glob("police-uk-*-street-*/*.csv")):
        if path.name[:7] in months:
            rows.extend(_read(path))
    return rows


def _population(police_data: Path) -> tuple[dict[str, str], Counter[str], dict[str, int]]:
    """From the ONS file: LSOA 2021 -> LAD, residents per LAD, residents per LSOA."""
    lad_of, per_lad, per_lsoa = {}, Counter(), {}
    for row in _read(police_data / "lsoa-population" / "population_estimates_mid_2022_for_LSOA_2021.csv"):
        residents = int(row["total"].replace(",", ""))
        lad_of[row["lsoa_2021_code"]] = row["lad_2021_code"]
        per_lad[row["lad_2021_code"]] += residents
        per_lsoa[row["lsoa_2021_code"]] = residents
    return lad_of, per_lad, per_lsoa


def _in(rows: list[dict[str, str]], lad_of: dict[str, str], lads: set[str]) -> list[dict[str, str]]:
    return [r for r in rows if lad_of.get(r["lsoa_code"]) in lads]


def test_issue_stats_count_test_and_rate_each_type(world, analysis_data):
    lad_of, per_lad, _ = _population(analysis_data)
    scope = partnership_scope(world.home.partnership)
    stats = analysis.issue_stats(scope, "2024-03", "2024-04")

    now = Counter(r["crime_type"] for r in _in(_street(analysis_data, {"2024-03", "2024-04"}), lad_of, {BRAINTREE}))
    before_rows = _street(analysis_data, {"2024-01", "2024-02"})  # Essex, and Suffolk and the City for January
    before = Counter(r["crime_type"] for r in _in(before_rows, lad_of, {BRAINTREE}))
    county = Counter(
        r["crime_type"] for r in _in(_street(analysis_data, {"2024-03", "2024-04"}), lad_of, ESSEX_WORLD_LADS)
    )
    residents = per_lad[BRAINTREE]
    county_residents = sum(per_lad[code] for code in ESSEX_WORLD_LADS)
    assert residents == 157_605
    assert set(stats) == set(now) | set(before)
    for crime_type, row in stats.items():
        change = compare_counts(now[crime_type], before[crime_type])
        assert row == {
            "count": now[crime_type],
            "previous": before[crime_type],
            "change_pct": change.change_pct,
            "significant": change.significant,
            "direction": change.direction,
            "rate_per_1000": round(1000 * now[crime_type] / residents, 2),
            "county_rate_per_1000": round(1000 * county[crime_type] / county_residents, 2),
        }, crime_type
    # Burglary halved (100 to 56): a real fall. Violence moved by 4% (734 to 704): noise, so "flat".
    assert (stats["Burglary"]["previous"], stats["Burglary"]["count"]) == (100, 56)
    assert stats["Burglary"]["significant"] and stats["Burglary"]["direction"] == "down"
    assert stats["Violence and sexual offences"]["change_pct"] == -4.1
    assert not stats["Violence and sexual offences"]["significant"]
    assert stats["Violence and sexual offences"]["direction"] == "flat"


def test_a_previous_period_not_held_is_not_compared(world, analysis_data):
    stats = analysis.issue_stats(partnership_scope(world.home.partnership), "2024-01", "2024-02")
    assert stats["Burglary"]["count"] == 100
    for row in stats.values():
        assert row["previous"] == 0  # 2023-11 and 2023-12 are not held...
        assert row["change_pct"] is None  # ...so nothing is said about the change
        assert not row["significant"] and row["direction"] == "flat"


def test_the_snapshot_of_a_partnership(world, analysis_data):
    lad_of, per_lad, per_lsoa = _population(analysis_data)
    months = ["2024-01", "2024-02", "2024-03", "2024-04"]
    rows = _in(_street(analysis_data, set(months)), lad_of, {BRAINTREE})
    snapshot = analysis.build(partnership_scope(world.home.partnership), "2024-01", "2024-04")
    assert json.loads(json.dumps(snapshot)) == snapshot  # a document version can store it as it is

    trend = snapshot["trend"]
    assert trend["months"] == months
    assert trend["total"] == [sum(1 for r in rows if r["month"] == m) for m in months]
    assert trend["types"][0] == "Violence and sexual offences"
    assert snapshot["data"]["months_missing"] == []
    # The rolling totals need 2023-02 to 2023-12, which are not held: every one is blank, and they are named.
    assert trend["rolling_missing"] == analysis.months_between("2023-02", "2023-12")
    assert set(trend["rolling_total"]) == {None}
    assert not snapshot["change"]["comparable"]

    outcomes = snapshot["outcomes"]
    crimes = [r for r in rows if r["crime_type"] != "Anti-social behaviour"]
    assert outcomes["total"]["total"] == len(crimes)
    no_suspect = sum(1 for r in crimes if r["last_outcome_category"] == "Investigation complete; no suspect identified")
    assert outcomes["total"]["counts"]["No suspect identified"] == no_suspect
    assert outcomes["no_suspect_share"] == round(100 * no_suspect / len(crimes), 1)
    assert outcomes["unknown_categories"] == []

    hotspots = snapshot["hotspots"]
    by_lsoa = Counter(r["lsoa_code"] for r in rows)
    top = hotspots["lsoas_by_count"][0]
    assert (top["lsoa_code"], top["count"]) == by_lsoa.most_common(1)[0]
    assert top["residents"] == per_lsoa[top["lsoa_code"]]
    assert (hotspots["unit"], hotspots["units"]) == ("month", 4)
    assert all(1 <= row["persistence"] <= 4 for row in hotspots["lsoas_by_count"])
    by_rate = [r["rate_per_1000"] for r in hotspots["lsoas_by_rate"]]
    assert by_rate == sorted(by_rate, reverse=True)
    places = Counter((r["location"], r["lsoa_code"]) for r in rows if r["lsoa_code"])
    first = hotspots["locations"][0]
    assert (first["location"], first["lsoa_code"], first["count"]) == (
        *places.most_common(1)[0][0],
        places.most_common(1)[0][1],
    )

    area_map = snapshot["map"]
    assert area_map["vintage"] == "2021"
    assert {r["lsoa_code"] for r in area_map["rows"]} == {code for code, lad in lad_of.items() if lad == BRAINTREE}
    assert sum(r["count"] for r in area_map["rows"]) == len(rows)
    ordered = sorted(area_map["rows"], key=lambda r: r["rate_per_1000"])
    assert [r["band"] for r in ordered] == sorted(r["band"] for r in ordered)
    assert len(area_map["colours"]) == len(area_map["breaks"]) + 1

    deprivation = snapshot["deprivation"]
    assert sum(r["count"] for r in deprivation["rows"]) + deprivation["rows_not_in_table"] == len(rows)
    assert sum(r["residents"] for r in deprivation["rows"]) == per_lad[BRAINTREE]  # every LSOA has a decile
    assert deprivation["correlation"]["spearman"] < 0  # more crime where deprivation is higher

    essex = [r for r in _street(analysis_data, set(months)) if r["reported_by"] == "Essex Police"]
    assert snapshot["not_attributable"]["no_location"] == sum(1 for r in essex if r["location"] == "No Location")
    assert snapshot["not_attributable"]["no_location"] > 0

    comparison = {row["key"]: row for row in snapshot["comparison"]["rows"]}
    assert comparison["braintree"]["is_scope"] and comparison["braintree"]["count"] == len(rows)
    assert comparison["castle-point-rochford"]["count"] == len(
        _in(_street(analysis_data, set(months)), lad_of, {"E07000069", "E07000075"})
    )
    assert comparison["essex"]["count"] == len(_in(_street(analysis_data, set(months)), lad_of, ESSEX_WORLD_LADS))
    assert snapshot["rates"]["total"]["rate_per_1000"] == round(1000 * len(rows) / per_lad[BRAINTREE], 2)


def test_2018_records_map_on_2011_lsoas(world, analysis_data):
    snapshot = analysis.build(partnership_scope(world.home.partnership), "2018-01", "2018-07")
    imd = _read_gz_codes(analysis_data)
    assert snapshot["map"]["vintage"] == "2011"
    assert {r["lsoa_code"] for r in snapshot["map"]["rows"]} == imd
    assert sum(r["count"] for r in snapshot["map"]["rows"]) == sum(snapshot["trend"]["total"])
    assert snapshot["hotspots"]["units"] == 7


def _read_gz_codes(police_data: Path) -> set[str]:
    """Braintree's 2011 LSOAs, from the IMD 2019 file (LAD 2019 code)."""
    import gzip

    path = police_data / "imd2019" / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return {row[0] for row in reader if row[2] == BRAINTREE}


def test_a_long_period_counts_persistence_in_quarters(world, analysis_data):
    snapshot = analysis.build(partnership_scope(world.home.partnership), "2018-01", "2024-04")
    hotspots = snapshot["hotspots"]
    # Quarters with records: 2018 Q1, Q2 and Q3 (July), 2024 Q1 and Q2 (April).
    assert (hotspots["unit"], hotspots["units"]) == ("quarter", 5)
    assert len(snapshot["data"]["months_missing"]) == len(snapshot["months"]) - 11


def test_stop_and_search_is_placed_in_the_partnerships_lsoas(world, analysis_data):
    files = sorted((analysis_data / "police-uk-essex-stop-and-search").glob("*.csv"))
    searches = [row for path in files for row in _read(path)]
    force = analysis.build(scope_for("force", "Essex Police"), "2019-12", "2020-02")["stop_and_search"]
    assert len(searches) == 5355
    assert (force["attributed_by"], force["total"]) == ("force", 5355)
    assert force["by_object"][0] == {"label": "Controlled drugs", "count": 3549}
    assert sum(r["count"] for r in force["by_month"]) == force["total"]

    placed = {}
    for side in (world.home, world.other):
        stops = analysis.build(partnership_scope(side.partnership), "2019-12", "2020-02")["stop_and_search"]
        assert stops["attributed_by"] == "boundaries"
        assert stops["total"] + stops["outside"] + stops["no_location"] == len(searches)
        assert stops["no_location"] == sum(1 for r in searches if not r["latitude"])
        assert sum(r["count"] for r in stops["by_outcome"]) == stops["total"]
        placed[side.partnership.slug] = stops["total"]
    assert all(placed.values())
    assert sum(placed.values()) <= len(searches) - force["no_location"]


def test_a_force_scope_counts_what_the_force_reported(world, analysis_data):
    snapshot = analysis.build(scope_for("force", "Essex Police"), "2024-01", "2024-04")
    summary = street_summary_by_force(reported_by="Essex Police", first="2024-01", last="2024-04")
    assert snapshot["trend"]["total"] == summary["total"]
    assert snapshot["not_attributable"]["in_scope_counts"]
    assert snapshot["population"]["area"]["slug"] == "essex"


def test_an_area_is_compared_with_itself_and_its_partnerships(world, analysis_data):
    snapshot = analysis.build(area_scope(world.essex), "2024-01", "2024-04")
    rows = snapshot["comparison"]["rows"]
    assert [r["key"] for r in rows] == ["braintree", "castle-point-rochford", "essex"]
    assert [r["is_scope"] for r in rows] == [False, False, True]
    assert rows[0]["count"] + rows[1]["count"] == rows[2]["count"]
    assert snapshot["rates"]["total"]["ratio"] == 1.0


def test_with_no_data_the_snapshot_is_empty_not_an_error(world):
    snapshot = analysis.build(partnership_scope(world.home.partnership), "2024-01", "2024-04")
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot["data"] == {
        "street_rows": 0,
        "months_held": [],
        "months_missing": ["2024-01", "2024-02", "2024-03", "2024-04"],
    }
    assert snapshot["trend"]["types"] == [] and snapshot["population"]["residents"] is None
    assert snapshot["map"]["rows"] == [] and snapshot["stop_and_search"]["held"] is False
    assert analysis.issue_stats(partnership_scope(world.home.partnership), "2024-01", "2024-04") == {}


def test_months():
    assert shift_month("2024-01", -1) == "2023-12"
    assert shift_month("2023-12", 13) == "2025-01"
    assert analysis.previous_period("2024-03", "2024-04") == ("2024-01", "2024-02")
    assert analysis.previous_period("2024-01", "2024-12") == ("2023-01", "2023-12")


def test_rolling_totals_need_every_month_of_their_window():
    months = analysis.months_between("2023-12", "2024-02")
    counts = {("Burglary", m): 10 for m in analysis.months_between("2022-12", "2024-02")}
    held = {m for _, m in counts} - {"2023-02"}
    trend = analysis._trend(counts, months, shift_month(months[0], -11), held)
    # 2023-12 sums 2023-01..2023-12 and 2024-01 sums 2023-02..2024-01: both need 2023-02; 2024-02 does not.
    assert trend["rolling_total"] == [None, None, 120]
    assert trend["rolling_missing"] == ["2023-02"]
    trend = analysis._trend(counts, months, shift_month(months[0], -11), held | {"2023-02"})
    assert trend["rolling_total"] == [120, 120, 120]
    assert trend["rolling"]["Burglary"] == [120, 120, 120]
    assert trend["counts"]["Burglary"] == [10, 10, 10]
