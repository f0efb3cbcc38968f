"""Correcting an incident's details."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from saferhub.audit import Verb
from saferhub.incidents import services
from saferhub.incidents.models import RiskLevel
from saferhub.incidents.tests.helpers import events, make_person, report

D = datetime.date


def test_an_update_changes_the_fields_and_audits_them_without_the_free_text(world) -> None:
    incident = report(world, make_person(world.home.partnership, world.home.council), behaviour=D(2025, 1, 10))
    services.incident_update(
        incident=incident,
        by=world.manager,
        agency_reference="BDC/9",
        description="Corrected account of the evening.",
        screening={"disability": True, "mental_health": True},
    )
    incident.refresh_from_db()
    assert incident.agency_reference == "BDC/9"
    assert incident.risk_level == RiskLevel.MEDIUM
    event = events(Verb.INCIDENT_UPDATED, incident).get()
    assert event.actor_id == world.manager.pk
    assert event.detail["changed"]["agency_reference"] == {"from": "", "to": "BDC/9"}
    assert event.detail["changed"]["description"] == "changed"
    assert event.detail["changed"]["screening"] == "changed"


def test_an_update_that_changes_nothing_writes_no_audit_event(world) -> None:
    incident = report(world, make_person(world.home.partnership, world.home.council), behaviour=D(2025, 1, 10))
    services.incident_update(incident=incident, by=world.manager, reported_on=incident.reported_on)
    assert not events(Verb.INCIDENT_UPDATED, incident).exists()


def test_an_update_is_validated_against_the_whole_record(world) -> None:
    incident = report(world, make_person(world.home.partnership, world.home.council), behaviour=D(2025, 1, 10))
    with pytest.raises(ValidationError) as caught:
        services.incident_update(incident=incident, by=world.manager, behaviour_from=D(2025, 1, 11))
    assert list(caught.value.message_dict) == ["reported_on"]


def test_fields_that_are_not_the_reports_own_cannot_be_changed(world) -> None:
    incident = report(world, make_person(world.home.partnership, world.home.council), behaviour=D(2025, 1, 10))
    with pytest.raises(TypeError):
        services.incident_update(incident=incident, by=world.manager, partnership=world.other.partnership)
