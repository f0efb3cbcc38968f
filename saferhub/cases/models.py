"""The partnership's panels, and the multi-agency cases they review.

This is the part the front door needs: a named panel that referrals go to, and a case that an
accepted referral opens or joins, with its lead and participating agencies. Risk assessments,
actions, notes, reviews at panel and closure outcomes belong to the cases-and-panels work.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.partnerships.models import Organisation, Partnership


class PanelKind(models.TextChoices):
    HUB = "hub", _("Community Safety Hub")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse sub-group")
    EXPLOITATION = "exploitation", _("Local Exploitation Group")
    OFFENDER_COHORT = "offender_cohort", _("Offender cohort")
    OTHER = "other", _("Other panel")


class Panel(models.Model):
    """A standing multi-agency meeting of one partnership that takes referrals and reviews cases."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="panels")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind of panel"), max_length=20, choices=PanelKind.choices)
    description = models.TextField(_("what the panel takes on"), blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["partnership__name", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="one_panel_name_per_partnership")]

    def __str__(self) -> str:
        return self.name


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Case(models.Model):
    """The multi-agency problem-solving record about a person, household, place or problem."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="cases")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(_("case title"), max_length=200)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("lead agency")
    )
    agencies = models.ManyToManyField(
        Organisation, related_name="cases", verbose_name=_("agencies on the case"), blank=True
    )
    status = models.CharField(_("status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "status"], name="case_partnership_status")]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})"

    @property
    def reference(self) -> str:
        return f"C{self.pk:05d}" if self.pk else ""
