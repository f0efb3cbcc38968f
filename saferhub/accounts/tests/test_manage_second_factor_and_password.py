"""Resetting a lost authenticator app and sending a link to set a password."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub.accounts import services
from saferhub.audit.models import AuditEvent
from saferhub.testing.clients import verified_device


def _url(name, person):
    return reverse(name, kwargs={"user_pk": person.pk})


def test_resetting_the_second_factor_asks_first_then_removes_the_app(world, client_for):
    verified_device(world.police_officer)
    client = client_for(world.administrator)
    page = client.get(_url("users:second-factor-reset", world.police_officer))
    assert page.status_code == 200
    assert TOTPDevice.objects.filter(user=world.police_officer).exists()
    response = client.post(_url("users:second-factor-reset", world.police_officer))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.police_officer).exists()
    event = AuditEvent.objects.get(verb="account.second_factor_reset", target_id=str(world.police_officer.pk))
    assert event.actor_id == world.administrator.pk


def test_the_detail_page_shows_whether_an_app_is_set_up(world, client_for):
    client = client_for(world.administrator)
    assert "Not set up" in client.get(_url("users:detail", world.analyst)).content.decode()
    verified_device(world.analyst)
    body = client.get(_url("users:detail", world.analyst)).content.decode()
    assert "Not set up" not in body
    assert _url("users:second-factor-reset", world.analyst) in body


def test_sending_a_password_link_asks_first_then_emails_the_person(world, client_for, mailoutbox):
    client = client_for(world.administrator)
    page = client.get(_url("users:password-link", world.police_officer))
    assert world.police_officer.email in page.content.decode()
    assert mailoutbox == []
    response = client.post(_url("users:password-link", world.police_officer), follow=True)
    assert f"We have emailed {world.police_officer.email}" in response.content.decode()
    assert [m.to for m in mailoutbox] == [[world.police_officer.email]]
    assert "/accounts/password-set/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(
        verb="account.password_reset_requested",
        target_id=str(world.police_officer.pk),
        actor_id=world.administrator.pk,
    ).exists()


def test_no_password_link_is_sent_to_a_disabled_person(world, client_for, mailoutbox):
    services.user_disable(user=world.police_officer, by=None)
    response = client_for(world.administrator).post(_url("users:password-link", world.police_officer))
    assert "This account is disabled" in response.content.decode()
    assert mailoutbox == []
