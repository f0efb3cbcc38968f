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


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Stopped with an error")


class CrimeImportJob(models.Model):
    """Files uploaded in the browser and imported by a background task; the row says how far it has got."""

    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    file_names = models.JSONField(_("files uploaded"), default=list)
    folder = models.CharField(max_length=500, blank=True)
    files_total = models.PositiveIntegerField(_("files found"), default=0)
    files_done = models.PositiveIntegerField(_("files done"), default=0)
    rows_accepted = models.PositiveIntegerField(_("rows accepted"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    current_file = models.CharField(_("importing now"), max_length=500, blank=True)
    errors = models.JSONField(_("files not imported"), default=list)
    imports = models.ManyToManyField(CrimeImport, blank=True, related_name="jobs")
    task_id = models.CharField(max_length=64, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"import of {len(self.file_names)} file(s) started {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return 100 * self.files_done // self.files_total if self.files_total else 0


class ReferenceImport(models.Model):
    """One load of the LSOA reference data (IMD 2019, populations, lookups, centroids, boundaries).

    Each load replaces the reference tables as a whole; this row says which files made them, how
    many rows of each were accepted and rejected, and how many LSOA codes each attach method placed.
    """

    # One object per file read: {"file", "kind", "label", "sha256", "rows", "accepted", "rejected", "reasons"}.
    files = models.JSONField(_("files read"), default=list)
    # Files under the folders that are not reference files: {"file", "reason"}.
    skipped = models.JSONField(_("files passed over"), default=list)
    codes = models.PositiveIntegerField(_("LSOA codes"))
    # Codes per IMD attach method: {"direct": n, "best-fit": n, ..., "none": n}.
    attached = models.JSONField(_("codes by attach method"), default=dict)
    report_path = models.CharField(_("rejected-rows report"), max_length=500, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"reference data of {len(self.files)} files, {self.imported_at:%Y-%m-%d %H:%M}"

    @property
    def rows_rejected(self) -> int:
        return sum(f["rejected"] for f in self.files)
