import datetime

from saferhub.register import merging, selectors, services
from saferhub.register.models import SubjectKind
from saferhub.register.tests.records import address, person

DOB = datetime.date(1980, 5, 17)


def duplicates(world, user=None, **values):
    values.setdefault("partnership", world.home.partnership)
    return [(d.record.pk, d.why) for d in selectors.possible_duplicate_people(user or world.council_officer, **values)]


def test_a_similar_name_with_the_same_date_of_birth_is_found(world):
    jane = person(world, given_name="Jane", family_name="O'Brien")
    assert duplicates(world, given_name="Janet", family_name="obrien", date_of_birth=DOB) == [
        (jane.pk, "same date of birth and last name")
    ]
    assert duplicates(world, given_name="jane", family_name="Obrian", date_of_birth=DOB) == [
        (jane.pk, "same date of birth and first name, and a similar last name")
    ]


def test_another_name_with_the_same_date_of_birth_is_found(world):
    jane = person(world, given_name="Jane", family_name="Doe")
    services.person_add_alias(person=jane, name="Jane Smith", by=world.council_officer)
    assert duplicates(world, given_name="Jane", family_name="Smith", date_of_birth=DOB) == [
        (jane.pk, "same date of birth, and known by this name")
    ]


def test_a_different_date_of_birth_is_not_a_duplicate(world):
    person(world)
    assert duplicates(world, given_name="Jane", family_name="Doe", date_of_birth=datetime.date(1981, 5, 17)) == []


def test_without_a_date_of_birth_the_same_full_name_is_found(world):
    jane = person(world, given_name="Jane", family_name="Doe")
    assert duplicates(world, given_name="JANE", family_name="doe") == [(jane.pk, "same name")]


def test_a_business_is_found_by_its_name(world):
    shop = person(world, kind=SubjectKind.BUSINESS, given_name="", family_name="", organisation_name="Kwik Save")
    assert duplicates(world, organisation_name="kwik-save") == [(shop.pk, "same name")]


def test_records_the_user_may_not_see_are_never_suggested(world):
    person(world, by=world.council_officer)
    assert duplicates(world, world.police_officer, given_name="Jane", family_name="Doe", date_of_birth=DOB) == []


def test_records_of_another_partnership_are_never_suggested(world):
    person(world, by=world.outside_manager, partnership=world.other.partnership)
    assert duplicates(world, world.outside_manager, given_name="Jane", family_name="Doe", date_of_birth=DOB) == []
    assert duplicates(world, world.manager, given_name="Jane", family_name="Doe", date_of_birth=DOB) == []


def test_merged_records_and_the_record_itself_are_left_out(world):
    keep, duplicate = person(world), person(world)
    assert duplicates(world, given_name="Jane", family_name="Doe", date_of_birth=DOB, exclude_pk=keep.pk) == [
        (duplicate.pk, "same date of birth and last name")
    ]
    merging.person_merge(keep=keep, duplicate=duplicate, by=world.manager)
    assert duplicates(world, given_name="Jane", family_name="Doe", date_of_birth=DOB, exclude_pk=keep.pk) == []


def test_a_place_with_the_same_address_or_uprn_is_found(world):
    home = address(world, address_line_1="12 High Street", postcode="CM7 3YG")
    flat = address(world, address_line_1="Flat 2", postcode="CM7 1AA", uprn="100012345678")
    found = selectors.possible_duplicate_locations(
        world.council_officer, partnership=world.home.partnership, address_line_1="12, high street", postcode="cm73yg"
    )
    assert [(d.record.pk, d.why) for d in found] == [(home.pk, "same address")]
    found = selectors.possible_duplicate_locations(
        world.council_officer, partnership=world.home.partnership, postcode="", uprn="100012345678"
    )
    assert [(d.record.pk, d.why) for d in found] == [(flat.pk, "same UPRN")]
    assert (
        selectors.possible_duplicate_locations(
            world.police_officer,
            partnership=world.home.partnership,
            address_line_1="12 High Street",
            postcode="CM7 3YG",
        )
        == []
    )
