import time

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub.audit.models import AuditEvent
from saferhub.testing.world import PASSWORD


def _sign_in(client, email, password=PASSWORD, next_url="/"):
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password, "next": next_url})


def test_anonymous_user_is_sent_to_sign_in(client, world):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_first_sign_in_sets_up_an_authenticator_then_reaches_home(client, world):
    response = _sign_in(client, world.manager.email)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second-factor-setup"))
    # Until the code is proved, every other page sends the user back to the second factor.
    assert client.get("/").status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=world.manager, confirmed=False)
    code = f"{totp(device.bin_key):06d}"
    done = client.post(response["Location"], {"code": code, "next": "/"})
    assert done.status_code == 302 and done["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Braintree District Community Safety Partnership" in home.content.decode()
    assert AuditEvent.objects.filter(verb="account.signed_in", actor_id=world.manager.pk).exists()
    assert AuditEvent.objects.filter(verb="account.second_factor_added", target_id=str(world.manager.pk)).exists()


def test_returning_user_enters_a_code(client, world):
    device = TOTPDevice.objects.create(user=world.police_officer, name="app", confirmed=True)
    response = _sign_in(client, world.police_officer.email)
    assert response["Location"].startswith(reverse("accounts:second-factor"))
    wrong = client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 200
    assert "The security code is not right" in wrong.content.decode()
    time.sleep(1.1)  # django-otp refuses any code for a second after a wrong one
    ok = client.post(response["Location"], {"code": f"{totp(device.bin_key):06d}", "next": "/"})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200


def test_figures_only_roles_need_no_second_factor(client, world):
    response = _sign_in(client, world.scrutiny.email)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_says_what_to_do_and_keeps_the_email(client, world):
    response = _sign_in(client, world.manager.email, password="not-the-password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Your email address or password is not right" in body
    assert f'value="{world.manager.email}"' in body
    assert AuditEvent.objects.filter(verb="account.sign_in_failed").exists()


def test_empty_form_names_each_missing_field(client, world):
    body = client.post(reverse("accounts:sign-in"), {}).content.decode()
    assert "Enter your email address" in body
    assert "Enter your password" in body
    assert 'href="#id_username"' in body


def test_repeated_failures_lock_the_account(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, world.analyst.email, password="wrong-password")
    locked = _sign_in(client, world.analyst.email)
    assert locked.status_code == 429
    assert "Your account is locked for now" in locked.content.decode()


def test_disabled_user_cannot_sign_in(client, world):
    from saferhub.accounts.services import user_disable

    user_disable(user=world.analyst, by=world.administrator)
    response = _sign_in(client, world.analyst.email)
    assert response.status_code == 200
    assert "Your email address or password is not right" in response.content.decode()
