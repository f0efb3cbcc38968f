"""A partner dataset's figures for the strategic assessment: the counts of the partnership's rows over the
period, and the change against the period before, tested as crime is and never tested over missing months."""

from __future__ import annotations

import pytest

from saferhub.crimedata.significance import compare_counts
from saferhub.partnerdata.figures import dataset_figures, figures_chart, figures_finding, figures_tables
from saferhub.partnerdata.tests.fire import BRAINTREE, expected, fire_csv, fires, write_lsoa_reference
from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map

pytestmark = pytest.mark.django_db

BEFORE = ["2024-01", "2024-02", "2024-03"]
NOW = ["2024-04", "2024-05", "2024-06"]


def _incidents(rows, months, lad=BRAINTREE):
    return sum(f.incidents for f in rows if f.month in months and f.lad == lad)


def test_the_period_and_the_one_before_are_counted_for_the_partnerships_local_authorities(world):
    write_lsoa_reference()
    dataset = fire_dataset(world)
    rows = fires(BEFORE + NOW)
    upload_and_map(dataset, fire_csv(rows))
    figures = dataset_figures(dataset, "2024-04", "2024-06", [BRAINTREE])
    assert figures is not None
    want = expected(rows, NOW, lads={BRAINTREE})
    assert figures["months"] == figures["months_held"] == NOW
    assert figures["counts"] == want["counts"] and figures["total"] == want["total"]
    change = figures["change"]
    assert (change["first"], change["last"], change["comparable"], change["missing"]) == (
        "2024-01",
        "2024-03",
        True,
        [],
    )
    count, previous = _incidents(rows, NOW), _incidents(rows, BEFORE)
    assert (change["total"]["count"], change["total"]["previous"]) == (count, previous)
    tested = compare_counts(count, previous)
    assert change["total"]["significant"] == tested.significant
    assert change["total"]["p_value"] == pytest.approx(tested.p_value, abs=1e-6)
    # Each category's row sums its own rows, largest first.
    assert sum(r["count"] for r in change["rows"]) == count
    assert sum(r["previous"] for r in change["rows"]) == previous
    assert [r["count"] for r in change["rows"]] == sorted((r["count"] for r in change["rows"]), reverse=True)
    # Without local authorities every row counts (Castle Point's too).
    everything = dataset_figures(dataset, "2024-04", "2024-06")
    assert sum(everything["total"]) == sum(f.incidents for f in rows if f.month in NOW) > count


def test_a_rise_beyond_noise_is_called_significant_and_said_in_a_sentence(world):
    dataset = fire_dataset(world)
    rows = fires(BEFORE, per_month=10, seed=1) + fires(NOW, per_month=60, seed=2)
    upload_and_map(dataset, fire_csv(rows))
    figures = dataset_figures(dataset, "2024-04", "2024-06")
    total = figures["change"]["total"]
    assert total["significant"] and total["direction"] == "up"
    finding = figures_finding(figures)
    assert finding.startswith(
        f"Deliberate fires ({world.fire.name}): {total['count']:,} incidents in 2024-04 to 2024-06"
    )
    assert f"a significant rise from {total['previous']:,}" in finding


def test_missing_months_are_shown_as_not_held_and_the_change_is_not_tested(world):
    dataset = fire_dataset(world)
    rows = fires(["2024-02", "2024-03", "2024-04", "2024-06"])
    upload_and_map(dataset, fire_csv(rows))
    figures = dataset_figures(dataset, "2024-04", "2024-06")
    assert figures["months_held"] == ["2024-04", "2024-06"]
    assert figures["change"]["comparable"] is False
    assert figures["change"]["missing"] == ["2024-01", "2024-05"]
    assert figures["change"]["total"]["p_value"] is None
    per_month, change = figures_tables(figures)
    assert [row[0] for row in per_month["rows"]] == ["2024-04", "2024-05 (not held)", "2024-06"]
    assert per_month["total"][-1] == sum(f.incidents for f in rows if f.month in NOW)
    # A previous period not fully held has no count to compare: blank, and said so.
    assert all(row[1] == "" and row[-1] == "Not compared: months missing" for row in change["rows"])
    assert "not tested" in figures_finding(figures)
    assert "given for 2 of its 3 months" in figures_finding(figures)


def test_a_dataset_with_no_month_of_the_period_has_no_figures(world):
    dataset = fire_dataset(world)
    assert dataset_figures(dataset, "2024-04", "2024-06") is None
    upload_and_map(dataset, fire_csv(fires(BEFORE)))
    assert dataset_figures(dataset, "2024-04", "2024-06") is None


def test_the_chart_stacks_each_category_per_month_and_the_table_holds_its_figures(world):
    dataset = fire_dataset(world)
    rows = fires(NOW)
    upload_and_map(dataset, fire_csv(rows))
    figures = dataset_figures(dataset, "2024-04", "2024-06")
    chart = figures_chart(figures, "chart-partner-1")
    assert chart["kind"] == "stacked_bar" and chart["categories"] == NOW
    assert set(chart["series"]) == set(figures["counts"])
    per_month = figures_tables(figures)[0]
    assert per_month["headers"][1:-1] == list(chart["series"])
    for i, month in enumerate(NOW):
        row = next(r for r in per_month["rows"] if r[0] == month)
        assert row[1:-1] == [chart["series"][c][i] for c in per_month["headers"][1:-1]]
        assert row[-1] == sum(f.incidents for f in rows if f.month == month)
