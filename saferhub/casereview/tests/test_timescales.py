"""Each step's due date in working days from the area's timescales, and whether it is approaching or late."""

from __future__ import annotations

import datetime

from saferhub.casereview.models import Application, CaseReviewTimescales, Status
from saferhub.casereview.timescales import steps, timescales_for

D = datetime.date


def test_the_defaults_cite_a_published_procedure_and_an_area_may_set_its_own(world):
    defaults = timescales_for(world.essex)
    assert (defaults.acknowledge_days, defaults.decide_days, defaults.review_days, defaults.outcome_days) == (
        2,
        21,
        28,
        7,
    )
    assert "Richmond upon Thames" in (CaseReviewTimescales.__doc__ or "")
    CaseReviewTimescales.objects.create(area=world.essex, acknowledge_days=5)
    assert timescales_for(world.essex).acknowledge_days == 5


def test_due_dates_skip_weekends_and_bank_holidays(world):
    # Received on Thursday 2 April 2026: Good Friday and Easter Monday are not working days.
    application = Application(partnership=world.home.partnership, received_on=D(2026, 4, 2), status=Status.RECEIVED)
    acknowledge, decide = steps(application)
    assert acknowledge.name == "acknowledge" and acknowledge.due_on == D(2026, 4, 8)
    assert decide.name == "decide" and decide.due_on == D(2026, 5, 6)  # 21 working days, the May Day holiday skipped
    assert acknowledge.state == "late"  # not done, and long past


def test_a_step_done_after_its_due_date_was_late_and_the_review_steps_follow_a_met_threshold(world):
    application = Application(
        partnership=world.home.partnership,
        received_on=D(2026, 4, 2),
        acknowledged_on=D(2026, 4, 9),
        decided_on=D(2026, 4, 20),
        threshold_met=True,
        review_held_on=D(2026, 5, 1),
        status=Status.REVIEWED,
    )
    found = {s.name: s for s in steps(application)}
    assert found["acknowledge"].state == "late"
    assert found["decide"].state == "done"
    assert found["review"].state == "done"
    assert found["outcome"].due_on == D(2026, 5, 13)  # 7 working days after Friday 1 May, May Day skipped
