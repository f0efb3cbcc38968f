import datetime

from saferhub.register import services
from saferhub.register.selectors import search_register
from saferhub.register.tests.records import address, person


def test_search_finds_visible_people_by_name_alias_and_date_of_birth(world):
    jane = person(world, given_name="Jane", family_name="O'Brien")
    services.person_add_alias(person=jane, name="Janey Smith", by=world.council_officer)
    assert search_register(world.council_officer, text="obrien").people == [jane]
    assert search_register(world.council_officer, text="smith").people == [jane]
    assert search_register(world.council_officer, date_of_birth=datetime.date(1980, 5, 17)).people == [jane]
    assert search_register(world.council_officer, text="nobody").people == []


def test_search_returns_only_what_the_user_may_see(world):
    person(world, by=world.council_officer)
    address(world, by=world.council_officer)
    person(world, by=world.outsider, partnership=world.other.partnership)
    for user in (world.police_officer, world.analyst, world.scrutiny, world.no_roles):
        results = search_register(user, text="doe", postcode="CM7 3YG")
        assert results.people == [] and results.locations == []
        assert search_register(user, postcode="CM7 3YG").locations == []
    assert len(search_register(world.manager, text="doe").people) == 1


def test_search_finds_places_by_postcode_and_district(world):
    home = address(world, postcode="CM7 3YG")
    address(world, postcode="CM77 1AA")
    assert search_register(world.council_officer, postcode="cm73yg").locations == [home]
    assert search_register(world.council_officer, postcode="CM7").locations == [home]
    assert search_register(world.council_officer, text="high street").locations != []


def test_no_criteria_give_no_results(world):
    person(world)
    results = search_register(world.manager)
    assert results.people == [] and results.locations == []


def test_search_is_capped_at_fifty_of_each(world):
    for n in range(55):
        person(world, family_name=f"Doe{n}")
    assert len(search_register(world.manager, text="jane").people) == 50
