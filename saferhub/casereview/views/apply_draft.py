"""The application being made, kept in the session between question pages as plain JSON.

One journey for the public (``PUBLIC``) and one for staff entering an application from a phone
call or letter (``STAFF``): the same questions, each flow with its own session key and URL names,
the staff one with two questions first (how it was made, the date received). Dates are ISO
strings; the partnership is a primary key, checked again against the flow's choices whenever the
draft is read.

Also here: which page comes next or before (a question that does not apply, such as the victim's
consent when the victim applies, is skipped), where to go when the draft is missing (the start
page, with a message), and the answers as check-your-answers rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from saferhub.accounts.models import Role
from saferhub.casereview.forms_apply import IMPACT_QUESTIONS
from saferhub.casereview.models import ApplicantRole, Channel, ContactMethod, VictimKind
from saferhub.lib.forms import GovukDateField
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids

# Roles that may enter an application from a phone call or letter.
ENTERING_ROLES = (Role.MANAGER, Role.OFFICER)

QUESTIONS = ("partnership", "who", "consent", "victim", "contact", "where", "problem", "reports", "impact")
STAFF_QUESTIONS = ("how", "received", *QUESTIONS)


@dataclass(frozen=True)
class Flow:
    staff: bool
    session_key: str
    done_key: str
    prefix: str  # of the URL names: "apply-" or "staff-apply-"
    questions: tuple[str, ...]

    def url_name(self, step: str) -> str:
        return f"casereview:{self.prefix}{step}"

    def url(self, step: str, *, from_check: bool = False) -> str:
        target = reverse(self.url_name(step))
        return f"{target}?from=check" if from_check else target


PUBLIC = Flow(False, "casereview_apply", "casereview_apply_done", "apply-", QUESTIONS)
STAFF = Flow(True, "casereview_staff_apply", "casereview_staff_apply_done", "staff-apply-", STAFF_QUESTIONS)


def entering_partnerships(user: Any) -> models.QuerySet[Partnership]:
    """Partnerships in which the user may enter an application: where they are a manager or officer."""
    if not getattr(user, "is_authenticated", False):
        return Partnership.objects.none()
    ids = partnership_ids(user, ENTERING_ROLES)
    return Partnership.objects.filter(pk__in=ids, archived_at__isnull=True).order_by("name")


def partnerships_for(flow: Flow, request: HttpRequest) -> models.QuerySet[Partnership]:
    """The partnerships the flow offers: every current one to the public, the user's own to staff."""
    if flow.staff:
        return entering_partnerships(request.user)
    return Partnership.objects.filter(archived_at__isnull=True).order_by("name")


def start(request: HttpRequest, flow: Flow) -> None:
    """A fresh draft: answers from an earlier, unfinished application are dropped."""
    request.session[flow.session_key] = {}
    request.session.pop(flow.done_key, None)


def load(request: HttpRequest, flow: Flow) -> dict[str, Any] | None:
    """The draft, or None when there is none (never started, or the session expired). A partnership
    no longer offered to the user is forgotten, so that question is asked again."""
    draft = request.session.get(flow.session_key)
    if not isinstance(draft, dict):
        return None
    chosen = (draft.get("partnership") or {}).get("partnership")
    if chosen is not None and not partnerships_for(flow, request).filter(pk=chosen).exists():
        draft.pop("partnership", None)
    return draft


def save(request: HttpRequest, flow: Flow, draft: dict[str, Any]) -> None:
    request.session[flow.session_key] = draft
    request.session.modified = True


def clear(request: HttpRequest, flow: Flow) -> None:
    request.session.pop(flow.session_key, None)


def partnership_of(request: HttpRequest, flow: Flow, draft: dict[str, Any]) -> Partnership | None:
    chosen = (draft.get("partnership") or {}).get("partnership")
    return partnerships_for(flow, request).filter(pk=chosen).first() if chosen else None


def for_self(draft: dict[str, Any]) -> bool:
    """The applicant is the victim (so no consent is asked, and "you" is the victim)."""
    return (draft.get("who") or {}).get("applicant_role") == ApplicantRole.VICTIM


def asks(draft: dict[str, Any], step: str) -> bool:
    """Whether the question applies to this draft: consent only for someone applying for the victim."""
    if step == "consent":
        return bool((draft.get("who") or {}).get("applicant_role")) and not for_self(draft)
    return True


def answered(draft: dict[str, Any], step: str) -> bool:
    if step == "reports":
        return bool(draft.get("reports_done"))
    return bool(draft.get(step))


def first_missing(flow: Flow, draft: dict[str, Any]) -> str | None:
    """The first question not yet answered, or None when the draft is ready to check."""
    for step in flow.questions:
        if asks(draft, step) and not answered(draft, step):
            return step
    return None


def next_after(flow: Flow, draft: dict[str, Any], step: str) -> str:
    """The question after ``step`` that applies, or "check" after the last."""
    later = flow.questions[flow.questions.index(step) + 1 :]
    return next((s for s in later if asks(draft, s)), "check")


def before(flow: Flow, draft: dict[str, Any], step: str) -> str | None:
    """The question before ``step`` that applies, or None for the first."""
    index = flow.questions.index(step) if step in flow.questions else len(flow.questions)
    earlier = [s for s in flow.questions[:index] if asks(draft, s)]
    return earlier[-1] if earlier else None


def received_on(flow: Flow, draft: dict[str, Any]) -> datetime.date:
    """The date the application is received: the date staff gave, or today online."""
    given = (draft.get("received") or {}).get("received_on") if flow.staff else None
    return datetime.date.fromisoformat(given) if given else timezone.localdate()


def to_json(values: dict[str, Any]) -> dict[str, Any]:
    """A form's cleaned values as JSON: dates as ISO strings."""
    return {name: value.isoformat() if isinstance(value, datetime.date) else value for name, value in values.items()}


def from_json(form_class: type[forms.Form], saved: dict[str, Any]) -> dict[str, Any]:
    """Saved values as a form's initial: ISO strings of its date fields back to dates."""
    initial = dict(saved)
    for name, field in form_class.base_fields.items():
        if isinstance(field, GovukDateField) and isinstance(initial.get(name), str):
            initial[name] = datetime.date.fromisoformat(initial[name])
    return initial


def as_data(form: forms.Form) -> dict[str, str]:
    """What the browser would post for the form's initial values, so a page can show a service's
    error on the answer already given, exactly as if it had just been typed."""
    data: dict[str, str] = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is None or value == "":
            continue
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value) or []):
                data[f"{name}_{index}"] = "" if part is None else str(part)
        elif isinstance(field, forms.BooleanField):
            if value:
                data[name] = "true"
        else:
            data[name] = str(value)
    return data


def take_pending(draft: dict[str, Any], names: list[str]) -> dict[str, str]:
    """The service's errors on these fields, removed from the draft (they are shown once)."""
    pending = draft.get("pending") or {}
    found = {name: pending.pop(name) for name in list(pending) if name in names}
    if not pending:
        draft.pop("pending", None)
    return found


# --- moving between the pages -----------------------------------------------------------------------

# Which question page fixes each field the service may name.
STEP_OF_FIELD = {
    "channel": "how",
    "received_on": "received",
    "partnership": "partnership",
    "problem_postcode": "partnership",
    "applicant_role": "who",
    "victim_consents": "consent",
    "victim_kind": "victim",
    "victim_name": "victim",
    "victim_email": "victim",
    "victim_phone": "victim",
    "applicant_name": "contact",
    "contact_method": "contact",
    "applicant_email": "contact",
    "applicant_phone": "contact",
    "applicant_address": "contact",
    "problem_place": "where",
    "problem": "problem",
    "problem_since": "problem",
    "complaints": "reports",
    "impact": "impact",
    "impact_description": "impact",
}


def fields_of(step: str) -> list[str]:
    return [name for name, page in STEP_OF_FIELD.items() if page == step]


def from_check(request: HttpRequest) -> bool:
    return request.GET.get("from") == "check"


def start_url(flow: Flow) -> str:
    return reverse(flow.url_name("start"))


def restart(request: HttpRequest, flow: Flow) -> HttpResponse:
    minutes = settings.SESSION_IDLE_MINUTES
    messages.info(
        request,
        _(
            "We could not find your answers, so you need to start again. Answers are deleted after "
            "%(minutes)s minutes without any activity, or when the browser is closed."
        )
        % {"minutes": minutes},
    )
    return redirect(start_url(flow))


def open_step(request: HttpRequest, flow: Flow, step: str) -> dict[str, Any] | HttpResponse:
    """The draft for a question page, or where to go instead: the start page without a draft, the
    first unanswered question when an earlier one is missing, the next one when this one does not apply."""
    draft = load(request, flow)
    if draft is None:
        return restart(request, flow)
    missing = first_missing(flow, draft)
    order = [*flow.questions, "check"]
    if missing is not None and order.index(missing) < order.index(step):
        return redirect(flow.url(missing, from_check=from_check(request)))
    if step in flow.questions and not asks(draft, step):
        return redirect(flow.url(next_after(flow, draft, step), from_check=from_check(request)))
    return draft


def next_page(request: HttpRequest, flow: Flow, draft: dict[str, Any], step: str) -> HttpResponse:
    """The next question; after a change from the check page, the next unanswered one or the check page."""
    if from_check(request):
        missing = first_missing(flow, draft)
        return redirect(flow.url(missing, from_check=True) if missing else flow.url("check"))
    return redirect(flow.url(next_after(flow, draft, step)))


def back_url(request: HttpRequest, flow: Flow, draft: dict[str, Any], step: str) -> str:
    if from_check(request):
        return flow.url("check")
    earlier = before(flow, draft, step)
    return flow.url(earlier) if earlier else start_url(flow)


def report_rows(draft: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for number, report in enumerate(list(draft.get("reports") or []), start=1):
        rows.append(
            {
                "number": number,
                "behaviour_on": datetime.date.fromisoformat(report["behaviour_on"]),
                "reported_on": datetime.date.fromisoformat(report["reported_on"]),
                "agency": report["agency"],
                "reference": report.get("reference", ""),
            }
        )
    return rows


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _day(iso: str | None) -> str:
    return f"{datetime.date.fromisoformat(iso):%-d %B %Y}" if iso else ""


def summary(request: HttpRequest, flow: Flow, draft: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers as summary list sections, each row with the page that changes it."""
    partnership = partnership_of(request, flow, draft)
    where, who, victim = draft.get("partnership") or {}, draft["who"], draft["victim"]
    contact, problem, impact = draft["contact"], draft["problem"], draft["impact"]
    applies_for_self = for_self(draft)
    you = not flow.staff and applies_for_self

    def row(key: str, value: Any, step: str | None) -> dict[str, Any]:
        return {"key": key, "value": value, "href": flow.url(step, from_check=True) if step else ""}

    sections = []
    if flow.staff:
        sections.append(
            {
                "heading": _("The application"),
                "rows": [
                    row(_("How it was made"), _label(Channel, draft["how"]["channel"]), "how"),
                    row(_("Date received"), _day(draft["received"]["received_on"]), "received"),
                ],
            }
        )
    applying = [row(_("Who is applying"), _label(ApplicantRole, who["applicant_role"]), "who")]
    if not applies_for_self:
        agrees = _("Yes") if (draft.get("consent") or {}).get("victim_consents") else _("No")
        applying.append(row(_("The victim agrees"), agrees, "consent"))
    sections.append({"heading": _("Who is applying"), "rows": applying})
    victim_rows = [
        row(_("The victim is"), _label(VictimKind, victim["victim_kind"]), "victim"),
        row(_("Victim's name"), victim["victim_name"], "victim"),
    ]
    if not applies_for_self:
        victim_rows.append(row(_("Victim's email address"), victim.get("victim_email", ""), "victim"))
        victim_rows.append(row(_("Victim's phone number"), victim.get("victim_phone", ""), "victim"))
    sections.append({"heading": _("About you") if you else _("The victim"), "rows": victim_rows})
    sections.append(
        {
            "heading": _("Your contact details") if not flow.staff else _("The applicant's contact details"),
            "rows": [
                row(_("Applicant's name") if flow.staff else _("Your name"), contact["applicant_name"], "contact"),
                row(_("Contact by"), _label(ContactMethod, contact["contact_method"]), "contact"),
                row(
                    _("Applicant's email address") if flow.staff else _("Your email address"),
                    contact.get("applicant_email", ""),
                    "contact",
                ),
                row(
                    _("Applicant's phone number") if flow.staff else _("Your phone number"),
                    contact.get("applicant_phone", ""),
                    "contact",
                ),
                row(
                    _("Applicant's postal address") if flow.staff else _("Your postal address"),
                    contact.get("applicant_address", ""),
                    "contact",
                ),
            ],
        }
    )
    sections.append(
        {
            "heading": _("The problem"),
            "rows": [
                row(_("Partnership"), partnership.name if partnership else "", "partnership"),
                row(_("Postcode"), where.get("problem_postcode", ""), "partnership"),
                row(_("Where it happens"), draft["where"]["problem_place"], "where"),
                row(_("What the problem is"), problem["problem"], "problem"),
                row(_("When it started"), _day(problem.get("problem_since")), "problem"),
            ],
        }
    )
    listed: list[dict[str, Any]] = []
    for report in report_rows(draft):
        lines = [
            _("Happened on %(day)s") % {"day": f"{report['behaviour_on']:%-d %B %Y}"},
            _("Reported on %(day)s to %(agency)s")
            % {"day": f"{report['reported_on']:%-d %B %Y}", "agency": report["agency"]},
        ]
        if report["reference"]:
            lines.append(_("Reference: %(reference)s") % {"reference": report["reference"]})
        listed.append(row(_("Report %(number)s") % {"number": report["number"]}, "\n".join(lines), "reports"))
    if not listed:
        listed.append(row(_("Reports"), _("None listed"), "reports"))
    sections.append({"heading": _("Reports already made"), "rows": listed})
    impact_rows = [
        row(
            str(question.text_self if you else question.text),
            _("Yes") if impact.get(f"impact_{question.code}") == "yes" else _("No"),
            "impact",
        )
        for question in IMPACT_QUESTIONS
    ]
    impact_rows.append(
        row(
            _("In your own words") if you else _("The impact described"), impact.get("impact_description", ""), "impact"
        )
    )
    sections.append(
        {"heading": _("How the problem affects you") if you else _("Impact on the victim"), "rows": impact_rows}
    )
    return sections
