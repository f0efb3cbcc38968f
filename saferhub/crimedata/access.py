"""Who may see police.uk imports. The data is open data, so there is no partnership scope."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from saferhub.accounts.models import Role
from saferhub.crimedata.models import CrimeImport, CrimeImportJob, ReferenceImport
from saferhub.policy import PartnershipPolicy, is_system_administrator, register, roles_of

ANALYSIS_ROLES = (Role.ANALYST, Role.MANAGER, Role.ADMINISTRATOR)

M = TypeVar("M", bound=models.Model)


def reads_crime_data(user: Any) -> bool:
    """Analysts, managers and administrators of any partnership, and the system administrator,
    read and import police.uk data: it is open data, held once for the whole installation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_system_administrator(user) or bool(roles_of(user) & {str(r) for r in ANALYSIS_ROLES})


jobs_may_start = reads_crime_data


class _OpenDataPolicy(PartnershipPolicy[M]):
    """Whoever may read crime data (``reads_crime_data``) may view every record; nobody changes one
    through the application."""

    def visible(self, user: Any, action: str) -> models.QuerySet[M]:
        manager = self.model._default_manager
        if action == "view" and reads_crime_data(user):
            return manager.all()
        return manager.none()


class CrimeImportPolicy(_OpenDataPolicy[CrimeImport]):
    """Police.uk imports are open data: analysts, managers and administrators of any partnership,
    and the system administrator, may view every import and its report. Nobody changes one through
    the application; imports are made by the ``crime import`` command or an upload's task."""

    model = CrimeImport


class CrimeImportJobPolicy(_OpenDataPolicy[CrimeImportJob]):
    """An upload's progress page shows file names, counts and who started it, no personal data:
    whoever may read crime data may follow any upload. Nobody changes one through the application;
    the background task writes its progress."""

    model = CrimeImportJob


class ReferenceImportPolicy(_OpenDataPolicy[ReferenceImport]):
    """Loads of the LSOA reference data (open government data, held once for the installation):
    whoever may read crime data may view every load and its report. Nobody changes one through the
    application; loads are made by the ``crime reference`` command."""

    model = ReferenceImport


imports = register(CrimeImportPolicy())
jobs = register(CrimeImportJobPolicy())
reference_imports = register(ReferenceImportPolicy())
