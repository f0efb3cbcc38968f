"""Partner datasets (fire service, council, health figures) with their saved column mapping, and the
provenance of every file uploaded to one. The rows themselves live in Parquet (see ``store``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.partnerdata.mapping import ColumnMapping
from saferhub.partnerships.models import Organisation, Partnership


class DateFormat(models.TextChoices):
    ISO = "iso", _("Year-month-day, for example 2024-03-27")
    DMY = "dmy", _("Day/month/year, for example 27/03/2024")
    MONTH = "month", _("Year and month only, for example 2024-03")


class PartnerDataset(models.Model):
    """Aggregate figures one organisation gives a partnership, such as the fire service's deliberate fires.

    The column mapping says which column of the provider's CSV holds what; it is saved with the
    header it was made for, so a later file with the same columns imports without asking again.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="partner_datasets")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partner_datasets", verbose_name=_("provided by")
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("What one counts, for example incidents"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    # The saved column mapping (blank until the first file is mapped).
    mapped_header = models.JSONField(_("columns the mapping was made for"), default=list, blank=True)
    date_column = models.CharField(_("date column"), max_length=200, blank=True)
    date_format = models.CharField(_("date format"), max_length=10, choices=DateFormat.choices, blank=True)
    category_column = models.CharField(_("category column"), max_length=200, blank=True)
    fixed_category = models.CharField(_("category for every row"), max_length=200, blank=True)
    lsoa_column = models.CharField(_("LSOA code column"), max_length=200, blank=True)
    lad_column = models.CharField(_("local authority code column"), max_length=200, blank=True)
    latitude_column = models.CharField(_("latitude column"), max_length=200, blank=True)
    longitude_column = models.CharField(_("longitude column"), max_length=200, blank=True)
    count_column = models.CharField(_("count column"), max_length=200, blank=True)
    mapped_at = models.DateTimeField(null=True, blank=True)
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="one_partner_dataset_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def mapping(self) -> ColumnMapping | None:
        """The saved mapping, or None before the first file is mapped."""
        if not self.date_column:
            return None
        return ColumnMapping(**{name: getattr(self, name) for name in ColumnMapping.field_names()})


class UploadStatus(models.TextChoices):
    AWAITING_MAPPING = "awaiting_mapping", _("Waiting for its columns to be mapped")
    IMPORTED = "imported", _("Imported")


class PartnerUpload(models.Model):
    """One CSV uploaded to a dataset: where it came from (name, sha256, who, when) and what came of it.

    Importing it replaces the dataset's months that its accepted rows cover; rejected rows go to a
    report with their line numbers and reasons.
    """

    dataset = models.ForeignKey(PartnerDataset, on_delete=models.PROTECT, related_name="uploads")
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64)
    stored_path = models.CharField(max_length=500)
    header = models.JSONField(_("columns"), default=list)
    rows_read = models.PositiveIntegerField(_("rows in the file"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=UploadStatus.choices, default=UploadStatus.AWAITING_MAPPING
    )
    rows_accepted = models.PositiveIntegerField(_("rows accepted"), null=True, blank=True)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), null=True, blank=True)
    months = models.JSONField(_("months imported"), default=list, blank=True)
    replaced_months = models.JSONField(_("months replaced"), default=list, blank=True)
    report_path = models.CharField(_("rejected-rows report"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.dataset})"
