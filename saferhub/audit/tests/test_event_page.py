"""One audit event in full: every field, the detail pretty-printed, both hashes."""

from django.urls import reverse

from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent


def _url(event):
    return reverse("audit:event", kwargs={"event_pk": event.pk})


def test_an_administrator_sees_every_field_of_their_partnerships_event(world, client_for):
    event = AuditEvent.objects.get(verb=Verb.AGREEMENT_CREATED, partnership_id=world.home.partnership.pk)

    response = client_for(world.administrator).get(_url(event))

    body = response.content.decode()
    assert response.status_code == 200
    assert event.hash in body
    assert event.previous_hash in body
    assert world.home.agreement.title in body
    assert world.home.partnership.name in body
    assert "Agreement: created" in body
    assert "partnerships.informationsharingagreement" in body
    key = sorted(event.detail)[0]
    assert f"\n  &quot;{key}&quot;: " in body  # the detail, indented


def test_an_event_of_another_partnership_is_404(world, client_for):
    event = AuditEvent.objects.filter(partnership_id=world.other.partnership.pk).first()
    assert client_for(world.administrator).get(_url(event)).status_code == 404


def test_an_installation_wide_event_is_404_to_an_administrator_but_shown_to_the_system_administrator(world, client_for):
    event = AuditEvent.objects.filter(partnership_id=None).first()
    assert client_for(world.administrator).get(_url(event)).status_code == 404
    assert client_for(world.system_admin).get(_url(event)).status_code == 200


def test_a_missing_event_is_404(world, client_for):
    assert client_for(world.system_admin).get(reverse("audit:event", kwargs={"event_pk": 999999})).status_code == 404


def test_people_who_administer_nothing_get_404(world, client_for):
    event = AuditEvent.objects.filter(partnership_id=world.home.partnership.pk).first()
    for persona in ("manager", "scrutiny", "council_officer"):
        assert client_for(getattr(world, persona)).get(_url(event)).status_code == 404, persona


def test_the_log_is_read_only_and_a_post_to_a_hidden_event_is_still_404(world, client_for):
    client = client_for(world.administrator)
    own = AuditEvent.objects.filter(partnership_id=world.home.partnership.pk).first()
    other = AuditEvent.objects.filter(partnership_id=world.other.partnership.pk).first()
    assert client.post(_url(own)).status_code == 405
    assert client.post(_url(other)).status_code == 404
    assert client.post(reverse("audit:log")).status_code == 405
    assert client_for(world.manager).post(reverse("audit:log")).status_code == 404
