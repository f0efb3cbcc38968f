import datetime

from django.urls import reverse

from saferhub.audit import Verb
from saferhub.partnerships import services
from saferhub.partnerships.models import Membership, OrganisationKind
from saferhub.partnerships.tests.helpers import date_fields, events


def _add(world, partnership=None):
    return reverse("partnerships:membership-add", args=[(partnership or world.home.partnership).slug])


def _end(world, membership=None, partnership=None):
    membership = membership or world.home.membership
    return reverse("partnerships:membership-end", args=[(partnership or membership.partnership).slug, membership.pk])


def test_the_picker_offers_only_organisations_that_are_not_members(world, client_for):
    body = client_for(world.system_admin).get(_add(world)).content.decode()
    assert world.pfcc.name in body
    assert f'<option value="{world.police.pk}"' not in body
    assert "Add a new organisation" in body


def test_the_manager_brings_an_organisation_back_in(world, client_for):
    services.membership_end(membership=world.home.membership, by=None)
    client = client_for(world.manager)
    response = client.post(_add(world), {"organisation": world.home.council.pk, **date_fields("joined_on", 1, 4, 2026)})
    assert response.status_code == 302
    membership = Membership.objects.get(pk=world.home.membership.pk)
    assert membership.is_current and membership.joined_on == datetime.date(2026, 4, 1)
    event = events(Verb.MEMBERSHIP_ADDED, membership).latest("id")
    assert event.actor_id == world.manager.pk


def test_a_manager_who_is_not_an_administrator_is_told_who_adds_new_organisations(world, client_for):
    body = client_for(world.manager).get(_add(world)).content.decode()
    assert "Ask an administrator of the partnership" in body


def test_the_system_administrator_adds_any_organisation(world, client_for):
    response = client_for(world.system_admin).post(_add(world), {"organisation": world.pfcc.pk})
    assert response.status_code == 302
    membership = Membership.objects.get(partnership=world.home.partnership, organisation=world.pfcc)
    assert events(Verb.MEMBERSHIP_ADDED, membership).exists()


def test_a_manager_picks_an_agency_that_is_in_none_of_their_partnerships_yet(world, client_for):
    client = client_for(world.manager)
    assert f'<option value="{world.pfcc.pk}"' in client.get(_add(world)).content.decode()
    response = client.post(_add(world), {"organisation": world.pfcc.pk})
    assert response.status_code == 302
    assert Membership.objects.filter(partnership=world.home.partnership, organisation=world.pfcc).exists()


def test_an_archived_organisation_cannot_be_posted(world, client_for):
    from django.utils import timezone

    from saferhub.partnerships.models import Organisation

    Organisation.objects.filter(pk=world.pfcc.pk).update(archived_at=timezone.now())
    response = client_for(world.manager).post(_add(world), {"organisation": world.pfcc.pk})
    assert response.status_code == 200
    assert "Select an organisation from the list" in response.content.decode()
    assert not Membership.objects.filter(partnership=world.home.partnership, organisation=world.pfcc).exists()


def test_a_wrong_date_is_named_and_kept(world, client_for):
    services.membership_end(membership=world.home.membership, by=None)
    response = client_for(world.manager).post(
        _add(world), {"organisation": world.home.council.pk, **date_fields("joined_on", 31, 2, 2026)}
    )
    body = response.content.decode()
    assert "Date it joined must be a real date" in body
    assert 'href="#id_joined_on_0"' in body
    assert 'value="31"' in body and 'value="2026"' in body


def test_officers_and_other_partnerships_cannot_add_members(world, client_for):
    for person in (world.council_officer, world.analyst, world.outside_manager):
        client = client_for(person)
        assert client.get(_add(world)).status_code == 404
        assert client.post(_add(world), {"organisation": world.pfcc.pk}).status_code == 404


def test_ending_a_membership_asks_first_then_keeps_it_as_past(world, client_for):
    client = client_for(world.manager)
    confirm = client.get(_end(world))
    assert confirm.status_code == 200
    assert "Are you sure Braintree District Council is leaving the partnership?" in confirm.content.decode()
    assert Membership.objects.get(pk=world.home.membership.pk).is_current
    response = client.post(_end(world))
    assert response.status_code == 302
    membership = Membership.objects.get(pk=world.home.membership.pk)
    assert not membership.is_current
    event = events(Verb.MEMBERSHIP_ENDED, membership).get()
    assert event.actor_id == world.manager.pk
    # An ended membership cannot be ended again.
    assert client.get(_end(world)).status_code == 404


def test_a_membership_is_ended_only_through_its_own_partnership(world, client_for):
    # Both partnerships have Essex Police; the outside manager cannot reach Braintree's through their own.
    braintree_police = Membership.objects.get(partnership=world.home.partnership, organisation=world.police)
    url = _end(world, membership=braintree_police, partnership=world.other.partnership)
    client = client_for(world.outside_manager)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Membership.objects.get(pk=braintree_police.pk).is_current


def test_officers_and_outsiders_cannot_end_memberships(world, client_for):
    for person in (world.council_officer, world.scrutiny, world.outsider, world.outside_manager):
        assert client_for(person).post(_end(world)).status_code == 404
    assert Membership.objects.get(pk=world.home.membership.pk).is_current


def test_a_new_member_shows_on_the_partnership_page(world, client_for):
    organisation = services.organisation_create(name="Braintree Academy", kind=OrganisationKind.SCHOOL, by=None)
    client_for(world.system_admin).post(_add(world), {"organisation": organisation.pk})
    body = (
        client_for(world.council_officer)
        .get(reverse("partnerships:partnership", args=[world.home.partnership.slug]))
        .content.decode()
    )
    assert "Braintree Academy" in body
