"""A person's page: details, roles, tokens and status, and the audit of looking at it."""

from django.urls import reverse

from saferhub.accounts import services
from saferhub.accounts.models import Role
from saferhub.audit.models import AuditEvent


def _detail(client, person):
    return client.get(reverse("users:detail", kwargs={"user_pk": person.pk}))


def test_administrator_sees_a_persons_details_roles_and_actions(world, client_for):
    response = _detail(client_for(world.administrator), world.council_officer)
    body = response.content.decode()
    assert response.status_code == 200
    assert world.council_officer.email in body
    assert world.home.council.name in body
    assert "Officer" in body
    assert reverse("users:edit", kwargs={"user_pk": world.council_officer.pk}) in body
    assert reverse("users:disable", kwargs={"user_pk": world.council_officer.pk}) in body
    grant = world.council_officer.role_grants.get()
    assert reverse("users:role-remove", kwargs={"user_pk": world.council_officer.pk, "grant_pk": grant.pk}) in body
    assert "Create API token" in body


def test_opening_a_persons_page_writes_a_viewed_event(world, client_for):
    _detail(client_for(world.manager), world.police_officer)
    event = AuditEvent.objects.filter(verb="viewed").latest("id")
    assert event.actor_id == world.manager.pk
    assert event.target_type == "accounts.user"
    assert event.target_id == str(world.police_officer.pk)


def test_manager_sees_details_but_no_tokens_and_no_change_links(world, client_for):
    services.token_create(user=world.council_officer, name="Nightly import", by=None)
    body = _detail(client_for(world.manager), world.council_officer).content.decode()
    assert world.council_officer.email in body
    assert "Nightly import" not in body
    assert "Create API token" not in body
    assert reverse("users:edit", kwargs={"user_pk": world.council_officer.pk}) not in body
    assert "Remove" not in body


def test_tokens_show_name_prefix_and_status_but_never_the_token(world, client_for):
    token, raw = services.token_create(user=world.council_officer, name="Nightly import", by=None)
    old, _raw = services.token_create(user=world.council_officer, name="Old import", by=None)
    services.token_revoke(token=old, by=None)
    body = _detail(client_for(world.administrator), world.council_officer).content.decode()
    assert "Nightly import" in body and token.prefix in body
    assert "Old import" in body and "Revoked" in body
    assert raw not in body
    assert token.token_hash not in body
    assert reverse("users:token-revoke", kwargs={"user_pk": world.council_officer.pk, "token_pk": token.pk}) in body
    assert reverse("users:token-revoke", kwargs={"user_pk": world.council_officer.pk, "token_pk": old.pk}) not in body


def test_roles_in_partnerships_the_viewer_cannot_see_are_hidden(world, client_for):
    services.role_grant(user=world.council_officer, partnership=world.other.partnership, role=Role.ANALYST, by=None)
    body = _detail(client_for(world.administrator), world.council_officer).content.decode()
    assert "Analyst" not in body


def test_a_disabled_person_shows_as_disabled_with_a_way_back(world, client_for):
    services.user_disable(user=world.analyst, by=None)
    body = _detail(client_for(world.administrator), world.analyst).content.decode()
    assert "Disabled" in body
    assert reverse("users:enable", kwargs={"user_pk": world.analyst.pk}) in body
    assert reverse("users:disable", kwargs={"user_pk": world.analyst.pk}) not in body


def test_administrators_own_page_offers_no_way_to_disable_themself(world, client_for):
    body = _detail(client_for(world.administrator), world.administrator).content.decode()
    assert reverse("users:disable", kwargs={"user_pk": world.administrator.pk}) not in body
