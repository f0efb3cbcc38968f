"""The threshold engine: each complaint qualifies on the statutory periods, counted exactly to the day."""

from __future__ import annotations

import datetime

import pytest

from saferhub.casereview.threshold import ComplaintInput, ThresholdInputError, evaluate, parse
from saferhub.incidents.models import RepeatVictimRules

D = datetime.date
NATIONAL = RepeatVictimRules()


def _one(behaviour, reported, application, rules=NATIONAL):
    return evaluate(application, [ComplaintInput(behaviour, reported, "Council")], rules)["complaints"][0]


@pytest.mark.parametrize(
    ("behaviour", "reported", "qualifies"),
    [
        (D(2026, 1, 15), D(2026, 2, 14), True),  # one month beginning with 15 January ends on 14 February
        (D(2026, 1, 15), D(2026, 2, 15), False),
        (D(2026, 1, 31), D(2026, 2, 28), True),  # beginning with 31 January it ends on the last day of February
        (D(2026, 1, 31), D(2026, 3, 1), False),
        (D(2024, 1, 31), D(2024, 2, 29), True),  # a leap year
        (D(2026, 3, 10), D(2026, 3, 10), True),  # reported the same day
    ],
)
def test_a_complaint_must_be_made_within_one_month_beginning_with_the_behaviour(behaviour, reported, qualifies):
    assert _one(behaviour, reported, reported + datetime.timedelta(days=10))["qualifies"] is qualifies


@pytest.mark.parametrize(
    ("reported", "application", "qualifies"),
    [
        (D(2026, 1, 15), D(2026, 7, 14), True),  # six months beginning with 15 January end on 14 July
        (D(2026, 1, 15), D(2026, 7, 15), False),
        (D(2025, 8, 31), D(2026, 2, 28), True),  # beginning with 31 August they end on the last day of February
        (D(2025, 8, 31), D(2026, 3, 1), False),
    ],
)
def test_the_application_must_be_made_within_six_months_beginning_with_the_complaint(reported, application, qualifies):
    assert _one(reported, reported, application)["qualifies"] is qualifies


def test_each_reason_says_why_with_the_dates_of_the_periods():
    late = _one(D(2026, 1, 15), D(2026, 2, 15), D(2026, 3, 1))
    assert late["reason"].startswith("Does not qualify: reported on 15 February 2026, after the period of one month")
    assert "ended on 14 February 2026" in late["reason"]
    ok = _one(D(2026, 1, 15), D(2026, 2, 14), D(2026, 3, 1))
    assert ok["reason"].startswith("Qualifies: reported on 14 February 2026, within the period of one month")
    assert "(which ends on 13 August 2026)" in ok["reason"]


def test_three_qualifying_complaints_meet_the_threshold_automatically_and_an_area_may_set_fewer():
    complaints = [
        ComplaintInput(D(2026, 1, 2), D(2026, 1, 3), "Police"),
        ComplaintInput(D(2026, 2, 2), D(2026, 2, 3), "Council"),
        ComplaintInput(D(2026, 1, 1), D(2026, 3, 1), "Eastlight"),  # too late
    ]
    result = evaluate(D(2026, 4, 1), complaints, NATIONAL)
    assert (result["threshold_met"], result["automatic"], result["qualifying_complaints"], result["required"]) == (
        False,
        False,
        2,
        3,
    )
    assert [c["index"] for c in result["complaints"]] == [1, 2, 3]
    assert evaluate(D(2026, 4, 1), complaints, RepeatVictimRules(threshold_complaints=2))["threshold_met"] is True


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "the file must hold one JSON object"),
        ({"complaints": []}, "the application: application_date is missing"),
        ({"application_date": "2026-02-30", "complaints": []}, "application_date '2026-02-30' is not a real date"),
        ({"application_date": "2026-04-01"}, "complaints is missing"),
        (
            {"application_date": "2026-04-01", "complaints": [{"reported_date": "2026-01-01", "agency": "Police"}]},
            "complaint 1: behaviour_date is missing",
        ),
        (
            {
                "application_date": "2026-04-01",
                "complaints": [
                    {"behaviour_date": "2026-01-01", "reported_date": "2026-01-02", "agency": "Police"},
                    {"behaviour_date": "2026-01-05", "reported_date": "2026-01-04", "agency": "Police"},
                ],
            },
            "complaint 2: reported_date 2026-01-04 is before behaviour_date 2026-01-05",
        ),
        (
            {
                "application_date": "2026-04-01",
                "complaints": [{"behaviour_date": "2026-01-01", "reported_date": "2026-01-31", "agency": " "}],
            },
            "complaint 1: agency is missing",
        ),
        (
            {
                "application_date": "2026-04-01",
                "complaints": [{"behaviour_date": "2026-04-01", "reported_date": "2026-04-02", "agency": "Police"}],
            },
            "complaint 1: reported_date 2026-04-02 is after the application_date 2026-04-01",
        ),
    ],
)
def test_bad_input_names_the_complaint_and_the_field(data, message):
    with pytest.raises(ThresholdInputError) as excinfo:
        parse(data)
    assert message in str(excinfo.value)
