"""Reports of ASB or crime made to any partner agency, the people involved, and repeat-victim alerts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.partnerships.models import Area, Organisation, Partnership
from saferhub.register.models import Location, Person


class Category(models.TextChoices):
    """The three ASB categories of the Home Office's national standard, and crime."""

    ASB_PERSONAL = "asb_personal", _("Anti-social behaviour: personal")
    ASB_NUISANCE = "asb_nuisance", _("Anti-social behaviour: nuisance")
    ASB_ENVIRONMENTAL = "asb_environmental", _("Anti-social behaviour: environmental")
    CRIME = "crime", _("Crime")


ASB_CATEGORIES = frozenset({Category.ASB_PERSONAL, Category.ASB_NUISANCE, Category.ASB_ENVIRONMENTAL})


class IncidentType(models.Model):
    """Reference data: the kinds of behaviour within a category (seeded by migration, archived not deleted)."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online form or email")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    PATROL = "patrol", _("Seen by an officer on patrol")
    PARTNER = "partner", _("Passed on by another agency")


class RiskLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Incident(models.Model):
    """One report made to one agency: when the behaviour happened, when and how it was reported, where, what."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="incidents")
    recorded_by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency_reference = models.CharField(_("the agency's own reference"), max_length=60, blank=True)
    behaviour_from = models.DateField(_("date the behaviour happened (or began)"))
    behaviour_to = models.DateField(_("date the behaviour ended"), null=True, blank=True)
    reported_on = models.DateField(_("date it was reported"))
    channel = models.CharField(_("how it was reported"), max_length=12, choices=Channel.choices)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    incident_type = models.ForeignKey(IncidentType, on_delete=models.PROTECT, null=True, blank=True)
    crime_type = models.CharField(_("crime type"), max_length=120, blank=True)
    description = models.TextField(_("what happened"))
    risk_level = models.CharField(_("risk to the victim"), max_length=8, choices=RiskLevel.choices, blank=True)
    screening = models.JSONField(_("vulnerability and risk screening answers"), default=dict, blank=True)
    linked_incidents = models.ManyToManyField("self", blank=True, symmetrical=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["partnership", "reported_on"], name="incident_partnership_reported")]

    def __str__(self) -> str:
        reference = self.agency_reference or f"#{self.pk}"
        return f"{self.get_category_display()} reported {self.reported_on:%d %b %Y} ({reference})"


class InvolvementRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")
    ALLEGED_PERPETRATOR = "alleged_perpetrator", _("Alleged perpetrator")
    REPORTER = "reporter", _("Reporter")


class Involvement(models.Model):
    """A person's part in an incident."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(_("role"), max_length=20, choices=InvolvementRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "person", "role"], name="one_involvement_per_role")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class RepeatVictimRules(models.Model):
    """An area's own numbers for the repeat-victim alerts; without a row the national defaults apply.

    National defaults (cited): ASB, Crime and Policing Act 2014 s104 and Schedule 4, and the
    Home Office statutory guidance "Anti-social behaviour powers" (2025 update): the Case Review
    threshold is three complaints, each made within one month of the behaviour, the application
    within six months of the complaint; victims are to be told about the Case Review when they
    report repeatedly.
    """

    area = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="repeat_victim_rules")
    explain_after_reports = models.PositiveSmallIntegerField(
        _("reports within the window that prompt the officer to explain the Case Review"), default=2
    )
    explain_window_months = models.PositiveSmallIntegerField(_("window for those reports, in months"), default=6)
    threshold_complaints = models.PositiveSmallIntegerField(
        _("qualifying complaints that make the Case Review threshold likely met"), default=3
    )
    complaint_within_months = models.PositiveSmallIntegerField(
        _("a complaint qualifies if made within this many months of the behaviour"), default=1
    )
    application_within_months = models.PositiveSmallIntegerField(
        _("complaints count if made within this many months before the application"), default=6
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Repeat-victim rules for {self.area}"


class AlertKind(models.TextChoices):
    EXPLAIN_CASE_REVIEW = "explain_case_review", _("Explain the ASB Case Review to the victim")
    THRESHOLD_LIKELY_MET = "threshold_likely_met", _("Case Review threshold likely met")


class VictimAlert(models.Model):
    """A prompt raised by a victim's repeat reports, and what was done about it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="victim_alerts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="victim_alerts")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="victim_alerts")
    kind = models.CharField(_("alert"), max_length=24, choices=AlertKind.choices)
    raised_at = models.DateTimeField(default=timezone.now)
    detail = models.JSONField(
        default=dict, blank=True, help_text=_("The reports that raised it, and the rule's numbers")
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"
