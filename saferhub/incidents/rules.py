"""The repeat-victim rules: which complaints count towards the ASB Case Review, and when to prompt.

Every window is a statutory "period of N months beginning with" a date (``saferhub.lib.periods``):
a complaint made on 15 January counts in a six-month period ending on 14 July, not 15 July.

Counts run across every agency of the partnership: that is the point of one register. A merged
person needs nothing special, because merging moves their involvements to the record that stays.
"""

from __future__ import annotations

import datetime
from typing import Any

from saferhub.incidents.models import ASB_CATEGORIES, Incident, InvolvementRole, RepeatVictimRules
from saferhub.lib.periods import add_months, within_period
from saferhub.partnerships.models import Area, Partnership
from saferhub.register.models import Person

RULE_FIELDS = (
    "explain_after_reports",
    "explain_window_months",
    "threshold_complaints",
    "complaint_within_months",
    "application_within_months",
)


def rules_for(area: Area) -> RepeatVictimRules:
    """The area's saved rules, or an unsaved row carrying the national defaults."""
    return RepeatVictimRules.objects.filter(area=area).first() or RepeatVictimRules(area=area)


def rule_numbers(rules: RepeatVictimRules) -> dict[str, int]:
    """The rule's numbers, for an alert's detail or the audit trail."""
    return {name: int(getattr(rules, name)) for name in RULE_FIELDS}


def qualifies(incident: Incident, rules: RepeatVictimRules) -> tuple[bool, str]:
    """Does this report count as a complaint towards the ASB Case Review threshold, and why (not)?

    It must be about anti-social behaviour (crime reports do not count), and be made within the
    period of ``complaint_within_months`` months beginning with the day the behaviour happened.
    """
    if incident.category not in ASB_CATEGORIES:
        return False, "a crime report, which does not count towards the ASB Case Review"
    months = rules.complaint_within_months
    unit = "month" if months == 1 else "months"
    if within_period(incident.reported_on, incident.behaviour_from, months):
        return True, f"reported within {months} {unit} of the behaviour"
    return False, f"reported more than {months} {unit} after the behaviour"


def _reported_between(
    person: Person, partnership: Partnership, earliest: datetime.date, as_of: datetime.date
) -> list[Incident]:
    """Incidents of the partnership, any agency, in which the person is a victim, reported in [earliest, as_of]."""
    return list(
        Incident.objects.filter(
            pk__in=Incident.objects.filter(
                partnership=partnership,
                involvements__person=person,
                involvements__role=InvolvementRole.VICTIM,
                reported_on__gte=earliest,
                reported_on__lte=as_of,
            ).values("pk")
        ).order_by("reported_on", "pk")
    )


def evaluate_victim(
    person: Person, partnership: Partnership, as_of: datetime.date, rules: RepeatVictimRules
) -> dict[str, Any]:
    """Where a victim stands on ``as_of`` against the rules.

    - ``reports``: their ASB reports whose period of ``explain_window_months`` months beginning
      with the day reported includes ``as_of`` (crime reports are left out: the prompt is to
      explain the ASB Case Review);
    - ``complaints``: every ASB report whose period of ``application_within_months`` months
      beginning with the day reported includes ``as_of``, each with whether it qualifies and why;
    - ``qualifying``: those of them that qualify;
    - ``explain_due``: ``reports`` has reached ``explain_after_reports``;
    - ``threshold_due``: ``qualifying`` has reached ``threshold_complaints``.
    """
    longest = max(rules.explain_window_months, rules.application_within_months)
    # A generous lower bound for the query; the exact periods are applied below.
    earliest = add_months(as_of, -longest) - datetime.timedelta(days=7)
    asb = [i for i in _reported_between(person, partnership, earliest, as_of) if i.category in ASB_CATEGORIES]
    reports = [i for i in asb if within_period(as_of, i.reported_on, rules.explain_window_months)]
    complaints = []
    for incident in asb:
        if within_period(as_of, incident.reported_on, rules.application_within_months):
            ok, reason = qualifies(incident, rules)
            complaints.append({"incident": incident, "qualifies": ok, "reason": reason})
    qualifying = [c["incident"] for c in complaints if c["qualifies"]]
    return {
        "person": person,
        "as_of": as_of,
        "rules": rule_numbers(rules),
        "reports": reports,
        "complaints": complaints,
        "qualifying": qualifying,
        "explain_due": len(reports) >= rules.explain_after_reports,
        "threshold_due": len(qualifying) >= rules.threshold_complaints,
    }
