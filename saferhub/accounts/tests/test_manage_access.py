"""Who may open which manage-users page: 404 alike for missing and forbidden, GET and POST."""

import pytest
from django.urls import reverse

from saferhub.accounts import services
from saferhub.audit.models import AuditEvent

CHANGE_PAGES = [
    "users:edit",
    "users:role-add",
    "users:role-remove",
    "users:disable",
    "users:enable",
    "users:second-factor-reset",
    "users:password-link",
    "users:token-add",
    "users:token-revoke",
]


def _pages(person):
    """Every person page of ``person`` (their first role, a fresh token), by URL name."""
    grant = person.role_grants.first()
    token, _raw = services.token_create(user=person, name="Access test", by=None)
    values = {"user_pk": person.pk, "grant_pk": grant.pk, "token_pk": token.pk}
    pages = {"users:detail": reverse("users:detail", kwargs={"user_pk": person.pk})}
    for name in CHANGE_PAGES:
        wanted = {"user_pk"} | ({"grant_pk"} if name == "users:role-remove" else set())
        wanted |= {"token_pk"} if name == "users:token-revoke" else set()
        pages[name] = reverse(name, kwargs={key: values[key] for key in wanted})
    return pages


def _writes():
    return AuditEvent.objects.exclude(verb__in=["viewed", "token.created"]).count()


@pytest.mark.parametrize("who", ["scrutiny", "county_viewer", "council_officer", "analyst", "no_roles"])
def test_people_who_run_no_partnership_get_404_everywhere_under_manage_users(world, client_for, who):
    client = client_for(getattr(world, who))
    before = _writes()
    urls = [reverse("users:list"), reverse("users:add"), *_pages(world.police_officer).values()]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "name": "x"}).status_code == 404, url
    assert _writes() == before


def test_administrator_opens_every_page_of_a_person_in_their_partnership(world, client_for):
    client = client_for(world.administrator)
    assert client.get(reverse("users:list")).status_code == 200
    assert client.get(reverse("users:add")).status_code == 200
    for name, url in _pages(world.council_officer).items():
        assert client.get(url).status_code == 200, name


def test_manager_can_view_people_but_gets_404_on_change_pages(world, client_for):
    client = client_for(world.manager)
    pages = _pages(world.council_officer)
    assert client.get(reverse("users:list")).status_code == 200
    assert client.get(pages["users:detail"]).status_code == 200
    assert client.get(reverse("users:add")).status_code == 404
    assert client.post(reverse("users:add"), {"email": "new@example.test"}).status_code == 404
    before = _writes()
    for name in CHANGE_PAGES:
        assert client.get(pages[name]).status_code == 404, name
        assert client.post(pages[name], {"reason": "x", "name": "x"}).status_code == 404, name
    assert _writes() == before
    assert world.council_officer.api_tokens.filter(revoked_at__isnull=True).exists()


def test_administrator_of_another_partnership_gets_404_on_home_peoples_pages(world, client_for):
    client = client_for(world.outside_manager)
    before = _writes()
    for name, url in _pages(world.council_officer).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"reason": "x", "name": "x"}).status_code == 404, name
    assert _writes() == before
    listing = client.get(reverse("users:list"), {"status": "all"}).content.decode()
    assert world.council_officer.email not in listing
    assert world.outsider.email in listing


def test_home_administrator_gets_404_on_the_outsiders_pages(world, client_for):
    client = client_for(world.administrator)
    before = _writes()
    for name, url in _pages(world.outsider).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"reason": "x", "name": "x"}).status_code == 404, name
    assert _writes() == before
    assert world.outsider.is_active


def test_a_missing_person_looks_the_same_as_a_forbidden_one(world, client_for):
    client = client_for(world.administrator)
    assert client.get(reverse("users:detail", kwargs={"user_pk": 999_999})).status_code == 404


def test_a_role_or_token_of_someone_else_is_404_under_the_wrong_person(world, client_for):
    client = client_for(world.administrator)
    grant = world.police_officer.role_grants.get()
    token, _raw = services.token_create(user=world.police_officer, name="Other's", by=None)
    wrong_grant = reverse("users:role-remove", kwargs={"user_pk": world.council_officer.pk, "grant_pk": grant.pk})
    wrong_token = reverse("users:token-revoke", kwargs={"user_pk": world.council_officer.pk, "token_pk": token.pk})
    assert client.post(wrong_grant).status_code == 404
    assert client.post(wrong_token).status_code == 404
    assert world.police_officer.role_grants.exists()
    token.refresh_from_db()
    assert token.is_active


def test_system_administrator_opens_the_pages_of_anyone(world, client_for):
    client = client_for(world.system_admin)
    for person in (world.council_officer, world.outsider):
        for name, url in _pages(person).items():
            assert client.get(url).status_code == 200, (person, name)


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    response = client.get(reverse("users:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_manage_page_offers_the_section_to_people_who_run_a_partnership(world, client_for):
    for who in ("administrator", "manager", "system_admin"):
        body = client_for(getattr(world, who)).get(reverse("manage-index")).content.decode()
        assert "Users and API tokens" in body, who
        assert reverse("users:list") in body
