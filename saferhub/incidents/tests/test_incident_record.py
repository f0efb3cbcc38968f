"""Recording an incident: what is stored, what is audited, and the messages for each wrong field."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from saferhub.audit import Verb
from saferhub.incidents import services
from saferhub.incidents.models import Category, Channel, Incident, IncidentType, Involvement, InvolvementRole, RiskLevel
from saferhub.incidents.tests.helpers import events, make_location, make_person

D = datetime.date


def _record(world, **overrides):
    values = {
        "partnership": world.home.partnership,
        "by": world.council_officer,
        "organisation": world.home.council,
        "behaviour_from": D(2025, 1, 15),
        "reported_on": D(2025, 1, 16),
        "channel": Channel.PHONE,
        "category": Category.ASB_NUISANCE,
        "description": "Loud music every night until 3am.",
        "location": make_location(world.home.partnership, world.home.council),
    }
    values.update(overrides)
    return services.incident_record(**values)


def _errors(world, **overrides) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        _record(world, **overrides)
    return caught.value.message_dict


def test_recording_stores_the_incident_and_its_people_and_audits_it(world) -> None:
    victim = make_person(world.home.partnership, world.home.council)
    noise = IncidentType.objects.get(code="asb-noise")
    incident = _record(
        world, incident_type=noise, agency_reference=" BDC/123 ", involvements=[(victim, InvolvementRole.VICTIM)]
    )
    assert incident.recorded_by == world.council_officer
    assert incident.recorded_by_organisation == world.home.council
    assert incident.agency_reference == "BDC/123"
    assert incident.risk_level == ""
    assert list(Involvement.objects.filter(incident=incident).values_list("person", "role")) == [
        (victim.pk, InvolvementRole.VICTIM)
    ]
    event = events(Verb.INCIDENT_RECORDED, incident).get()
    assert event.actor_id == world.council_officer.pk
    assert event.partnership_id == world.home.partnership.pk
    assert event.detail["involvements"] == [{"person": victim.pk, "role": "victim"}]


def test_the_risk_level_is_worked_out_from_the_screening_answers(world) -> None:
    incident = _record(world, screening={"unsafe_at_home": True, "targeted": True})
    assert incident.risk_level == RiskLevel.HIGH
    assert incident.screening == {"unsafe_at_home": True, "targeted": True}


def test_a_crime_needs_a_crime_type_or_a_crime_incident_type(world) -> None:
    assert _errors(world, category=Category.CRIME) == {"crime_type": ["Enter the crime type"]}
    burglary = IncidentType.objects.get(code="crime-burglary")
    assert _record(world, category=Category.CRIME, incident_type=burglary).incident_type == burglary


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"reported_on": D(2025, 1, 14)},
            "reported_on",
            "Date it was reported must be the same as or after the date the behaviour happened",
        ),
        (
            {"behaviour_to": D(2025, 1, 14)},
            "behaviour_to",
            "Date the behaviour ended must be the same as or after the date it began",
        ),
        ({"description": "  "}, "description", "Enter what happened"),
        ({"location": None}, "location", "Enter where it happened or who was involved"),
        ({"screening": {"unknown_question": True}}, "screening", "Answer only the screening questions shown"),
    ],
)
def test_a_wrong_field_is_named_with_a_gov_uk_message(world, overrides, field, message) -> None:
    assert _errors(world, **overrides) == {field: [message]}


def test_dates_in_the_future_are_refused(world) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = _errors(world, behaviour_from=tomorrow, behaviour_to=tomorrow, reported_on=tomorrow)
    assert errors == {
        "behaviour_from": ["Date the behaviour happened must be today or in the past"],
        "behaviour_to": ["Date the behaviour ended must be today or in the past"],
        "reported_on": ["Date it was reported must be today or in the past"],
    }


def test_the_incident_type_must_belong_to_the_category(world) -> None:
    graffiti = IncidentType.objects.get(code="asb-graffiti")
    assert _errors(world, incident_type=graffiti) == {
        "incident_type": ["Select a type of incident in the category you chose"]
    }


def test_people_and_places_must_be_of_the_same_partnership(world) -> None:
    stranger = make_person(world.other.partnership, world.other.council)
    elsewhere = make_location(world.other.partnership, world.other.council)
    errors = _errors(world, location=elsewhere, involvements=[(stranger, InvolvementRole.VICTIM)])
    assert errors == {
        "location": ["Select a location from this partnership's register"],
        "involvements": ["Select people from this partnership's register"],
    }


def test_a_merged_person_is_refused(world) -> None:
    kept = make_person(world.home.partnership, world.home.council)
    merged = make_person(world.home.partnership, world.home.council)
    merged.merged_into = kept
    merged.save()
    assert list(_errors(world, involvements=[(merged, InvolvementRole.VICTIM)])) == ["involvements"]


def test_the_organisation_must_be_a_member_of_the_partnership(world) -> None:
    assert _errors(world, organisation=world.other.council) == {
        "organisation": ["The organisation recording the incident must be a member of the partnership"]
    }


def test_nothing_is_written_when_it_is_refused(world) -> None:
    _errors(world, description="")
    assert not Incident.objects.exists()
