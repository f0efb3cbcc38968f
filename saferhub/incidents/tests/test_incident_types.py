"""The incident types seeded by migration."""

from __future__ import annotations

import pytest

from saferhub.incidents.models import Category, IncidentType

POLICE_UK_CRIME_TYPES = {
    "Violence and sexual offences",
    "Criminal damage and arson",
    "Burglary",
    "Robbery",
    "Vehicle crime",
    "Theft from the person",
    "Bicycle theft",
    "Shoplifting",
    "Other theft",
    "Drugs",
    "Possession of weapons",
    "Public order",
    "Other crime",
}


@pytest.mark.django_db
def test_every_category_has_types_and_the_crime_types_are_police_uks() -> None:
    by_category = {c: set(IncidentType.objects.filter(category=c).values_list("name", flat=True)) for c in Category}
    assert set(by_category[Category.CRIME]) == POLICE_UK_CRIME_TYPES
    assert {"Noise", "Street drinking"} <= by_category[Category.ASB_NUISANCE]
    assert {"Fly-tipping", "Graffiti"} <= by_category[Category.ASB_ENVIRONMENTAL]
    assert {"Intimidation or harassment", "Neighbour dispute"} <= by_category[Category.ASB_PERSONAL]


@pytest.mark.django_db
def test_seeding_again_adds_nothing() -> None:
    from importlib import import_module

    from django.apps import apps

    seed = import_module("saferhub.incidents.migrations.0003_incident_types").seed
    before = IncidentType.objects.count()
    seed(apps, None)
    assert IncidentType.objects.count() == before
