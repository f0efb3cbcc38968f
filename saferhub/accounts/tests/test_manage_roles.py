"""Giving and removing roles."""

from django.urls import reverse

from saferhub.accounts import services
from saferhub.accounts.models import Role, RoleGrant
from saferhub.audit.models import AuditEvent


def _grant_url(person):
    return reverse("users:role-add", kwargs={"user_pk": person.pk})


def _remove_url(grant):
    return reverse("users:role-remove", kwargs={"user_pk": grant.user_id, "grant_pk": grant.pk})


def test_administrator_gives_a_role_and_it_is_audited(world, client_for):
    response = client_for(world.administrator).post(
        _grant_url(world.council_officer), {"partnership": world.home.partnership.pk, "role": Role.PANEL_CHAIR}
    )
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user=world.council_officer, role=Role.PANEL_CHAIR).exists()
    event = AuditEvent.objects.get(
        verb="user.role_granted", target_id=str(world.council_officer.pk), actor_id=world.administrator.pk
    )
    assert event.actor_id == world.administrator.pk
    assert event.partnership_id == world.home.partnership.pk


def test_the_form_explains_each_role(world, client_for):
    body = client_for(world.administrator).get(_grant_url(world.council_officer)).content.decode()
    assert "Never sees personal data, and needs no authenticator app" in body
    assert "every partnership of this partnership&#x27;s area. Never sees personal data" in body
    assert f'value="{world.home.partnership.pk}" selected' in body
    assert f'value="{world.other.partnership.pk}"' not in body


def test_a_role_already_held_is_refused(world, client_for):
    body = (
        client_for(world.administrator)
        .post(_grant_url(world.council_officer), {"partnership": world.home.partnership.pk, "role": Role.OFFICER})
        .content.decode()
    )
    assert "Colin Council already holds this role in this partnership" in body
    assert 'href="#id_role_0"' in body
    assert not AuditEvent.objects.filter(verb="user.role_granted", actor_id=world.administrator.pk).exists()


def test_a_role_in_a_partnership_the_administrator_does_not_administer_is_refused(world, client_for):
    body = (
        client_for(world.administrator)
        .post(_grant_url(world.council_officer), {"partnership": world.other.partnership.pk, "role": Role.OFFICER})
        .content.decode()
    )
    assert "Select a valid choice" in body
    assert not world.council_officer.role_grants.filter(partnership=world.other.partnership).exists()


def test_removing_a_role_asks_first_then_removes_it_on_post(world, client_for):
    client = client_for(world.administrator)
    services.role_grant(user=world.police_officer, partnership=world.home.partnership, role=Role.ANALYST, by=None)
    grant = world.police_officer.role_grants.get(role=Role.ANALYST)
    page = client.get(_remove_url(grant))
    assert page.status_code == 200
    assert "Remove the role Analyst" in page.content.decode()
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    response = client.post(_remove_url(grant))
    assert response["Location"] == reverse("users:detail", kwargs={"user_pk": world.police_officer.pk})
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    event = AuditEvent.objects.get(verb="user.role_revoked", target_id=str(world.police_officer.pk))
    assert event.actor_id == world.administrator.pk
    assert event.detail == {"role": "analyst"}


def test_removing_the_last_role_the_viewer_can_see_goes_back_to_the_list(world, client_for):
    client = client_for(world.administrator)
    response = client.post(_remove_url(world.police_officer.role_grants.get()), follow=True)
    assert response.redirect_chain[-1][0] == reverse("users:list")
    assert "no longer listed" in response.content.decode()
    assert client.get(reverse("users:detail", kwargs={"user_pk": world.police_officer.pk})).status_code == 404


def test_an_administrator_cannot_remove_their_own_last_administrator_role(world, client_for):
    client = client_for(world.administrator)
    grant = world.administrator.role_grants.get(role=Role.ADMINISTRATOR)
    page = client.get(_remove_url(grant)).content.decode()
    assert "You cannot remove your own last administrator role" in page
    assert "Remove role</button>" not in page
    response = client.post(_remove_url(grant))
    assert response.status_code == 400
    assert "You cannot remove your own last administrator role" in response.content.decode()
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_an_administrator_may_remove_an_administrator_role_they_hold_twice(world, client_for):
    services.role_grant(user=world.administrator, partnership=world.far.partnership, role=Role.ADMINISTRATOR, by=None)
    # The far partnership keeps another administrator, so it is not left with none.
    services.role_grant(user=world.outsider, partnership=world.far.partnership, role=Role.ADMINISTRATOR, by=None)
    grant = world.administrator.role_grants.get(partnership=world.far.partnership)
    response = client_for(world.administrator).post(_remove_url(grant))
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_an_administrator_may_remove_their_own_other_roles(world, client_for):
    services.role_grant(user=world.administrator, partnership=world.home.partnership, role=Role.ANALYST, by=None)
    grant = world.administrator.role_grants.get(role=Role.ANALYST)
    assert client_for(world.administrator).post(_remove_url(grant)).status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_another_administrator_may_remove_an_administrators_role(world, client_for):
    second = services.user_create(
        email="second.admin@example.test", full_name="Second Admin", organisation=None, by=None
    )
    services.role_grant(user=second, partnership=world.home.partnership, role=Role.ADMINISTRATOR, by=None)
    grant = world.administrator.role_grants.get(role=Role.ADMINISTRATOR)
    assert client_for(second).post(_remove_url(grant)).status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_a_partnership_is_never_left_without_an_administrator(world, client_for):
    """They administer two partnerships; in the far one they are its only administrator."""
    services.role_grant(user=world.administrator, partnership=world.far.partnership, role=Role.ADMINISTRATOR, by=None)
    grant = world.administrator.role_grants.get(partnership=world.far.partnership)
    client = client_for(world.administrator)
    page = client.get(_remove_url(grant)).content.decode()
    assert "Dartford Community Safety Partnership would have no administrator" in page
    assert "Remove role</button>" not in page
    assert client.post(_remove_url(grant)).status_code == 400
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_the_system_administrator_may_remove_a_partnerships_last_administrator(world, client_for):
    grant = world.administrator.role_grants.get(role=Role.ADMINISTRATOR)
    assert client_for(world.system_admin).post(_remove_url(grant)).status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
