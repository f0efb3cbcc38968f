from django.urls import reverse

from saferhub.audit import Verb
from saferhub.partnerships import services
from saferhub.partnerships.models import Area, LocalAuthority
from saferhub.partnerships.tests.helpers import events, shell_queries


def test_any_user_with_a_role_sees_the_areas(world, client_for):
    response = client_for(world.council_officer).get(reverse("partnerships:areas"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Essex" in body and "Kent" in body
    assert "Add an area" not in body


def test_area_list_makes_the_same_queries_however_many_areas(world, client_for, django_assert_num_queries):
    user = world.system_admin
    client = client_for(user)
    client.get(reverse("partnerships:areas"))  # warm the session
    with django_assert_num_queries(shell_queries(user) + 1) as before:  # the areas with their counts
        client.get(reverse("partnerships:areas"))
    for n in range(5):
        area = services.area_create(name=f"Area {n}", slug=f"area-{n}", by=None)
        services.local_authority_create(area=area, ons_code=f"E0700090{n}", name=f"Council {n}", by=None)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(reverse("partnerships:areas"))


def test_area_page_lists_its_local_authorities_and_only_the_users_partnerships(world, client_for):
    response = client_for(world.manager).get(reverse("partnerships:area", args=["essex"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "E07000067" in body and "E07000069" in body
    assert world.home.partnership.name in body
    assert world.other.partnership.name not in body
    assert reverse("partnerships:area-edit", args=["essex"]) not in body


def test_another_areas_page_is_reference_data_anyone_may_read(world, client_for):
    assert client_for(world.outsider).get(reverse("partnerships:area", args=["kent"])).status_code == 200


def test_a_missing_area_is_404(world, client_for):
    assert client_for(world.system_admin).get(reverse("partnerships:area", args=["nowhere"])).status_code == 404


def test_system_administrator_adds_an_area(world, client_for):
    response = client_for(world.system_admin).post(
        reverse("partnerships:area-add"), {"name": "Suffolk", "slug": "suffolk", "police_force": "Suffolk Constabulary"}
    )
    area = Area.objects.get(slug="suffolk")
    assert response.status_code == 302 and response["Location"] == reverse("partnerships:area", args=["suffolk"])
    event = events(Verb.AREA_CREATED, area).get()
    assert event.actor_id == world.system_admin.pk


def test_managers_cannot_add_or_change_areas(world, client_for):
    client = client_for(world.manager)
    assert client.get(reverse("partnerships:area-add")).status_code == 404
    assert client.post(reverse("partnerships:area-add"), {"name": "X", "slug": "x"}).status_code == 404
    assert client.get(reverse("partnerships:area-edit", args=["essex"])).status_code == 404
    assert client.get(reverse("partnerships:local-authority-add", args=["essex"])).status_code == 404
    authority = world.home.authorities[0]
    edit = reverse("partnerships:local-authority-edit", args=["essex", authority.pk])
    assert client.post(edit, {"ons_code": "E07000001", "name": "X"}).status_code == 404
    assert not Area.objects.filter(slug="x").exists()


def test_a_taken_short_name_is_refused_and_the_typed_values_kept(world, client_for):
    response = client_for(world.system_admin).post(
        reverse("partnerships:area-add"), {"name": "Essex again", "slug": "essex", "police_force": "Someone"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Another area already uses this short name for links" in body
    assert 'href="#id_slug"' in body
    assert 'value="Essex again"' in body and 'value="Someone"' in body


def test_system_administrator_changes_an_area(world, client_for):
    client = client_for(world.system_admin)
    url = reverse("partnerships:area-edit", args=["essex"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Essex", "slug": "essex", "police_force": "Essex Constabulary"})
    assert response.status_code == 302
    world.essex.refresh_from_db()
    assert world.essex.police_force == "Essex Constabulary"
    event = events(Verb.AREA_UPDATED, world.essex).get()
    assert event.detail["changed"]["police_force"] == {"from": "Essex Police", "to": "Essex Constabulary"}


def test_system_administrator_adds_a_local_authority_with_its_ons_code(world, client_for):
    response = client_for(world.system_admin).post(
        reverse("partnerships:local-authority-add", args=["essex"]), {"ons_code": "e07000066", "name": "Basildon"}
    )
    assert response.status_code == 302
    authority = LocalAuthority.objects.get(ons_code="E07000066")
    assert authority.area == world.essex
    assert events(Verb.LOCAL_AUTHORITY_CREATED, authority).exists()


def test_an_ons_code_that_is_not_a_letter_and_8_numbers_is_refused(world, client_for):
    response = client_for(world.system_admin).post(
        reverse("partnerships:local-authority-add", args=["essex"]), {"ons_code": "E0700006", "name": "Basildon"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter the ONS code as a letter and 8 numbers, for example E07000067" in body
    assert 'href="#id_ons_code"' in body
    assert 'value="E0700006"' in body and 'value="Basildon"' in body
    assert not LocalAuthority.objects.filter(name="Basildon").exists()


def test_an_ons_code_already_used_names_the_local_authority_that_has_it(world, client_for):
    response = client_for(world.system_admin).post(
        reverse("partnerships:local-authority-add", args=["kent"]), {"ons_code": "E07000067", "name": "Another"}
    )
    assert "E07000067 is already the ONS code of Braintree" in response.content.decode()


def test_system_administrator_corrects_a_local_authority(world, client_for):
    authority = world.home.authorities[0]
    client = client_for(world.system_admin)
    url = reverse("partnerships:local-authority-edit", args=["essex", authority.pk])
    assert client.get(url).status_code == 200
    # Its own code is not "taken".
    response = client.post(url, {"ons_code": "E07000067", "name": "Braintree District"})
    assert response.status_code == 302
    authority.refresh_from_db()
    assert authority.name == "Braintree District"
    assert events(Verb.LOCAL_AUTHORITY_UPDATED, authority).exists()


def test_a_local_authority_is_changed_only_under_its_own_area(world, client_for):
    authority = world.home.authorities[0]
    url = reverse("partnerships:local-authority-edit", args=["kent", authority.pk])
    assert client_for(world.system_admin).get(url).status_code == 404
