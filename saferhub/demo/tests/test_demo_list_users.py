import json
from io import StringIO

from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from saferhub.accounts.models import Role, User
from saferhub.demo import data


def _demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _listed():
    return json.loads(_demo("--list-users", "--json"))


def test_json_lists_one_object_per_demo_user_with_the_agreed_keys(db):
    _demo()
    listed = _listed()
    assert len(listed) == User.objects.count() == len({u["email"] for u in listed})
    keys = {"email", "password", "partnership", "partnership_slug", "organisation", "roles"}
    assert all(set(user) == keys for user in listed)
    assert all(set(user["roles"]) <= set(Role.values) for user in listed)


def test_every_role_is_listed_in_more_than_one_partnership(db):
    _demo()
    listed = _listed()
    for role in Role.values:
        partnerships = {u["partnership_slug"] for u in listed if role in u["roles"]}
        assert len(partnerships) > 1, role


def test_the_system_administrator_is_listed_without_partnership_or_roles(db):
    _demo()
    (admin,) = [u for u in _listed() if u["email"] == data.SYSTEM_ADMINISTRATOR_EMAIL]
    assert admin["partnership"] is None and admin["partnership_slug"] is None
    assert admin["organisation"] is None and admin["roles"] == []


def test_each_listed_user_can_sign_in_with_the_listed_password(db):
    _demo()
    for user in _listed():
        request = RequestFactory().post("/accounts/sign-in")
        assert authenticate(request, username=user["email"], password=user["password"]) is not None, user["email"]


def test_a_changed_password_is_not_listed(db):
    _demo()
    analyst = User.objects.get(email="analyst@braintree.demo.saferhub.test")
    analyst.set_password("my-own-new-password-1")
    analyst.save()
    (listed,) = [u for u in _listed() if u["email"] == analyst.email]
    assert listed["password"] is None


def test_the_table_shows_each_user_with_password_partnership_and_roles(db):
    _demo()
    table = _demo("--list-users")
    assert "manager@castle-point-rochford.demo.saferhub.test" in table
    assert "saferhub-demo-2026" in table
    assert "Colchester Community Safety Partnership" in table
    assert "County viewer" in table


def test_listing_loads_nothing(db):
    assert _listed() == []
    assert _demo("--list-users") == ""
    assert all(m._default_manager.count() == 0 for m in apps.get_models() if m._meta.app_label == "partnerships")
