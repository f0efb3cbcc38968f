import pytest
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.register import services
from saferhub.register.tests.records import person


def test_adding_another_name_is_audited_on_the_person(world):
    jane = person(world)
    alias = services.person_add_alias(person=jane, name="Janey  Smyth", by=world.council_officer)
    assert alias.search_name == "janey smyth"
    event = AuditEvent.objects.get(verb=Verb.PERSON_ALIAS_ADDED)
    assert event.target_id == str(jane.pk)
    assert event.detail == {"alias": alias.pk}


def test_an_empty_other_name_is_refused_on_the_field(world):
    with pytest.raises(ValidationError) as caught:
        services.person_add_alias(person=person(world), name="  ", by=world.council_officer)
    assert caught.value.message_dict == {"name": ["Enter the other name"]}


def test_a_name_already_recorded_is_refused(world):
    jane = person(world)
    services.person_add_alias(person=jane, name="Janey", by=world.council_officer)
    for same in ("janey", "Jane Doe"):
        with pytest.raises(ValidationError) as caught:
            services.person_add_alias(person=jane, name=same, by=world.council_officer)
        assert "already recorded" in caught.value.message_dict["name"][0]
