"""The strategic assessment document: start one for a year, write its summary, save versions, read a
version as a page or a PDF, and record the strategy group's approval.

Analysts, managers and administrators of the partnership draft it; its managers record approval;
its scrutiny councillors and the county viewers of its area read approved versions only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saferhub.accounts.models import Role
from saferhub.assessment import document, document_services
from saferhub.assessment.access import MATRIX_ROLES, assessments, versions
from saferhub.assessment.models import AssessmentVersion, year_label
from saferhub.assessment.selectors import default_period
from saferhub.lib.forms import GovukDateField, GovukForm, posted
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids
from saferhub.register.views._common import show_service_errors

MONTH_HELP = gettext_lazy("For example, 2025-10")
MONTH_INPUT = forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "numeric"})
# Who has a list of strategic assessments to look at (readers of approved ones see only those).
READERS = (*MATRIX_ROLES, Role.SCRUTINY, Role.COUNTY_VIEWER)


class StartForm(GovukForm):
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        label=gettext_lazy("Partnership"),
        empty_label=None,
        error_messages={"required": gettext_lazy("Select the partnership")},
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("Financial year it sets priorities for"),
        coerce=int,
        error_messages={"required": gettext_lazy("Select the financial year")},
    )
    first_month = forms.CharField(label=gettext_lazy("First month of data"), help_text=MONTH_HELP, widget=MONTH_INPUT)
    last_month = forms.CharField(label=gettext_lazy("Last month of data"), help_text=MONTH_HELP, widget=MONTH_INPUT)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.filter(  # type: ignore[attr-defined]
            pk__in=partnership_ids(user, MATRIX_ROLES), archived_at__isnull=True
        )
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, year_label(y)) for y in range(this_year - 2, this_year + 2)]  # type: ignore[attr-defined]


class DraftForm(GovukForm):
    first_month = forms.CharField(label=gettext_lazy("First month of data"), help_text=MONTH_HELP, widget=MONTH_INPUT)
    last_month = forms.CharField(label=gettext_lazy("Last month of data"), help_text=MONTH_HELP, widget=MONTH_INPUT)
    summary = forms.CharField(
        label=gettext_lazy("Executive summary"),
        help_text=gettext_lazy(
            "Your own words at the start of the document. Key findings written from the figures follow them."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ApproveForm(GovukForm):
    body = forms.CharField(label=gettext_lazy("Approved by"), initial=gettext_lazy("Strategy group"))
    meeting_on = GovukDateField(
        label=gettext_lazy("Date of the meeting"), help_text=gettext_lazy("For example, 27 3 2026")
    )
    note = forms.CharField(
        label=gettext_lazy("Minute or note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def document_list(request: HttpRequest) -> HttpResponse:
    visible = assessments.visible(request.user, "view").select_related("partnership")
    if not partnership_ids(request.user, READERS):
        raise Http404
    rows = []
    for assessment in visible:
        shown = versions.visible(request.user, "view").filter(assessment=assessment)
        rows.append(
            {
                "assessment": assessment,
                "latest": shown.first(),
                "approved": shown.filter(approved_at__isnull=False).first(),
                "may_work": assessments.can(request.user, "change", assessment),
            }
        )
    return render(
        request,
        "assessment/document/list.html",
        {"rows": rows, "may_start": bool(partnership_ids(request.user, MATRIX_ROLES))},
    )


def document_start(request: HttpRequest) -> HttpResponse:
    if not partnership_ids(request.user, MATRIX_ROLES):
        raise Http404
    first, last = default_period(timezone.localdate())
    initial = {"first_month": first, "last_month": last, "year": timezone.localdate().year}
    form = StartForm(posted(request), initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = document_services.assessment_start(
                partnership=data["partnership"],
                year=data["year"],
                first=data["first_month"].strip(),
                last=data["last_month"].strip(),
                by=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return redirect("assessment:document", assessment_pk=assessment.pk)
    return render(request, "assessment/document/start.html", {"form": form})


def document_detail(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    assessment = assessments.get_for_user(request.user, "view", pk=assessment_pk)
    may_work = assessments.can(request.user, "change", assessment)
    shown = versions.visible(request.user, "view").filter(assessment=assessment)
    if not may_work:
        # Readers of approved documents go straight to the approved version.
        approved = shown.filter(approved_at__isnull=False).first()
        if approved is None:
            raise Http404
        return redirect("assessment:version", version_pk=approved.pk)
    form = DraftForm(
        posted(request),
        initial={
            "first_month": assessment.first_month,
            "last_month": assessment.last_month,
            "summary": assessment.summary,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document_services.assessment_update(
                assessment=assessment,
                first=data["first_month"].strip(),
                last=data["last_month"].strip(),
                summary=data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Saved. Save a new version to put it in the document."))
            return redirect("assessment:document", assessment_pk=assessment.pk)
    latest = shown.first()
    return render(
        request,
        "assessment/document/detail.html",
        {
            "assessment": assessment,
            "form": form,
            "versions": shown.select_related("created_by", "approved_by"),
            "latest": latest,
            "may_approve": latest is not None
            and latest.approved_at is None
            and versions.can(request.user, "approve", latest),
        },
    )


def version_save(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    assessment = assessments.get_for_user(request.user, "change", pk=assessment_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    version = document_services.assessment_version_save(assessment=assessment, by=request.user)
    messages.success(request, _("Version %(number)s is saved") % {"number": version.number})
    return redirect("assessment:version", version_pk=version.pk)


def version_detail(request: HttpRequest, version_pk: int) -> HttpResponse:
    version = versions.get_for_user(request.user, "view", pk=version_pk)
    assessment = version.assessment
    return render(
        request,
        "assessment/document/version.html",
        {
            **document.context(version.snapshot, for_pdf=False),
            "version": version,
            "assessment": assessment,
            "may_work": assessments.can(request.user, "change", assessment),
        },
    )


def version_pdf(request: HttpRequest, version_pk: int) -> FileResponse:
    version = versions.get_for_user(request.user, "view", pk=version_pk)
    path = _pdf_path(version)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(document.render_pdf(version.snapshot, version=version))
        temporary.replace(path)
    assessment = version.assessment
    name = f"strategic-assessment-{assessment.partnership.slug}-{year_label(assessment.year)}-v{version.number}.pdf"
    return FileResponse(path.open("rb"), as_attachment=False, filename=name, content_type="application/pdf")


def _pdf_path(version: AssessmentVersion) -> Path:
    """Where a version's PDF is kept once drawn; approval changes its cover, so it is part of the name."""
    state = "approved" if version.approved_at else "draft"
    return Path(settings.DATA_DIR) / "assessments" / str(version.assessment_id) / f"v{version.number}-{state}.pdf"


def version_approve(request: HttpRequest, version_pk: int) -> HttpResponse:
    version = versions.get_for_user(request.user, "approve", pk=version_pk)
    form = ApproveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document_services.assessment_version_approve(
                version=version, meeting_on=data["meeting_on"], body=data["body"], note=data["note"], by=request.user
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The approval of version %(number)s is recorded") % {"number": version.number})
            return redirect("assessment:version", version_pk=version.pk)
    return render(request, "assessment/document/approve.html", {"form": form, "version": version})
