"""Adding a person to an incident, and linking two incidents."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from saferhub.audit import Verb
from saferhub.incidents import services
from saferhub.incidents.models import InvolvementRole
from saferhub.incidents.tests.helpers import events, make_person, report

D = datetime.date


def test_adding_a_person_records_their_part_and_audits_it(world) -> None:
    incident = report(world, make_person(world.home.partnership, world.home.council), behaviour=D(2025, 1, 10))
    witness = make_person(world.home.partnership, world.home.council, "Wanda Witness")
    services.involvement_add(incident=incident, person=witness, role=InvolvementRole.WITNESS, by=world.council_officer)
    assert incident.involvements.filter(person=witness, role=InvolvementRole.WITNESS).exists()
    assert events(Verb.INCIDENT_PERSON_ADDED, incident).get().detail == {"person": witness.pk, "role": "witness"}


def test_a_person_cannot_be_added_twice_in_the_same_role(world) -> None:
    victim = make_person(world.home.partnership, world.home.council)
    incident = report(world, victim, behaviour=D(2025, 1, 10))
    with pytest.raises(ValidationError) as caught:
        services.involvement_add(incident=incident, person=victim, role=InvolvementRole.VICTIM, by=world.manager)
    assert caught.value.message_dict == {"person": ["This person is already recorded in that role"]}


def test_a_person_of_another_partnership_cannot_be_added(world) -> None:
    incident = report(world, make_person(world.home.partnership, world.home.council), behaviour=D(2025, 1, 10))
    stranger = make_person(world.other.partnership, world.other.council)
    with pytest.raises(ValidationError) as caught:
        services.involvement_add(incident=incident, person=stranger, role=InvolvementRole.WITNESS, by=world.manager)
    assert list(caught.value.message_dict) == ["person"]


def test_linking_two_incidents_links_both_ways_and_audits_it(world) -> None:
    victim = make_person(world.home.partnership, world.home.council)
    first = report(world, victim, behaviour=D(2025, 1, 10))
    second = report(world, victim, behaviour=D(2025, 1, 10), by=world.police_officer)
    services.incidents_link(incident=first, other=second, by=world.manager)
    assert list(second.linked_incidents.all()) == [first]
    assert events(Verb.INCIDENTS_LINKED, first).get().detail == {"linked": second.pk}


def test_an_incident_cannot_be_linked_to_itself(world) -> None:
    incident = report(world, make_person(world.home.partnership, world.home.council), behaviour=D(2025, 1, 10))
    with pytest.raises(ValidationError) as caught:
        services.incidents_link(incident=incident, other=incident, by=world.manager)
    assert list(caught.value.message_dict) == ["other"]
