import datetime

from django.urls import reverse

from saferhub.audit import Verb
from saferhub.partnerships import services
from saferhub.partnerships.models import OrganisationKind, Partnership
from saferhub.partnerships.tests.helpers import events, shell_queries


def _detail(world):
    return reverse("partnerships:partnership", args=[world.home.partnership.slug])


def _edit(world):
    return reverse("partnerships:partnership-edit", args=[world.home.partnership.slug])


def test_the_list_shows_the_users_partnerships_only(world, client_for):
    body = client_for(world.manager).get(reverse("partnerships:partnerships")).content.decode()
    assert world.home.partnership.name in body
    assert world.other.partnership.name not in body
    assert "Add a partnership" not in body


def test_the_system_administrator_sees_every_partnership(world, client_for):
    body = client_for(world.system_admin).get(reverse("partnerships:partnerships")).content.decode()
    for records in (world.home, world.other, world.far):
        assert records.partnership.name in body
    assert "Add a partnership" in body


def test_the_list_makes_the_same_queries_however_many_partnerships(world, client_for, django_assert_num_queries):
    user = world.system_admin
    client = client_for(user)
    url = reverse("partnerships:partnerships")
    client.get(url)
    with django_assert_num_queries(shell_queries(user) + 2):  # partnerships with member counts, their authorities
        client.get(url)
    for n in range(4):
        partnership = services.partnership_create(
            name=f"Extra {n}", slug=f"extra-{n}", area=world.essex, local_authorities=world.home.authorities, by=None
        )
        services.membership_add(partnership=partnership, organisation=world.police, by=None)
    with django_assert_num_queries(shell_queries(user) + 2):
        client.get(url)


def test_an_officer_sees_the_partnership_with_its_members(world, client_for):
    services.membership_end(membership=world.home.membership, left_on=datetime.date(2025, 1, 31), by=None)
    response = client_for(world.council_officer).get(_detail(world))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Essex Police" in body and "Police (responsible authority)" in body
    assert "Past members" in body and "31 January 2025" in body
    assert "E07000067" in body
    assert world.home.agreement.title in body
    # Officers read the partnership but do not run it.
    assert _edit(world) not in body
    assert "End membership" not in body


def test_overdue_agreements_are_tagged_on_the_partnership_page(world, client_for):
    services.agreement_update(agreement=world.home.agreement, review_due_on=datetime.date(2020, 1, 1), by=None)
    body = client_for(world.manager).get(_detail(world)).content.decode()
    assert "govuk-tag--red" in body and "Review overdue" in body


def test_figures_only_roles_see_the_partnership_but_not_its_agreements(world, client_for):
    response = client_for(world.scrutiny).get(_detail(world))
    assert response.status_code == 200
    assert world.home.agreement.title not in response.content.decode()


def test_other_partnerships_people_get_404(world, client_for):
    for person in (world.outsider, world.outside_manager, world.no_roles):
        assert client_for(person).get(_detail(world)).status_code == 404
    assert client_for(world.manager).get(reverse("partnerships:partnership", args=["nope"])).status_code == 404


def test_the_manager_changes_the_partnership(world, client_for):
    client = client_for(world.manager)
    assert client.get(_edit(world)).status_code == 200
    authority = world.home.authorities[0]
    response = client.post(
        _edit(world),
        {
            "name": world.home.partnership.name,
            "slug": "braintree-csp",
            "local_authorities": [authority.pk],
            "contact_email": "csp@braintree.gov.uk",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:partnership", args=["braintree-csp"])
    partnership = Partnership.objects.get(pk=world.home.partnership.pk)
    assert partnership.contact_email == "csp@braintree.gov.uk"
    event = events(Verb.PARTNERSHIP_UPDATED, partnership).get()
    assert event.actor_id == world.manager.pk
    assert set(event.detail["changed"]) == {"slug", "contact_email"}


def test_officers_and_other_partnerships_cannot_change_it(world, client_for):
    for person in (world.council_officer, world.scrutiny, world.outside_manager):
        client = client_for(person)
        assert client.get(_edit(world)).status_code == 404
        assert client.post(_edit(world), {"name": "Taken over", "slug": "x"}).status_code == 404
    assert not Partnership.objects.filter(name="Taken over").exists()


def test_local_authorities_of_another_area_cannot_be_added_on_edit(world, client_for):
    dartford = world.far.authorities[0]
    response = client_for(world.manager).post(
        _edit(world),
        {"name": "Braintree CSP", "slug": "braintree", "local_authorities": [dartford.pk], "contact_email": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select only local authorities listed here" in body
    assert 'value="Braintree CSP"' in body


def test_the_system_administrator_chooses_the_area_first(world, client_for):
    client = client_for(world.system_admin)
    first = client.get(reverse("partnerships:partnership-add"))
    assert first.status_code == 200
    assert "Which area is the partnership in?" in first.content.decode()
    second = client.get(reverse("partnerships:partnership-add"), {"area": "kent"}).content.decode()
    assert "Dartford (E07000107)" in second
    assert "Braintree (E07000067)" not in second


def test_the_system_administrator_adds_a_partnership(world, client_for):
    castle_point = world.other.authorities[0]
    response = client_for(world.system_admin).post(
        reverse("partnerships:partnership-add"),
        {
            "name": "South Essex CSP",
            "slug": "south-essex",
            "area": world.essex.pk,
            "local_authorities": [castle_point.pk],
            "contact_email": "",
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(slug="south-essex")
    assert list(partnership.local_authorities.all()) == [castle_point]
    event = events(Verb.PARTNERSHIP_CREATED, partnership).get()
    assert event.detail["local_authorities"] == ["E07000069"]


def test_local_authorities_must_belong_to_the_chosen_area(world, client_for):
    dartford = world.far.authorities[0]
    braintree = world.home.authorities[0]
    response = client_for(world.system_admin).post(
        reverse("partnerships:partnership-add"),
        {
            "name": "Mixed CSP",
            "slug": "mixed",
            "area": world.essex.pk,
            "local_authorities": [braintree.pk, dartford.pk],
            "contact_email": "mixed@example.test",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dartford is not in Essex: select only local authorities of Essex" in body
    assert 'href="#id_local_authorities_0"' in body
    assert 'value="Mixed CSP"' in body and 'value="mixed@example.test"' in body
    assert not Partnership.objects.filter(slug="mixed").exists()


def test_an_empty_form_names_every_field_to_fill(world, client_for):
    body = client_for(world.system_admin).post(reverse("partnerships:partnership-add"), {}).content.decode()
    assert "Enter the name of the partnership" in body
    assert "Enter a short name for links" in body
    assert "Select the area the partnership is in" in body


def test_only_the_system_administrator_adds_partnerships(world, client_for):
    for person in (world.manager, world.administrator):
        client = client_for(person)
        assert client.get(reverse("partnerships:partnership-add")).status_code == 404
        assert client.post(reverse("partnerships:partnership-add"), {"name": "X"}).status_code == 404


def test_a_new_organisation_kind_shows_its_label(world, client_for):
    services.organisation_create(
        name="Braintree Academy", kind=OrganisationKind.SCHOOL, partnership=world.home.partnership, by=None
    )
    assert "School or college" in client_for(world.manager).get(_detail(world)).content.decode()
