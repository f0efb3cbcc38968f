from django.urls import reverse

from saferhub.audit import Verb
from saferhub.partnerships import services
from saferhub.partnerships.models import Membership, Organisation, OrganisationKind
from saferhub.partnerships.tests.helpers import events, shell_queries


def _detail(organisation):
    return reverse("partnerships:organisation", args=[organisation.pk])


def _edit(organisation):
    return reverse("partnerships:organisation-edit", args=[organisation.pk])


def test_the_list_shows_visible_organisations_with_only_visible_partnerships(world, client_for):
    body = client_for(world.council_officer).get(reverse("partnerships:organisations")).content.decode()
    assert "Essex Police" in body and "Police (responsible authority)" in body
    assert world.home.partnership.name in body
    # Essex Police is also in Castle Point and Rochford, which the officer does not see.
    assert world.other.partnership.name not in body
    assert world.other.council.name not in body


def test_the_list_makes_the_same_queries_however_many_organisations(world, client_for, django_assert_num_queries):
    user = world.administrator
    client = client_for(user)
    url = reverse("partnerships:organisations")
    client.get(url)
    # Organisations, their memberships with partnerships, and whether the user may add one.
    with django_assert_num_queries(shell_queries(user) + 3):
        client.get(url)
    for n in range(5):
        services.organisation_create(
            name=f"Charity {n}", kind=OrganisationKind.VOLUNTARY, partnership=world.home.partnership, by=None
        )
    with django_assert_num_queries(shell_queries(user) + 3):
        body = client.get(url).content.decode()
    assert "Charity 4" in body


def test_an_officer_sees_an_organisation_of_their_partnership(world, client_for):
    response = client_for(world.council_officer).get(_detail(world.police))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.home.partnership.name in body
    assert world.other.partnership.name not in body
    assert _edit(world.police) not in body


def test_another_partnerships_organisation_is_404(world, client_for):
    for person in (world.manager, world.administrator, world.scrutiny):
        assert client_for(person).get(_detail(world.other.council)).status_code == 404
    for person in (world.outsider, world.outside_manager):
        assert client_for(person).get(_detail(world.home.council)).status_code == 404


def test_an_administrator_adds_an_organisation_to_their_partnership(world, client_for):
    client = client_for(world.administrator)
    assert client.get(reverse("partnerships:organisation-add")).status_code == 200
    response = client.post(
        reverse("partnerships:organisation-add"),
        {
            "name": "Braintree Academy",
            "kind": OrganisationKind.SCHOOL,
            "email_domain": "@BraintreeAcademy.sch.uk",
            "partnership": world.home.partnership.pk,
        },
    )
    organisation = Organisation.objects.get(name="Braintree Academy")
    assert response.status_code == 302 and response["Location"] == _detail(organisation)
    assert organisation.email_domain == "braintreeacademy.sch.uk"
    assert events(Verb.ORGANISATION_CREATED, organisation).get().actor_id == world.administrator.pk
    membership = Membership.objects.get(organisation=organisation, partnership=world.home.partnership)
    assert events(Verb.MEMBERSHIP_ADDED, membership).exists()


def test_coming_from_the_add_member_page_returns_to_the_partnership(world, client_for):
    url = reverse("partnerships:organisation-add") + f"?partnership={world.home.partnership.slug}"
    client = client_for(world.administrator)
    assert f'<option value="{world.home.partnership.pk}" selected>' in client.get(url).content.decode()
    response = client.post(
        url, {"name": "Braintree Academy", "kind": OrganisationKind.SCHOOL, "partnership": world.home.partnership.pk}
    )
    assert response["Location"] == reverse("partnerships:partnership", args=[world.home.partnership.slug])


def test_an_administrator_cannot_add_to_a_partnership_they_do_not_administer(world, client_for):
    response = client_for(world.administrator).post(
        reverse("partnerships:organisation-add"),
        {"name": "Sneaky", "kind": OrganisationKind.OTHER, "partnership": world.other.partnership.pk},
    )
    assert response.status_code == 200
    assert "Select a partnership from the list" in response.content.decode()
    assert not Organisation.objects.filter(name="Sneaky").exists()


def test_the_system_administrator_may_add_an_organisation_to_no_partnership(world, client_for):
    response = client_for(world.system_admin).post(
        reverse("partnerships:organisation-add"), {"name": "Kent Police", "kind": OrganisationKind.POLICE}
    )
    assert response.status_code == 302
    assert not Organisation.objects.get(name="Kent Police").memberships.exists()


def test_a_partnership_is_required_for_administrators(world, client_for):
    body = (
        client_for(world.administrator)
        .post(reverse("partnerships:organisation-add"), {"name": "Lonely", "kind": OrganisationKind.OTHER})
        .content.decode()
    )
    assert "Select the partnership the organisation joins" in body


def test_a_name_already_taken_gives_a_clear_error_and_keeps_the_values(world, client_for):
    response = client_for(world.administrator).post(
        reverse("partnerships:organisation-add"),
        {
            "name": "essex police",
            "kind": OrganisationKind.POLICE,
            "email_domain": "essex.police.uk",
            "partnership": world.home.partnership.pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is already an organisation called essex police" in body
    assert 'href="#id_name"' in body
    assert 'value="essex police"' in body and 'value="essex.police.uk"' in body


def test_a_wrong_email_domain_says_how_to_write_it(world, client_for):
    body = (
        client_for(world.administrator)
        .post(
            reverse("partnerships:organisation-add"),
            {
                "name": "New",
                "kind": OrganisationKind.OTHER,
                "email_domain": "someone@new.org",
                "partnership": world.home.partnership.pk,
            },
        )
        .content.decode()
    )
    assert "Enter an email domain like essex.police.uk" in body


def test_people_who_administer_nothing_cannot_add_organisations(world, client_for):
    for person in (world.manager, world.council_officer, world.no_roles):
        client = client_for(person)
        assert client.get(reverse("partnerships:organisation-add")).status_code == 404
        assert client.post(reverse("partnerships:organisation-add"), {"name": "X"}).status_code == 404


def test_an_administrator_corrects_an_organisation(world, client_for):
    client = client_for(world.administrator)
    assert client.get(_edit(world.housing)).status_code == 200
    response = client.post(
        _edit(world.housing),
        {
            "name": "Eastlight Community Homes",
            "kind": OrganisationKind.SOCIAL_LANDLORD,
            "email_domain": "eastlight.org",
        },
    )
    assert response.status_code == 302
    world.housing.refresh_from_db()
    assert world.housing.email_domain == "eastlight.org"
    event = events(Verb.ORGANISATION_UPDATED, world.housing).get()
    assert event.detail["changed"] == {"email_domain": {"from": "", "to": "eastlight.org"}}


def test_renaming_to_a_taken_name_is_refused(world, client_for):
    body = (
        client_for(world.administrator)
        .post(_edit(world.housing), {"name": "Essex Police", "kind": OrganisationKind.SOCIAL_LANDLORD})
        .content.decode()
    )
    assert "There is already an organisation called Essex Police" in body


def test_managers_officers_and_outsiders_cannot_change_organisations(world, client_for):
    for person in (world.manager, world.council_officer, world.outside_manager):
        client = client_for(person)
        assert client.get(_edit(world.home.council)).status_code == 404
        assert client.post(_edit(world.home.council), {"name": "Renamed", "kind": "other"}).status_code == 404
    assert not Organisation.objects.filter(name="Renamed").exists()
