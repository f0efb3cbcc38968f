import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.register import merging, services
from saferhub.register.models import SafetyFlag, SubjectKind
from saferhub.register.tests.records import address, person


def test_merging_moves_other_names_fills_blanks_and_archives_the_duplicate(world):
    keep = person(world, phone="", safety_flags=[SafetyFlag.NO_POST])
    duplicate = person(
        world,
        given_name="Janet",
        phone="01376 000000",
        interpreter_needed=True,
        safety_flags=[SafetyFlag.RISK_TO_STAFF],
        home=address(world),
    )
    services.person_add_alias(person=duplicate, name="Janey", by=world.council_officer)
    merging.person_merge(keep=keep, duplicate=duplicate, by=world.manager)
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert duplicate.archived_at is not None
    assert sorted(keep.aliases.values_list("name", flat=True)) == ["Janet Doe", "Janey"]
    assert keep.phone == "01376 000000"
    assert keep.home == duplicate.home
    assert keep.given_name == "Jane"
    assert keep.interpreter_needed
    assert keep.safety_flags == [SafetyFlag.NO_POST, SafetyFlag.RISK_TO_STAFF]


def test_merging_is_audited_on_both_records_with_the_counts(world):
    keep, duplicate = person(world), person(world, given_name="Janet")
    services.person_add_alias(person=duplicate, name="Janey", by=world.council_officer)
    merging.person_merge(keep=keep, duplicate=duplicate, by=world.manager)
    events = AuditEvent.objects.filter(verb=Verb.PERSON_MERGED)
    assert sorted(e.target_id for e in events) == sorted([str(keep.pk), str(duplicate.pk)])
    for event in events:
        assert event.actor_id == world.manager.pk
        assert event.detail["kept"] == keep.pk and event.detail["merged"] == duplicate.pk
        # The duplicate's alias, and the duplicate's own name as a new alias.
        assert event.detail["moved"] == {"register.personalias": 2}


def test_a_record_cannot_be_merged_into_itself(world):
    jane = person(world)
    with pytest.raises(ValidationError) as caught:
        merging.person_merge(keep=jane, duplicate=jane, by=world.manager)
    assert "cannot be merged into itself" in caught.value.message_dict["duplicate"][0]


def test_records_of_different_partnerships_are_not_merged(world):
    here = person(world)
    there = person(world, by=world.outsider, partnership=world.other.partnership)
    with pytest.raises(ValidationError) as caught:
        merging.person_merge(keep=here, duplicate=there, by=world.manager)
    assert "same partnership" in caught.value.message_dict["duplicate"][0]


def test_a_record_already_merged_is_not_merged_again(world):
    keep, duplicate, third = person(world), person(world), person(world)
    merging.person_merge(keep=keep, duplicate=duplicate, by=world.manager)
    with pytest.raises(ValidationError) as caught:
        merging.person_merge(keep=third, duplicate=duplicate, by=world.manager)
    assert "already been merged" in caught.value.message_dict["duplicate"][0]
    with pytest.raises(ValidationError) as caught:
        merging.person_merge(keep=duplicate, duplicate=third, by=world.manager)
    assert "keep" in caught.value.message_dict
    assert AuditEvent.objects.filter(verb=Verb.PERSON_MERGED).count() == 2


def test_a_person_is_not_merged_with_a_business(world):
    shop = person(world, kind=SubjectKind.BUSINESS, organisation_name="Kwik Save")
    with pytest.raises(ValidationError):
        merging.person_merge(keep=person(world), duplicate=shop, by=world.manager)


@pytest.fixture
def incident(world):
    if not apps.is_installed("saferhub.incidents"):
        pytest.skip("the incidents app is not installed")
    from saferhub.incidents.models import Category, Channel, Incident

    return Incident.objects.create(
        partnership=world.home.partnership,
        recorded_by_organisation=world.police,
        recorded_by=world.police_officer,
        behaviour_from=datetime.date(2025, 1, 1),
        reported_on=datetime.date(2025, 1, 2),
        channel=Channel.PHONE,
        category=Category.ASB_PERSONAL,
        description="Shouting in the street",
    )


def test_involvements_in_incidents_move_and_a_clash_is_dropped_and_counted(world, incident):
    from saferhub.incidents.models import Involvement, InvolvementRole

    keep, duplicate = person(world), person(world)
    Involvement.objects.create(incident=incident, person=keep, role=InvolvementRole.VICTIM)
    Involvement.objects.create(incident=incident, person=duplicate, role=InvolvementRole.VICTIM)
    Involvement.objects.create(incident=incident, person=duplicate, role=InvolvementRole.REPORTER)
    merging.person_merge(keep=keep, duplicate=duplicate, by=world.manager)
    assert sorted(Involvement.objects.filter(person=keep).values_list("role", flat=True)) == ["reporter", "victim"]
    assert not Involvement.objects.filter(person=duplicate).exists()
    event = AuditEvent.objects.get(verb=Verb.PERSON_MERGED, target_id=str(keep.pk))
    assert event.detail["moved"]["incidents.involvement"] == 1
    assert event.detail["dropped"] == {"incidents.involvement": 1}
