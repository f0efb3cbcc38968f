from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Q

from saferhub.accounts import services as accounts
from saferhub.accounts.models import Role
from saferhub.policy import forget_grants
from saferhub.register import access
from saferhub.register.tests.records import person


def visible(user: Any, action: str = "view") -> set[int]:
    return set(access.people.visible(user, action).values_list("pk", flat=True))


@pytest.fixture
def link_to_first_names_sam() -> Iterator[None]:
    """A stand-in for an app's link: every person called Sam is reached by every officer."""

    def link(user: Any) -> Q:
        return Q(given_name="Sam")

    access.PERSON_LINKS.append(link)
    try:
        yield
    finally:
        access.PERSON_LINKS.remove(link)


def test_an_officer_sees_the_people_their_organisation_recorded(world):
    jane = person(world, by=world.council_officer)
    assert visible(world.council_officer) == {jane.pk}
    assert access.people.can(world.council_officer, "change", jane)


def test_a_police_officer_cannot_see_a_person_the_council_recorded(world):
    jane = person(world, by=world.council_officer)
    assert visible(world.police_officer) == set()
    assert not access.people.can(world.police_officer, "view", jane)
    assert not access.people.can(world.panel_chair, "view", jane)


def test_a_panel_chair_sees_what_their_organisation_recorded(world):
    sam = person(world, by=world.police_officer)
    assert visible(world.panel_chair) == {sam.pk}


def test_a_manager_sees_every_person_of_the_partnership_and_no_other(world):
    jane = person(world, by=world.council_officer)
    sam = person(world, by=world.police_officer, given_name="Sam")
    person(world, by=world.outsider, partnership=world.other.partnership)
    assert visible(world.manager) == {jane.pk, sam.pk}


@pytest.mark.parametrize(
    "who", ["outsider", "scrutiny", "analyst", "administrator", "county_viewer", "no_roles", "system_admin"]
)
def test_people_without_a_casework_role_here_see_nobody(world, who):
    person(world, by=world.council_officer)
    person(world, by=world.police_officer)
    assert visible(getattr(world, who)) == set()


def test_only_managers_merge(world):
    jane = person(world, by=world.council_officer)
    assert access.people.can(world.manager, "merge", jane)
    assert not access.people.can(world.council_officer, "merge", jane)


def test_a_registered_link_widens_an_officers_view(world, link_to_first_names_sam):
    sam = person(world, by=world.police_officer, given_name="Sam")
    person(world, by=world.police_officer, given_name="Kim")
    assert visible(world.council_officer) == {sam.pk}


def test_a_link_never_reaches_into_another_partnership(world, link_to_first_names_sam):
    person(world, by=world.outsider, partnership=world.other.partnership, given_name="Sam")
    assert visible(world.council_officer) == set()


def test_roles_are_per_partnership(world):
    """Managing the other partnership gives every person there; here the council officer stays an officer."""
    here = person(world, by=world.police_officer)
    there = person(world, by=world.outsider, partnership=world.other.partnership)
    accounts.role_grant(user=world.council_officer, partnership=world.other.partnership, role=Role.MANAGER, by=None)
    forget_grants(world.council_officer)
    assert visible(world.council_officer) == {there.pk}
    assert here.pk not in visible(world.council_officer)
