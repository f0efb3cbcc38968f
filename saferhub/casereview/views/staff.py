"""Staff pages of the ASB Case Review that read: the single point of contact's dashboard, one
application, its letters as PDFs, and the home panel. The actions are in ``staff_actions``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from saferhub import audit
from saferhub.casereview import access, letters, services
from saferhub.casereview.models import OPEN_STATUSES, Application, CaseReviewTimescales, Recommendation, Status
from saferhub.casereview.timescales import Step, steps, timescales_for
from saferhub.policy import partnership_ids
from saferhub.register import access as register_access

PANEL_SHOWN = 5

# What each timescale step is called on the pages.
STEP_NAMES = {
    "acknowledge": gettext_lazy("Acknowledge the application"),
    "decide": gettext_lazy("Tell the applicant whether the threshold is met"),
    "review": gettext_lazy("Hold the review"),
    "outcome": gettext_lazy("Send the outcome of the review"),
}
# Late first, then approaching, then the rest.
URGENCY = {"late": 0, "approaching": 1}


def application_for(user: Any, application_pk: int, action: str) -> Application:
    """The application if the user may ``action`` it; 404 when it is missing or forbidden alike."""
    application: Application = access.applications.get_for_user(user, action, pk=application_pk)
    return application


def works_on_case_reviews(user: Any) -> bool:
    return bool(partnership_ids(user, access.CASEWORK_ROLES))


@dataclass(frozen=True)
class StepShown:
    """A timescale step with its name as people say it."""

    step: Step

    @property
    def name(self) -> str:
        return str(STEP_NAMES.get(self.step.name, self.step.name))


@dataclass(frozen=True)
class DashboardRow:
    application: Application
    step: StepShown | None

    @property
    def urgency(self) -> tuple[int, datetime.date, int]:
        if self.step is None:
            return (2, datetime.date.max, self.application.pk)
        return (URGENCY.get(self.step.step.state, 2), self.step.step.due_on, self.application.pk)


def _next_step(application: Application, cache: dict[int, CaseReviewTimescales]) -> StepShown | None:
    # timescales.next_step(), with the area's timescales read once per area rather than once per row.
    area = application.partnership.area
    if area.pk not in cache:
        cache[area.pk] = timescales_for(area)
    found = next((s for s in steps(application, cache[area.pk]) if s.done_on is None), None)
    return StepShown(found) if found else None


def open_applications(user: Any) -> list[DashboardRow]:
    """The open applications the user may see, each with its next step: late first, then approaching,
    then the rest, each group by due date. A duplicate shows until its applicant is acknowledged (one
    made by post or phone is not acknowledged by itself, and would otherwise be forgotten)."""
    applications = (
        access.applications.visible(user, "view")
        .filter(Q(status__in=OPEN_STATUSES) | Q(status=Status.DUPLICATE, acknowledged_on__isnull=True))
        .select_related("partnership__area", "single_point_of_contact")
    )
    cache: dict[int, CaseReviewTimescales] = {}
    rows = [DashboardRow(application, _next_step(application, cache)) for application in applications]
    return sorted(rows, key=lambda row: row.urgency)


def overdue_recommendations(user: Any) -> models.QuerySet[Recommendation]:
    """Recommendations the user may see that are past their due date and not completed, oldest first."""
    return (
        access.recommendations.visible(user, "view")
        .filter(completed_on__isnull=True, due_on__lt=timezone.localdate())
        .select_related("application", "owner")
        .order_by("due_on", "pk")
    )


def _entry_url() -> str:
    """The staff entry of an application from a call or letter (/case-review/applications/new/)."""
    return reverse("casereview:staff-apply-start")


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not works_on_case_reviews(user):
        raise Http404
    return render(
        request,
        "casereview/staff/dashboard.html",
        {
            "rows": open_applications(user),
            "overdue": list(overdue_recommendations(user)),
            "entry_url": _entry_url(),
        },
    )


def _answer(value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def impact_answers(application: Application) -> list[tuple[str, str]]:
    """The impact answers as (question, answer): the application form keeps them as a mapping."""
    answers = []
    for key, value in (application.impact or {}).items():
        question = key if " " in key else key.replace("_", " ").capitalize()
        answers.append((question, _answer(value)))
    return answers


def _why(reason: str) -> str:
    """The engine's reason without its verdict ("Qualifies: ..."), which the page shows as a tag."""
    for verdict in ("Qualifies: ", "Does not qualify: "):
        if reason.startswith(verdict):
            return reason[len(verdict) :]
    return reason


def complaints_assessed(application: Application) -> tuple[list[tuple[Any, dict[str, Any]]], dict[str, Any]]:
    """Each complaint with the engine's finding on it, and the engine's whole result (nothing saved).
    The engine numbers the complaints in the order of ``application.complaints.all()``."""
    result = services.assess(application)
    complaints = list(application.complaints.all())
    findings = [{**finding, "why": _why(finding["reason"])} for finding in result["complaints"]]
    return list(zip(complaints, findings, strict=False)), result


def application_detail(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "view")
    audit.record_view(actor=user, target=application, partnership=application.partnership)
    complaints, result = complaints_assessed(application)
    recommendations = list(
        access.recommendations.visible(user, "view").filter(application=application).select_related("owner")
    )
    changeable = set(
        access.recommendations.visible(user, "change")
        .filter(application=application, completed_on__isnull=True)
        .values_list("pk", flat=True)
    )
    seen_applications = access.applications.visible(user, "view")
    victim_visible = (
        application.victim_id is not None
        and register_access.people.visible(user, "view").filter(pk=application.victim_id).exists()
    )
    return render(
        request,
        "casereview/staff/application.html",
        {
            "application": application,
            "can_change": access.applications.can(user, "change", application),
            "review_officers": application.review_officers.select_related("organisation").order_by("full_name"),
            "complaints": complaints,
            "result": result,
            "steps": [StepShown(step) for step in steps(application)],
            "impact": impact_answers(application),
            "responses": access.agency_responses.visible(user, "view")
            .filter(application=application)
            .select_related("organisation")
            .order_by("organisation__name"),
            "recommendations": [(r, r.pk in changeable) for r in recommendations],
            "letters": access.letters.visible(user, "view").filter(application=application),
            "victim_visible": victim_visible,
            "duplicate_of": seen_applications.filter(pk=application.duplicate_of_id).first()
            if application.duplicate_of_id
            else None,
            "duplicates": seen_applications.filter(duplicate_of=application).order_by("received_on", "pk"),
            "statuses": Status,
            "today": timezone.localdate(),
        },
    )


@never_cache
def letter_pdf(request: HttpRequest, application_pk: int, letter_pk: int) -> HttpResponse:
    user = request.user
    letter = access.letters.get_for_user(user, "view", pk=letter_pk, application_id=application_pk)
    application = letter.application
    audit.record_view(
        actor=user,
        target=application,
        partnership=application.partnership,
        detail={"letter": letter.pk, "kind": letter.kind},
    )
    response = HttpResponse(letters.render_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letters.filename(letter)}"'
    return response


def home_panel(user: Any) -> dict[str, Any] | None:
    """Open applications whose next step is late or approaching, and overdue recommendations."""
    if not works_on_case_reviews(user):
        return None
    urgent = [row for row in open_applications(user) if row.step and row.step.step.state in URGENCY]
    overdue = list(overdue_recommendations(user)[: PANEL_SHOWN + 1])
    if not urgent and not overdue:
        return None
    return {
        "rows": urgent[:PANEL_SHOWN],
        "more": len(urgent) > PANEL_SHOWN or len(overdue) > PANEL_SHOWN,
        "overdue": overdue[:PANEL_SHOWN],
    }
