"""The base access policy: partnership scoping first, then each app's narrowing; 404 for missing and forbidden."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from saferhub.accounts import services as accounts
from saferhub.accounts.models import Role
from saferhub.partnerships import access
from saferhub.policy import county_area_ids, partnership_ids, sees_personal_data


def test_a_user_sees_only_their_partnerships_records(world):
    visible = set(access.agreements.visible(world.council_officer, "view"))
    assert world.home.agreement in visible
    assert world.other.agreement not in visible


def test_an_action_no_role_allows_shows_nothing(world):
    assert not access.agreements.visible(world.council_officer, "change").exists()
    assert not access.agreements.visible(world.manager, "delete").exists()


def test_anonymous_and_disabled_users_see_nothing(world):
    assert not access.partnerships.visible(AnonymousUser(), "view").exists()
    accounts.user_disable(user=world.council_officer, by=world.administrator)
    assert not access.partnerships.visible(world.council_officer, "view").exists()


def test_get_for_user_gives_404_for_forbidden_missing_and_malformed_alike(world):
    assert access.agreements.get_for_user(world.manager, "view", pk=world.home.agreement.pk) == world.home.agreement
    for pk in (world.other.agreement.pk, 999_999, "not-a-number"):
        with pytest.raises(Http404):
            access.agreements.get_for_user(world.manager, "view", pk=pk)


def test_figures_only_roles_never_see_sharing_agreements(world):
    assert not access.agreements.visible(world.scrutiny, "view").exists()
    assert not access.agreements.visible(world.county_viewer, "view").exists()
    assert not sees_personal_data(world.scrutiny)
    assert sees_personal_data(world.council_officer)


def test_the_system_administrator_administers_every_partnership_but_only_for_listed_actions(world):
    assert set(access.partnerships.visible(world.system_admin, "change")) >= {
        world.home.partnership,
        world.other.partnership,
    }
    assert not access.agreements.visible(world.system_admin, "delete").exists()


def test_a_new_role_takes_effect_at_once(world):
    assert world.other.partnership.pk not in partnership_ids(world.council_officer)
    accounts.role_grant(user=world.council_officer, partnership=world.other.partnership, role=Role.OFFICER, by=None)
    assert world.other.partnership.pk in partnership_ids(world.council_officer)
    grant = world.council_officer.role_grants.get(partnership=world.other.partnership)
    accounts.role_revoke(grant=grant, by=None)
    assert world.other.partnership.pk not in partnership_ids(world.council_officer)


def test_a_county_viewer_reads_figures_for_the_area_of_their_partnership(world):
    assert county_area_ids(world.county_viewer) == {world.essex.pk}
    assert county_area_ids(world.manager) == set()


def test_organisations_are_listed_once_even_when_shared_by_two_partnerships(world):
    accounts.role_grant(user=world.council_officer, partnership=world.other.partnership, role=Role.OFFICER, by=None)
    names = list(access.organisations.visible(world.council_officer, "view").values_list("name", flat=True))
    assert names.count("Essex Police") == 1


def test_managers_and_administrators_pick_any_current_organisation_but_officers_none(world):
    picked = set(access.organisations.visible(world.manager, "pick"))
    assert {world.pfcc, world.other.council} <= picked
    assert not access.organisations.visible(world.council_officer, "pick").exists()
    assert not access.organisations.visible(world.scrutiny, "pick").exists()
    # Picking is not viewing: the organisation's own page stays limited to its partnerships.
    assert world.other.council not in set(access.organisations.visible(world.manager, "view"))
