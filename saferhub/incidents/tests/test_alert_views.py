"""Open repeat-victim alerts, resolving one, and the home page panel."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from saferhub.audit import Verb
from saferhub.incidents.models import AlertKind, VictimAlert
from saferhub.incidents.tests.helpers import events, make_person, report

TODAY = timezone.localdate()


def _alert(world, by=None):
    by = by or world.council_officer
    victim = make_person(world.home.partnership, by.organisation, "Jane Doe")
    report(world, victim, behaviour=TODAY - datetime.timedelta(days=20), by=by)
    report(world, victim, behaviour=TODAY - datetime.timedelta(days=2), by=by)
    return VictimAlert.objects.get(person=victim, kind=AlertKind.EXPLAIN_CASE_REVIEW)


def _resolve_url(alert):
    return reverse("incidents:alert-resolve", kwargs={"alert_pk": alert.pk})


def test_officer_and_manager_see_open_alerts(world, client_for):
    _alert(world)
    for persona in ("council_officer", "manager"):
        page = client_for(getattr(world, persona)).get(reverse("incidents:alerts")).content.decode()
        assert "This is Jane Doe&#x27;s second report in 6 months" in page, persona


def test_other_agencies_officers_do_not_see_the_alert(world, client_for):
    alert = _alert(world)
    client = client_for(world.police_officer)
    assert "Jane Doe" not in client.get(reverse("incidents:alerts")).content.decode()
    assert client.get(_resolve_url(alert)).status_code == 404


def test_resolving_an_alert_records_what_was_done_and_audits_it(world, client_for):
    alert = _alert(world)
    client = client_for(world.council_officer)
    response = client.post(_resolve_url(alert), {"resolution": "Explained the Case Review by phone."})
    assert response["Location"] == reverse("incidents:alerts")
    alert.refresh_from_db()
    assert alert.resolved_by == world.council_officer
    assert alert.resolution == "Explained the Case Review by phone."
    assert events(Verb.ALERT_RESOLVED, alert).count() == 1
    assert "Jane Doe" not in client.get(reverse("incidents:alerts")).content.decode()


def test_resolving_needs_what_was_done(world, client_for):
    alert = _alert(world)
    response = client_for(world.council_officer).post(_resolve_url(alert), {"resolution": "  "})
    assert response.status_code == 200
    assert "Enter what was done" in response.content.decode()
    alert.refresh_from_db()
    assert alert.resolved_at is None


def test_home_panel_shows_open_alerts_to_the_manager(world, client_for):
    alert = _alert(world)
    page = client_for(world.manager).get(reverse("home")).content.decode()
    assert "Repeat-victim alerts" in page
    assert _resolve_url(alert) in page


def test_home_panel_is_hidden_without_alerts(world, client_for):
    page = client_for(world.manager).get(reverse("home")).content.decode()
    assert "Repeat-victim alerts" not in page


def test_scrutiny_sees_no_alerts_or_incidents_menu(world, client_for):
    _alert(world)
    page = client_for(world.scrutiny).get(reverse("home")).content.decode()
    assert "Jane Doe" not in page
    assert reverse("incidents:list") not in page
