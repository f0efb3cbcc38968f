"""Is a change in a count more than noise? Exact tests for counts, with ``math`` only.

Two counts of crimes over periods of the same length are two Poisson counts. Given their sum ``n``,
the first is Binomial(n, p) with ``p = t1 / (t1 + t2)`` under "the rate did not change" (``p = 1/2``
for periods of the same length): the conditional binomial test of two Poisson counts (Przyborowski
and Wilenski 1940; R's ``poisson.test`` with two counts). It is exact for small counts and needs no
normal approximation for large ones.

The two-sided p-value is that of R's ``binom.test``: the probability of every outcome no more likely
than the one observed (with R's relative tolerance of 1e-7 for ties).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ALPHA = 0.05
# R's binom.test counts outcomes whose probability is within this factor of the observed one as "as likely".
_RELATIVE_ERROR = 1 + 1e-7
# Terms below this share of the running sum no longer change a double.
_NEGLIGIBLE = 1e-17


def _log_pmf(k: int, n: int, p: float) -> float:
    """log P(X = k) for X ~ Binomial(n, p), 0 < p < 1."""
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log1p(-p)


def _tail(start: int, step: int, n: int, p: float) -> float:
    """P(X = start) + P(X = start + step) + ... walking away from the mode (so each term is no larger than the
    last) to 0 or n, stopping once the terms no longer change the sum.

    Each term comes from the last by the ratio of binomial probabilities, so the sum costs a few terms
    per standard deviation walked, not one per outcome.
    """
    if start < 0 or start > n:
        return 0.0
    term = math.exp(_log_pmf(start, n, p))
    odds = p / (1 - p)
    total = 0.0
    k = start
    end = 0 if step < 0 else n
    while term > 0:
        total += term
        if k == end or term < total * _NEGLIGIBLE:
            break
        term *= (n - k) / (k + 1) * odds if step > 0 else k / (n - k + 1) / odds
        k += step
    return total


def binomial_test(k: int, n: int, p: float = 0.5) -> float:
    """Two-sided p-value of the exact binomial test of ``k`` successes in ``n`` trials against ``p``.

    The sum of P(X = i) over every i with P(X = i) <= P(X = k) (R's ``binom.test``): the tail beyond
    ``k`` and the outcomes on the other side of the mean no more likely than ``k``.
    """
    if not 0 <= k <= n:
        raise ValueError(f"k must be between 0 and n, not {k} of {n}")
    if not 0 <= p <= 1:
        raise ValueError(f"p must be between 0 and 1, not {p}")
    if n == 0:
        return 1.0
    if p == 0:
        return 1.0 if k == 0 else 0.0
    if p == 1:
        return 1.0 if k == n else 0.0
    mean = n * p
    if k == mean:
        return 1.0
    observed = _log_pmf(k, n, p) + math.log(_RELATIVE_ERROR)
    # The mode is floor((n + 1) p), between floor(mean) and ceil(mean): probabilities do not fall from 0
    # up to floor(mean) and do not rise from ceil(mean) up to n, so each side is searched by halving.
    if k < mean:
        # The first outcome from ceil(mean) up that is no more likely than k; all after it are not either.
        low, high = math.ceil(mean) - 1, n + 1  # the predicate is false at low and true at high
        while high - low > 1:
            middle = (low + high) // 2
            if _log_pmf(middle, n, p) <= observed:
                high = middle
            else:
                low = middle
        return min(1.0, _tail(k, -1, n, p) + _tail(high, +1, n, p))
    # The last outcome up to floor(mean) that is no more likely than k; all before it are not either.
    low, high = -1, math.floor(mean) + 1  # the predicate is true at low and false at high
    while high - low > 1:
        middle = (low + high) // 2
        if _log_pmf(middle, n, p) <= observed:
            low = middle
        else:
            high = middle
    return min(1.0, _tail(k, +1, n, p) + _tail(low, -1, n, p))


@dataclass(frozen=True)
class Change:
    """A count against the count of the period before: how much it changed and whether that is more than noise."""

    count: int
    previous: int
    p_value: float
    significant: bool

    @property
    def change_pct(self) -> float | None:
        """Percentage change from the previous count; None when the previous count was 0."""
        if self.previous == 0:
            return None
        return round(100 * (self.count - self.previous) / self.previous, 1)

    @property
    def direction(self) -> str:
        """``"up"`` or ``"down"`` only when the change is significant; otherwise ``"flat"`` (noise is not a trend)."""
        if not self.significant or self.count == self.previous:
            return "flat"
        return "up" if self.count > self.previous else "down"


def compare_counts(count: int, previous: int, *, ratio: float = 1.0, alpha: float = ALPHA) -> Change:
    """Test two Poisson counts: ``count`` over an exposure ``ratio`` times that of ``previous`` (1 for the same
    number of months of the same population). Significant when the two-sided p-value is below ``alpha``."""
    if count < 0 or previous < 0:
        raise ValueError("counts cannot be negative")
    if ratio <= 0:
        raise ValueError("the exposure ratio must be positive")
    p_value = binomial_test(count, count + previous, ratio / (1 + ratio))
    return Change(count=count, previous=previous, p_value=p_value, significant=p_value < alpha)
