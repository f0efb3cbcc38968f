"""Provenance of police.uk imports. The records themselves live in Parquet (see ``store``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CrimeKind(models.TextChoices):
    STREET = "street", _("Street-level crime")
    OUTCOMES = "outcomes", _("Outcomes")
    STOP_AND_SEARCH = "stop_and_search", _("Stop and search")


class CrimeImport(models.Model):
    """One police.uk file imported for a kind, force and month; a later import of the same three replaces its data."""

    file_name = models.CharField(_("file"), max_length=500)
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=20, choices=CrimeKind.choices)
    force = models.SlugField(_("force"), max_length=80)
    month = models.CharField(_("month"), max_length=7, help_text="YYYY-MM")
    rows_accepted = models.PositiveIntegerField(_("rows accepted"))
    rows_rejected = models.PositiveIntegerField(_("rows rejected"))
    duplicate_crime_ids = models.PositiveIntegerField(_("Crime IDs seen more than once"), default=0)
    report_path = models.CharField(_("rejected-rows report"), max_length=500, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    replaced = models.BooleanField(_("replaced an earlier import"), default=False)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        indexes = [models.Index(fields=["kind", "force", "month"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.force} {self.month}"
