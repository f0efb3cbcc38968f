"""Seed the incident types: the Home Office's common ASB types in its three categories, and
police.uk's crime types (the "Crime type" column of its street-level crime data)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# (category, code, name). Codes never change; names may be corrected by the system administrator.
INCIDENT_TYPES = [
    ("asb_personal", "asb-intimidation-harassment", "Intimidation or harassment"),
    ("asb_personal", "asb-hate-motivated", "Hate-motivated behaviour"),
    ("asb_personal", "asb-threatening-behaviour", "Threatening behaviour"),
    ("asb_personal", "asb-neighbour-dispute", "Neighbour dispute"),
    ("asb_nuisance", "asb-noise", "Noise"),
    ("asb_nuisance", "asb-rowdy-inconsiderate", "Rowdy or inconsiderate behaviour"),
    ("asb_nuisance", "asb-vehicle-nuisance", "Vehicle nuisance or inappropriate vehicle use"),
    ("asb_nuisance", "asb-drug-related", "Drug-related behaviour"),
    ("asb_nuisance", "asb-street-drinking", "Street drinking"),
    ("asb_nuisance", "asb-begging", "Begging"),
    ("asb_nuisance", "asb-fireworks", "Misuse of fireworks"),
    ("asb_nuisance", "asb-animal-nuisance", "Animal nuisance"),
    ("asb_nuisance", "asb-nuisance-youths", "Nuisance youths"),
    ("asb_environmental", "asb-fly-tipping", "Fly-tipping"),
    ("asb_environmental", "asb-graffiti", "Graffiti"),
    ("asb_environmental", "asb-litter", "Litter"),
    ("asb_environmental", "asb-abandoned-vehicle", "Abandoned vehicle"),
    ("asb_environmental", "asb-dog-fouling", "Dog fouling"),
    ("asb_environmental", "asb-damage-public-property", "Damage to public property"),
    ("crime", "crime-violence-sexual-offences", "Violence and sexual offences"),
    ("crime", "crime-criminal-damage-arson", "Criminal damage and arson"),
    ("crime", "crime-burglary", "Burglary"),
    ("crime", "crime-robbery", "Robbery"),
    ("crime", "crime-vehicle-crime", "Vehicle crime"),
    ("crime", "crime-theft-from-the-person", "Theft from the person"),
    ("crime", "crime-bicycle-theft", "Bicycle theft"),
    ("crime", "crime-shoplifting", "Shoplifting"),
    ("crime", "crime-other-theft", "Other theft"),
    ("crime", "crime-drugs", "Drugs"),
    ("crime", "crime-possession-of-weapons", "Possession of weapons"),
    ("crime", "crime-public-order", "Public order"),
    ("crime", "crime-other-crime", "Other crime"),
]


def seed(apps: Any, schema_editor: Any) -> None:
    IncidentType = apps.get_model("incidents", "IncidentType")
    for category, code, name in INCIDENT_TYPES:
        IncidentType.objects.get_or_create(code=code, defaults={"category": category, "name": name})


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
