"""The demo register and incidents: enough to explore, spread across partnerships and agencies, loaded once."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from saferhub.audit.models import AuditEvent
from saferhub.incidents.models import AlertKind, Incident, RiskLevel, VictimAlert
from saferhub.register.models import Location, Person


@pytest.fixture(autouse=True)
def _demo_settings(settings: Any) -> None:
    # The command refuses to load under DEBUG=false (as pytest-django runs); the fast hasher is the conftest's.
    settings.DEBUG = True


def _demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_loads_a_register_and_a_year_of_incidents_once(db):
    _demo()

    assert Person.objects.count() >= 200
    assert Location.objects.values("partnership").distinct().count() >= 2
    incidents = Incident.objects.all()
    assert incidents.count() >= 300
    assert incidents.values("partnership").distinct().count() >= 2
    assert incidents.values("recorded_by_organisation").distinct().count() >= 3
    assert incidents.filter(agency_reference="").count() == 0
    assert {r for r in incidents.values_list("risk_level", flat=True)} >= {
        RiskLevel.STANDARD,
        RiskLevel.MEDIUM,
        RiskLevel.HIGH,
    }
    kinds = set(VictimAlert.objects.values_list("kind", flat=True))
    assert kinds == {AlertKind.EXPLAIN_CASE_REVIEW, AlertKind.THRESHOLD_LIKELY_MET}
    repeat_victims = VictimAlert.objects.filter(kind=AlertKind.THRESHOLD_LIKELY_MET).values("person").distinct()
    assert repeat_victims.count() >= 2

    people, places, events = Person.objects.count(), Location.objects.count(), AuditEvent.objects.count()
    output = _demo()

    assert output.strip() == "demo data already loaded; nothing changed"
    assert (Person.objects.count(), Location.objects.count(), Incident.objects.count()) == (
        people,
        places,
        incidents.count(),
    )
    assert AuditEvent.objects.count() == events


def test_the_demo_references_follow_each_agencys_own_style(db):
    _demo()
    references = set(Incident.objects.values_list("agency_reference", flat=True))
    assert "BDC-ASB-0001" in references
    assert any(r.startswith("EP-BT-") for r in references)
    assert any(r.startswith("SH-COL-") for r in references)
