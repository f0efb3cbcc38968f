"""Scopes, and the attach rule for real 2024 records that carry 2021 LSOA codes.

The issue's "done when": a 2024 record with a 2021 LSOA code gets the right local authority and a
deprivation decile, by the documented rule (docs/crime-data.md). The expected figures are worked
out here from the files with the csv module, not copied from the loader's output.
"""

from __future__ import annotations

import pytest

from saferhub.crimedata import store
from saferhub.crimedata.importer import discover
from saferhub.crimedata.scope import Scope, ScopeError, area_scope, partnership_scope, scope_for
from saferhub.crimedata.services import crime_file_import
from saferhub.crimedata.tests.test_reference import FILE_1, FILE_2, LOOKUP, POPULATION, column, read_rows

pytestmark = pytest.mark.django_db


def _street_rows(police_data, month):
    header, rows = read_rows(police_data / "police-uk-essex-street-2024" / f"2024-{month}-essex-street.csv")
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_a_2024_record_gets_its_local_authority_and_decile_by_the_rule(reference_data, police_data):
    header_1, imd = read_rows(police_data / FILE_1)
    header_2, domains = read_rows(police_data / FILE_2)
    _, lookup = read_rows(police_data / LOOKUP)
    _, population = read_rows(police_data / POPULATION)
    decile = {r[0]: int(r[column(header_1, "Index of Multiple Deprivation (IMD) Decile")]) for r in imd}
    crime_decile = {r[0]: int(r[column(header_2, "Crime Decile")]) for r in domains}
    lad_2021 = {r[2]: r[0] for r in population}
    sources: dict[str, list[str]] = {}
    for row in lookup:
        sources.setdefault(row[2], []).append(row[0])
    codes_2021 = set(lad_2021)
    records = [r for r in _street_rows(police_data, "01") if r["LSOA code"] and r["Crime ID"]]

    # 'direct': the 2021 code is itself an IMD 2019 (2011) LSOA.
    direct = next(r for r in records if r["LSOA code"] in decile)
    # 'best-fit': a new 2021 code that is the best fit of exactly one 2011 LSOA.
    best_fit = next(r for r in records if r["LSOA code"] not in decile and len(sources.get(r["LSOA code"], [])) == 1)

    # 'spatial': pieces of a split that no 2011 LSOA has as its best fit. Their parents, worked out by
    # hand from the names: of the 2011 LSOAs of MSOA "Colchester 007" (007A-E) only 007D has no 2021
    # code of its own, and 2021 has 007F (007D's best fit) and 007G instead: 007G is the other piece of
    # 007D. Likewise Chelmsford 004A became 004H (its best fit) and 004G. The rule finds the same
    # parents by the 2011 polygon that contains each piece's centroid; 004G is concave and its
    # centroid lies outside it, in Chelmsford 001D, so the rule first moves the point inside 004G.
    def parent(name):
        msoa = name[:-1]
        found = [r[0] for r in lookup if r[1][:-1] == msoa and r[0] not in codes_2021]
        assert len(found) == 1, found
        return found[0]

    spatial = [next(r for r in records if r["LSOA code"] == code) for code in ("E01035158", "E01034083")]
    assert [r["LSOA name"] for r in spatial] == ["Colchester 007G", "Chelmsford 004G"]
    assert not any(r["LSOA code"] in sources for r in spatial)
    assert [parent(r["LSOA name"]) for r in spatial] == ["E01021649", "E01021616"]  # Colchester 007D, Chelmsford 004A
    expected = {
        direct["Crime ID"]: ("direct", direct["LSOA code"]),
        best_fit["Crime ID"]: ("best-fit", sources[best_fit["LSOA code"]][0]),
        **{r["Crime ID"]: ("spatial", parent(r["LSOA name"])) for r in spatial},
    }

    for source in discover([police_data / "police-uk-essex-street-2024" / "2024-01-essex-street.csv"])[0]:
        crime_file_import(source=source)
    with store.connect() as con:
        found = con.execute(
            "SELECT s.crime_id, s.lsoa_code, r.lad_code, r.imd_source, r.imd_decile, r.crime_decile "
            "FROM street s LEFT JOIN lsoa r ON r.lsoa_code = s.lsoa_code WHERE list_contains(?, s.crime_id)",
            [list(expected)],
        ).fetchall()
    assert len(found) == 4
    for crime_id, code, lad, method, imd_decile, crime in found:
        source_method, imd_lsoa = expected[crime_id]
        assert lad == lad_2021[code], crime_id
        assert (method, imd_decile, crime) == (source_method, decile[imd_lsoa], crime_decile[imd_lsoa]), crime_id


def test_every_located_2024_record_gets_a_local_authority_and_a_decile(reference_data, police_data):
    for month in ("01", "02", "03", "04"):
        for source in discover([police_data / "police-uk-essex-street-2024" / f"2024-{month}-essex-street.csv"])[0]:
            crime_file_import(source=source)
    with store.connect() as con:
        unattached = con.execute(
            "SELECT count(*) FILTER (WHERE r.lad_code IS NULL), count(*) FILTER (WHERE r.imd_decile IS NULL), "
            "count(*) FROM street s LEFT JOIN lsoa r ON r.lsoa_code = s.lsoa_code WHERE s.lsoa_code IS NOT NULL"
        ).fetchone()
    assert unattached[:2] == (0, 0)
    assert unattached[2] > 50_000


def test_a_partnership_scope_is_its_local_authorities(world):
    scope = partnership_scope(world.other.partnership)
    assert scope == Scope(
        "partnership",
        "castle-point-rochford",
        "Castle Point and Rochford Community Safety Partnership",
        frozenset({"E07000069", "E07000075"}),
        None,
    )
    assert scope.where() == ("r.lad_code IN (?, ?)", ["E07000069", "E07000075"])
    assert scope_for("partnership", "castle-point-rochford") == scope


def test_an_area_scope_is_every_local_authority_of_the_area(world):
    scope = area_scope(world.essex)
    assert (scope.kind, scope.key, scope.label) == ("area", "essex", "Essex")
    assert scope.lad_codes == {"E07000067", "E07000069", "E07000075"}
    assert scope_for("area", "essex") == scope
    assert scope.where("x", "y") == ("y.lad_code IN (?, ?, ?)", ["E07000067", "E07000069", "E07000075"])


def test_a_force_scope_selects_by_reported_by():
    scope = scope_for("force", " Essex Police ")
    assert scope == Scope("force", "Essex Police", "Essex Police", frozenset(), "Essex Police")
    assert scope.where("s", "r") == ("s.reported_by = ?", ["Essex Police"])


def test_a_local_authority_scope_comes_from_saferhub_or_the_reference_table(world, reference_data):
    assert scope_for("local_authority", "e07000067") == Scope(
        "local_authority", "E07000067", "Braintree", frozenset({"E07000067"}), None
    )
    # Havering is not set up in SaferHub, but the reference table knows it.
    havering = scope_for("local_authority", "E09000016")
    assert (havering.label, havering.lad_codes) == ("Havering", frozenset({"E09000016"}))


def test_a_scope_without_local_authorities_selects_nothing(world):
    empty = Scope("partnership", "new", "New", frozenset(), None)
    assert empty.where() == ("FALSE", [])


@pytest.mark.parametrize(
    ("kind", "key", "message"),
    [
        ("partnership", "nowhere", r"no partnership has the short name 'nowhere' \(known: braintree, "),
        ("area", "wessex", r"no area has the short name 'wessex' \(known: essex, kent\)"),
        ("local_authority", "E07000999", r"no local authority has the ONS code 'E07000999'. Set up in SaferHub: "),
        ("force", "  ", "the force is blank"),
        ("county", "essex", "'county' is not a kind of scope"),
    ],
)
def test_an_unknown_scope_says_what_exists(world, kind, key, message):
    with pytest.raises(ScopeError, match=message):
        scope_for(kind, key)


def test_an_unknown_local_authority_lists_the_codes_there_are(world, reference_data):
    with pytest.raises(ScopeError) as raised:
        scope_for("local_authority", "E07000999")
    message = str(raised.value)
    assert "E07000067 (Braintree), E07000069 (Castle Point), E07000075 (Rochford), E07000107 (Dartford)" in message
    assert "the LSOA reference table knows 318 codes, such as E07000008 (Cambridge)" in message
