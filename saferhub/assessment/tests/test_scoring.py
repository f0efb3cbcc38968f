"""The matrix's arithmetic: weighted totals, ranks, the stated tie-breaks, and data dimensions scored from
IssueStats-like figures (as ``crimedata.analysis.issue_stats`` gives them)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from saferhub.assessment import scoring
from saferhub.assessment.scoring import DimensionInput, IssueInput

HARM = DimensionInput("harm", "Harm", Decimal(2), 5, 1)
VOLUME = DimensionInput("volume", "Volume", Decimal(1), 5, 2)
TEN = DimensionInput("ten", "Concern", Decimal(1), 10, 3)


def _stats(count, previous=0, change=None, significant=False, rate=None, county=None, **extra):
    return {
        "count": count,
        "previous": previous,
        "change_pct": change,
        "significant": significant,
        "direction": "flat",
        "rate_per_1000": rate,
        "county_rate_per_1000": county,
        **extra,
    }


def test_the_total_is_the_weighted_average_of_each_scores_place_on_its_scale_out_of_100():
    issue = IssueInput("a", "Burglary", {"harm": 4, "volume": 2})
    ranking = scoring.rank_issues([issue], [HARM, VOLUME])
    entry = ranking.ranked[0]
    # Harm 4 of 5 is 3/4 of the way up; volume 2 of 5 is 1/4. Weights 2 and 1.
    assert entry.total == Fraction(2, 3) * Fraction(3, 4) * 100 + Fraction(1, 3) * Fraction(1, 4) * 100
    assert entry.total_shown == Decimal("58.3")
    assert [p.contribution_shown for p in entry.parts] == [Decimal("50.0"), Decimal("8.3")]
    assert sum(p.contribution for p in entry.parts) == entry.total


def test_scales_of_different_lengths_count_alike_at_their_top_and_bottom():
    top = IssueInput("a", "Top", {"harm": 5, "ten": 10})
    bottom = IssueInput("b", "Bottom", {"harm": 1, "ten": 1})
    ranked = scoring.rank_issues([bottom, top], [HARM, TEN]).ranked
    assert [(r.issue.title, r.total) for r in ranked] == [("Top", 100), ("Bottom", 0)]


def test_a_heavier_weight_decides_between_issues_that_split_the_dimensions():
    harmful = IssueInput("a", "Harmful", {"harm": 5, "volume": 1})
    common = IssueInput("b", "Common", {"harm": 1, "volume": 5})
    ranked = scoring.rank_issues([common, harmful], [HARM, VOLUME]).ranked
    assert [r.issue.title for r in ranked] == ["Harmful", "Common"]
    assert [r.rank for r in ranked] == [1, 2]


def test_only_issues_scored_on_every_dimension_are_ranked_the_rest_say_what_they_lack():
    done = IssueInput("a", "Done", {"harm": 3, "volume": 3})
    half = IssueInput("b", "Half", {"harm": 3})
    ranking = scoring.rank_issues([half, done], [HARM, VOLUME])
    assert [r.issue.title for r in ranking.ranked] == ["Done"]
    assert [(u.issue.title, [d.name for d in u.missing]) for u in ranking.unranked] == [("Half", ["Volume"])]


def test_equal_totals_are_placed_by_the_most_heavily_weighted_dimension_first():
    # Equal totals: 2*(3/4) + 1*(0) == 2*(1/2) + 1*(2/4) -> 6/4 == 6/4.
    harmful = IssueInput("a", "Zebra crossings", {"harm": 4, "volume": 1})
    common = IssueInput("b", "Anti-social behaviour", {"harm": 3, "volume": 3})
    ranked = scoring.rank_issues([common, harmful], [HARM, VOLUME]).ranked
    assert ranked[0].total == ranked[1].total
    assert [r.issue.title for r in ranked] == ["Zebra crossings", "Anti-social behaviour"]
    assert ranked[0].tie_note == ""
    assert ranked[1].tie_note == "Level on total with Zebra crossings; placed below it on Harm (3 against 4)"


def test_equal_weights_are_taken_in_the_matrixs_order():
    first = DimensionInput("x", "First", Decimal(1), 5, 1)
    second = DimensionInput("y", "Second", Decimal(1), 5, 2)
    a = IssueInput("a", "A", {"x": 2, "y": 4})
    b = IssueInput("b", "B", {"x": 4, "y": 2})
    ranked = scoring.rank_issues([a, b], [second, first]).ranked
    assert [r.issue.title for r in ranked] == ["B", "A"]
    assert "placed below it on First (2 against 4)" in ranked[1].tie_note


def test_identical_scores_are_placed_by_recorded_crimes_then_by_title():
    scores = {"harm": 3, "volume": 3}
    fewer = IssueInput("a", "Arson", scores, count=10)
    more = IssueInput("b", "Burglary", scores, count=1234)
    by_hand = IssueInput("c", "Domestic abuse", scores)  # no crime data: counts as none
    also_by_hand = IssueInput("d", "Child exploitation", scores)
    ranked = scoring.rank_issues([fewer, by_hand, more, also_by_hand], [HARM, VOLUME]).ranked
    assert [r.issue.title for r in ranked] == ["Burglary", "Arson", "Child exploitation", "Domestic abuse"]
    assert ranked[1].tie_note.endswith("placed below it on recorded crimes (10 against 1,234)")
    assert ranked[3].tie_note.endswith("placed by title, A to Z")
    assert [r.rank for r in ranked] == [1, 2, 3, 4]


def test_a_score_off_its_scale_is_refused():
    with pytest.raises(ValueError, match="not on a scale of 1 to 5"):
        scoring.rank_issues([IssueInput("a", "A", {"harm": 6})], [HARM])


# --- data dimensions -----------------------------------------------------------------------------


def test_volume_ranks_the_crime_types_into_as_many_bands_as_the_scale_has_points():
    counts = [900, 800, 700, 600, 500, 400, 300, 200, 100, 50, 40, 30, 20, 10]
    stats = {f"Type {i:02d}": _stats(n) for i, n in enumerate(counts)}
    scores = scoring.volume_scores(stats, 5)
    assert [scores[f"Type {i:02d}"].value for i in range(14)] == [5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1]
    assert scores["Type 02"].explanation == "700 recorded crimes, 3rd highest of 14 crime types"


def test_volume_shares_a_place_between_equal_counts_and_gives_no_crime_the_lowest_point():
    stats = {"A": _stats(1234), "B": _stats(1234), "C": _stats(1), "D": _stats(0)}
    scores = scoring.volume_scores(stats, 5)
    assert scores["A"].value == scores["B"].value == 5
    assert scores["A"].explanation == "1,234 recorded crimes, joint 1st highest of 4 crime types"
    assert scores["C"].explanation == "1 recorded crime, 3rd highest of 4 crime types"
    assert scores["D"].value == 1
    assert scores["D"].explanation == "No recorded crimes in the period, of 4 crime types"


def test_trend_scores_a_change_that_is_not_significant_as_no_change():
    scores = scoring.trend_scores({"Burglary": _stats(110, 100, 10.0, False, p_value=0.49)}, 5, 12)
    assert scores["Burglary"].value == 3
    assert scores["Burglary"].explanation == (
        "+10% on the previous 12 months (from 100 to 110): not a significant change (p = 0.490)"
    )


def test_trend_scores_significant_rises_and_falls_by_size():
    stats = {
        "Small rise": _stats(1120, 1000, 12.0, True),
        "Big rise": _stats(1300, 1000, 30.0, True),
        "Small fall": _stats(880, 1000, -12.0, True),
        "Big fall": _stats(700, 1000, -30.0, True),
        "New": _stats(40, 0, None, True),
    }
    scores = scoring.trend_scores(stats, 5, 12)
    assert {name: s.value for name, s in scores.items()} == {
        "Small rise": 4,
        "Big rise": 5,
        "Small fall": 2,
        "Big fall": 1,
        "New": 5,
    }
    assert scores["Small rise"].explanation.endswith(": a significant rise")
    assert scores["New"].explanation.startswith("new in this period")


def test_trend_is_not_scored_when_the_previous_period_is_not_in_the_data():
    # The analysis gives no change at all when a month of either period is not held.
    stats = {"Burglary": _stats(120, 0, None, False), "Robbery": _stats(10, 4, None, False)}
    scores = scoring.trend_scores(stats, 5, 12)
    assert scores["Burglary"].value is None
    assert "the previous 12 months are not all in the crime data" in scores["Burglary"].explanation


def test_rate_compares_with_the_county_on_a_doubling_scale():
    stats = {
        "Same": _stats(10, rate=2.0, county=2.0),
        "Double": _stats(10, rate=4.0, county=2.0),
        "Half": _stats(10, rate=1.0, county=2.0),
        "Unknown": _stats(10, rate=None, county=2.0),
    }
    scores = scoring.rate_scores(stats, 5)
    assert (scores["Same"].value, scores["Double"].value, scores["Half"].value) == (3, 5, 1)
    assert scores["Double"].explanation == "4.00 per 1,000 residents, 2.00 times the county's rate of 2.00"
    assert scores["Unknown"].value is None


def test_ordinals():
    assert [scoring.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
