"""Who may see police.uk imports. The data is open data, so there is no partnership scope."""

from __future__ import annotations

from typing import Any

from django.db import models

from saferhub.accounts.models import Role
from saferhub.crimedata.models import CrimeImport
from saferhub.policy import PartnershipPolicy, is_system_administrator, register, roles_of

ANALYSIS_ROLES = (Role.ANALYST, Role.MANAGER, Role.ADMINISTRATOR)


class CrimeImportPolicy(PartnershipPolicy[CrimeImport]):
    """Police.uk imports are open data: analysts, managers and administrators of any partnership,
    and the system administrator, may view every import and its report. Nobody changes one through
    the application; imports are made by the ``crime import`` command."""

    model = CrimeImport

    def visible(self, user: Any, action: str) -> models.QuerySet[CrimeImport]:
        manager = self.model._default_manager
        if action != "view" or not getattr(user, "is_authenticated", False) or not user.is_active:
            return manager.none()
        if is_system_administrator(user) or roles_of(user) & {str(r) for r in ANALYSIS_ROLES}:
            return manager.all()
        return manager.none()


imports = register(CrimeImportPolicy())
