"""People who sign in, the roles they hold in partnerships, and their API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.partnerships.models import Organisation, Partnership


class Role(models.TextChoices):
    MANAGER = "manager", _("Partnership manager")
    OFFICER = "officer", _("Officer")
    ANALYST = "analyst", _("Analyst")
    PANEL_CHAIR = "panel_chair", _("Panel chair")
    SCRUTINY = "scrutiny", _("Scrutiny (figures only)")
    COUNTY_VIEWER = "county_viewer", _("County viewer (figures across the area)")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that never see personal data: they read figures and published documents.
FIGURES_ONLY_ROLES = frozenset({Role.SCRUTINY, Role.COUNTY_VIEWER})
# Roles that may see personal data; holding any of them makes the second factor compulsory.
PERSONAL_DATA_ROLES = frozenset(set(Role) - FIGURES_ONLY_ROLES)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their work e-mail. Leavers are disabled, never deleted."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        # The Django admin site is not installed; nothing uses is_staff.
        return False

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class RoleGrant(models.Model):
    """A role a user holds in one partnership. A county viewer's grant extends to the partnership's area."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_grants")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["partnership__name", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "partnership", "role"], name="one_grant_per_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.partnership}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for a partner system. Only its SHA-256 hash is stored; it acts as its user."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(max_length=12, help_text=_("The first characters, to recognise it"))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
