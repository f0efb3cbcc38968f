"""Signing a test client in as a user, second factor included."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_device(user: Any) -> TOTPDevice:
    """The user's confirmed authenticator device, created if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def signed_in_client(user: Any, client: Client | None = None) -> Client:
    """A client signed in as ``user`` with the second factor already proved."""
    client = client or Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()
    return client
