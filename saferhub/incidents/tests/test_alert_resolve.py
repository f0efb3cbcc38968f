"""Resolving a repeat-victim alert."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from saferhub.audit import Verb
from saferhub.incidents import services
from saferhub.incidents.models import VictimAlert
from saferhub.incidents.tests.helpers import events, make_person, report

D = datetime.date


def _alert(world) -> VictimAlert:
    victim = make_person(world.home.partnership, world.home.council)
    report(world, victim, behaviour=D(2025, 1, 10))
    report(world, victim, behaviour=D(2025, 2, 10))
    return VictimAlert.objects.get(person=victim)


def test_resolving_records_who_when_and_what_and_is_audited(world) -> None:
    alert = _alert(world)
    services.alert_resolve(alert=alert, by=world.police_officer, resolution=" Explained the Case Review on the phone. ")
    alert.refresh_from_db()
    assert alert.resolved_by == world.police_officer
    assert alert.resolved_at is not None
    assert alert.resolution == "Explained the Case Review on the phone."
    event = events(Verb.ALERT_RESOLVED, alert).get()
    assert event.actor_id == world.police_officer.pk
    assert event.detail == {"kind": alert.kind, "person": alert.person_id}


def test_a_resolution_must_say_what_was_done(world) -> None:
    with pytest.raises(ValidationError) as caught:
        services.alert_resolve(alert=_alert(world), by=world.manager, resolution=" ")
    assert caught.value.message_dict == {"resolution": ["Enter what was done"]}


def test_an_alert_cannot_be_resolved_twice(world) -> None:
    alert = _alert(world)
    services.alert_resolve(alert=alert, by=world.manager, resolution="Explained.")
    with pytest.raises(ValidationError):
        services.alert_resolve(alert=alert, by=world.manager, resolution="Again.")
