"""Referrals: an agency asks a panel of the partnership to take on a person, a household or a place.

A referral is a row with a status. While it is pending or accepted, the partnership's panel chairs and
the referring agency may see what it names; once accepted, so may the agencies on the case it opened
or joined. That access is granted by the row (see ``access``), and ends when the referral is declined
or withdrawn.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.cases.models import Case, Panel
from saferhub.incidents.models import Incident, RiskLevel
from saferhub.partnerships.models import Organisation, Partnership
from saferhub.register.models import Location, Person


class ReferralSubject(models.TextChoices):
    PERSON = "person", _("A person")
    HOUSEHOLD = "household", _("A household")
    PLACE = "place", _("A place")


class Consent(models.TextChoices):
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")
    NOT_SOUGHT = "not_sought", _("Not sought")


class LawfulBasis(models.TextChoices):
    """The legal gateways a CSP commonly relies on to share without consent."""

    CDA_S115 = "cda_s115", _("Section 115 of the Crime and Disorder Act 1998 (sharing to prevent crime and disorder)")
    UK_GDPR_6_1_E = "uk_gdpr_6_1_e", _("UK GDPR Article 6(1)(e): a task in the public interest")
    DPA_PART_3 = "dpa_part_3", _("Data Protection Act 2018 Part 3: law enforcement processing")
    VITAL_INTERESTS = "vital_interests", _("UK GDPR Article 6(1)(d): to protect someone's life")
    OTHER = "other", _("Another basis (explain it)")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting triage")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    SIGNPOST = "signpost", _("Signpost elsewhere")
    DECLINE = "decline", _("Decline")


# The statuses whose referral still grants access to what it names.
GRANTING = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED)


class Referral(models.Model):
    """One agency's request that a panel take on a person, a household or a place."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="referrals")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="referrals")
    subject = models.CharField(_("who or what is referred"), max_length=10, choices=ReferralSubject.choices)
    people = models.ManyToManyField(Person, related_name="referrals", blank=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    incidents = models.ManyToManyField(Incident, related_name="referrals", blank=True)
    reason = models.TextField(_("reason for the referral"))
    risk_level = models.CharField(_("risk"), max_length=8, choices=RiskLevel.choices)
    consent = models.CharField(_("consent to share"), max_length=10, choices=Consent.choices)
    lawful_basis = models.CharField(
        _("lawful basis for sharing without consent"), max_length=20, choices=LawfulBasis.choices, blank=True
    )
    consent_notes = models.TextField(_("why sharing without consent is necessary and proportionate"), blank=True)

    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(default=timezone.now)

    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    signposted_to = models.CharField(_("signposted to"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")

    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)

    class Meta:
        ordering = ["-referred_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "status"], name="referral_partnership_status")]

    def __str__(self) -> str:
        return f"Referral {self.reference} to {self.panel}"

    @property
    def reference(self) -> str:
        return f"R{self.pk:05d}" if self.pk else ""
