from saferhub.register import access, services
from saferhub.register.tests.records import person


def test_another_name_is_seen_exactly_by_those_who_see_the_person(world):
    jane = person(world, by=world.council_officer)
    alias = services.person_add_alias(person=jane, name="Janey", by=world.council_officer)
    for user in (world.council_officer, world.manager):
        assert access.aliases.can(user, "view", alias)
    for user in (world.police_officer, world.outsider, world.analyst, world.scrutiny, world.no_roles):
        assert not access.aliases.can(user, "view", alias)
