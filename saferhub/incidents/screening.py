"""A short vulnerability and risk screening of the victim, asked when an incident is recorded.

Modelled on the ASB risk assessment matrices used by English Community Safety Partnerships
(a handful of yes/no questions about the victim's circumstances, each weighted, the total
banded into standard, medium and high risk). These are SaferHub's starting questions and
cut-offs; an area can change them later (they are kept here, in one place, for that reason).

Cut-offs, on the sum of the weights of the questions answered "yes":

- 0 to 3: standard
- 4 to 7: medium
- 8 or more: high

and, whatever the score, a victim who feels unsafe in their home *and* is targeted because
of who they are is high risk.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saferhub.incidents.models import RiskLevel


@dataclass(frozen=True)
class Question:
    code: str
    text: str | Promise
    weight: int


QUESTIONS: tuple[Question, ...] = (
    Question("repeat_victim", _("Has this happened to them before?"), 2),
    Question(
        "targeted",
        _(
            "Do they think they were targeted because of who they are "
            "(for example their race, religion, disability, sexuality or gender identity)?"
        ),
        3,
    ),
    Question("disability", _("Do they have a disability or long-term illness?"), 2),
    Question("mental_health", _("Is their mental health affected by what is happening?"), 2),
    Question("unsafe_at_home", _("Do they feel unsafe in their home?"), 3),
    Question("children_affected", _("Are children in the household affected?"), 2),
    Question("no_support", _("Do they have no one to support them (family, friends or a support worker)?"), 1),
    Question("considering_moving", _("Are they thinking of moving home because of it?"), 1),
)

CODES = frozenset(question.code for question in QUESTIONS)
MEDIUM_FROM = 4
HIGH_FROM = 8


def score(answers: dict[str, bool]) -> int:
    """The sum of the weights of the questions answered yes; unknown codes are ignored."""
    return sum(question.weight for question in QUESTIONS if answers.get(question.code))


def risk_level(answers: dict[str, bool]) -> RiskLevel:
    """Band the answers into standard, medium or high risk (cut-offs in the module docstring)."""
    if answers.get("unsafe_at_home") and answers.get("targeted"):
        return RiskLevel.HIGH
    total = score(answers)
    if total >= HIGH_FROM:
        return RiskLevel.HIGH
    if total >= MEDIUM_FROM:
        return RiskLevel.MEDIUM
    return RiskLevel.STANDARD
