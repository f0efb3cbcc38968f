"""The list of recent incidents and one incident's page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from saferhub.audit import Verb
from saferhub.incidents.tests.helpers import events, make_person, report

TODAY = timezone.localdate()


def _incident(world, by=None, name="Vera Victim"):
    by = by or world.council_officer
    victim = make_person(world.home.partnership, by.organisation, name)
    return report(world, victim, behaviour=TODAY - datetime.timedelta(days=2), by=by)


def _url(incident):
    return reverse("incidents:incident", kwargs={"incident_pk": incident.pk})


def test_council_officer_sees_their_agencys_incident(world, client_for):
    incident = _incident(world)
    response = client_for(world.council_officer).get(_url(incident))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vera Victim" in page and "Shouting and banging" in page


@pytest.mark.parametrize("persona", ["police_officer", "outsider", "scrutiny", "analyst", "administrator"])
def test_people_the_policy_refuses_get_404(world, client_for, persona):
    incident = _incident(world)
    assert client_for(getattr(world, persona)).get(_url(incident)).status_code == 404


def test_manager_sees_any_agencys_incident(world, client_for):
    incident = _incident(world, by=world.police_officer)
    assert client_for(world.manager).get(_url(incident)).status_code == 200


def test_viewing_an_incident_writes_a_viewed_event(world, client_for):
    incident = _incident(world)
    client_for(world.council_officer).get(_url(incident))
    viewed = events(Verb.VIEWED, incident)
    assert viewed.count() == 1
    assert viewed.get().actor_id == world.council_officer.pk


def test_a_refused_view_writes_no_event(world, client_for):
    incident = _incident(world)
    client_for(world.police_officer).get(_url(incident))
    assert not events(Verb.VIEWED, incident).exists()


def test_the_list_shows_own_agencys_incidents_newest_first(world, client_for):
    older = _incident(world, name="Olga Older")
    newer = report(world, older.involvements.get().person, behaviour=TODAY, by=world.council_officer)
    _incident(world, by=world.police_officer, name="Peter Police")
    page = client_for(world.council_officer).get(reverse("incidents:list")).content.decode()
    assert page.index(f'href="{_url(newer)}"') < page.index(f'href="{_url(older)}"')
    assert "Olga Older" in page and "Peter Police" not in page


def test_a_manager_may_choose_all_agencies(world, client_for):
    _incident(world, by=world.police_officer, name="Peter Police")
    client = client_for(world.manager)
    assert "Peter Police" not in client.get(reverse("incidents:list")).content.decode()
    assert "Peter Police" in client.get(reverse("incidents:list"), {"agencies": "all"}).content.decode()


def test_an_officer_cannot_widen_the_list(world, client_for):
    _incident(world, by=world.police_officer, name="Peter Police")
    page = client_for(world.council_officer).get(reverse("incidents:list"), {"agencies": "all"}).content.decode()
    assert "Peter Police" not in page


def test_the_list_query_count_does_not_grow_with_incidents(world, client_for, django_assert_num_queries):
    client = client_for(world.manager)
    client.get(reverse("incidents:list"))  # the session and grants settle on the first request
    for number in range(3):
        _incident(world, name=f"Vera Victim{number}")
    with django_assert_num_queries(12) as first:
        client.get(reverse("incidents:list"), {"agencies": "all"})
    for number in range(6):
        _incident(world, by=world.police_officer, name=f"Paul Victim{number}")
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("incidents:list"), {"agencies": "all"})
    assert response.content.decode().count('class="govuk-table__row"') == 10
