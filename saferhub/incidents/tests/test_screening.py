"""The victim's vulnerability and risk screening."""

from __future__ import annotations

import pytest

from saferhub.incidents.models import RiskLevel
from saferhub.incidents.screening import CODES, QUESTIONS, risk_level, score


def test_no_answers_is_standard_risk() -> None:
    assert risk_level({}) == RiskLevel.STANDARD


def test_feeling_unsafe_at_home_and_being_targeted_is_always_high_risk() -> None:
    assert risk_level({"unsafe_at_home": True, "targeted": True}) == RiskLevel.HIGH


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"repeat_victim": True}, RiskLevel.STANDARD),
        ({"targeted": True}, RiskLevel.STANDARD),
        ({"repeat_victim": True, "disability": True}, RiskLevel.MEDIUM),
        ({"repeat_victim": True, "disability": True, "mental_health": True, "children_affected": True}, RiskLevel.HIGH),
    ],
)
def test_the_score_is_banded_at_four_and_eight(answers, expected) -> None:
    assert risk_level(answers) == expected


def test_no_answers_count_and_unknown_codes_are_ignored() -> None:
    assert score({"repeat_victim": False, "nonsense": True}) == 0


def test_every_question_has_a_unique_code_and_a_positive_weight() -> None:
    assert len(CODES) == len(QUESTIONS)
    assert all(question.weight > 0 and str(question.text) for question in QUESTIONS)
