"""An area's Case Review timescales (and setting them), when each step of an application is due, in
working days, and which are approaching or late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.casereview.models import Application, CaseReviewTimescales, Status
from saferhub.lib.changes import apply_changes
from saferhub.lib.workingdays import add_working_days, working_days_between
from saferhub.partnerships.models import Area

# A step is "approaching" when it is due within this many working days.
APPROACHING = 2

TIMESCALE_FIELDS = ("acknowledge_days", "decide_days", "review_days", "outcome_days")


def timescales_for(area: Area) -> CaseReviewTimescales:
    """The area's saved timescales, or an unsaved row carrying the defaults."""
    return CaseReviewTimescales.objects.filter(area=area).first() or CaseReviewTimescales(area=area)


@transaction.atomic
def timescales_set(*, area: Area, by: Any, **days: Any) -> CaseReviewTimescales:
    """Set an area's Case Review timescales, in working days (a system administrator's action).

    Each must be a whole number of 1 or more; those not given keep their current value.
    """
    unknown = set(days) - set(TIMESCALE_FIELDS)
    if unknown:
        raise TypeError(f"timescales_set cannot change {', '.join(sorted(unknown))}")
    errors: dict[str, str] = {}
    for name, value in days.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            label = getattr(CaseReviewTimescales._meta.get_field(name), "verbose_name", name)
            errors[name] = f"Enter a whole number of 1 or more for {label}"
    if errors:
        raise ValidationError(errors)
    timescales = timescales_for(area)
    changed = apply_changes(timescales, days)
    if changed or timescales.pk is None:
        timescales.updated_at = timezone.now()
        timescales.save()
        audit.record(
            actor=by,
            verb=Verb.CASE_REVIEW_TIMESCALES_CHANGED,
            target=timescales,
            detail={"area": area.pk, "changed": changed},
        )
    return timescales


@dataclass(frozen=True)
class Step:
    name: str
    due_on: datetime.date
    done_on: datetime.date | None

    @property
    def working_days_left(self) -> int:
        return working_days_between(timezone.localdate(), self.due_on)

    @property
    def state(self) -> str:
        """ "done", "late" (done after, or not done by, the due date), "approaching" or "on time"."""
        if self.done_on is not None:
            return "late" if self.done_on > self.due_on else "done"
        left = self.working_days_left
        if left < 0:
            return "late"
        return "approaching" if left <= APPROACHING else "on time"


def steps(application: Application, timescales: CaseReviewTimescales | None = None) -> list[Step]:
    """The application's steps that apply to it, each with its due date and the day it was done."""
    t = timescales or timescales_for(application.partnership.area)
    received = application.received_on
    found = [Step("acknowledge", add_working_days(received, t.acknowledge_days), application.acknowledged_on)]
    if application.status == Status.DUPLICATE:
        return found
    found.append(Step("decide", add_working_days(received, t.decide_days), application.decided_on))
    if application.threshold_met:
        found.append(Step("review", add_working_days(received, t.review_days), application.review_held_on))
        if application.review_held_on is not None:
            found.append(
                Step(
                    "outcome", add_working_days(application.review_held_on, t.outcome_days), application.outcome_sent_on
                )
            )
    return found


def next_step(application: Application) -> Step | None:
    """The first step not done yet, or None when every step is done."""
    return next((s for s in steps(application) if s.done_on is None), None)
