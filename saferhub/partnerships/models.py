"""Areas, local authorities, partnerships (CSPs), organisations and their sharing agreements."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A county or police force area, e.g. Essex: its districts, unitaries and one force."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    police_force = models.CharField(
        _("police force"),
        max_length=120,
        blank=True,
        help_text=_("As named in police.uk files, e.g. Essex Police"),
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LocalAuthority(models.Model):
    """A district, borough, city or unitary council area, known by its ONS code (e.g. E07000067)."""

    ons_code = models.CharField(_("ONS code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=120)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="local_authorities")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.ons_code})"


class Partnership(models.Model):
    """One Community Safety Partnership. Everything operational belongs to exactly one."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="partnerships")
    local_authorities = models.ManyToManyField(LocalAuthority, related_name="partnerships", blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", _("Council (responsible authority)")
    POLICE = "police", _("Police (responsible authority)")
    FIRE = "fire", _("Fire and rescue (responsible authority)")
    PROBATION = "probation", _("Probation (responsible authority)")
    ICB = "icb", _("Integrated care board (responsible authority)")
    CO_OPERATING = "co_operating", _("Co-operating body")
    SOCIAL_LANDLORD = "social_landlord", _("Social landlord")
    VOLUNTARY = "voluntary", _("Voluntary sector")
    SCHOOL = "school", _("School or college")
    OTHER = "other", _("Other")


RESPONSIBLE_AUTHORITY_KINDS = {
    OrganisationKind.COUNCIL,
    OrganisationKind.POLICE,
    OrganisationKind.FIRE,
    OrganisationKind.PROBATION,
    OrganisationKind.ICB,
}


class Organisation(models.Model):
    """An agency. It may be a member of several partnerships."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices)
    email_domain = models.CharField(
        _("email domain"), max_length=120, blank=True, help_text=_("For example essex.police.uk")
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_responsible_authority(self) -> bool:
        return self.kind in RESPONSIBLE_AUTHORITY_KINDS


class Membership(models.Model):
    """An organisation taking part in a partnership, from a date, until it leaves."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    joined_on = models.DateField(_("joined on"), default=datetime.date.today)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="one_membership_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on > timezone.localdate()


class DataCategory(models.TextChoices):
    PERSONAL = "personal", _("Personal data (names, contact details, dates of birth)")
    SPECIAL = "special", _("Special category data (health, ethnicity, religion, sexuality)")
    CRIMINAL = "criminal", _("Criminal offence data")
    VICTIM = "victim", _("Victim and witness information")
    SAFEGUARDING = "safeguarding", _("Safeguarding information about children and adults")
    HOUSING = "housing", _("Housing and tenancy information")
    LOCATION = "location", _("Locations and incident data")
    AGGREGATE = "aggregate", _("Anonymised and aggregate figures")


class SharingPurpose(models.TextChoices):
    CASEWORK = "casework", _("Multi-agency casework and problem solving")
    ASB_CASE_REVIEW = "asb_case_review", _("ASB Case Reviews")
    STRATEGIC_ASSESSMENT = "strategic_assessment", _("Strategic assessment and analysis")
    DEATH_REVIEW = "death_review", _("Domestic abuse related death reviews")
    OFFENDER_MANAGEMENT = "offender_management", _("Offender management")
    SAFEGUARDING = "safeguarding", _("Safeguarding")


class InformationSharingAgreement(models.Model):
    """Which organisations share which categories of data, for which purposes, until the review date."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="sharing_agreements")
    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField(Organisation, related_name="sharing_agreements")
    purposes = models.JSONField(_("purposes"), default=list)
    data_categories = models.JSONField(_("categories of data"), default=list)
    lawful_basis = models.TextField(_("lawful basis"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    review_due_on = models.DateField(_("review due on"))
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review_due_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def review_overdue(self) -> bool:
        return self.archived_at is None and self.review_due_on < timezone.localdate()

    def purpose_labels(self) -> list[str]:
        return [str(SharingPurpose(p).label) for p in self.purposes if p in SharingPurpose.values]

    def category_labels(self) -> list[str]:
        return [str(DataCategory(c).label) for c in self.data_categories if c in DataCategory.values]
