"""``audit.record`` stores the request id and client address of the request being served."""

from django.urls import reverse

from saferhub.audit.models import AuditEvent


def test_a_failed_sign_in_records_the_request_id_and_ip_address(client, world):
    response = client.post(
        reverse("accounts:sign-in"), {"username": world.manager.email, "password": "not-the-password", "next": "/"}
    )

    event = AuditEvent.objects.get(verb="account.sign_in_failed")
    assert response["X-Request-ID"]
    assert event.request_id == response["X-Request-ID"]
    assert event.ip_address == "127.0.0.1"


def test_the_proxys_request_id_is_kept(client, world):
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": world.manager.email, "password": "not-the-password"},
        headers={"X-Request-ID": "edge-1234.abc"},
    )

    assert response["X-Request-ID"] == "edge-1234.abc"
    assert AuditEvent.objects.get(verb="account.sign_in_failed").request_id == "edge-1234.abc"


def test_an_unsafe_request_id_is_replaced(client, world):
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": world.manager.email, "password": "not-the-password"},
        headers={"X-Request-ID": "<script>"},
    )

    assert response["X-Request-ID"] != "<script>"
    assert AuditEvent.objects.get(verb="account.sign_in_failed").request_id == response["X-Request-ID"]


def test_events_written_outside_a_request_have_no_request_id_or_address(world):
    assert set(AuditEvent.objects.values_list("request_id", "ip_address").distinct()) == {("", None)}
