"""``partner_summary``: the crime summary's shape, months without rows as 0, and rows restricted to local
authorities by their own code or by their LSOA's, through the ``lsoa`` reference table."""

from __future__ import annotations

import pytest

from saferhub.partnerdata.selectors import partner_summary
from saferhub.partnerdata.tests.fire import (
    BRAINTREE,
    CASTLE_POINT,
    ROCHFORD,
    expected,
    fire_csv,
    fires,
    write_lsoa_reference,
)
from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map

pytestmark = pytest.mark.django_db

MONTHS = ["2024-01", "2024-02", "2024-03"]


def test_the_summary_has_the_crime_summarys_shape_with_every_month_of_the_range(world):
    dataset = fire_dataset(world)
    rows = fires(["2024-01", "2024-03"])
    upload_and_map(dataset, fire_csv(rows))
    summary = partner_summary(dataset, "2023-12", "2024-04")
    assert list(summary) == ["months", "counts", "total"]
    assert summary == expected(rows, ["2023-12", *MONTHS, "2024-04"])
    assert summary["total"][0] == summary["total"][2] == summary["total"][4] == 0
    assert list(summary["counts"]) == sorted(summary["counts"])
    assert summary["total"] == [sum(column) for column in zip(*summary["counts"].values(), strict=True)]
    # Each row counts its "Incidents", not 1.
    assert sum(summary["total"]) == sum(f.incidents for f in rows) > len(rows)


def test_a_dataset_without_rows_sums_to_zeros(world):
    dataset = fire_dataset(world)
    assert partner_summary(dataset, "2024-01", "2024-02") == {
        "months": ["2024-01", "2024-02"],
        "counts": {},
        "total": [0, 0],
    }


def test_rows_are_attributed_to_local_authorities_by_the_lsoa_reference(world):
    write_lsoa_reference()
    dataset = fire_dataset(world)
    rows = fires(MONTHS)
    upload_and_map(dataset, fire_csv(rows))
    braintree = partner_summary(dataset, "2024-01", "2024-03", lad_codes=[BRAINTREE])
    assert braintree == expected(rows, MONTHS, lads={BRAINTREE})
    other = partner_summary(dataset, "2024-01", "2024-03", lad_codes={CASTLE_POINT, ROCHFORD})
    assert other == expected(rows, MONTHS, lads={CASTLE_POINT})
    assert [a + b for a, b in zip(braintree["total"], other["total"], strict=True)] == partner_summary(
        dataset, "2024-01", "2024-03"
    )["total"]
    assert partner_summary(dataset, "2024-01", "2024-03", lad_codes=[])["total"] == [0, 0, 0]


def test_a_rows_own_local_authority_code_counts_and_rows_with_no_area_are_left_out(world):
    dataset = fire_dataset(world, name="Council ASB reports")
    text = (
        "Month,Category,Local Authority Code,LSOA code,Reports\n"
        "2024-01,Nuisance,E07000067,,10\n"
        "2024-01,Nuisance,,E01021347,4\n"  # a Braintree LSOA, found through the reference table
        "2024-01,Personal,E07000069,,3\n"
        "2024-02,Environmental,,,7\n"  # no area: counted in the whole dataset only
    )
    upload_and_map(
        dataset,
        text.encode(),
        mapping={
            "date_column": "Month",
            "date_format": "month",
            "category_column": "Category",
            "lad_column": "Local Authority Code",
            "lsoa_column": "LSOA code",
            "count_column": "Reports",
        },
    )
    # Without the reference table, only the row's own code attributes it.
    assert partner_summary(dataset, "2024-01", "2024-02", lad_codes=[BRAINTREE])["counts"] == {"Nuisance": [10, 0]}
    write_lsoa_reference()
    assert partner_summary(dataset, "2024-01", "2024-02", lad_codes=[BRAINTREE])["counts"] == {"Nuisance": [14, 0]}
    assert partner_summary(dataset, "2024-01", "2024-02")["total"] == [17, 7]
