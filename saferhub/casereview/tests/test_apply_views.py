"""Applying for an ASB Case Review through the question pages: online with no sign-in, and entered
by staff from a phone call or letter."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from saferhub.casereview.models import Application, Status
from saferhub.casereview.views.apply_draft import PUBLIC, STAFF
from saferhub.casereview.views.apply_send import HONEYPOT, source_fingerprint

TODAY = timezone.localdate()


def public_url(step: str) -> str:
    return reverse(f"casereview:apply-{step}")


def staff_url(step: str) -> str:
    return reverse(f"casereview:staff-apply-{step}")


def _date(prefix: str, day: datetime.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _report(number: int) -> dict[str, str]:
    behaviour = TODAY - datetime.timedelta(days=10 * number + 2)
    return {
        **_date("behaviour_on", behaviour),
        **_date("reported_on", behaviour + datetime.timedelta(days=1)),
        "agency": "Essex Police" if number % 2 else "Braintree District Council",
        "reference": f"REF-{number}",
    }


IMPACT = {
    "impact_harmed": "yes",
    "impact_unsafe_at_home": "yes",
    "impact_health_affected": "no",
    "impact_disability": "no",
    "impact_targeted": "no",
    "impact_children_affected": "yes",
    "impact_description": "Cannot sleep; the children are frightened.",
}


def _answer(
    client: Client,
    url: Callable[[str], str],
    world: Any,
    *,
    role: str = "victim",
    victim_name: str = "Vera Victim",
    postcode: str = "cm7 3yg",
    reports: int = 3,
    email: str = "vera@example.test",
) -> None:
    """Answer every question from the partnership to the impact, landing on check your answers."""
    response = client.post(url("partnership"), {"partnership": world.home.partnership.pk, "problem_postcode": postcode})
    assert response["Location"] == url("who")
    response = client.post(url("who"), {"applicant_role": role})
    if role != "victim":
        assert response["Location"] == url("consent")
        response = client.post(url("consent"), {"victim_consents": "true"})
    assert response["Location"] == url("victim")
    response = client.post(url("victim"), {"victim_kind": "person", "victim_name": victim_name})
    assert response["Location"] == url("contact")
    name = victim_name if role == "victim" else "Cllr Ada Helper"
    response = client.post(
        url("contact"), {"applicant_name": name, "contact_method": "email", "applicant_email": email}
    )
    assert response["Location"] == url("where")
    response = client.post(url("where"), {"problem_place": "Outside 12 Acacia Avenue"})
    assert response["Location"] == url("problem")
    response = client.post(
        url("problem"),
        {"problem": "Shouting and banging at night.", **_date("problem_since", TODAY - datetime.timedelta(days=90))},
    )
    assert response["Location"] == url("reports")
    for number in range(1, reports + 1):
        assert client.post(url("report"), _report(number))["Location"] == url("reports")
    assert client.post(url("reports"), {"continue": "1"})["Location"] == url("impact")
    assert client.post(url("impact"), IMPACT)["Location"] == url("check")


def _apply_online(client: Client, world: Any, **answers: Any) -> Any:
    assert client.post(public_url("start"))["Location"] == public_url("partnership")
    _answer(client, public_url, world, **answers)
    return client.post(public_url("check"))


def test_a_victim_applies_online_through_every_page(world, client):
    page = client.get(public_url("start")).content.decode()
    assert "section 104 of the Anti-social Behaviour, Crime and Policing Act 2014" in page
    assert "at least 3 reports" in page and "within one month" in page and "within six months" in page
    assert client.post(public_url("start"))["Location"] == public_url("partnership")
    page = client.get(public_url("partnership")).content.decode()
    for partnership in (world.home.partnership, world.other.partnership, world.far.partnership):
        assert partnership.name in page
    assert "We cannot yet find the partnership from a postcode" in page

    _answer(client, public_url, world)
    page = client.get(public_url("check")).content.decode()
    for text in ("Vera Victim", "CM7 3YG", "Outside 12 Acacia Avenue", "Shouting and banging", "REF-2", "Essex Police"):
        assert text in page
    assert f"{public_url('contact')}?from=check" in page
    assert f'name="{HONEYPOT}"' in page and 'tabindex="-1"' in page and 'autocomplete="off"' in page

    response = client.post(public_url("check"), REMOTE_ADDR="198.51.100.7")
    assert response["Location"] == public_url("done")
    application = Application.objects.get()
    assert application.channel == "online" and application.entered_by is None
    assert application.partnership == world.home.partnership
    assert application.applicant_role == "victim" and application.victim_consents
    assert application.problem_postcode == "CM7 3YG"
    assert application.problem_since == TODAY - datetime.timedelta(days=90)
    assert application.impact == {
        "harmed": True,
        "unsafe_at_home": True,
        "health_affected": False,
        "disability": False,
        "targeted": False,
        "children_affected": True,
    }
    assert application.complaints.count() == 3
    assert application.source_fingerprint == source_fingerprint(RequestFactory().get("/", REMOTE_ADDR="198.51.100.7"))
    assert PUBLIC.session_key not in client.session

    page = client.get(public_url("done")).content.decode()
    assert "govuk-panel--confirmation" in page and application.reference in page
    assert "We have sent you a confirmation email" in page
    assert "within 21 working days" in page and "within 28 working days" in page


def test_the_acknowledgement_email_goes_to_the_applicant(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _apply_online(client, world, email="vera@example.test")
    application = Application.objects.get()
    assert [message.to for message in mail.outbox] == [["vera@example.test"]]
    assert application.reference in mail.outbox[0].subject
    assert application.status == Status.ACKNOWLEDGED


def test_a_councillor_applies_for_the_victim_only_with_their_consent(world, client):
    client.post(public_url("start"))
    client.post(public_url("partnership"), {"partnership": world.home.partnership.pk, "problem_postcode": ""})
    assert client.post(public_url("who"), {"applicant_role": "councillor"})["Location"] == public_url("consent")
    # Without the consent the journey cannot go on.
    assert client.get(public_url("victim"))["Location"] == public_url("consent")
    response = client.post(public_url("consent"), {})
    assert response.status_code == 200
    assert "Confirm that the victim agrees to you applying for them" in response.content.decode()
    assert client.post(public_url("consent"), {"victim_consents": "true"})["Location"] == public_url("victim")
    page = client.get(public_url("victim")).content.decode()
    assert "The victim&#x27;s email address (optional)" in page
    response = client.post(
        public_url("victim"),
        {"victim_kind": "person", "victim_name": "Vic Tim", "victim_phone": "07700 900982"},
    )
    assert response["Location"] == public_url("contact")

    client.post(public_url("start"))  # a fresh draft for the whole journey
    _answer(client, public_url, world, role="councillor", victim_name="Vic Tim")
    assert client.post(public_url("check"))["Location"] == public_url("done")
    application = Application.objects.get()
    assert application.applicant_role == "councillor" and application.victim_consents
    assert application.applicant_name == "Cllr Ada Helper" and application.victim_name == "Vic Tim"


def test_changing_who_applies_from_the_check_page_asks_for_consent(world, client):
    client.post(public_url("start"))
    _answer(client, public_url, world)
    response = client.post(f"{public_url('who')}?from=check", {"applicant_role": "family"})
    assert response["Location"] == f"{public_url('consent')}?from=check"
    assert client.get(public_url("check"))["Location"] == public_url("consent")
    response = client.post(f"{public_url('consent')}?from=check", {"victim_consents": "true"})
    assert response["Location"] == public_url("check")
    assert "A family member or friend" in client.get(public_url("check")).content.decode()


def test_errors_say_what_to_fix_and_keep_what_was_typed(world, client):
    client.post(public_url("start"))
    response = client.post(public_url("partnership"), {"problem_postcode": "CM7 3Y"})
    page = response.content.decode()
    assert "Select the partnership that covers the place where the problem happens" in page
    assert "Enter a real UK postcode" in page or "Enter a full UK postcode" in page
    assert 'value="CM7 3Y"' in page
    client.post(public_url("partnership"), {"partnership": world.home.partnership.pk})
    client.post(public_url("who"), {"applicant_role": "victim"})
    client.post(public_url("victim"), {"victim_kind": "business", "victim_name": "Corner Shop Ltd"})

    response = client.post(
        public_url("contact"), {"applicant_name": "Sam Shopkeeper", "contact_method": "email", "applicant_email": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address, or choose another way to be contacted" in page
    assert 'value="Sam Shopkeeper"' in page
    assert "<title>Error:" in page
    response = client.post(
        public_url("contact"), {"applicant_name": "Sam", "contact_method": "phone", "applicant_phone": "call me"}
    )
    assert "Enter a phone number like 01632 960 001" in response.content.decode()
    client.post(
        public_url("contact"), {"applicant_name": "Sam", "contact_method": "post", "applicant_address": "1 Road"}
    )
    client.post(public_url("where"), {"problem_place": "The shop car park"})

    response = client.post(
        public_url("problem"), {"problem": "Youths throwing stones.", "problem_since_0": "31", "problem_since_1": "2"}
    )
    page = response.content.decode()
    assert "Date the problem started must include a year" in page
    assert "Youths throwing stones." in page and 'value="31"' in page
    response = client.post(
        public_url("problem"),
        {"problem": "Youths throwing stones.", **_date("problem_since", TODAY + datetime.timedelta(days=1))},
    )
    assert "The date the problem started must be today or in the past" in response.content.decode()
    client.post(public_url("problem"), {"problem": "Youths throwing stones.", **_date("problem_since", TODAY)})

    later = TODAY - datetime.timedelta(days=3)
    response = client.post(
        public_url("report"),
        {**_date("behaviour_on", later), **_date("reported_on", later - datetime.timedelta(days=2)), "agency": "PCSO"},
    )
    page = response.content.decode()
    assert "The date it was reported must be the same as or after the date the behaviour happened" in page
    assert 'value="PCSO"' in page
    response = client.post(public_url("report"), {**_date("behaviour_on", TODAY + datetime.timedelta(days=1))})
    page = response.content.decode()
    assert "The date the behaviour happened must be today or in the past" in page
    assert "Enter when it was reported" in page and "Enter who it was reported to" in page


def test_reports_are_added_changed_and_removed_and_none_is_allowed(world, client):
    client.post(public_url("start"))
    _answer(client, public_url, world, reports=0)
    check = client.get(public_url("check")).content.decode()
    assert "None listed" in check
    page = client.get(public_url("reports")).content.decode()
    assert "The partnership will also look at the reports the agencies hold" in page
    assert "Continue without listing reports" in page

    for number in (1, 2, 3):
        client.post(f"{public_url('report')}?from=check", _report(number))
    changed = {**_report(2), "agency": "Eastlight Community Homes", "reference": ""}
    response = client.post(f"{public_url('report')}?from=check&number=2", changed)
    assert response["Location"] == f"{public_url('reports')}?from=check"
    assert 'value="Eastlight Community Homes"' in client.get(f"{public_url('report')}?number=2").content.decode()
    assert client.get(f"{public_url('report')}?number=9")["Location"] == public_url("reports")
    response = client.post(f"{public_url('reports')}?from=check", {"remove": "1"})
    assert response["Location"] == f"{public_url('reports')}?from=check"
    page = client.get(public_url("reports")).content.decode()
    assert "REF-1" not in page and "Eastlight Community Homes" in page and "REF-3" in page
    assert client.post(f"{public_url('reports')}?from=check", {"continue": "1"})["Location"] == public_url("check")

    client.post(public_url("check"))
    application = Application.objects.get()
    assert [c.agency for c in application.complaints.order_by("reported_on")] == [
        "Essex Police",
        "Eastlight Community Homes",
    ]


@pytest.mark.parametrize("step", ["who", "victim", "reports", "report", "impact", "check"])
def test_a_missing_draft_sends_the_user_back_to_the_start_with_a_message(world, client, step):
    response = client.get(public_url(step))
    assert response["Location"] == public_url("start")
    response = client.post(public_url(step), {"continue": "1"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "We could not find your answers, so you need to start again" in page
    assert not Application.objects.exists()


def test_the_done_page_without_an_application_goes_to_the_start(world, client):
    assert client.get(public_url("done"))["Location"] == public_url("start")


def test_a_filled_honeypot_shows_the_confirmation_and_saves_nothing(world, client, django_capture_on_commit_callbacks):
    client.post(public_url("start"))
    _answer(client, public_url, world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(public_url("check"), {HONEYPOT: "http://spam.example"})
    assert response["Location"] == public_url("done")
    page = client.get(public_url("done")).content.decode()
    assert "Application sent" in page and "Your reference number is" in page
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_more_applications_than_the_limit_from_one_address_get_a_429(world, settings):
    settings.CASE_REVIEW_LIMIT = 2
    client = Client(REMOTE_ADDR="203.0.113.9")
    for name in ("Ann One", "Bob Two"):
        assert _apply_online(client, world, victim_name=name)["Location"] == public_url("done")
    response = _apply_online(client, world, victim_name="Cat Three")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sorry, you cannot send an application at the moment" in page
    assert "Try again later, or phone your council" in page
    assert Application.objects.count() == 2
    assert PUBLIC.session_key in client.session  # the answers are kept for later

    another = Client(REMOTE_ADDR="203.0.113.10")
    assert _apply_online(another, world, victim_name="Dee Four")["Location"] == public_url("done")

    # Older applications fall out of the window.
    Application.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert client.post(public_url("check"))["Location"] == public_url("done")


def test_behind_a_proxy_the_limit_counts_the_forwarded_address(world, settings):
    settings.CASE_REVIEW_LIMIT = 1
    settings.TRUSTED_PROXY_HOPS = 1
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert _apply_online(first, world, victim_name="Ann One")["Location"] == public_url("done")
    assert _apply_online(second, world, victim_name="Bob Two")["Location"] == public_url("done")
    assert _apply_online(first, world, victim_name="Cat Three").status_code == 429


def test_the_fingerprint_is_a_keyed_hash_never_the_address(settings):
    def request(address: str) -> Any:
        return RequestFactory().get("/", REMOTE_ADDR=address)

    fingerprint = source_fingerprint(request("198.51.100.7"))
    assert len(fingerprint) == 64 and "198" not in fingerprint
    assert source_fingerprint(request("198.51.100.8")) != fingerprint
    # One household's IPv6 /64 counts as one address.
    assert source_fingerprint(request("2001:db8::1")) == source_fingerprint(request("2001:db8::ffff"))
    assert source_fingerprint(request("2001:db8::1")) != source_fingerprint(request("2001:db8:0:1::1"))
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert source_fingerprint(request("198.51.100.7")) != fingerprint


def test_a_duplicate_application_is_marked_and_the_applicant_told(world, client, django_capture_on_commit_callbacks):
    _apply_online(client, world, victim_name="Vera Victim")
    with django_capture_on_commit_callbacks(execute=True):
        _apply_online(client, world, victim_name="vera  victim", email="neighbour@example.test")
    first, second = Application.objects.order_by("pk")
    assert second.status == Status.DUPLICATE and second.duplicate_of == first
    page = client.get(public_url("done")).content.decode()
    assert second.reference in page
    assert "already dealing with after an earlier application" in page
    assert "within 21 working days" not in page
    assert "considered with that one rather than reviewed twice" in mail.outbox[-1].body


# --- staff entry ------------------------------------------------------------------------------------


def _enter(client: Client, world: Any, *, received: datetime.date, channel: str = "phone") -> None:
    assert client.post(staff_url("start"))["Location"] == staff_url("how")
    assert client.post(staff_url("how"), {"channel": channel})["Location"] == staff_url("received")
    assert client.post(staff_url("received"), _date("received_on", received))["Location"] == staff_url("partnership")
    _answer(client, staff_url, world)


def test_an_officer_enters_an_application_from_a_phone_call(world, client_for):
    client = client_for(world.council_officer)
    page = client.get(staff_url("start")).content.decode()
    assert "Enter an ASB Case Review application" in page
    client.post(staff_url("start"))
    page = client.get(staff_url("how")).content.decode()
    assert 'value="phone"' in page and 'value="online"' not in page
    assert client.get(staff_url("received"))["Location"] == staff_url("how")
    client.post(staff_url("how"), {"channel": "phone"})
    assert "Date received" in client.get(staff_url("received")).content.decode()
    response = client.post(staff_url("received"), _date("received_on", TODAY + datetime.timedelta(days=1)))
    assert "Date received must be today or in the past" in response.content.decode()

    received = TODAY - datetime.timedelta(days=2)
    _enter(client, world, received=received)
    page = client.get(staff_url("check")).content.decode()
    assert "Phone call" in page and f"{received:%-d %B %Y}" in page
    assert HONEYPOT not in page
    response = client.post(staff_url("check"))
    application = Application.objects.get()
    assert application.entered_by == world.council_officer
    assert application.channel == "phone" and application.received_on == received
    assert application.source_fingerprint == ""
    # The officer who entered it may open what they entered.
    assert response["Location"] == reverse("casereview:application", args=[application.pk])
    assert application.reference in client.get(response["Location"]).content.decode()


def test_staff_without_a_draft_go_back_to_the_start_of_entry(world, client_for):
    client = client_for(world.council_officer)
    response = client.get(staff_url("contact"), follow=True)
    assert response.redirect_chain == [(staff_url("start"), 302)]
    assert "We could not find your answers" in response.content.decode()


def test_a_manager_lands_on_the_application_they_entered(world, client_for):
    client = client_for(world.manager)
    _enter(client, world, received=TODAY, channel="letter")
    response = client.post(staff_url("check"))
    application = Application.objects.get()
    assert response["Location"] == f"/case-review/applications/{application.pk}/"
    assert application.entered_by == world.manager and application.channel == "letter"


def test_a_service_error_sends_staff_to_the_page_that_fixes_it(world, client_for):
    client = client_for(world.manager)
    _enter(client, world, received=TODAY)
    # Received before the problem began and before the reports: the service refuses both.
    response = client.post(
        f"{staff_url('received')}?from=check", _date("received_on", TODAY - datetime.timedelta(days=200))
    )
    assert response["Location"] == staff_url("check")
    response = client.post(staff_url("check"))
    assert response["Location"] == f"{staff_url('problem')}?from=check"
    page = client.get(response["Location"]).content.decode()
    assert "The date the problem began must be on or before the date of the application" in page
    assert "Shouting and banging at night." in page  # what was typed is still there
    response = client.post(
        f"{staff_url('problem')}?from=check",
        {"problem": "Shouting and banging at night.", **_date("problem_since", TODAY - datetime.timedelta(days=300))},
    )
    assert response["Location"] == staff_url("check")
    response = client.post(staff_url("check"))
    assert response["Location"] == f"{staff_url('reports')}?from=check"
    page = client.get(response["Location"]).content.decode()
    assert "the date reported must be on or before the date of the application" in page
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "persona", ["scrutiny", "analyst", "county_viewer", "administrator", "panel_chair", "no_roles"]
)
def test_staff_entry_is_404_for_anyone_who_is_not_a_manager_or_officer_here(world, client_for, persona):
    client = client_for(getattr(world, persona))
    for step in ("start", "how", "partnership", "check", "done"):
        assert client.get(staff_url(step)).status_code == 404
        assert client.post(staff_url(step)).status_code == 404


def test_an_officer_of_another_partnership_enters_applications_only_for_theirs(world, client_for):
    client = client_for(world.outsider)
    client.post(staff_url("start"))
    client.post(staff_url("how"), {"channel": "phone"})
    client.post(staff_url("received"), _date("received_on", TODAY))
    page = client.get(staff_url("partnership")).content.decode()
    assert world.home.partnership.name not in page and world.other.partnership.name in page
    client.post(staff_url("partnership"), {"partnership": world.home.partnership.pk})
    assert client.session[STAFF.session_key]["partnership"]["partnership"] == world.other.partnership.pk


def test_anonymous_users_are_sent_to_sign_in_from_staff_entry(world, client):
    for step in ("start", "how", "check"):
        response = client.get(staff_url(step))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_public_pages_are_open_to_anyone_and_staff_pages_are_not():
    public = ["start", *PUBLIC.questions, "report", "check", "done"]
    for step in public:
        assert getattr(resolve(public_url(step)).func, "saferhub_public", False), step
    for step in ["start", "how", "received", *PUBLIC.questions, "report", "check", "done"]:
        assert not getattr(resolve(staff_url(step)).func, "saferhub_public", False), step
