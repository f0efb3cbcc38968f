"""Leavers: disabling (with a reason, keeping history) and re-enabling."""

from django.urls import reverse

from saferhub.accounts import services
from saferhub.audit.models import AuditEvent
from saferhub.testing.world import PASSWORD


def _url(name, person):
    return reverse(name, kwargs={"user_pk": person.pk})


def test_disabling_asks_first_then_disables_with_the_reason(world, client_for):
    client = client_for(world.administrator)
    page = client.get(_url("users:disable", world.analyst))
    assert page.status_code == 200
    assert "Disable the account of Ann Analyst?" in page.content.decode()
    world.analyst.refresh_from_db()
    assert world.analyst.is_active
    response = client.post(_url("users:disable", world.analyst), {"reason": "Left the council on 31 March"})
    assert response.status_code == 302
    world.analyst.refresh_from_db()
    assert not world.analyst.is_active
    assert world.analyst.disabled_at is not None
    event = AuditEvent.objects.get(verb="user.disabled", target_id=str(world.analyst.pk))
    assert event.actor_id == world.administrator.pk
    assert event.detail["reason"] == "Left the council on 31 March"


def test_the_reason_is_optional_and_the_history_is_kept(world, client_for):
    client_for(world.administrator).post(_url("users:disable", world.analyst), {})
    world.analyst.refresh_from_db()
    assert not world.analyst.is_active
    assert world.analyst.role_grants.exists()
    assert AuditEvent.objects.filter(target_id=str(world.analyst.pk), verb="user.created").exists()


def test_a_too_long_reason_is_refused_and_kept(world, client_for):
    reason = "x" * 501
    body = (
        client_for(world.administrator).post(_url("users:disable", world.analyst), {"reason": reason}).content.decode()
    )
    assert "Ensure this value has at most 500 characters" in body
    assert reason in body
    world.analyst.refresh_from_db()
    assert world.analyst.is_active


def test_disabling_revokes_tokens_and_blocks_sign_in(world, client_for, client):
    token, raw = services.token_create(user=world.analyst, name="Import", by=None)
    their_session = client_for(world.analyst)
    assert their_session.get("/").status_code == 200
    assert services.token_user(raw) == world.analyst
    client_for(world.administrator).post(_url("users:disable", world.analyst), {"reason": "Leaver"})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert services.token_user(raw) is None
    # Their open session ends at once...
    assert their_session.get("/").status_code == 302
    # ...and the password no longer signs in.
    attempt = client.post(reverse("accounts:sign-in"), {"username": world.analyst.email, "password": PASSWORD})
    assert attempt.status_code == 200
    assert "Your email address or password is not right" in attempt.content.decode()


def test_an_administrator_cannot_disable_themself(world, client_for):
    client = client_for(world.administrator)
    page = client.get(_url("users:disable", world.administrator)).content.decode()
    assert "You cannot disable your own account" in page
    response = client.post(_url("users:disable", world.administrator), {"reason": "Oops"})
    assert response.status_code == 400
    assert "You cannot disable your own account" in response.content.decode()
    world.administrator.refresh_from_db()
    assert world.administrator.is_active
    assert not AuditEvent.objects.filter(verb="user.disabled").exists()


def test_re_enabling_asks_first_then_lets_them_sign_in_again(world, client_for, client):
    services.user_disable(user=world.analyst, by=None)
    admin = client_for(world.administrator)
    page = admin.get(_url("users:enable", world.analyst))
    assert "Re-enable the account of Ann Analyst?" in page.content.decode()
    world.analyst.refresh_from_db()
    assert not world.analyst.is_active
    response = admin.post(_url("users:enable", world.analyst))
    assert response.status_code == 302
    world.analyst.refresh_from_db()
    assert world.analyst.is_active and world.analyst.disabled_at is None
    assert AuditEvent.objects.get(verb="user.enabled", target_id=str(world.analyst.pk)).actor_id == (
        world.administrator.pk
    )
    attempt = client.post(reverse("accounts:sign-in"), {"username": world.analyst.email, "password": PASSWORD})
    assert attempt.status_code == 302


def test_posting_again_changes_nothing_more(world, client_for):
    admin = client_for(world.administrator)
    admin.post(_url("users:disable", world.analyst), {})
    admin.post(_url("users:disable", world.analyst), {})
    assert AuditEvent.objects.filter(verb="user.disabled").count() == 1
    admin.post(_url("users:enable", world.analyst))
    admin.post(_url("users:enable", world.analyst))
    assert AuditEvent.objects.filter(verb="user.enabled").count() == 1
