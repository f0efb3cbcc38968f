"""Every outcome category in the real 2018 and 2024 street files and the outcomes file has a group."""

from __future__ import annotations

import csv

from saferhub.crimedata import outcomes
from saferhub.crimedata.schema import normalise_header


def _categories(files, column):
    seen = set()
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                row = {normalise_header(k): v for k, v in row.items()}
                seen.add(row[column])
    return seen


def test_every_category_in_the_real_files_is_in_the_table(police_data):
    street = sorted(police_data.glob("police-uk-*-street-*/*.csv"))
    assert len(street) == 13
    seen = _categories(street, "last_outcome_category")
    seen |= _categories(sorted(police_data.glob("police-uk-essex-outcomes-head-sample/*.csv")), "outcome_type")
    assert "Offender sent to prison" in seen  # 2018 court outcomes
    assert "Suspect charged" in seen  # outcomes-file vocabulary
    assert outcomes.unknown(seen) == []
    assert all(outcomes.is_known(category) for category in seen)


def test_groups():
    assert outcomes.group_of("Investigation complete; no suspect identified") == outcomes.NO_SUSPECT
    assert outcomes.group_of("  investigation complete;  NO suspect identified ") == outcomes.NO_SUSPECT
    assert outcomes.group_of("Awaiting court outcome") == outcomes.CHARGED
    assert outcomes.group_of("Offender given suspended prison sentence") == outcomes.COURT
    assert outcomes.group_of("Local resolution") == outcomes.OUT_OF_COURT
    assert outcomes.group_of("Further action is not in the public interest") == outcomes.UNABLE_TO_PROSECUTE
    assert outcomes.group_of("") == outcomes.NOT_RECORDED
    assert outcomes.group_of(None) == outcomes.NOT_RECORDED
    assert set(outcomes.OUTCOME_GROUPS.values()) <= set(outcomes.GROUPS)


def test_an_unknown_category_is_other_and_listed():
    assert outcomes.group_of("Offender given a space ride") == outcomes.OTHER
    assert outcomes.unknown(
        ["Offender given a space ride", "Local resolution", None, "", "Offender given a space ride"]
    ) == ["Offender given a space ride"]
