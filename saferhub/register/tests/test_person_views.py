"""The person pages: one record with its timeline, adding (with the duplicate check), editing, other names."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from saferhub.audit.models import AuditEvent
from saferhub.incidents import services as incidents
from saferhub.incidents.models import Category, Channel, InvolvementRole
from saferhub.register.models import Person
from saferhub.register.tests import records

pytestmark = pytest.mark.django_db


def _incident(world, person, *, by, role=InvolvementRole.VICTIM, location=None):
    return incidents.incident_record(
        partnership=world.home.partnership,
        by=by,
        organisation=by.organisation,
        behaviour_from=datetime.date(2025, 3, 1),
        reported_on=datetime.date(2025, 3, 2),
        channel=Channel.PHONE,
        category=Category.ASB_NUISANCE,
        description="Loud music at night",
        location=location,
        involvements=[(person, role)],
    )


def _url(person):
    return reverse("register:person", args=[person.pk])


def test_the_council_officer_sees_a_person_their_council_recorded(world, client_for):
    person = records.person(world)
    response = client_for(world.council_officer).get(_url(person))
    assert response.status_code == 200
    assert "Jane Doe" in response.content.decode()


def test_the_manager_sees_any_person_of_the_partnership(world, client_for):
    assert client_for(world.manager).get(_url(records.person(world))).status_code == 200


@pytest.mark.parametrize("persona", ["police_officer", "outsider", "scrutiny", "analyst", "county_viewer"])
def test_people_without_a_reason_to_see_the_record_get_404(world, client_for, persona):
    person = records.person(world)
    client = client_for(getattr(world, persona))
    for name in ("register:person", "register:person-edit", "register:person-alias-add", "register:person-merge"):
        assert client.get(reverse(name, args=[person.pk])).status_code == 404, name


def test_the_police_officer_sees_the_person_once_involved_in_a_police_incident(world, client_for):
    person = records.person(world)
    _incident(world, person, by=world.police_officer)
    response = client_for(world.police_officer).get(_url(person))
    assert response.status_code == 200


def test_the_page_records_that_the_person_was_viewed(world, client_for):
    person = records.person(world)
    client_for(world.council_officer).get(_url(person))
    event = AuditEvent.objects.filter(verb="viewed", target_id=str(person.pk)).get()
    assert event.actor_id == world.council_officer.pk


def test_the_timeline_shows_only_incidents_the_viewer_may_see(world, client_for):
    person = records.person(world, safety_flags=["risk_to_staff"])
    _incident(world, person, by=world.council_officer)
    _incident(world, person, by=world.police_officer, role=InvolvementRole.WITNESS)
    officer = client_for(world.council_officer).get(_url(person)).content.decode()
    assert officer.count("moj-timeline__item") == 1
    assert "Recorded by Braintree District Council" in officer
    assert "Recorded by Essex Police" not in officer
    assert "Risk to staff: visit in pairs" in officer
    manager = client_for(world.manager).get(_url(person)).content.decode()
    assert manager.count("moj-timeline__item") == 2


def test_adding_a_person_redirects_to_their_page(world, client_for):
    response = client_for(world.council_officer).post(
        reverse("register:person-add"),
        {"kind": "person", "given_name": "Amir", "family_name": "Khan", "safety_flags": ["no_post"]},
    )
    person = Person.objects.get(family_name="Khan")
    assert response.status_code == 302
    assert response["Location"] == _url(person)
    assert person.recorded_by_organisation == world.home.council
    assert person.safety_flags == ["no_post"]


def test_a_likely_duplicate_is_shown_with_what_was_typed_then_none_of_these_adds_it(world, client_for):
    existing = records.person(world)
    client = client_for(world.council_officer)
    typed = {
        "kind": "person",
        "given_name": "Jane",
        "family_name": "Doe",
        "date_of_birth_0": "17",
        "date_of_birth_1": "5",
        "date_of_birth_2": "1980",
        "phone": "01376 123456",
        "language": "Polish",
    }
    response = client.post(reverse("register:person-add"), typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Is this one of these people?" in page
    assert _url(existing) in page
    assert "same date of birth and last name" in page
    assert 'value="01376 123456"' in page and 'value="Polish"' in page
    assert Person.objects.count() == 1
    checked = response.context["form"].data["checked"]
    response = client.post(reverse("register:person-add"), {**typed, "checked": checked})
    assert response.status_code == 302
    assert Person.objects.filter(family_name="Doe").count() == 2


def test_changing_the_name_after_the_warning_checks_again(world, client_for):
    records.person(world, date_of_birth=None)
    records.person(world, family_name="Smith", date_of_birth=None)
    client = client_for(world.council_officer)
    first = client.post(reverse("register:person-add"), {"kind": "person", "given_name": "Jane", "family_name": "Doe"})
    checked = first.context["form"].data["checked"]
    response = client.post(
        reverse("register:person-add"),
        {"kind": "person", "given_name": "Jane", "family_name": "Smith", "checked": checked},
    )
    assert "Is this one of these people?" in response.content.decode()


def test_validation_errors_name_the_fields(world, client_for):
    response = client_for(world.council_officer).post(
        reverse("register:person-add"),
        {"kind": "person", "email": "not-an-email", "date_of_birth_0": "1", "date_of_birth_1": "1"},
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert "date_of_birth" in form.errors
    response = client_for(world.council_officer).post(
        reverse("register:person-add"), {"kind": "person", "email": "not-an-email"}
    )
    form = response.context["form"]
    assert form.errors["given_name"] == ["Enter a first name or a last name"]
    assert "email" in form.errors
    assert "govuk-error-summary" in response.content.decode()
    assert not Person.objects.exists()


def test_scrutiny_cannot_open_the_add_page(world, client_for):
    assert client_for(world.scrutiny).get(reverse("register:person-add")).status_code == 404


def test_editing_a_person_saves_and_redirects(world, client_for):
    person = records.person(world)
    response = client_for(world.council_officer).post(
        reverse("register:person-edit", args=[person.pk]),
        {
            "kind": "person",
            "given_name": "Janet",
            "family_name": "Doe",
            "date_of_birth_0": "17",
            "date_of_birth_1": "5",
            "date_of_birth_2": "1980",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.given_name == "Janet"


def test_adding_another_name(world, client_for):
    person = records.person(world)
    client = client_for(world.council_officer)
    response = client.post(reverse("register:person-alias-add", args=[person.pk]), {"name": "Jane Smith"})
    assert response.status_code == 302
    assert list(person.aliases.values_list("name", flat=True)) == ["Jane Smith"]
    again = client.post(reverse("register:person-alias-add", args=[person.pk]), {"name": "Jane Smith"})
    assert "already recorded" in again.context["form"].errors["name"][0]


def test_the_change_links_show_only_to_those_who_may_change(world, client_for):
    person = records.person(world)
    edit = reverse("register:person-edit", args=[person.pk])
    assert edit in client_for(world.council_officer).get(_url(person)).content.decode()
