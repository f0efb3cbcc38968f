"""The ASB Case Review threshold, complaint by complaint.

The Act (s104 Anti-social Behaviour, Crime and Policing Act 2014, and the Home Office statutory
guidance): the threshold is met automatically when at least the area's number of complaints
(three, or a lower number the area sets) qualify. A complaint qualifies when

- it was made within the period of one month beginning with the date of the behaviour, and
- the application is made within the period of six months beginning with the date of the complaint.

A period "beginning with" a date includes that date (``saferhub.lib.periods``): one month beginning
with 15 January ends on 14 February; beginning with 31 January it ends on the last day of February.
Below the automatic number an officer may still find the threshold met on the area's discretionary
criteria; that decision is recorded on the application, not made here.

``evaluate`` decides from plain values, so the command line, the public form, the staff pages and
the tests all use the same rule. ``parse`` turns the command's JSON into those values, naming the
complaint and field of anything wrong.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from saferhub.incidents.models import RepeatVictimRules
from saferhub.lib.periods import period_end, within_period


class ThresholdInputError(ValueError):
    """Input the engine cannot evaluate; the message names the complaint and the field."""


@dataclass(frozen=True)
class ComplaintInput:
    behaviour_date: datetime.date
    reported_date: datetime.date
    agency: str


def _months(n: int) -> str:
    words = {1: "one month", 6: "six months"}
    return words.get(n, f"{n} months")


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _assess(complaint: ComplaintInput, application_date: datetime.date, rules: RepeatVictimRules) -> tuple[bool, str]:
    made_by = period_end(complaint.behaviour_date, rules.complaint_within_months)
    in_time = within_period(complaint.reported_date, complaint.behaviour_date, rules.complaint_within_months)
    window = _months(rules.complaint_within_months)
    if in_time:
        first = (
            f"reported on {_day(complaint.reported_date)}, within the period of {window} beginning with the "
            f"behaviour on {_day(complaint.behaviour_date)} (which ends on {_day(made_by)})"
        )
    else:
        first = (
            f"reported on {_day(complaint.reported_date)}, after the period of {window} beginning with the "
            f"behaviour on {_day(complaint.behaviour_date)} ended on {_day(made_by)}"
        )
    apply_by = period_end(complaint.reported_date, rules.application_within_months)
    recent = within_period(application_date, complaint.reported_date, rules.application_within_months)
    span = _months(rules.application_within_months)
    if recent:
        second = (
            f"the application is within the period of {span} beginning with the complaint "
            f"(which ends on {_day(apply_by)})"
        )
    else:
        second = (
            f"the application came after the period of {span} beginning with the complaint ended on {_day(apply_by)}"
        )
    qualifies = in_time and recent
    verdict = "Qualifies" if qualifies else "Does not qualify"
    return qualifies, f"{verdict}: {first}; {second}."


def evaluate(
    application_date: datetime.date, complaints: list[ComplaintInput], rules: RepeatVictimRules
) -> dict[str, Any]:
    """The decision, with a reason for each complaint (indexes from 1, in the order given)."""
    assessed = []
    for index, complaint in enumerate(complaints, start=1):
        qualifies, reason = _assess(complaint, application_date, rules)
        assessed.append({"index": index, "qualifies": qualifies, "reason": reason})
    qualifying = sum(1 for c in assessed if c["qualifies"])
    required = int(rules.threshold_complaints)
    met = qualifying >= required
    return {
        "threshold_met": met,
        "automatic": met,
        "qualifying_complaints": qualifying,
        "required": required,
        "complaints": assessed,
    }


def _date(value: Any, where: str, field: str) -> datetime.date:
    if value is None or value == "":
        raise ThresholdInputError(f"{where}: {field} is missing (give it as YYYY-MM-DD)")
    if not isinstance(value, str):
        raise ThresholdInputError(f"{where}: {field} must be a date written YYYY-MM-DD, not {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ThresholdInputError(f"{where}: {field} {value!r} is not a real date written YYYY-MM-DD") from None


def parse(data: Any) -> tuple[datetime.date, str | None, list[ComplaintInput]]:
    """(application date, area slug or None, complaints) from the command's JSON; ThresholdInputError
    names what is wrong: ``complaint 2: reported_date '2026-02-30' is not a real date written YYYY-MM-DD``."""
    if not isinstance(data, dict):
        raise ThresholdInputError("the file must hold one JSON object with application_date and complaints")
    application_date = _date(data.get("application_date"), "the application", "application_date")
    area = data.get("area")
    if area is not None and not isinstance(area, str):
        raise ThresholdInputError("area must be the area's slug, as text")
    raw = data.get("complaints")
    if not isinstance(raw, list):
        raise ThresholdInputError("complaints is missing: give a list of complaints (it may be empty)")
    complaints = []
    for index, item in enumerate(raw, start=1):
        where = f"complaint {index}"
        if not isinstance(item, dict):
            raise ThresholdInputError(f"{where}: must be an object with behaviour_date, reported_date and agency")
        behaviour = _date(item.get("behaviour_date"), where, "behaviour_date")
        reported = _date(item.get("reported_date"), where, "reported_date")
        agency = item.get("agency")
        if not isinstance(agency, str) or not agency.strip():
            raise ThresholdInputError(f"{where}: agency is missing (the name of the agency it was reported to)")
        if reported < behaviour:
            raise ThresholdInputError(
                f"{where}: reported_date {reported.isoformat()} is before behaviour_date {behaviour.isoformat()}"
            )
        if reported > application_date:
            raise ThresholdInputError(
                f"{where}: reported_date {reported.isoformat()} is after the application_date "
                f"{application_date.isoformat()}"
            )
        complaints.append(ComplaintInput(behaviour, reported, agency.strip()))
    return application_date, area or None, complaints
