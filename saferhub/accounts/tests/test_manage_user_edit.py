"""Changing a person's details."""

from django.urls import reverse

from saferhub.audit.models import AuditEvent


def _edit_url(person):
    return reverse("users:edit", kwargs={"user_pk": person.pk})


def _form(person, **changes):
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "job_title": person.job_title,
        "organisation": person.organisation_id,
    }
    data.update(changes)
    return data


def test_the_form_starts_with_the_persons_details(world, client_for):
    body = client_for(world.administrator).get(_edit_url(world.police_officer)).content.decode()
    assert f'value="{world.police_officer.email}"' in body
    assert f'value="{world.police.pk}" selected' in body


def test_administrator_changes_details_and_the_change_is_audited(world, client_for):
    person = world.police_officer
    response = client_for(world.administrator).post(
        _edit_url(person),
        _form(person, full_name="Priya Patel", job_title="Sergeant", email="Priya.Patel@Example.test"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Priya Patel"
    assert person.job_title == "Sergeant"
    assert person.email == "priya.patel@example.test"
    event = AuditEvent.objects.get(verb="user.updated", target_id=str(person.pk))
    assert event.actor_id == world.administrator.pk
    assert event.detail["changed"]["full_name"] == {"from": "Priya Police", "to": "Priya Patel"}


def test_saving_without_changes_writes_no_event(world, client_for):
    person = world.police_officer
    client_for(world.administrator).post(_edit_url(person), _form(person))
    assert not AuditEvent.objects.filter(verb="user.updated", target_id=str(person.pk)).exists()


def test_an_email_address_someone_else_has_is_refused(world, client_for):
    person = world.police_officer
    response = client_for(world.administrator).post(_edit_url(person), _form(person, email=world.manager.email))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is already an account with this email address" in body
    person.refresh_from_db()
    assert person.email == "police.officer@example.test"


def test_bad_input_keeps_the_typed_values_and_names_the_field(world, client_for):
    person = world.police_officer
    body = (
        client_for(world.administrator)
        .post(_edit_url(person), _form(person, full_name="", job_title="Inspector"))
        .content.decode()
    )
    assert "Enter full name" in body
    assert 'href="#id_full_name"' in body
    assert 'value="Inspector"' in body
    person.refresh_from_db()
    assert person.full_name == "Priya Police"


def test_an_organisation_outside_the_administrators_partnerships_is_refused(world, client_for):
    person = world.police_officer
    body = (
        client_for(world.administrator)
        .post(_edit_url(person), _form(person, organisation=world.other.council.pk))
        .content.decode()
    )
    assert "Select a valid choice" in body
    person.refresh_from_db()
    assert person.organisation == world.police
