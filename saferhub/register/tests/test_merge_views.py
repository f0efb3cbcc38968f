"""Merging duplicates from the person and place pages: managers only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saferhub.register.tests import records

pytestmark = pytest.mark.django_db


def test_officers_get_404_on_the_merge_pages(world, client_for):
    person = records.person(world)
    place = records.address(world)
    client = client_for(world.council_officer)
    assert client.get(reverse("register:person-merge", args=[person.pk])).status_code == 404
    assert client.post(reverse("register:person-merge", args=[person.pk])).status_code == 404
    assert client.get(reverse("register:place-merge", args=[place.pk])).status_code == 404


def test_the_manager_chooses_a_suggested_duplicate_checks_both_and_merges(world, client_for):
    keep = records.person(world)
    duplicate = records.person(world, by=world.police_officer, phone="01376 999999")
    records.person(world, given_name="Other", family_name="Person", date_of_birth=None)
    client = client_for(world.manager)
    url = reverse("register:person-merge", args=[keep.pk])
    choose = client.get(url)
    assert choose.status_code == 200
    assert "same date of birth and last name" in choose.content.decode()
    assert "Other Person" not in choose.content.decode()
    confirm = client.get(url, {"duplicate": duplicate.pk})
    assert "Check the records before merging" in confirm.content.decode()
    assert "01376 999999" in confirm.content.decode()
    response = client.post(url, {"duplicate": duplicate.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("register:person", args=[keep.pk])
    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert duplicate.merged_into_id == keep.pk
    assert keep.phone == "01376 999999"
    merged_page = client.get(reverse("register:person", args=[duplicate.pk])).content.decode()
    assert "This record was merged into" in merged_page
    kept_page = client.get(reverse("register:person", args=[keep.pk])).content.decode()
    assert "Duplicate record merged into this one" in kept_page


def test_the_manager_may_give_a_record_number_instead(world, client_for):
    keep = records.person(world)
    other = records.person(world, given_name="Jay", family_name="Dough", date_of_birth=None)
    url = reverse("register:person-merge", args=[keep.pk])
    confirm = client_for(world.manager).get(url, {"record_number": other.pk})
    assert "Check the records before merging" in confirm.content.decode()


def test_a_record_number_of_another_partnership_is_refused_without_saying_it_exists(world, client_for):
    keep = records.person(world)
    theirs = records.person(world, by=world.outsider, partnership=world.other.partnership)
    response = client_for(world.manager).get(
        reverse("register:person-merge", args=[keep.pk]), {"record_number": theirs.pk}
    )
    assert response.status_code == 200
    assert "record_number" in response.context["form"].errors
    response = client_for(world.manager).post(
        reverse("register:person-merge", args=[keep.pk]), {"duplicate": theirs.pk}
    )
    assert response.status_code == 200
    theirs.refresh_from_db()
    assert theirs.merged_into_id is None


def test_the_service_refuses_a_person_merged_with_a_business(world, client_for):
    keep = records.person(world)
    shop = records.person(world, kind="business", organisation_name="Jane Doe Ltd", date_of_birth=None)
    response = client_for(world.manager).post(reverse("register:person-merge", args=[keep.pk]), {"duplicate": shop.pk})
    assert response.status_code == 200
    assert "cannot be merged with a business" in response.content.decode()


def test_the_manager_merges_places(world, client_for):
    keep = records.address(world)
    duplicate = records.address(world, by=world.police_officer, uprn="100090000001")
    records.person(world, home=duplicate)
    client = client_for(world.manager)
    url = reverse("register:place-merge", args=[keep.pk])
    assert "same address" in client.get(url).content.decode()
    response = client.post(url, {"duplicate": duplicate.pk})
    assert response.status_code == 302
    keep.refresh_from_db()
    assert keep.uprn == "100090000001"
    assert keep.residents.count() == 1
