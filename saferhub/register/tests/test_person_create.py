import datetime

import pytest
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.register import services
from saferhub.register.models import SafetyFlag, SubjectKind
from saferhub.register.tests.records import address, person


def test_creating_a_person_sets_the_search_name_and_is_audited(world):
    jane = person(world, given_name="Siobhán", family_name="O'Brien-Smith", safety_flags=[SafetyFlag.NO_POST])
    assert jane.search_name == "siobhan obrien smith"
    assert jane.recorded_by_organisation == world.home.council
    assert jane.created_by == world.council_officer
    event = AuditEvent.objects.get(verb=Verb.PERSON_CREATED, target_id=str(jane.pk))
    assert event.actor_id == world.council_officer.pk
    assert event.partnership_id == world.home.partnership.pk


def test_a_business_is_found_by_its_name(world):
    shop = person(world, kind=SubjectKind.BUSINESS, given_name="", family_name="", organisation_name="Kwik-Save Ltd")
    assert shop.search_name == "kwik save ltd"
    assert shop.display_name == "Kwik-Save Ltd"


def test_an_approximate_age_records_when_it_was_estimated(world):
    someone = person(world, date_of_birth=None, approximate_age=30)
    assert someone.approximate_age_on is not None


def test_a_person_needs_a_first_or_last_name(world):
    with pytest.raises(ValidationError) as caught:
        person(world, given_name=" ", family_name="")
    assert caught.value.message_dict == {"given_name": ["Enter a first name or a last name"]}
    assert not AuditEvent.objects.filter(verb=Verb.PERSON_CREATED).exists()


def test_a_business_needs_its_name(world):
    with pytest.raises(ValidationError) as caught:
        person(world, kind=SubjectKind.GROUP, given_name="", family_name="")
    assert caught.value.message_dict == {"organisation_name": ["Enter the name of the business or group"]}


def test_each_wrong_field_is_named(world):
    with pytest.raises(ValidationError) as caught:
        person(
            world,
            date_of_birth=datetime.date.today() + datetime.timedelta(days=1),
            email="not an email",
            safety_flags=["no_such_flag"],
            preferred_contact="pigeon",
            approximate_age=300,
        )
    assert set(caught.value.message_dict) == {
        "date_of_birth",
        "email",
        "safety_flags",
        "preferred_contact",
        "approximate_age",
    }
    assert caught.value.message_dict["date_of_birth"] == ["Date of birth must be in the past"]


def test_a_home_must_be_in_the_same_partnership(world):
    elsewhere = address(world, by=world.outsider, partnership=world.other.partnership, postcode="SS7 1TF")
    with pytest.raises(ValidationError) as caught:
        person(world, home=elsewhere)
    assert "home" in caught.value.message_dict


def test_a_too_long_name_says_the_limit(world):
    with pytest.raises(ValidationError) as caught:
        services.person_create(
            partnership=world.home.partnership,
            organisation=world.home.council,
            by=world.council_officer,
            kind=SubjectKind.PERSON,
            given_name="x" * 101,
        )
    assert caught.value.message_dict == {"given_name": ["First name must be 100 characters or fewer"]}
