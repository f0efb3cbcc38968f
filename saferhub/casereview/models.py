"""The ASB Case Review (the "Community Trigger", s104 Anti-social Behaviour, Crime and Policing Act 2014).

A victim of persistent anti-social behaviour, or someone on their behalf with their consent, applies;
the partnership decides whether the threshold is met (``threshold``), reviews the agencies' response
together, makes recommendations and tells the applicant each decision. The threshold's numbers are
the area's repeat-victim rules (``incidents.RepeatVictimRules``), so the alert that tells an officer
"threshold likely met" and the decision on an application never disagree. The timescales are the
area's ``CaseReviewTimescales``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.incidents.models import Incident
from saferhub.partnerships.models import Area, Organisation, Partnership
from saferhub.register.models import Person


class CaseReviewTimescales(models.Model):
    """An area's service levels for the Case Review, in working days (England and Wales bank holidays
    skipped); without a row the defaults apply.

    Defaults (cited): the London Borough of Richmond upon Thames' published "Community Trigger process
    timeline" (updated 8 March 2021): acknowledge within 2 working days of receipt; tell the applicant
    whether the threshold is met within 21 working days of receipt; hold the review panel within 28
    working days of receipt; send the panel's report within 7 working days of the meeting.
    """

    area = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="case_review_timescales")
    acknowledge_days = models.PositiveSmallIntegerField(
        _("working days from receipt to acknowledge the application"), default=2
    )
    decide_days = models.PositiveSmallIntegerField(
        _("working days from receipt to tell the applicant whether the threshold is met"), default=21
    )
    review_days = models.PositiveSmallIntegerField(_("working days from receipt to hold the review"), default=28)
    outcome_days = models.PositiveSmallIntegerField(
        _("working days from the review meeting to send the outcome"), default=7
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Case Review timescales for {self.area}"


class Channel(models.TextChoices):
    ONLINE = "online", _("Online application")
    PHONE = "phone", _("Phone call")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")


class ApplicantRole(models.TextChoices):
    VICTIM = "victim", _("The victim")
    FAMILY = "family", _("A family member or friend")
    COUNCILLOR = "councillor", _("A local councillor")
    MP = "mp", _("A Member of Parliament")
    SUPPORT_WORKER = "support_worker", _("A support worker or advocate")
    OTHER = "other", _("Someone else")


class VictimKind(models.TextChoices):
    PERSON = "person", _("A person")
    BUSINESS = "business", _("A business")
    GROUP = "group", _("A community group")


class ContactMethod(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    POST = "post", _("Post")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DUPLICATE = "duplicate", _("Duplicate")
    NOT_MET = "not_met", _("Threshold not met")
    MET = "met", _("Threshold met: review to hold")
    REVIEWED = "reviewed", _("Reviewed: outcome to send")
    CLOSED = "closed", _("Closed")


# Statuses in which the application is still being worked on.
OPEN_STATUSES = (Status.RECEIVED, Status.ACKNOWLEDGED, Status.MET, Status.REVIEWED)


class Application(models.Model):
    """One application for an ASB Case Review, as the applicant gave it, and what became of it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="case_review_applications")
    reference = models.CharField(max_length=20, unique=True)
    received_on = models.DateField(_("date received"))
    channel = models.CharField(_("how it was made"), max_length=12, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    applicant_role = models.CharField(_("who is applying"), max_length=16, choices=ApplicantRole.choices)
    applicant_name = models.CharField(_("applicant's name"), max_length=200)
    applicant_email = models.EmailField(_("applicant's email address"), blank=True)
    applicant_phone = models.CharField(_("applicant's phone number"), max_length=40, blank=True)
    applicant_address = models.TextField(_("applicant's postal address"), blank=True)
    contact_method = models.CharField(_("how to contact the applicant"), max_length=8, choices=ContactMethod.choices)
    victim_consents = models.BooleanField(_("the victim consents to the application"), default=False)

    victim_kind = models.CharField(_("the victim is"), max_length=10, choices=VictimKind.choices)
    victim_name = models.CharField(_("victim's name"), max_length=200)
    victim_email = models.EmailField(_("victim's email address"), blank=True)
    victim_phone = models.CharField(_("victim's phone number"), max_length=40, blank=True)
    victim = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="case_review_applications"
    )

    problem_postcode = models.CharField(_("postcode where the problem happens"), max_length=10, blank=True)
    problem_place = models.CharField(_("where the problem happens"), max_length=300)
    problem = models.TextField(_("what the problem is"))
    problem_since = models.DateField(_("when the problem began"), null=True, blank=True)
    impact = models.JSONField(_("answers about the impact on the victim"), default=dict, blank=True)
    impact_description = models.TextField(_("the impact, in the applicant's words"), blank=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    duplicate_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates")
    single_point_of_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_on = models.DateField(null=True, blank=True)
    # The relevant bodies' officers taking part in this review: they, and no one else at their agency, see it.
    review_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("officers named on the review")
    )

    threshold_met = models.BooleanField(null=True, blank=True)
    threshold_automatic = models.BooleanField(default=False)
    threshold_detail = models.JSONField(
        default=dict, blank=True, help_text=_("The engine's reasons, complaint by complaint")
    )
    discretion_persistence = models.TextField(_("persistence of the behaviour"), blank=True)
    discretion_harm = models.TextField(_("harm or potential harm to the victim"), blank=True)
    discretion_response = models.TextField(_("adequacy of the response so far"), blank=True)
    decision_reasons = models.TextField(_("reasons for the decision, as told to the applicant"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)

    review_held_on = models.DateField(_("date of the review meeting"), null=True, blank=True)
    victim_invited = models.BooleanField(_("the victim (or their advocate) was invited"), null=True, blank=True)
    impact_statement = models.TextField(_("the victim's impact statement"), blank=True)
    review_summary = models.TextField(_("what the review found"), blank=True)
    outcome_sent_on = models.DateField(null=True, blank=True)

    reconsideration_requested_on = models.DateField(
        _("date the applicant asked the PFCC's office to look at the decision again"), null=True, blank=True
    )
    reconsideration_result = models.TextField(_("the PFCC's office's finding"), blank=True)
    reconsideration_decided_on = models.DateField(null=True, blank=True)

    # A keyed hash of the address an online application came from: enough to limit how many one
    # address may send, never the address itself.
    source_fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["partnership", "received_on"], name="cr_partnership_received")]
        verbose_name = _("ASB Case Review application")

    def __str__(self) -> str:
        return f"ASB Case Review {self.reference}"


class Complaint(models.Model):
    """One report the victim made about the behaviour: as the applicant gave it, or from the register."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="complaints")
    behaviour_on = models.DateField(_("date the behaviour happened"))
    reported_on = models.DateField(_("date it was reported"))
    agency = models.CharField(_("agency it was reported to"), max_length=200)
    reference = models.CharField(_("the agency's reference"), max_length=60, blank=True)
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, null=True, blank=True, related_name="case_review_complaints"
    )

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"Reported to {self.agency} on {self.reported_on:%d %b %Y}"


class AgencyResponse(models.Model):
    """The review's finding on one agency's response to the victim's reports."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="agency_responses")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    adequate = models.BooleanField(_("the response was adequate"))
    reasons = models.TextField(_("reasons"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "organisation"], name="one_response_per_agency")]

    def __str__(self) -> str:
        return f"{self.organisation}: {'adequate' if self.adequate else 'not adequate'}"


class Recommendation(models.Model):
    """What the review asks an agency to do, by when, and whether it was done."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    due_on = models.DateField(_("due date"))
    completed_on = models.DateField(_("date completed"), null=True, blank=True)
    completion_note = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    DECISION = "decision", _("Threshold decision")
    OUTCOME = "outcome", _("Outcome of the review")


class Letter(models.Model):
    """A letter sent to the applicant: when, to whom, how. The PDF is rendered again from the record."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=16, choices=LetterKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_to = models.CharField(max_length=300, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} letter, {self.sent_at:%d %b %Y}"
