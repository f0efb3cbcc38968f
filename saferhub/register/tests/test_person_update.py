import pytest
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.register import merging, services
from saferhub.register.tests.records import person


def test_updating_a_name_recomputes_the_search_name_and_is_audited(world):
    jane = person(world)
    services.person_update(person=jane, by=world.manager, family_name="Doe-Ray")
    jane.refresh_from_db()
    assert jane.search_name == "jane doe ray"
    event = AuditEvent.objects.get(verb=Verb.PERSON_UPDATED, target_id=str(jane.pk))
    assert event.detail == {"changed": ["family_name"]}
    assert event.actor_id == world.manager.pk


def test_an_update_that_changes_nothing_is_not_audited(world):
    jane = person(world)
    services.person_update(person=jane, by=world.manager, given_name="Jane")
    assert not AuditEvent.objects.filter(verb=Verb.PERSON_UPDATED).exists()


def test_removing_both_names_is_refused_on_the_field(world):
    jane = person(world)
    with pytest.raises(ValidationError) as caught:
        services.person_update(person=jane, by=world.manager, given_name="", family_name="")
    assert "given_name" in caught.value.message_dict


def test_fields_outside_the_persons_details_cannot_be_changed(world):
    jane = person(world)
    with pytest.raises(TypeError, match="partnership"):
        services.person_update(person=jane, by=world.manager, partnership=world.other.partnership)


def test_a_merged_record_is_not_changed(world):
    keep, duplicate = person(world), person(world)
    merging.person_merge(keep=keep, duplicate=duplicate, by=world.manager)
    duplicate.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.person_update(person=duplicate, by=world.manager, given_name="Janet")
    assert "person" in caught.value.message_dict
