import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.register import merging
from saferhub.register.tests.records import address, person


def test_merging_places_moves_residents_fills_blanks_and_archives_the_duplicate(world):
    keep = address(world, uprn="")
    duplicate = address(world, address_line_1="12 High St", uprn="100012345678")
    resident = person(world, home=duplicate)
    merging.location_merge(keep=keep, duplicate=duplicate, by=world.manager)
    resident.refresh_from_db()
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert resident.home == keep
    assert keep.uprn == "100012345678"
    assert keep.address_line_1 == "12 High Street"
    assert duplicate.merged_into == keep and duplicate.archived_at is not None
    events = AuditEvent.objects.filter(verb=Verb.LOCATION_MERGED)
    assert sorted(e.target_id for e in events) == sorted([str(keep.pk), str(duplicate.pk)])
    assert all(e.detail["moved"] == {"register.person": 1} for e in events)


def test_places_of_different_partnerships_are_not_merged(world):
    here = address(world)
    there = address(world, by=world.outsider, partnership=world.other.partnership, postcode="SS7 1TF")
    with pytest.raises(ValidationError) as caught:
        merging.location_merge(keep=here, duplicate=there, by=world.manager)
    assert "same partnership" in caught.value.message_dict["duplicate"][0]


def test_a_place_is_not_merged_into_itself_or_twice(world):
    keep, duplicate = address(world), address(world)
    with pytest.raises(ValidationError):
        merging.location_merge(keep=keep, duplicate=keep, by=world.manager)
    merging.location_merge(keep=keep, duplicate=duplicate, by=world.manager)
    with pytest.raises(ValidationError) as caught:
        merging.location_merge(keep=keep, duplicate=duplicate, by=world.manager)
    assert "already been merged" in caught.value.message_dict["duplicate"][0]


def test_incidents_at_the_duplicate_move_to_the_place_kept(world):
    if not apps.is_installed("saferhub.incidents"):
        pytest.skip("the incidents app is not installed")
    from saferhub.incidents.models import Category, Channel, Incident

    keep, duplicate = address(world), address(world)
    incident = Incident.objects.create(
        partnership=world.home.partnership,
        recorded_by_organisation=world.police,
        recorded_by=world.police_officer,
        behaviour_from=datetime.date(2025, 1, 1),
        reported_on=datetime.date(2025, 1, 2),
        channel=Channel.PHONE,
        category=Category.ASB_NUISANCE,
        description="Loud music",
        location=duplicate,
    )
    merging.location_merge(keep=keep, duplicate=duplicate, by=world.manager)
    incident.refresh_from_db()
    assert incident.location == keep
