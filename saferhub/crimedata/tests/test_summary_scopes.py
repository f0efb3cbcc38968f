"""``saferhub crime summary`` by partnership, local authority and area, and ``saferhub crime reference``.

Expected counts come straight from the police.uk files (csv module), each row placed in a local
authority by the files' own lookups: the mid-2022 population file for 2021 codes, the best-fit
lookup's LAD22CD for 2011 codes, then la_all_codes to the active code.
"""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from saferhub.crimedata.importer import discover
from saferhub.crimedata.services import crime_file_import
from saferhub.crimedata.tests.conftest import REFERENCE_FOLDERS
from saferhub.crimedata.tests.test_reference import ESSEX_LADS, LOOKUP, POPULATION, read_rows
from saferhub.lib.periods import months_between
from saferhub.partnerships import services as partnerships

pytestmark = pytest.mark.django_db

FILES = [
    "police-uk-essex-street-2018/2018-01-essex-street.csv",  # snake_case header, 2011 codes
    "police-uk-essex-street-2018/2018-03-essex-street.csv",
    "police-uk-essex-street-2024/2024-01-essex-street.csv",  # 2021 codes
    "police-uk-essex-street-2024/2024-02-essex-street.csv",
]
MONTHS = months_between("2018-01", "2024-02")


def _crime(*args):
    out, err = StringIO(), StringIO()
    call_command("crime", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _summary(*scope):
    return json.loads(_crime("summary", *scope, "--from", "2018-01", "--to", "2024-02", "--format", "json")[0])


@pytest.fixture
def imported(reference_data, police_data):
    for name in FILES:
        for source in discover([police_data / name])[0]:
            crime_file_import(source=source)


@pytest.fixture
def records(police_data):
    """Every row of FILES as (month, crime type, local authority or None for "No Location")."""
    _, population = read_rows(police_data / POPULATION)
    _, lookup = read_rows(police_data / LOOKUP)
    _, la_codes = read_rows(police_data / "lsoa-lookups" / "la_all_codes.csv")
    active = {r[0]: r[2] for r in la_codes}
    lad = {r[0]: r[5] for r in lookup} | {r[2]: r[0] for r in population}
    found = []
    for name in FILES:
        header, rows = read_rows(police_data / name)
        names = [h.lower().replace(" ", "_") for h in header]  # "LSOA code" and "lsoa_code" alike
        month, crime_type, code = (names.index(c) for c in ("month", "crime_type", "lsoa_code"))
        found += [(r[month], r[crime_type], active[lad[r[code]]] if r[code] else None) for r in rows]
    return found


def _expected(records, lads):
    counts: dict[str, list[int]] = {}
    for month, crime_type, lad in records:
        if lad in lads:
            counts.setdefault(crime_type, [0] * len(MONTHS))[MONTHS.index(month)] += 1
    total = [sum(n[i] for n in counts.values()) for i in range(len(MONTHS))]
    return {"months": MONTHS, "counts": dict(sorted(counts.items())), "total": total}


def test_a_partnership_counts_the_records_of_its_local_authorities(world, imported, records):
    braintree = _expected(records, {"E07000067"})
    assert _summary("--partnership", "braintree") == braintree
    assert braintree["total"][0] > 800 and braintree["total"][-1] > 800  # 2011 and 2021 codes both count
    assert _summary("--partnership", "castle-point-rochford") == _expected(records, {"E07000069", "E07000075"})
    assert _summary("--local-authority", "E07000067") == braintree
    assert _summary("--area", "essex") == _expected(records, {"E07000067", "E07000069", "E07000075"})


def test_a_local_authority_not_set_up_in_saferhub_is_found_in_the_reference_table(imported, records):
    assert _summary("--local-authority", "E07000070") == _expected(records, {"E07000070"})  # Chelmsford


def test_rows_in_neighbouring_authorities_count_there_and_not_in_the_essex_area(world, imported, records):
    for code in ESSEX_LADS:
        if code not in {"E07000067", "E07000069", "E07000075"}:
            partnerships.local_authority_create(area=world.essex, ons_code=code, name=code, by=None)
    by_lad = Counter(lad for _, _, lad in records)
    neighbours = sorted(lad for lad in by_lad if lad is not None and lad not in ESSEX_LADS)
    assert "E09000016" in neighbours  # Havering
    assert 0 < sum(by_lad[lad] for lad in neighbours) < 0.005 * len(records)
    essex = _summary("--area", "essex")
    assert essex == _expected(records, set(ESSEX_LADS))
    force = _summary("--force", "Essex Police")
    elsewhere = [_summary("--local-authority", lad)["total"] for lad in neighbours]
    no_location = _expected(records, {None})["total"]
    # Every row of the force is in exactly one of: the Essex area, a neighbouring authority, no location.
    assert force["total"] == [sum(n) for n in zip(essex["total"], no_location, *elsewhere, strict=True)]
    for slug in ("braintree", "castle-point-rochford"):
        assert sum(_summary("--partnership", slug)["total"]) < sum(essex["total"])
    assert _summary("--local-authority", "E09000016") == _expected(records, {"E09000016"})


def test_exactly_one_scope_is_given():
    with pytest.raises(CommandError, match="not allowed with argument"):
        _crime("summary", "--force", "Essex Police", "--area", "essex", "--from", "2024-01", "--to", "2024-01")
    with pytest.raises(CommandError, match="one of the arguments --partnership --local-authority --force --area"):
        _crime("summary", "--from", "2024-01", "--to", "2024-01")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--partnership", "nowhere"], "--partnership: no partnership has the short name 'nowhere'"),
        (["--area", "wessex"], "--area: no area has the short name 'wessex' (known: essex, kent)"),
        (["--local-authority", "E07000999"], "--local-authority: no local authority has the ONS code 'E07000999'"),
        (["--force", " "], "--force: the force is blank"),
    ],
)
def test_an_unknown_scope_exits_with_status_2_saying_what_to_fix(world, args, message):
    with pytest.raises(CommandError) as raised:
        _crime("summary", *args, "--from", "2024-01", "--to", "2024-02")
    assert raised.value.returncode == 2
    assert message in str(raised.value)


def test_a_force_with_no_records_names_the_forces_there_are(imported):
    out, err = _crime("summary", "--force", "Essex Constabulary", "--from", "2024-01", "--to", "2024-01")
    assert json.loads(out)["total"] == [0]
    assert "no street records are reported by 'Essex Constabulary'; forces: Essex Police" in err


def test_the_reference_command_prints_what_it_read_and_attached(police_data):
    out, err = _crime("reference", *(str(police_data / f) for f in REFERENCE_FOLDERS))
    answer = json.loads(out)
    assert len(answer["files"]) == 7 + 28
    assert all(f["accepted"] + f["rejected"] == f["rows"] for f in answer["files"])
    assert answer["codes"] == 36_778
    assert answer["attached"]["spatial"] == 34
    assert answer["report"].endswith(".csv")
    assert "crime reference: attached 36778 LSOA codes" in err


def test_the_reference_command_names_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="no such folder") as raised:
        _crime("reference", str(tmp_path / "nowhere"))
    assert raised.value.returncode == 1


def test_every_partnership_at_once_equals_each_on_its_own(world, analysis_data, capsys):
    """``--every-partnership`` scans the store once; each partnership's figures are the same as alone."""
    import json

    from django.core.management import call_command

    from saferhub.crimedata.scope import partnership_scope, scope_for
    from saferhub.crimedata.selectors import street_summaries, street_summary
    from saferhub.partnerships.models import Partnership

    call_command("crime", "summary", "--every-partnership", "--from", "2024-01", "--to", "2024-04")
    every = json.loads(capsys.readouterr().out)
    partnerships = list(Partnership.objects.filter(archived_at__isnull=True))
    assert set(every) == {p.slug for p in partnerships}
    for partnership in partnerships:
        alone = street_summary(partnership_scope(partnership), first="2024-01", last="2024-04")
        assert every[partnership.slug] == alone, partnership.slug
    assert sum(every[world.home.partnership.slug]["total"]) > 0
    with pytest.raises(ValueError, match="not forces"):
        street_summaries([scope_for("force", "Essex Police")], first="2024-01", last="2024-04")
