"""Priority setting: the scoring matrix a partnership fills in each year, and the priorities it adopts.

A ``ScoringMatrix`` belongs to one partnership and one financial year. Its ``ScoringDimension`` rows say
what is scored (harm, volume, trend...), on which scale, with which weight, and whether the score comes
from the crime data or from the analyst. Its ``MatrixIssue`` rows are what is scored: the crime types
found in the data and issues the analyst adds by hand. An ``IssueScore`` is one cell: a value on the
dimension's scale with its explanation (computed) or rationale (written). The partnership then adopts
the top issues as the year's ``Priority`` rows, which the action plan builds on.

The default dimensions and how data dimensions are computed are in ``defaults`` and ``scoring``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.lib.periods import financial_year_label
from saferhub.partnerships.models import Partnership


def year_label(year: int) -> str:
    """The financial year that starts in April of ``year``, as partnerships write it: "2026-27"."""
    return financial_year_label(datetime.date(year, 4, 1))


class ScoringMatrix(models.Model):
    """A partnership's priority-setting matrix for one financial year, over a period of crime data."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="scoring_matrices")
    year = models.PositiveSmallIntegerField(_("financial year"), help_text=_("The year it starts: 2026 is 2026-27"))
    first_month = models.CharField(_("first month of data"), max_length=7, help_text="YYYY-MM")
    last_month = models.CharField(_("last month of data"), max_length=7, help_text="YYYY-MM")
    # When the data dimensions were last scored, and what the data said about itself then.
    data_scored_at = models.DateTimeField(null=True, blank=True)
    data_note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["partnership__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year"], name="one_matrix_per_partnership_year")]

    def __str__(self) -> str:
        return f"Scoring matrix {self.year_label}, {self.partnership}"

    @property
    def year_label(self) -> str:
        return year_label(self.year)


class ScoredBy(models.TextChoices):
    DATA = "data", _("From the crime data")
    ANALYST = "analyst", _("By the analyst, with a written rationale")


class Computation(models.TextChoices):
    VOLUME = "volume", _("Volume: the number of crimes, against the other crime types")
    RATE = "rate", _("Rate: crimes per 1,000 residents, against the county's rate")
    TREND = "trend", _("Trend: change on the previous period, and whether it is significant")


class ScoringDimension(models.Model):
    """One column of the matrix: what is scored, on which scale (1 to the number of labels), and its weight."""

    matrix = models.ForeignKey(ScoringMatrix, on_delete=models.PROTECT, related_name="dimensions")
    # The default it was made from ("harm", "volume"...), blank for one the analyst added.
    key = models.SlugField(max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("what it scores"))
    source_note = models.TextField(_("where it comes from"), blank=True)
    scored_by = models.CharField(_("scored"), max_length=10, choices=ScoredBy.choices)
    computation = models.CharField(_("computed from"), max_length=10, choices=Computation.choices, blank=True)
    scale_labels = models.JSONField(_("scale"), default=list)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="dimension_weight_positive"),
            models.CheckConstraint(
                condition=Q(scored_by="analyst", computation="") | (Q(scored_by="data") & ~Q(computation="")),
                name="dimension_data_has_computation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def points(self) -> int:
        """The top of the scale: scores run from 1 to this."""
        return len(self.scale_labels)

    @property
    def from_data(self) -> bool:
        return self.scored_by == ScoredBy.DATA

    def label_for(self, value: int | None) -> str:
        if value is None or not 1 <= value <= self.points:
            return ""
        return str(self.scale_labels[value - 1])


class MatrixIssue(models.Model):
    """One row of the matrix: a crime type found in the data, or an issue the analyst added by hand."""

    matrix = models.ForeignKey(ScoringMatrix, on_delete=models.PROTECT, related_name="issues")
    title = models.CharField(_("issue"), max_length=120)
    # The police.uk crime type the row stands for; blank for an issue added by hand.
    crime_type = models.CharField(max_length=120, blank=True)
    description = models.TextField(_("what it covers"), blank=True)
    # The crime data's figures for it when the data was last scored (``analysis.issue_stats``).
    stats = models.JSONField(default=dict, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    # Taken out of the matrix (it stays, with its scores, and can be put back).
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["matrix", "crime_type"], condition=~Q(crime_type=""), name="one_issue_per_crime_type"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def from_data(self) -> bool:
        return bool(self.crime_type)

    @property
    def count(self) -> int | None:
        value = (self.stats or {}).get("count")
        return int(value) if isinstance(value, int | float) else None


class IssueScore(models.Model):
    """One cell: an issue's value on a dimension, with the computed explanation or the analyst's rationale."""

    issue = models.ForeignKey(MatrixIssue, on_delete=models.PROTECT, related_name="scores")
    dimension = models.ForeignKey(ScoringDimension, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))
    from_data = models.BooleanField(default=False)
    explanation = models.TextField(_("rationale"))
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["issue", "dimension__position"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "dimension"], name="one_score_per_cell"),
            models.CheckConstraint(condition=Q(value__gte=1), name="score_at_least_one"),
        ]

    def __str__(self) -> str:
        return f"{self.issue}: {self.dimension} {self.value}"


class Priority(models.Model):
    """A priority the partnership adopted for a financial year. Adopting again for the year archives the
    earlier set (``archived_at``) rather than deleting it, so the history stays."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="priorities")
    year = models.PositiveSmallIntegerField(_("financial year"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    title = models.CharField(_("priority"), max_length=160)
    statement = models.TextField(_("statement"))
    matrix = models.ForeignKey(ScoringMatrix, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    issue = models.ForeignKey(MatrixIssue, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # What the matrix said when it was adopted: later changes to the matrix do not rewrite history.
    score_total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    breakdown = models.JSONField(default=dict, blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["partnership__name", "-year", "rank"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "rank"],
                condition=Q(archived_at__isnull=True),
                name="one_current_priority_per_rank",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.title} ({year_label(self.year)}, {self.partnership})"

    @property
    def year_label(self) -> str:
        return year_label(self.year)


class StrategicAssessment(models.Model):
    """A partnership's strategic assessment for one financial year: drafted as numbered versions, each a
    stored snapshot of the analysis, the matrix and the priorities; the strategy group approves one."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="strategic_assessments")
    year = models.PositiveSmallIntegerField(_("financial year"), help_text=_("The year it starts: 2026 is 2026-27"))
    first_month = models.CharField(_("first month of data"), max_length=7, help_text="YYYY-MM")
    last_month = models.CharField(_("last month of data"), max_length=7, help_text="YYYY-MM")
    summary = models.TextField(_("executive summary"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "partnership__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "year"], name="one_strategic_assessment_a_year")]

    def __str__(self) -> str:
        return f"Strategic assessment {year_label(self.year)}, {self.partnership}"

    @property
    def year_label(self) -> str:
        return year_label(self.year)


class AssessmentVersion(models.Model):
    """One saved draft of a strategic assessment: what the document showed when it was saved, for good."""

    assessment = models.ForeignKey(StrategicAssessment, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approval_body = models.CharField(_("approved by"), max_length=120, blank=True)
    approval_meeting = models.DateField(_("meeting date"), null=True, blank=True)
    approval_note = models.TextField(_("minute or note"), blank=True)

    class Meta:
        ordering = ["assessment", "-number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.assessment}, version {self.number}"
