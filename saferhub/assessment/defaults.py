"""The default dimensions a new matrix starts from, modelled on MoRiLE, each citing where it comes from.

MoRiLE (Management of Risk in Law Enforcement) is the National Police Chiefs' Council's method for
prioritising threat, risk and harm. Its thematic matrix scores **harm** (physical, psychological,
financial, community), **likelihood** (how often it happens) and the **organisational position**
(the capacity and capability to respond), and puts victim vulnerability inside harm. Partnerships
such as Birmingham CSP have used it for their strategic assessments since 2016. The defaults below
keep those sections, score the two that police.uk data can answer (volume and trend) from the data,
and add public concern, which the strategic assessment must take into account.

The weights: harm and vulnerability count twice, the rest once. A volume-led matrix ranks high-volume,
low-harm crime first and misses the hidden harms partnerships in fact prioritise (Castle Point and
Rochford's 2022 scoring matrix put domestic abuse, violence against women and girls and hate crime
among its five priorities; see ``shared/seeds``). Every default can be changed per matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MORILE = "MoRiLE (Management of Risk in Law Enforcement, National Police Chiefs' Council), thematic matrix"


@dataclass(frozen=True)
class DefaultDimension:
    key: str
    name: str
    description: str
    source_note: str
    scored_by: str  # "data" | "analyst"
    computation: str  # "volume" | "rate" | "trend" | "" for the analyst
    scale_labels: tuple[str, ...]
    weight: Decimal


DEFAULT_DIMENSIONS: tuple[DefaultDimension, ...] = (
    DefaultDimension(
        key="harm",
        name="Harm",
        description=(
            "How much harm one occurrence does: physical, psychological, financial, and to the community "
            "and its confidence."
        ),
        source_note=(
            f"{MORILE}: the harm section. The Cambridge Crime Harm Index and the ONS Crime Severity Score "
            "can inform the score."
        ),
        scored_by="analyst",
        computation="",
        scale_labels=(
            "Negligible: little or no lasting harm",
            "Minor: short-lived harm to the victim",
            "Moderate: lasting harm to the victim, or harm to the wider community",
            "Serious: serious physical or psychological harm",
            "Critical: life-changing harm or loss of life is likely",
        ),
        weight=Decimal(2),
    ),
    DefaultDimension(
        key="volume",
        name="Volume",
        description="How often it happens: the number of recorded crimes against the other crime types.",
        source_note=(
            f"{MORILE}: likelihood. Scored from police.uk street-level crime for the partnership's area over "
            "the matrix's period."
        ),
        scored_by="data",
        computation="volume",
        scale_labels=(
            "Lowest fifth of crime types by count",
            "Second-lowest fifth",
            "Middle fifth",
            "Second-highest fifth",
            "Highest fifth of crime types by count",
        ),
        weight=Decimal(1),
    ),
    DefaultDimension(
        key="trend",
        name="Trend",
        description=(
            "Whether it is rising or falling: the change on the previous period of the same length, "
            "counted only when it is statistically significant."
        ),
        source_note=(
            f"{MORILE}: likelihood (is it becoming more likely). Scored from police.uk data: a two-sided "
            "test of this period's count against the previous period's at the 5% level, so that noise is "
            "not reported as a trend."
        ),
        scored_by="data",
        computation="trend",
        scale_labels=(
            "Significant fall of 25% or more",
            "Significant fall",
            "No significant change",
            "Significant rise",
            "Significant rise of 25% or more",
        ),
        weight=Decimal(1),
    ),
    DefaultDimension(
        key="vulnerability",
        name="Vulnerability",
        description=(
            "How far the victims are vulnerable: children, adults at risk, repeat victims, victims of "
            "hidden harms who seldom report."
        ),
        source_note=(
            f"{MORILE}: victim vulnerability (within harm). Partner data such as safeguarding referrals, "
            "MARAC cases and repeat-victim figures can inform the score."
        ),
        scored_by="analyst",
        computation="",
        scale_labels=(
            "Victims are rarely vulnerable",
            "Some victims are vulnerable",
            "Many victims are vulnerable",
            "Most victims are vulnerable",
            "Victims are almost always vulnerable or repeat victims",
        ),
        weight=Decimal(2),
    ),
    DefaultDimension(
        key="public_concern",
        name="Public concern",
        description=(
            "How much residents, businesses and councillors are concerned about it: surveys, complaints, "
            "councillor casework, local media and partner data."
        ),
        source_note=(
            "The Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007 "
            "(SI 2007/1830): partnerships seek the views of people who live and work in the area on crime "
            "and disorder, and the strategic assessment takes account of them."
        ),
        scored_by="analyst",
        computation="",
        scale_labels=(
            "Little or no concern raised",
            "Some concern, in a few places",
            "Moderate concern, raised regularly",
            "High concern across the area",
            "Very high concern: a leading issue for residents and councillors",
        ),
        weight=Decimal(1),
    ),
    DefaultDimension(
        key="capacity",
        name="Partnership capacity",
        description=(
            "The gap in the partnership's response: the less the partners already do about it, or are able "
            "to do alone, the higher the score. A higher score ranks the issue higher, because a priority "
            "directs joint effort to where the current response falls short; an issue one agency already "
            "handles well needs no partnership priority."
        ),
        source_note=(
            f"{MORILE}: organisational position (capacity and capability), where a weaker position to "
            "respond raises the priority."
        ),
        scored_by="analyst",
        computation="",
        scale_labels=(
            "Well handled: partners already respond fully",
            "Mostly handled: small gaps in the response",
            "Partly handled: clear gaps that joint work could close",
            "Poorly handled: little joint response",
            "Not handled: no effective response and no capacity",
        ),
        weight=Decimal(1),
    ),
)
