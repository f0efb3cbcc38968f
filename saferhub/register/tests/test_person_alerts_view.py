"""The person page flags the victim's open repeat-victim alerts to those who may see them."""

import datetime

from django.urls import reverse

from saferhub.incidents.services import alert_resolve, incident_record
from saferhub.register.services import person_create


def _repeat_victim(world):
    victim = person_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=world.council_officer,
        kind="person",
        given_name="Jo",
        family_name="Example",
    )
    today = datetime.date.today()
    for days_ago in (50, 30, 10):
        day = today - datetime.timedelta(days=days_ago)
        incident_record(
            partnership=world.home.partnership,
            by=world.council_officer,
            organisation=world.home.council,
            behaviour_from=day,
            reported_on=day,
            channel="phone",
            category="asb_nuisance",
            description="Noise at night",
            involvements=[(victim, "victim")],
        )
    return victim


def test_the_manager_sees_the_case_review_threshold_flag_on_the_persons_page(world, client_for):
    victim = _repeat_victim(world)
    body = client_for(world.manager).get(reverse("register:person", args=[victim.pk])).content.decode()
    assert "Case Review threshold likely met" in body
    assert "Explain the ASB Case Review to the victim" in body


def test_a_resolved_alert_no_longer_shows(world, client_for):
    victim = _repeat_victim(world)
    for alert in victim.victim_alerts.all():
        alert_resolve(alert=alert, by=world.manager, resolution="Explained the Case Review on the phone")
    body = client_for(world.council_officer).get(reverse("register:person", args=[victim.pk])).content.decode()
    assert "Case Review threshold likely met" not in body
    assert "Explain the ASB Case Review to the victim" not in body
