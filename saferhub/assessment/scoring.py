"""The arithmetic of the priority-setting matrix, as pure functions of plain values (no database).

**Weighted total.** Each dimension's score is placed on its own scale as a share from 0 (the lowest
point) to 1 (the highest): ``(score - 1) / (points - 1)``. The total is the weighted average of those
shares, times 100, so every total runs from 0 to 100 whatever the scales, and each dimension adds
``weight / sum of weights * share * 100`` points: the breakdown shown beside every ranked issue.

**Ranking.** Only issues scored on every dimension are ranked. Higher totals rank first. Equal totals
are placed by, in turn: (1) the higher share on the most heavily weighted dimension, then the next
(equal weights in the matrix's order); (2) more recorded crimes in the period (an issue without crime
data counts none); (3) the title, A to Z. Ranks are never shared, because adopting "the top N" needs
a strict order; the page says which rule placed each tied issue.

**Data dimensions** (``volume_scores``, ``rate_scores``, ``trend_scores``) score each crime type from
its ``issue_stats`` figures (see ``saferhub.crimedata.analysis``) and say why in a sentence.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from saferhub.crimedata.analysis_tables import p_clause

# A significant change of this many per cent or more takes a trend to the end of its scale.
FULL_TREND_CHANGE = 25


@dataclass(frozen=True)
class DimensionInput:
    key: Hashable
    name: str
    weight: Decimal
    points: int  # the scale runs from 1 to this
    position: int = 0


@dataclass(frozen=True)
class IssueInput:
    key: Hashable
    title: str
    scores: Mapping[Any, int]  # dimension key -> value on its scale
    count: int | None = None  # recorded crimes in the period, for the tie-break


@dataclass(frozen=True)
class Part:
    """One dimension's share of an issue's total."""

    dimension: DimensionInput
    value: int
    share: Fraction  # 0 at the lowest point of the scale, 1 at the highest
    contribution: Fraction  # points of the total (out of 100)

    @property
    def contribution_shown(self) -> Decimal:
        return shown(self.contribution)


@dataclass(frozen=True)
class Ranked:
    issue: IssueInput
    rank: int
    total: Fraction
    parts: list[Part]
    # When the total equals the issue above's: which rule placed this one below it.
    tie_note: str = ""

    @property
    def total_shown(self) -> Decimal:
        return shown(self.total)


@dataclass(frozen=True)
class Unranked:
    issue: IssueInput
    missing: list[DimensionInput]


@dataclass(frozen=True)
class Ranking:
    ranked: list[Ranked] = field(default_factory=list)
    unranked: list[Unranked] = field(default_factory=list)


def share(value: int, points: int) -> Fraction:
    """Where ``value`` sits on a 1..points scale: 0 at the bottom, 1 at the top."""
    if points < 2:
        raise ValueError("a scale needs at least 2 points")
    if not 1 <= value <= points:
        raise ValueError(f"{value} is not on a scale of 1 to {points}")
    return Fraction(value - 1, points - 1)


def parts_of(issue: IssueInput, dimensions: Sequence[DimensionInput]) -> list[Part]:
    """Each dimension's contribution to the issue's total; the issue must be scored on every dimension."""
    weights = sum((Fraction(d.weight) for d in dimensions), Fraction(0))
    if weights <= 0:
        raise ValueError("the weights must add up to more than 0")
    parts = []
    for dimension in dimensions:
        value = issue.scores[dimension.key]
        placed = share(value, dimension.points)
        parts.append(Part(dimension, value, placed, Fraction(dimension.weight) / weights * placed * 100))
    return parts


def _by_weight(dimensions: Sequence[DimensionInput]) -> list[DimensionInput]:
    return sorted(dimensions, key=lambda d: (-d.weight, d.position))


def rank_issues(issues: Sequence[IssueInput], dimensions: Sequence[DimensionInput]) -> Ranking:
    """Rank the fully scored issues by weighted total (ties broken as the module says); list the rest
    with the dimensions they still lack."""
    if not dimensions:
        return Ranking([], [Unranked(issue, []) for issue in issues])
    order = _by_weight(dimensions)
    scored: list[tuple[IssueInput, list[Part], Fraction]] = []
    unranked: list[Unranked] = []
    for issue in issues:
        missing = [d for d in dimensions if issue.scores.get(d.key) is None]
        if missing:
            unranked.append(Unranked(issue, missing))
            continue
        parts = parts_of(issue, dimensions)
        scored.append((issue, parts, sum((p.contribution for p in parts), Fraction(0))))

    def sort_key(entry: tuple[IssueInput, list[Part], Fraction]) -> tuple[Any, ...]:
        issue, parts, total = entry
        shares = {p.dimension.key: p.share for p in parts}
        return (-total, *(-shares[d.key] for d in order), -(issue.count or 0), issue.title.casefold(), str(issue.key))

    scored.sort(key=sort_key)
    ranked: list[Ranked] = []
    for index, (issue, parts, total) in enumerate(scored):
        note = ""
        if index and scored[index - 1][2] == total:
            note = tie_note(scored[index - 1], (issue, parts, total), order)
        ranked.append(Ranked(issue, index + 1, total, parts, note))
    return Ranking(ranked, sorted(unranked, key=lambda u: u.issue.title.casefold()))


def tie_note(
    above: tuple[IssueInput, list[Part], Fraction],
    below: tuple[IssueInput, list[Part], Fraction],
    order: Sequence[DimensionInput],
) -> str:
    """Why ``below`` is placed under ``above`` when their totals are equal, in a sentence."""
    above_parts = {p.dimension.key: p for p in above[1]}
    below_parts = {p.dimension.key: p for p in below[1]}
    level = f"Level on total with {above[0].title}"
    for dimension in order:
        a, b = above_parts[dimension.key], below_parts[dimension.key]
        if a.share != b.share:
            return f"{level}; placed below it on {dimension.name} ({b.value} against {a.value})"
    a_count, b_count = above[0].count or 0, below[0].count or 0
    if a_count != b_count:
        return f"{level} and on every dimension; placed below it on recorded crimes ({b_count:,} against {a_count:,})"
    return f"{level} and on every dimension; placed by title, A to Z"


def shown(total: Fraction, places: int = 1) -> Decimal:
    """A total rounded half up for display (and for storing with an adopted priority)."""
    exact = Decimal(total.numerator) / Decimal(total.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- data dimensions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataScore:
    """A computed score, or ``value`` None with the reason it could not be computed."""

    value: int | None
    explanation: str


def point_for(position: float, points: int) -> int:
    """A position from 0 to 1 on a 1..points scale, to the nearest point (halves up)."""
    position = min(max(position, 0.0), 1.0)
    return 1 + int(Decimal(str(position * (points - 1))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th... 11th, 12th, 13th... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _count(stats: Mapping[str, Any]) -> int:
    return int(stats.get("count") or 0)


def volume_scores(all_stats: Mapping[str, Mapping[str, Any]], points: int) -> dict[str, DataScore]:
    """Score each crime type by its count against the others': the crime types are ranked by count
    (equal counts share a place) and split into as many equal bands as the scale has points, the
    highest counts taking the top point. A crime type with no recorded crime takes the lowest."""
    counts = {name: _count(stats) for name, stats in all_stats.items()}
    n = len(counts)
    scores = {}
    for name, count in counts.items():
        place = 1 + sum(1 for other in counts.values() if other > count)
        joint = sum(1 for other in counts.values() if other == count) > 1
        crimes = "1 recorded crime" if count == 1 else f"{count:,} recorded crimes"
        if count == 0:
            scores[name] = DataScore(1, f"No recorded crimes in the period, of {n} crime types")
            continue
        value = points - math.floor((place - 1) * points / n)
        where = f"{'joint ' if joint else ''}{ordinal(place)} highest of {n} crime types"
        scores[name] = DataScore(value, f"{crimes}, {where}")
    return scores


def rate_scores(all_stats: Mapping[str, Mapping[str, Any]], points: int) -> dict[str, DataScore]:
    """Score each crime type by its rate per 1,000 residents against the county's rate for the same
    type: half the county's rate or less takes the lowest point, the same rate the middle, twice
    or more the highest (evenly on a doubling scale between)."""
    scores = {}
    for name, stats in all_stats.items():
        rate, county = stats.get("rate_per_1000"), stats.get("county_rate_per_1000")
        if rate is None:
            scores[name] = DataScore(None, "No rate: the population of the partnership's area is not known")
            continue
        if not county:
            scores[name] = DataScore(None, f"{rate:,.2f} per 1,000 residents; no county rate to compare it with")
            continue
        if rate == 0:
            scores[name] = DataScore(1, f"No recorded crimes; the county's rate is {county:,.2f} per 1,000")
            continue
        ratio = rate / county
        value = point_for((math.log2(ratio) + 1) / 2, points)
        scores[name] = DataScore(
            value, f"{rate:,.2f} per 1,000 residents, {ratio:.2f} times the county's rate of {county:,.2f}"
        )
    return scores


def _p(stats: Mapping[str, Any]) -> str:
    value = stats.get("p_value")
    if not isinstance(value, int | float):
        return ""
    return f" ({p_clause(value)})"


def trend_scores(all_stats: Mapping[str, Mapping[str, Any]], points: int, months: int) -> dict[str, DataScore]:
    """Score each crime type by its change on the previous period of the same length. A change that
    is not significant scores the middle of the scale (noise is not a trend). A significant rise
    scores above the middle, reaching the top at a rise of ``FULL_TREND_CHANGE`` per cent or more
    (a crime type new to the period counts as such a rise); a significant fall scores below it the
    same way."""
    middle = (points + 1) // 2
    scores = {}
    previous_period = f"the previous {months} months" if months != 1 else "the previous month"
    # The analysis gives no change for any crime type when a month of either period is not in the data.
    comparable = any(stats.get("change_pct") is not None for stats in all_stats.values())
    for name, stats in all_stats.items():
        count, previous = _count(stats), int(stats.get("previous") or 0)
        change = stats.get("change_pct")
        if not comparable or (change is None and previous):
            scores[name] = DataScore(
                None,
                f"No trend: the months of {previous_period} are not all in the crime data, "
                "so there is no change to test",
            )
            continue
        figures = f"from {previous:,} to {count:,}"
        if change is None:
            moved = "new in this period" if count else "none in either period"
        else:
            moved = f"{change:+.0f}% on {previous_period}"
        if not stats.get("significant") or count == previous:
            scores[name] = DataScore(middle, f"{moved} ({figures}): not a significant change{_p(stats)}")
            continue
        size = 1.0 if change is None else min(abs(change) / FULL_TREND_CHANGE, 1.0)
        rising = count > previous
        if rising:
            room = points - middle - 1
            value = middle + 1 + math.floor(size * room) if room >= 0 else points
        else:
            room = middle - 2
            value = middle - 1 - math.floor(size * room) if room >= 0 else 1
        direction = "rise" if rising else "fall"
        scores[name] = DataScore(
            max(1, min(points, value)), f"{moved} ({figures}): a significant {direction}{_p(stats)}"
        )
    return scores


def data_scores(
    computation: str, all_stats: Mapping[str, Mapping[str, Any]], points: int, months: int
) -> dict[str, DataScore]:
    """The scores of one data dimension for every crime type in ``all_stats``."""
    if computation == "volume":
        return volume_scores(all_stats, points)
    if computation == "rate":
        return rate_scores(all_stats, points)
    if computation == "trend":
        return trend_scores(all_stats, points, months)
    raise ValueError(f"unknown computation {computation!r}")
