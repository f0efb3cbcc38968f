"""``load_reference`` on the real reference files: every row accounted for, the tables and the rule's arithmetic.

Expectations are computed here from the files themselves with the csv and json modules, never
copied from the loader's output.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path

import pytest

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.crimedata import reference, store
from saferhub.crimedata.access import reference_imports
from saferhub.crimedata.models import ReferenceImport
from saferhub.crimedata.reference import ReferenceDataError, load_reference
from saferhub.crimedata.tests.conftest import REFERENCE_FOLDERS

pytestmark = pytest.mark.django_db

ESSEX_LADS = [
    "E06000033",
    "E06000034",
    "E07000066",
    "E07000067",
    "E07000068",
    "E07000069",
    "E07000070",
    "E07000071",
    "E07000072",
    "E07000073",
    "E07000074",
    "E07000075",
    "E07000076",
    "E07000077",
]
FILE_1 = "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
FILE_2 = "imd2019/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"
FILE_6 = "imd2019/File_6_-_IoD2019_Population_Denominators.csv.gz"
LOOKUP = "lsoa-lookups/LSOA11_LSOA21_LAD22_EW_LU_v2_-9218941858449512980.csv"
CENTROIDS = "lsoa-lookups/lsoa_latlong.csv"
POPULATION = "lsoa-population/population_estimates_mid_2022_for_LSOA_2021.csv"


def read_rows(path):
    """The header and data rows of a CSV (gzipped or not) as the csv module reads them."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as text:
        header, *rows = [row for row in csv.reader(text) if row]
    return header, rows


def column(header, start):
    return next(i for i, name in enumerate(header) if name.startswith(start))


def number(text):
    return int(text.replace(",", ""))


def lsoa_row(code):
    with store.connect() as con:
        cursor = con.execute("SELECT * FROM lsoa WHERE lsoa_code = ?", [code])
        names = [d[0] for d in cursor.description]
        found = cursor.fetchall()
    assert len(found) == 1, f"{code}: {len(found)} rows"
    return dict(zip(names, found[0], strict=True))


def test_every_row_of_every_reference_file_is_accepted_or_rejected(reference_data, police_data):
    files = {f["file"]: f for f in reference_data.files}
    for name, f in files.items():
        path = Path(name)
        if f["kind"] == "boundaries":
            expected = len(json.loads(path.read_text(encoding="utf-8"))["features"])
        else:
            expected = len(read_rows(path)[1])
        assert f["accepted"] + f["rejected"] == f["rows"] == expected, name
    kinds = sorted({f["kind"] for f in files.values()})
    assert kinds == [
        "boundaries",
        "centroids",
        "imd",
        "imd_domains",
        "imd_population",
        "la_codes",
        "lsoa_lookup",
        "population",
    ]
    assert sum(1 for f in files.values() if f["kind"] == "boundaries") == 28
    # SOURCES.md's row counts.
    by_kind = {f["kind"]: f for f in files.values() if f["kind"] != "boundaries"}
    assert {k: f["rows"] for k, f in by_kind.items()} == {
        "imd": 32_844,
        "imd_domains": 32_844,
        "imd_population": 32_844,
        "lsoa_lookup": 34_753,
        "la_codes": 415,
        "centroids": 48_424,
        "population": 35_672,
    }
    # The only rows rejected are the centroids of Scottish data zones and Northern Irish areas.
    _, centroids = read_rows(police_data / CENTROIDS)
    outside = [row for row in centroids if not row[0].startswith(("E01", "W01"))]
    assert [k for k, f in by_kind.items() if f["rejected"]] == ["centroids"]
    assert by_kind["centroids"]["rejected"] == len(outside) == 11_646
    assert list(by_kind["centroids"]["reasons"]) == [
        "LSOACD is not an England or Wales LSOA code (E01 or W01 and six digits)"
    ]


def test_the_report_names_each_rejected_row_by_its_file_and_line(reference_data, police_data):
    with open(reference_data.report_path, encoding="utf-8", newline="") as report:
        header, *rejected = list(csv.reader(report))
    assert header == ["file", "line", "reason", "row"]
    assert len(rejected) == reference_data.rows_rejected == 11_646
    lines = (police_data / CENTROIDS).read_text(encoding="utf-8").splitlines()
    for file, line, _, *raw in rejected[::997]:
        assert file == str(police_data / CENTROIDS)
        assert lines[int(line) - 1] == ",".join(raw)


def test_the_load_is_recorded_and_audited(reference_data):
    record = ReferenceImport.objects.get()
    assert record.codes == 36_778
    assert record.attached == {
        "direct": 32_844,
        "best-fit": 840,
        "best-fit-merged": 97,
        "spatial": 34,
        "nearest": 974,
        "none": 1_989,
    }
    event = AuditEvent.objects.get(verb=Verb.CRIME_REFERENCE_IMPORTED)
    assert event.target_id == str(record.pk)
    assert event.detail["codes"] == 36_778


def test_every_code_of_either_vintage_has_one_row(reference_data, police_data):
    _, imd = read_rows(police_data / FILE_1)
    _, lookup = read_rows(police_data / LOOKUP)
    _, population = read_rows(police_data / POPULATION)
    codes_2011 = {r[0] for r in imd} | {r[0] for r in lookup}
    codes_2021 = {r[2] for r in population} | {r[2] for r in lookup}
    with store.connect() as con:
        vintages = dict(con.execute("SELECT vintage, count(*) FROM lsoa GROUP BY 1").fetchall())
        assert con.execute("SELECT count(*) = count(DISTINCT lsoa_code) FROM lsoa").fetchone() == (True,)
        missing_lad = con.execute("SELECT count(*) FROM lsoa WHERE lad_code IS NULL").fetchone()[0]
        wrong_population_source = con.execute(
            "SELECT count(*) FROM lsoa WHERE (vintage = '2011') <> (population_source LIKE '%mid-2015%')"
        ).fetchone()[0]
    assert vintages == {
        "both": len(codes_2011 & codes_2021),
        "2011": len(codes_2011 - codes_2021),
        "2021": len(codes_2021 - codes_2011),
    }
    assert missing_lad == 0
    assert wrong_population_source == 0


def test_a_merged_lsoa_gets_the_population_weighted_rank_and_its_national_decile(reference_data, police_data):
    header_1, imd = read_rows(police_data / FILE_1)
    header_2, domains = read_rows(police_data / FILE_2)
    _, population_2015 = read_rows(police_data / FILE_6)
    _, lookup = read_rows(police_data / LOOKUP)
    rank = {r[0]: number(r[column(header_1, "Index of Multiple Deprivation (IMD) Rank")]) for r in imd}
    crime_rank = {r[0]: number(r[column(header_2, "Crime Rank")]) for r in domains}
    people = {r[0]: number(r[4]) for r in population_2015}
    sources: dict[str, list[str]] = {}
    for row in lookup:
        sources.setdefault(row[2], []).append(row[0])
    merged = sorted(code for code, parents in sources.items() if len(parents) > 1 and code.startswith("E"))
    assert len(merged) == 97

    def national_decile(of_rank):  # 32,844 LSOAs in tenths: decile d ends at rank floor(d * 3,284.4)
        return next(d for d in range(1, 11) if of_rank <= d * 32_844 // 10)

    for code in (merged[0], merged[-1]):
        parents = sources[code]
        weight = sum(people[p] for p in parents)
        expected_rank = int(sum(people[p] * rank[p] for p in parents) / weight + 0.5)
        expected_crime = int(sum(people[p] * crime_rank[p] for p in parents) / weight + 0.5)
        row = lsoa_row(code)
        assert row["imd_source"] == "best-fit-merged"
        assert row["vintage"] == "2021"
        assert (row["imd_rank"], row["imd_decile"]) == (expected_rank, national_decile(expected_rank))
        assert row["crime_decile"] == national_decile(expected_crime)
        assert row["population_source"] == "ONS mid-2022 (LSOA 2021)"


def test_an_old_local_authority_code_becomes_the_active_one(reference_data, police_data):
    _, population = read_rows(police_data / POPULATION)
    allerdale = next(r for r in population if r[0] == "E07000026")  # merged into Cumberland in 2023
    row = lsoa_row(allerdale[2])
    assert (row["lad_code"], row["lad_name"]) == ("E06000063", "Cumberland")
    assert row["population"] == number(allerdale[4])


def test_lad_population_is_the_mid_2022_total(reference_data, police_data):
    _, population = read_rows(police_data / POPULATION)
    braintree = sum(number(r[4]) for r in population if r[0] == "E07000067")
    assert reference.lad_population(["E07000067"]) == braintree == 157_605
    assert reference.lad_population(ESSEX_LADS) == 1_877_531  # SOURCES.md
    assert reference.lad_population([]) == 0


def test_boundaries_are_a_feature_collection_of_the_vintage_asked_for(reference_data, police_data):
    folder = police_data / "lsoa-boundaries-essex"
    for vintage, sub, key in (("2021", "lsoa21", "LSOA21CD"), ("2011", "lsoa11", "LSOA11CD")):
        given = json.loads((folder / sub / "E07000067.geojson").read_text(encoding="utf-8"))["features"]
        collection = reference.boundaries(["E07000067"], vintage=vintage)
        assert collection["type"] == "FeatureCollection"
        assert [f["properties"]["lsoa_code"] for f in collection["features"]] == sorted(
            f["properties"][key] for f in given
        )
        first = collection["features"][0]
        source = next(f for f in given if f["properties"][key] == first["properties"]["lsoa_code"])
        assert first["geometry"] == source["geometry"]
        assert first["properties"]["lsoa_name"].startswith("Braintree ")
    assert len(reference.boundaries(ESSEX_LADS)["features"]) == 1_111
    assert reference.boundaries(["E09000016"])["features"] == []
    with pytest.raises(ValueError, match="vintage"):
        reference.boundaries(["E07000067"], vintage="2001")


def _copy_reference(police_data, target):
    """The real reference files under other names and folders: they are found by their header."""
    for number_, path in enumerate(
        sorted(p for folder in REFERENCE_FOLDERS for p in (police_data / folder).rglob("*") if p.is_file())
    ):
        suffix = ".csv.gz" if path.name.endswith(".csv.gz") else path.suffix
        shutil.copy(path, target / f"file-{number_:02d}{suffix}")


def test_files_are_found_by_header_and_bad_rows_are_reported_by_line(police_data, tmp_path):
    folder = tmp_path / "given"
    folder.mkdir()
    _copy_reference(police_data, folder)
    # IMD File 1 again (its copy is removed), with bad rows put in among the real ones: CRLF, BOM and gzip kept.
    file_1 = next(p for p in folder.glob("*.csv.gz") if b"(IMD) Decile\r" in gzip.decompress(p.read_bytes())[:400])
    file_1.unlink()
    lines = gzip.decompress((police_data / FILE_1).read_bytes()).decode("utf-8-sig").split("\r\n")
    bad = [
        "",  # a blank line is not a row
        "E0100000X,City of London 001Z,E09000001,City of London,1,1",
        'E01099999,Nowhere 001A,E09000001,Nowhere,"29,19",9',
        "E01099998,Nowhere 001B,E09000001,Nowhere,12,11",
        lines[1],  # the first data row again
        "E01099997,Nowhere 001C,E09000001",
        '"E0109999Y","Two-line\r\nname",E09000001,Nowhere,5,1',
    ]
    text = "\r\n".join(lines[:3] + bad + lines[3:])
    (folder / "deprivation.csv.gz").write_bytes(gzip.compress(("\ufeff" + text).encode("utf-8")))

    record = load_reference(folder)

    assert sorted(s["reason"] for s in record.skipped) == [
        "not a .csv, .csv.gz or .geojson file",  # the IMD File 1 workbook
        "not one of the reference files read here (by its header)",  # the OA11 lookup
    ]
    read = next(f for f in record.files if f["kind"] == "imd")
    assert (read["accepted"], read["rejected"], read["rows"]) == (32_844, 6, 32_850)
    with open(record.report_path, encoding="utf-8", newline="") as report:
        rejected = [r[:3] for r in csv.reader(report) if r[0] == str(folder / "deprivation.csv.gz")]
    assert rejected == [
        [
            str(folder / "deprivation.csv.gz"),
            "5",
            "LSOA code (2011) is not an England or Wales LSOA code (E01 or W01 and six digits)",
        ],
        [str(folder / "deprivation.csv.gz"), "6", "IMD Rank is not a whole number"],
        [str(folder / "deprivation.csv.gz"), "7", "IMD Decile is out of range (1 to 10)"],
        [str(folder / "deprivation.csv.gz"), "8", "LSOA code (2011) repeats the code of line 2"],
        [str(folder / "deprivation.csv.gz"), "9", "expected 6 fields, found 3"],
        [
            str(folder / "deprivation.csv.gz"),
            "10",
            "LSOA code (2011) is not an England or Wales LSOA code (E01 or W01 and six digits)",
        ],
    ]
    assert lsoa_row("E01000001")["imd_decile"] == 9  # the real row, not its repeat


def test_a_missing_reference_file_is_named_and_nothing_changes(police_data, tmp_path):
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(police_data / "imd2019", police_data / "lsoa-population")
    message = str(raised.value)
    assert "LSOA 2011 to LSOA 2021 to LAD 2022 best-fit lookup" in message
    assert "LSOA centroids" in message
    assert "IMD 2019 File 1" not in message
    assert not ReferenceImport.objects.exists()
    assert not store.reference_file("lsoa").exists()
    with pytest.raises(ReferenceDataError, match="no such folder"):
        load_reference(tmp_path / "nowhere")


def test_a_reference_file_given_twice_is_refused(police_data):
    with pytest.raises(ReferenceDataError, match="more than once"):
        load_reference(*(police_data / f for f in REFERENCE_FOLDERS), police_data / "lsoa-population")


def test_analysts_managers_and_administrators_see_reference_loads_and_others_do_not(world, reference_data):
    for user in (world.analyst, world.manager, world.administrator, world.system_admin):
        assert reference_imports.can(user, "view", reference_data), user
        assert not reference_imports.can(user, "change", reference_data), user
    for user in (world.council_officer, world.scrutiny, world.county_viewer, world.outsider, world.no_roles):
        assert not reference_imports.can(user, "view", reference_data), user
