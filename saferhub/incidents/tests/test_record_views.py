"""Recording an incident through the question pages, with the draft kept in the session."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from saferhub.audit import Verb
from saferhub.incidents.models import Category, Incident, IncidentType, InvolvementRole, RiskLevel
from saferhub.incidents.tests.helpers import events, make_location, report
from saferhub.register import services as register

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def _date(prefix: str, value: datetime.date) -> dict[str, str]:
    return {f"{prefix}_0": str(value.day), f"{prefix}_1": str(value.month), f"{prefix}_2": str(value.year)}


def _url(name: str) -> str:
    return reverse(f"incidents:{name}")


def _asb_type() -> IncidentType:
    return IncidentType.objects.filter(category=Category.ASB_PERSONAL, archived_at__isnull=True).earliest("pk")


def _answer_first_steps(client: Any, where: str = "none") -> None:
    assert client.get(_url("record-start"))["Location"] == _url("record-when")
    response = client.post(
        _url("record-when"),
        {**_date("behaviour_from", YESTERDAY), **_date("reported_on", TODAY), "channel": "phone"},
    )
    assert response["Location"] == _url("record-what")
    response = client.post(
        _url("record-what"), {"category": Category.ASB_PERSONAL, "description": "Shouting at the door at night."}
    )
    assert response["Location"] == _url("record-type")
    response = client.post(_url("record-type"), {"incident_type": _asb_type().pk})
    assert response["Location"] == _url("record-where")
    if where:
        response = client.post(_url("record-where"), {"place": where})
        assert response["Location"] == _url("record-who")


def _victim(world: Any, name: str = "Jane Doe") -> Any:
    given, _, family = name.partition(" ")
    return register.person_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=world.council_officer,
        kind="person",
        given_name=given,
        family_name=family,
        date_of_birth=datetime.date(1980, 1, 1),
    )


def test_the_whole_journey_records_the_incident_with_a_new_person(world, client_for):
    client = client_for(world.council_officer)
    _answer_first_steps(client)
    response = client.post(_url("record-who-new"), {"given_name": "Jane", "family_name": "Doe", "role": "victim"})
    assert response["Location"] == _url("record-who")
    assert client.session["incident_draft"]["people"][0]["new"]["family_name"] == "Doe"
    assert "Jane Doe" in client.get(_url("record-who")).content.decode()
    assert client.post(_url("record-who"), {"continue": "1"})["Location"] == _url("record-screening")
    response = client.post(_url("record-screening"), {"answers": ["disability", "mental_health"]})
    assert response["Location"] == _url("record-check")

    page = client.get(_url("record-check")).content.decode()
    for text in ("Jane Doe", "Shouting at the door at night.", _asb_type().name, "Medium", "Phone"):
        assert text in page
    assert f"{_url('record-when')}?from=check" in page

    response = client.post(_url("record-check"))
    incident = Incident.objects.get()
    assert response["Location"] == reverse("incidents:record-done", kwargs={"incident_pk": incident.pk})
    assert incident.recorded_by_organisation == world.home.council
    assert incident.risk_level == RiskLevel.MEDIUM
    assert incident.involvements.get().person.display_name == "Jane Doe"
    assert events(Verb.INCIDENT_RECORDED, incident).count() == 1
    assert "incident_draft" not in client.session
    assert client.get(response["Location"]).status_code == 200


def test_a_second_report_shows_the_explain_prompt_on_confirmation(world, client_for):
    jane = _victim(world)
    report(world, jane, behaviour=YESTERDAY - datetime.timedelta(days=30))
    client = client_for(world.council_officer)
    _answer_first_steps(client)
    found = client.get(_url("record-who-find"), {"name": "Jane Doe"})
    assert "Jane Doe" in found.content.decode()
    response = client.post(f"{_url('record-who-find')}?name=Jane+Doe", {"person": jane.pk, "role": "victim"})
    assert response["Location"] == _url("record-who")
    client.post(_url("record-who"), {"continue": "1"})
    client.post(_url("record-screening"), {})
    response = client.post(_url("record-check"), follow=True)
    page = response.content.decode()
    assert "This is Jane Doe&#x27;s second report in 6 months: explain the ASB Case Review to them" in page
    alert = jane.victim_alerts.get()
    assert reverse("incidents:alert-resolve", kwargs={"alert_pk": alert.pk}) in page


def test_a_new_place_is_created_with_the_incident(world, client_for):
    client = client_for(world.council_officer)
    _answer_first_steps(client, where="")
    response = client.post(_url("record-where"), {"place": "new"})
    assert response["Location"] == _url("record-where-new")
    response = client.post(
        _url("record-where-new"), {"kind": "address", "address_line_1": "2 Mill Lane", "postcode": "cm7 1aa"}
    )
    assert response["Location"] == _url("record-who")
    client.post(_url("record-who"), {"continue": "1"})
    assert "2 Mill Lane" in client.get(_url("record-check")).content.decode()
    client.post(_url("record-check"))
    location = Incident.objects.get().location
    assert location is not None and location.postcode == "CM7 1AA"


def test_a_place_on_the_register_is_found_by_postcode(world, client_for):
    place = make_location(world.home.partnership, world.home.council)
    client = client_for(world.council_officer)
    _answer_first_steps(client, where="")
    assert "1 High Street" in client.get(_url("record-where"), {"q": "CM7 1AA"}).content.decode()
    response = client.post(f"{_url('record-where')}?q=CM7+1AA", {"place": str(place.pk)})
    assert response["Location"] == _url("record-who")
    assert client.session["incident_draft"]["where"] == {"choice": "existing", "location": place.pk}


def test_bad_dates_name_the_field_and_keep_what_was_typed(world, client_for):
    client = client_for(world.council_officer)
    client.get(_url("record-start"))
    response = client.post(
        _url("record-when"), {"behaviour_from_0": "13", "behaviour_from_2": "2025", **_date("reported_on", TODAY)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Date the behaviour happened (or began) must include a month" in page
    assert "Select how was it reported?" in page
    assert 'value="13"' in page and 'value="2025"' in page


def test_each_step_names_the_missing_field(world, client_for):
    client = client_for(world.council_officer)
    _answer_first_steps(client)
    assert "Select what kind of incident was it?" in client.post(_url("record-what"), {}).content.decode()
    assert "Enter what happened?" in client.post(_url("record-what"), {"category": "crime"}).content.decode()
    assert "Select type of incident" in client.post(_url("record-type"), {}).content.decode()
    page = client.post(_url("record-where-new"), {"kind": "address", "address_line_1": "2 Mill Lane"}).content
    assert "Enter a postcode" in page.decode() and 'value="2 Mill Lane"' in page.decode()
    page = client.post(_url("record-who-new"), {"given_name": "Jane", "role": "victim"}).content.decode()
    assert "Enter last name" in page and 'value="Jane"' in page
    page = client.post(_url("record-who"), {"continue": "1"}).content.decode()
    assert "Add at least one person, or go back and enter where it happened" in page


def test_a_possible_duplicate_is_shown_and_can_be_picked(world, client_for):
    jane = _victim(world)
    client = client_for(world.council_officer)
    _answer_first_steps(client)
    details = {
        "given_name": "Jane",
        "family_name": "Doe",
        "role": "witness",
        **_date("date_of_birth", jane.date_of_birth),
    }
    response = client.post(_url("record-who-new"), details)
    assert response.status_code == 200
    assert "This person may already be on the register" in response.content.decode()
    assert "people" not in client.session["incident_draft"]
    response = client.post(_url("record-who-new"), {**details, "duplicate": str(jane.pk)})
    assert response["Location"] == _url("record-who")
    assert client.session["incident_draft"]["people"] == [{"person": jane.pk, "role": InvolvementRole.WITNESS}]


def test_the_officer_may_confirm_a_new_person_despite_a_match(world, client_for):
    _victim(world)
    client = client_for(world.council_officer)
    _answer_first_steps(client)
    details = {"given_name": "Jane", "family_name": "Doe", "role": "witness", "duplicate": "new"}
    client.post(_url("record-who-new"), {k: v for k, v in details.items() if k != "duplicate"})
    assert client.post(_url("record-who-new"), details)["Location"] == _url("record-who")
    assert client.session["incident_draft"]["people"][0]["new"]["given_name"] == "Jane"


def test_the_services_errors_show_on_the_check_page_with_a_change_link(world, client_for):
    client = client_for(world.council_officer)
    _answer_first_steps(client)
    client.post(_url("record-who-new"), {"given_name": "Jane", "family_name": "Doe", "role": "witness"})
    client.post(_url("record-who"), {"continue": "1"})
    session = client.session
    # A draft can go stale (here, the behaviour date moved into the future); the service still refuses it.
    session["incident_draft"]["when"]["behaviour_from"] = (TODAY + datetime.timedelta(days=3)).isoformat()
    session.save()
    response = client.post(_url("record-check"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Date the behaviour happened must be today or in the past" in page
    assert f"{_url('record-when')}?from=check" in page
    assert not Incident.objects.exists()
    assert not world.home.partnership.people.filter(family_name="Doe").exists()


def test_a_change_from_the_check_page_returns_to_it(world, client_for):
    client = client_for(world.council_officer)
    _answer_first_steps(client, where="none")
    client.post(_url("record-who-new"), {"given_name": "Jane", "family_name": "Doe", "role": "witness"})
    client.post(_url("record-who"), {"continue": "1"})
    response = client.post(
        f"{_url('record-what')}?from=check", {"category": Category.ASB_PERSONAL, "description": "Changed words."}
    )
    assert response["Location"] == _url("record-check")
    # A new category needs a new type, asked before returning to the check page.
    response = client.post(f"{_url('record-what')}?from=check", {"category": "crime", "description": "Changed."})
    assert response["Location"] == f"{_url('record-type')}?from=check"


def test_people_without_a_casework_role_cannot_start(world, client_for):
    for persona in ("scrutiny", "analyst", "outsider"):
        client = client_for(getattr(world, persona))
        expected = 302 if persona == "outsider" else 404
        assert client.get(_url("record-start")).status_code == expected, persona
    assert client_for(world.scrutiny).get(_url("record-when")).status_code == 404
