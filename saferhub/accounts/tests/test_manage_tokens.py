"""API tokens from the web: created and shown once, and revoked."""

from django.urls import reverse

from saferhub.accounts import services
from saferhub.accounts.models import ApiToken
from saferhub.audit.models import AuditEvent


def _add_url(person):
    return reverse("users:token-add", kwargs={"user_pk": person.pk})


def _revoke_url(token):
    return reverse("users:token-revoke", kwargs={"user_pk": token.user_id, "token_pk": token.pk})


def test_a_new_token_is_shown_once_in_the_answer_to_the_form(world, client_for):
    client = client_for(world.administrator)
    response = client.post(_add_url(world.council_officer), {"name": "Police records nightly import"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=world.council_officer)
    assert token.name == "Police records nightly import"
    assert "It will not be shown again" in body
    raw = body.split('id="api-token">', 1)[1].split("<", 1)[0]
    assert raw.startswith(token.prefix)
    assert services.token_user(raw) == world.council_officer
    assert raw not in str(dict(client.session))
    assert raw not in client.get(reverse("users:detail", kwargs={"user_pk": world.council_officer.pk})).content.decode()
    event = AuditEvent.objects.get(verb="token.created", target_id=str(world.council_officer.pk))
    assert event.actor_id == world.administrator.pk
    assert event.detail["token"] == token.pk
    assert raw not in str(event.detail)


def test_a_token_needs_a_name(world, client_for):
    body = client_for(world.administrator).post(_add_url(world.council_officer), {"name": ""}).content.decode()
    assert "Enter name of the token" in body
    assert 'href="#id_name"' in body
    assert not ApiToken.objects.filter(user=world.council_officer).exists()


def test_a_disabled_person_gets_no_token(world, client_for):
    services.user_disable(user=world.council_officer, by=None)
    response = client_for(world.administrator).post(_add_url(world.council_officer), {"name": "Import"})
    assert "This account is disabled" in response.content.decode()
    assert not ApiToken.objects.filter(user=world.council_officer).exists()


def test_revoking_a_token_asks_first_then_stops_it_working(world, client_for):
    token, raw = services.token_create(user=world.council_officer, name="Import", by=None)
    client = client_for(world.administrator)
    page = client.get(_revoke_url(token))
    assert "Revoke the API token Import?" in page.content.decode()
    assert services.token_user(raw) == world.council_officer
    response = client.post(_revoke_url(token))
    assert response.status_code == 302
    assert services.token_user(raw) is None
    event = AuditEvent.objects.get(verb="token.revoked", target_id=str(world.council_officer.pk))
    assert event.actor_id == world.administrator.pk
    assert event.detail == {"token": token.pk}
    client.post(_revoke_url(token))
    assert AuditEvent.objects.filter(verb="token.revoked").count() == 1
