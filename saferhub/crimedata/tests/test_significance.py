"""The exact test of two counts: checked against R's binom.test / poisson.test and against exact fractions."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest

from saferhub.crimedata.significance import binomial_test, compare_counts


def _exact(k: int, n: int, p: Fraction) -> float:
    """The two-sided p-value by brute force in exact arithmetic (R's rule: outcomes no more likely than k)."""
    probabilities = [comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(n + 1)]
    limit = probabilities[k] * Fraction(10_000_001, 10_000_000)
    return float(min(Fraction(1), sum(q for q in probabilities if q <= limit)))


@pytest.mark.parametrize(
    ("k", "n", "p", "r_value"),
    [
        (3, 10, 0.5, 0.34375),  # binom.test(3, 10)
        (0, 10, 0.5, 0.001953125),  # binom.test(0, 10)
        (682, 925, 0.75, 0.3825),  # binom.test(682, 925, p = 0.75): R's own example
        (11, 32, 800 / 3811, 0.07967),  # poisson.test(c(11, 21), c(800, 3011)): R's own example
    ],
)
def test_p_values_match_r(k, n, p, r_value):
    assert binomial_test(k, n, p) == pytest.approx(r_value, abs=5e-5)


@pytest.mark.parametrize("p", [Fraction(1, 2), Fraction(3, 10), Fraction(1, 7), Fraction(9, 10)])
def test_every_small_case_matches_the_exact_sum(p):
    for n in range(0, 41):
        for k in range(n + 1):
            assert binomial_test(k, n, float(p)) == pytest.approx(_exact(k, n, p), rel=1e-9, abs=1e-15), (k, n)


def test_large_counts_are_quick_and_sensible():
    # A county's year: 90,000 records against 90,500 the year before is within noise...
    assert not compare_counts(90_000, 90_500).significant
    # ...but 90,000 against 92,000 is not.
    change = compare_counts(90_000, 92_000)
    assert change.significant and change.direction == "down"
    # 2 * P(X <= 90,000) for X ~ Binomial(182,000, 1/2), summed in exact integers: 2.78904933640825e-06.
    assert change.p_value == pytest.approx(2.78904933640825e-06, rel=1e-9)


def test_noise_is_not_a_trend():
    change = compare_counts(12, 8)  # +50%, but from small numbers
    assert change.change_pct == 50.0
    assert change.p_value == pytest.approx(0.5034446716308594, rel=1e-9)  # binom.test(12, 20)
    assert not change.significant
    assert change.direction == "flat"


def test_a_real_rise_is_up():
    change = compare_counts(40, 15)
    assert change.significant and change.direction == "up"
    assert change.p_value == pytest.approx(0.00101584719412529, rel=1e-9)  # binom.test(40, 55)


def test_no_previous_count_has_no_percentage():
    assert compare_counts(5, 0).change_pct is None
    nothing = compare_counts(0, 0)
    assert nothing.p_value == 1.0 and not nothing.significant and nothing.direction == "flat"


def test_an_exposure_ratio_tests_rates():
    # Twice the months: 40 against 20 is no change in the rate.
    assert compare_counts(40, 20, ratio=2.0).p_value == pytest.approx(1.0)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        binomial_test(11, 10)
    with pytest.raises(ValueError):
        compare_counts(-1, 3)
    with pytest.raises(ValueError):
        compare_counts(1, 3, ratio=0)
