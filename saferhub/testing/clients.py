"""Signing a test client in as a user, second factor included."""

from __future__ import annotations

import json
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


class TokenCaller:
    """Calls the API as a partner system would: with a bearer token of one user (or, for None, no token)."""

    def __init__(self, client: Client, user: Any) -> None:
        from saferhub.accounts.services import token_create

        self.client = client
        self.headers: dict[str, str] = {}
        if user is not None:
            raw = token_create(user=user, name="Partner system", by=None)[1]
            self.headers = {"Authorization": f"Bearer {raw}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )
