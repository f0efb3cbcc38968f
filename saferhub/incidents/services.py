"""Every write to incidents, the people involved, repeat-victim alerts and the areas' rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.incidents import screening as screening_questions
from saferhub.incidents.models import (
    AlertKind,
    Category,
    Incident,
    IncidentType,
    Involvement,
    InvolvementRole,
    RepeatVictimRules,
    VictimAlert,
)
from saferhub.incidents.rules import RULE_FIELDS, evaluate_victim, rules_for
from saferhub.lib.changes import apply_changes
from saferhub.partnerships.models import Area, Membership, Organisation, Partnership
from saferhub.register.models import Location, Person

UPDATABLE = frozenset(
    {
        "agency_reference",
        "behaviour_from",
        "behaviour_to",
        "reported_on",
        "channel",
        "location",
        "category",
        "incident_type",
        "crime_type",
        "description",
        "screening",
    }
)
# The Act's threshold: an area may lower the number of complaints, never raise it.
STATUTORY_MAXIMUM = 3
# Free text and answers about a person stay out of the audit trail, which can never be edited.
REDACTED_IN_AUDIT = frozenset({"description", "screening"})
# Changing these can change whether the victims' reports count.
RULE_INPUTS = frozenset({"behaviour_from", "reported_on", "category"})


def _clean_screening(answers: dict[str, Any] | None, errors: dict[str, str]) -> dict[str, bool]:
    if not answers:
        return {}
    unknown = set(answers) - screening_questions.CODES
    if unknown:
        errors["screening"] = "Answer only the screening questions shown"
    return {code: bool(value) for code, value in answers.items() if code in screening_questions.CODES}


def _check_incident(
    *,
    partnership: Partnership,
    organisation: Organisation | None,
    behaviour_from: datetime.date,
    behaviour_to: datetime.date | None,
    reported_on: datetime.date,
    category: str,
    incident_type: IncidentType | None,
    crime_type: str,
    description: str,
    location: Location | None,
    people: Sequence[Person],
    has_people: bool,
    errors: dict[str, str],
) -> None:
    """Add a GOV.UK-style message to ``errors`` for each field that is wrong."""
    today = timezone.localdate()
    if behaviour_from > today:
        errors["behaviour_from"] = "Date the behaviour happened must be today or in the past"
    if behaviour_to is not None:
        if behaviour_to > today:
            errors["behaviour_to"] = "Date the behaviour ended must be today or in the past"
        elif behaviour_to < behaviour_from:
            errors["behaviour_to"] = "Date the behaviour ended must be the same as or after the date it began"
    if reported_on > today:
        errors["reported_on"] = "Date it was reported must be today or in the past"
    elif reported_on < behaviour_from:
        errors["reported_on"] = "Date it was reported must be the same as or after the date the behaviour happened"
    if category not in Category.values:
        errors["category"] = "Select the category"
    if incident_type is not None and incident_type.category != category:
        errors["incident_type"] = "Select a type of incident in the category you chose"
    if category == Category.CRIME and not crime_type.strip() and incident_type is None:
        errors["crime_type"] = "Enter the crime type"
    if not description.strip():
        errors["description"] = "Enter what happened"
    if (
        organisation is not None
        and not Membership.objects.filter(
            partnership=partnership, organisation=organisation, left_on__isnull=True
        ).exists()
    ):
        errors["organisation"] = "The organisation recording the incident must be a member of the partnership"
    if location is not None and location.partnership_id != partnership.pk:
        errors["location"] = "Select a location from this partnership's register"
    for person in people:
        if person.partnership_id != partnership.pk:
            errors["involvements"] = "Select people from this partnership's register"
        elif person.merged_into_id is not None:
            errors["involvements"] = f"{person} was merged into another record: select that record instead"
    if location is None and not people and not has_people:
        errors["location"] = "Enter where it happened or who was involved"


def _check_roles(involvements: Iterable[tuple[Person, str]], errors: dict[str, str]) -> None:
    if any(role not in InvolvementRole.values for _, role in involvements):
        errors["involvements"] = "Select the person's part in the incident"


def _alert_detail(kind: str, evaluation: dict[str, Any]) -> dict[str, Any]:
    detail: dict[str, Any] = {"as_of": evaluation["as_of"].isoformat(), "rules": evaluation["rules"]}
    if kind == AlertKind.EXPLAIN_CASE_REVIEW:
        detail["incidents"] = [incident.pk for incident in evaluation["reports"]]
    else:
        detail["incidents"] = [incident.pk for incident in evaluation["qualifying"]]
    detail["complaints"] = [
        {"incident": c["incident"].pk, "qualifies": c["qualifies"], "reason": c["reason"]}
        for c in evaluation["complaints"]
    ]
    return detail


def _raise_alerts(*, incident: Incident, people: Iterable[Person], by: Any) -> list[VictimAlert]:
    """Evaluate each victim as of the incident's report date and raise the alerts that are due and not open."""
    rules = rules_for(incident.partnership.area)
    raised: list[VictimAlert] = []
    for person in {p.pk: p for p in people}.values():
        evaluation = evaluate_victim(person, incident.partnership, incident.reported_on, rules)
        due = [
            (AlertKind.EXPLAIN_CASE_REVIEW, evaluation["explain_due"]),
            (AlertKind.THRESHOLD_LIKELY_MET, evaluation["threshold_due"]),
        ]
        for kind, is_due in due:
            if not is_due:
                continue
            open_alert = VictimAlert.objects.filter(
                partnership=incident.partnership, person=person, kind=kind, resolved_at__isnull=True
            )
            if open_alert.exists():
                continue
            alert = VictimAlert.objects.create(
                partnership=incident.partnership,
                person=person,
                incident=incident,
                kind=kind,
                detail=_alert_detail(kind, evaluation),
            )
            audit.record(
                actor=by,
                verb=Verb.ALERT_RAISED,
                target=alert,
                detail={"kind": str(kind), "person": person.pk, **alert.detail},
            )
            raised.append(alert)
    return raised


def _victims(incident: Incident) -> list[Person]:
    return [
        involvement.person
        for involvement in incident.involvements.filter(role=InvolvementRole.VICTIM).select_related("person")
    ]


@transaction.atomic
def incident_record(
    *,
    partnership: Partnership,
    by: Any,
    organisation: Organisation,
    behaviour_from: datetime.date,
    reported_on: datetime.date,
    channel: str,
    category: str,
    description: str,
    behaviour_to: datetime.date | None = None,
    agency_reference: str = "",
    location: Location | None = None,
    incident_type: IncidentType | None = None,
    crime_type: str = "",
    screening: dict[str, bool] | None = None,
    involvements: Sequence[tuple[Person, str]] = (),
) -> Incident:
    """Record a report made to one agency, the people involved, and raise the victims' repeat alerts.

    Each victim is evaluated as of the day it was reported, across every agency of the partnership.
    """
    errors: dict[str, str] = {}
    answers = _clean_screening(screening, errors)
    _check_roles(involvements, errors)
    _check_incident(
        partnership=partnership,
        organisation=organisation,
        behaviour_from=behaviour_from,
        behaviour_to=behaviour_to,
        reported_on=reported_on,
        category=category,
        incident_type=incident_type,
        crime_type=crime_type,
        description=description,
        location=location,
        people=[person for person, _ in involvements],
        has_people=False,
        errors=errors,
    )
    if len(set((person.pk, role) for person, role in involvements)) != len(involvements):
        errors["involvements"] = "Each person can be added once in each role"
    if errors:
        raise ValidationError(errors)
    incident = Incident.objects.create(
        partnership=partnership,
        recorded_by_organisation=organisation,
        recorded_by=by,
        agency_reference=agency_reference.strip(),
        behaviour_from=behaviour_from,
        behaviour_to=behaviour_to,
        reported_on=reported_on,
        channel=channel,
        location=location,
        category=category,
        incident_type=incident_type,
        crime_type=crime_type.strip(),
        description=description,
        risk_level=screening_questions.risk_level(answers) if screening is not None else "",
        screening=answers,
    )
    Involvement.objects.bulk_create(
        [Involvement(incident=incident, person=person, role=role) for person, role in involvements]
    )
    audit.record(
        actor=by,
        verb=Verb.INCIDENT_RECORDED,
        target=incident,
        detail={
            "category": category,
            "reported_on": reported_on.isoformat(),
            "organisation": organisation.pk,
            "involvements": [{"person": person.pk, "role": role} for person, role in involvements],
            "location": location.pk if location is not None else None,
            "risk_level": incident.risk_level,
        },
    )
    victims = [person for person, role in involvements if role == InvolvementRole.VICTIM]
    _raise_alerts(incident=incident, people=victims, by=by)
    return incident


@transaction.atomic
def incident_update(*, incident: Incident, by: Any, **values: Any) -> Incident:
    """Correct an incident's details; the risk level follows new screening answers, and victims
    are evaluated again when the dates or category change."""
    unknown = set(values) - UPDATABLE
    if unknown:
        raise TypeError(f"incident_update cannot change {', '.join(sorted(unknown))}")
    errors: dict[str, str] = {}
    if "screening" in values:
        values["screening"] = _clean_screening(values["screening"], errors)
        values["risk_level"] = screening_questions.risk_level(values["screening"]) if values["screening"] else ""
    for name in ("agency_reference", "crime_type"):
        if name in values:
            values[name] = values[name].strip()
    merged = {name: values.get(name, getattr(incident, name)) for name in UPDATABLE}
    _check_incident(
        partnership=incident.partnership,
        organisation=None,
        behaviour_from=merged["behaviour_from"],
        behaviour_to=merged["behaviour_to"],
        reported_on=merged["reported_on"],
        category=merged["category"],
        incident_type=merged["incident_type"],
        crime_type=merged["crime_type"],
        description=merged["description"],
        location=merged["location"],
        people=[],
        has_people=incident.involvements.exists(),
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    changed = apply_changes(incident, values)
    if changed:
        incident.save()
        described = {
            name: ("changed" if name in REDACTED_IN_AUDIT else change) for name, change in sorted(changed.items())
        }
        audit.record(actor=by, verb=Verb.INCIDENT_UPDATED, target=incident, detail={"changed": described})
        if RULE_INPUTS & set(changed):
            _raise_alerts(incident=incident, people=_victims(incident), by=by)
    return incident


@transaction.atomic
def involvement_add(*, incident: Incident, person: Person, role: str, by: Any) -> Involvement:
    """Add a person's part in an incident; a new victim is evaluated against the repeat-victim rules."""
    errors: dict[str, str] = {}
    _check_roles([(person, role)], errors)
    if person.partnership_id != incident.partnership_id:
        errors["person"] = "Select a person from this partnership's register"
    elif person.merged_into_id is not None:
        errors["person"] = f"{person} was merged into another record: select that record instead"
    elif Involvement.objects.filter(incident=incident, person=person, role=role).exists():
        errors["person"] = "This person is already recorded in that role"
    if errors:
        raise ValidationError(errors)
    involvement = Involvement.objects.create(incident=incident, person=person, role=role)
    audit.record(
        actor=by,
        verb=Verb.INCIDENT_PERSON_ADDED,
        target=incident,
        detail={"person": person.pk, "role": role},
    )
    if role == InvolvementRole.VICTIM:
        _raise_alerts(incident=incident, people=[person], by=by)
    return involvement


@transaction.atomic
def incidents_link(*, incident: Incident, other: Incident, by: Any) -> None:
    """Link two reports of the same matter (for example the same behaviour reported to two agencies)."""
    if incident.pk == other.pk:
        raise ValidationError({"other": "Select a different incident to link to"})
    if incident.partnership_id != other.partnership_id:
        raise ValidationError({"other": "Select an incident of the same partnership"})
    if incident.linked_incidents.filter(pk=other.pk).exists():
        return
    incident.linked_incidents.add(other)
    audit.record(actor=by, verb=Verb.INCIDENTS_LINKED, target=incident, detail={"linked": other.pk})


@transaction.atomic
def alert_resolve(*, alert: VictimAlert, by: Any, resolution: str) -> VictimAlert:
    """Record what was done about an alert (for example "explained the Case Review on the phone")."""
    if alert.resolved_at is not None:
        raise ValidationError({"resolution": "This alert has already been resolved"})
    if not resolution.strip():
        raise ValidationError({"resolution": "Enter what was done"})
    alert.resolved_at = timezone.now()
    alert.resolved_by = by
    alert.resolution = resolution.strip()
    alert.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    audit.record(
        actor=by,
        verb=Verb.ALERT_RESOLVED,
        target=alert,
        # The resolution is free text about a person: it stays on the alert, not in the permanent trail.
        detail={"kind": alert.kind, "person": alert.person_id},
    )
    return alert


@transaction.atomic
def repeat_victim_rules_set(*, area: Area, by: Any, **numbers: Any) -> RepeatVictimRules:
    """Set an area's own numbers for the repeat-victim alerts (a system administrator's action).

    Each number must be a whole number of 1 or more; numbers not given keep their current value.
    """
    unknown = set(numbers) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"repeat_victim_rules_set cannot change {', '.join(sorted(unknown))}")
    errors: dict[str, str] = {}
    for name, value in numbers.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            label = getattr(RepeatVictimRules._meta.get_field(name), "verbose_name", name)
            errors[name] = f"Enter a whole number of 1 or more for {label}"
    threshold = numbers.get("threshold_complaints")
    if "threshold_complaints" not in errors and isinstance(threshold, int) and threshold > STATUTORY_MAXIMUM:
        errors["threshold_complaints"] = (
            f"The threshold can be at most {STATUTORY_MAXIMUM} complaints (s104(5) of the Anti-social Behaviour, "
            "Crime and Policing Act 2014): an area may set a lower number, not a higher one"
        )
    if errors:
        raise ValidationError(errors)
    rules = rules_for(area)
    changed = apply_changes(rules, numbers)
    if changed or rules.pk is None:
        rules.updated_at = timezone.now()
        rules.save()
        audit.record(
            actor=by,
            verb=Verb.REPEAT_VICTIM_RULES_CHANGED,
            target=rules,
            detail={"area": area.pk, "changed": changed},
        )
    return rules
