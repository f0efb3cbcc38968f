"""Every write to users, their roles, their second factor and their API tokens."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub import audit
from saferhub.accounts.models import ApiToken, RoleGrant, User, hash_token
from saferhub.audit import Verb
from saferhub.lib.changes import apply_changes
from saferhub.partnerships.models import Organisation, Partnership
from saferhub.policy import forget_grants

TOKEN_PREFIX = "shb_"


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    organisation: Organisation | None,
    by: Any,
    job_title: str = "",
    password: str | None = None,
    is_superuser: bool = False,
) -> User:
    """Add a person who signs in. Without a password they set their own from an e-mailed link."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        job_title=job_title,
        organisation=organisation,
        is_superuser=is_superuser,
    )
    audit.record(
        actor=by,
        verb=Verb.USER_CREATED,
        target=user,
        detail={"email": user.email, "organisation": organisation.pk if organisation else None},
    )
    return user


@transaction.atomic
def user_update(*, user: User, by: Any, **values: Any) -> User:
    """Change a user's name, job title, e-mail or organisation."""
    if "email" in values:
        values["email"] = User.objects.normalize_email(values["email"]).lower()
    changed = apply_changes(user, values)
    if changed:
        user.save()
        audit.record(actor=by, verb=Verb.USER_UPDATED, target=user, detail={"changed": changed})
    return user


@transaction.atomic
def user_disable(*, user: User, by: Any, reason: str = "") -> User:
    """A leaver: they can no longer sign in and their tokens stop working; their history stays."""
    user.is_active = False
    user.disabled_at = timezone.now()
    user.save(update_fields=["is_active", "disabled_at"])
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit.record(actor=by, verb=Verb.USER_DISABLED, target=user, detail={"reason": reason, "tokens_revoked": revoked})
    return user


@transaction.atomic
def user_enable(*, user: User, by: Any) -> User:
    """Let a disabled user sign in again."""
    user.is_active = True
    user.disabled_at = None
    user.save(update_fields=["is_active", "disabled_at"])
    audit.record(actor=by, verb=Verb.USER_ENABLED, target=user)
    return user


@transaction.atomic
def role_grant(*, user: User, partnership: Partnership, role: str, by: Any) -> RoleGrant:
    """Give a user a role in a partnership (nothing changes if they already hold it)."""
    grant, created = RoleGrant.objects.get_or_create(user=user, partnership=partnership, role=role)
    if created:
        audit.record(actor=by, verb=Verb.ROLE_GRANTED, target=user, partnership=partnership, detail={"role": role})
        forget_grants(user)
    return grant


@transaction.atomic
def role_revoke(*, grant: RoleGrant, by: Any) -> None:
    """Take a role away; the audit trail keeps that it was held."""
    user, partnership, role = grant.user, grant.partnership, grant.role
    grant.delete()
    audit.record(actor=by, verb=Verb.ROLE_REVOKED, target=user, partnership=partnership, detail={"role": role})
    forget_grants(user)


@transaction.atomic
def password_set(*, user: User, password: str, by: Any) -> User:
    """Set a new password (after a reset link, or changed by the user)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=by, verb=Verb.PASSWORD_CHANGED, target=user)
    return user


@transaction.atomic
def second_factor_start(*, user: User) -> TOTPDevice:
    """Create (or reuse) the unconfirmed authenticator-app device a user is setting up."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def second_factor_confirm(*, device: TOTPDevice, by: Any) -> TOTPDevice:
    """The user proved the app works by typing a code; the device now guards their sign-in."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    audit.record(actor=by, verb=Verb.SECOND_FACTOR_ADDED, target=device.user)
    return device


@transaction.atomic
def second_factor_reset(*, user: User, by: Any) -> None:
    """Remove a user's authenticator (a lost phone); they set up a new one at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=by, verb=Verb.SECOND_FACTOR_RESET, target=user)


@transaction.atomic
def token_create(*, user: User, name: str, by: Any) -> tuple[ApiToken, str]:
    """Make an API token for a partner system. The token itself is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], token_hash=hash_token(raw))
    audit.record(actor=by, verb=Verb.TOKEN_CREATED, target=user, detail={"token": token.pk, "name": name})
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any) -> ApiToken:
    """Stop a token working at once."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=by, verb=Verb.TOKEN_REVOKED, target=token.user, detail={"token": token.pk})
    return token


def token_user(raw: str) -> User | None:
    """The active user behind a bearer token, or None. Marks when the token was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # Bookkeeping, not a domain change: not audited, throttled to once a minute.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def record_sign_in(*, user: User) -> None:
    """Audit a completed sign-in (password and, where required, second factor)."""
    audit.record(actor=user, verb=Verb.SIGNED_IN, target=user)


def record_sign_out(*, user: User) -> None:
    """Audit a sign-out."""
    audit.record(actor=user, verb=Verb.SIGNED_OUT, target=user)


def record_sign_in_failed(*, email: str, user: User | None) -> None:
    """Audit a failed password attempt (the e-mail is kept, never the password)."""
    audit.record(actor=None, verb=Verb.SIGN_IN_FAILED, target=user, detail={"email": email[:254]})
