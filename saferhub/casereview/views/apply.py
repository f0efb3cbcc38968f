"""Applying for an ASB Case Review: short question pages, a draft in the session, check your
answers, send.

The public journey needs no sign-in (every public view is ``@public``). Staff of a partnership
(managers and officers) enter an application from a phone call or letter through the same
questions, with two more first; anyone else gets a 404. Each step is written once, taking the
``Flow``; the views at the end open it to the public or to staff. Checking the answers and
sending them is in ``apply_send``; the draft and moving between pages in ``apply_draft``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub.accounts.mfa import public
from saferhub.casereview.forms_apply import (
    MAX_REPORTS,
    ConsentForm,
    ContactForm,
    HowForm,
    ImpactForm,
    PartnershipForm,
    ProblemForm,
    ReceivedForm,
    ReportForm,
    VictimForm,
    WhereForm,
    WhoForm,
)
from saferhub.casereview.models import VictimKind
from saferhub.casereview.views import apply_draft as drafts
from saferhub.casereview.views.apply_draft import PUBLIC, STAFF, Flow
from saferhub.casereview.views.apply_send import check_step, done_step
from saferhub.lib.forms import posted

# --- the two journeys' views are the same steps, opened to the public or to staff -----------------

Step = Callable[[HttpRequest, Flow], HttpResponse]


def _for_public(step: Step) -> Callable[[HttpRequest], HttpResponse]:
    @public
    @wraps(step)
    def view(request: HttpRequest) -> HttpResponse:
        return step(request, PUBLIC)

    return view


def _for_staff(step: Step) -> Callable[[HttpRequest], HttpResponse]:
    @wraps(step)
    def view(request: HttpRequest) -> HttpResponse:
        if not drafts.entering_partnerships(request.user).exists():
            raise Http404
        return step(request, STAFF)

    return view


# --- helpers of every question page -----------------------------------------------------------------


def _form(request: HttpRequest, flow: Flow, draft: dict[str, Any], step: str, form_class: Any, **kwargs: Any) -> Any:
    """The step's form: what was posted; or the saved answers, showing any error the service found
    in them when the application was sent."""
    initial = drafts.from_json(form_class, draft.get(step) or {})
    if request.method == "POST":
        return form_class(request.POST, initial=initial, **kwargs)
    pending = drafts.take_pending(draft, drafts.fields_of(step))
    if not pending:
        return form_class(initial=initial, **kwargs)
    drafts.save(request, flow, draft)
    form = form_class(drafts.as_data(form_class(initial=initial, **kwargs)), initial=initial, pending=pending, **kwargs)
    form.is_valid()
    return form


def _page(
    request: HttpRequest, flow: Flow, draft: dict[str, Any], step: str, form: Any, title: str, **extra: Any
) -> HttpResponse:
    context = {
        "flow": flow,
        "form": form,
        "title": title,
        "back_url": drafts.back_url(request, flow, draft, step),
        **extra,
    }
    return render(request, "casereview/apply/question.html", context)


def _save_step(request: HttpRequest, flow: Flow, draft: dict[str, Any], step: str, values: dict[str, Any]) -> None:
    draft[step] = drafts.to_json(values)
    drafts.save(request, flow, draft)


# --- start ------------------------------------------------------------------------------------------


@public
def apply_start(request: HttpRequest) -> HttpResponse:
    """What an ASB Case Review is, who may apply and when; the Start button begins a fresh draft."""
    if request.method == "POST":
        drafts.start(request, PUBLIC)
        return redirect(PUBLIC.url(PUBLIC.questions[0]))
    return render(
        request,
        "casereview/apply/start.html",
        {
            "in_progress": drafts.load(request, PUBLIC) is not None,
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
        },
    )


def staff_start(request: HttpRequest) -> HttpResponse:
    """Enter an application made by phone, letter, email or in person (managers and officers)."""
    if not drafts.entering_partnerships(request.user).exists():
        raise Http404
    if request.method == "POST":
        drafts.start(request, STAFF)
        return redirect(STAFF.url(STAFF.questions[0]))
    return render(
        request, "casereview/apply/staff_start.html", {"in_progress": drafts.load(request, STAFF) is not None}
    )


# --- the questions ----------------------------------------------------------------------------------


def how_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "how")
    if isinstance(draft, HttpResponse):
        return draft
    form = _form(request, flow, draft, "how", HowForm)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "how", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "how")
    return _page(request, flow, draft, "how", form, _("How was the application made?"))


def received_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "received")
    if isinstance(draft, HttpResponse):
        return draft
    form = _form(request, flow, draft, "received", ReceivedForm)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "received", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "received")
    return _page(request, flow, draft, "received", form, _("When was the application received?"))


def partnership_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "partnership")
    if isinstance(draft, HttpResponse):
        return draft
    choices = list(drafts.partnerships_for(flow, request))
    form = _form(request, flow, draft, "partnership", PartnershipForm, partnerships=choices)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "partnership", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "partnership")
    only = choices[0].name if len(choices) == 1 else ""
    return _page(request, flow, draft, "partnership", form, _("Which area is the problem in?"), only=only)


def who_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "who")
    if isinstance(draft, HttpResponse):
        return draft
    form = _form(request, flow, draft, "who", WhoForm, staff=flow.staff)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "who", form.cleaned_data)
        if drafts.for_self(draft):
            # The victim applies for themselves: no consent to give, and their contact details are the applicant's.
            draft.pop("consent", None)
            for name in ("victim_email", "victim_phone"):
                (draft.get("victim") or {}).pop(name, None)
        drafts.save(request, flow, draft)
        return drafts.next_page(request, flow, draft, "who")
    return _page(request, flow, draft, "who", form, _("Who is applying?"))


def consent_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "consent")
    if isinstance(draft, HttpResponse):
        return draft
    form = _form(request, flow, draft, "consent", ConsentForm, staff=flow.staff)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "consent", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "consent")
    lead = (
        _("Someone can apply for the victim only if the victim agrees. The partnership may contact them to check.")
        if flow.staff
        else _("You can apply for someone else only if they agree. The partnership may contact them to check.")
    )
    return _page(request, flow, draft, "consent", form, _("The victim's agreement"), lead=lead)


def victim_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "victim")
    if isinstance(draft, HttpResponse):
        return draft
    for_self = drafts.for_self(draft)
    form = _form(request, flow, draft, "victim", VictimForm, applies_for_self=for_self)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "victim", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "victim")
    title = _("About you") if for_self and not flow.staff else _("About the victim")
    return _page(request, flow, draft, "victim", form, title)


def contact_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "contact")
    if isinstance(draft, HttpResponse):
        return draft
    form = _form(request, flow, draft, "contact", ContactForm, staff=flow.staff)
    victim = draft.get("victim") or {}
    fresh = request.method != "POST" and not draft.get("contact")
    if fresh and drafts.for_self(draft) and victim.get("victim_kind") == VictimKind.PERSON:
        # A person applying for themselves has already typed their name.
        form.initial["applicant_name"] = victim.get("victim_name", "")
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "contact", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "contact")
    title = _("The applicant's contact details") if flow.staff else _("Your contact details")
    return _page(request, flow, draft, "contact", form, title)


def where_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "where")
    if isinstance(draft, HttpResponse):
        return draft
    form = _form(request, flow, draft, "where", WhereForm)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "where", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "where")
    return _page(request, flow, draft, "where", form, _("Where does the problem happen?"))


def problem_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "problem")
    if isinstance(draft, HttpResponse):
        return draft
    form = _form(request, flow, draft, "problem", ProblemForm, latest=drafts.received_on(flow, draft))
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "problem", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "problem")
    return _page(request, flow, draft, "problem", form, _("What is the problem?"))


def reports_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    """The reports listed so far (none is allowed), each removable; add another, or continue."""
    draft = drafts.open_step(request, flow, "reports")
    if isinstance(draft, HttpResponse):
        return draft
    if request.method == "POST":
        if "remove" in request.POST:
            with contextlib.suppress(ValueError, IndexError):
                del draft.setdefault("reports", [])[int(request.POST["remove"]) - 1]
            drafts.save(request, flow, draft)
            return redirect(request.get_full_path())
        draft["reports_done"] = True
        drafts.save(request, flow, draft)
        return drafts.next_page(request, flow, draft, "reports")
    pending = drafts.take_pending(draft, drafts.fields_of("reports"))
    if pending:
        drafts.save(request, flow, draft)
    suffix = "?from=check" if drafts.from_check(request) else ""
    return render(
        request,
        "casereview/apply/reports.html",
        {
            "flow": flow,
            "reports": drafts.report_rows(draft),
            "errors": [{"text": message, "href": "#reports"} for message in pending.values()],
            "can_add": len(draft.get("reports") or []) < MAX_REPORTS,
            "add_url": flow.url("report") + suffix,
            "change_url": flow.url("report") + (f"{suffix}&" if suffix else "?"),
            "back_url": drafts.back_url(request, flow, draft, "reports"),
            "for_self": drafts.for_self(draft) and not flow.staff,
        },
    )


def report_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    """Add a report, or change one (``?number=2``); back to the list either way."""
    draft = drafts.open_step(request, flow, "reports")
    if isinstance(draft, HttpResponse):
        return draft
    reports = draft.setdefault("reports", [])
    back = flow.url("reports", from_check=drafts.from_check(request))
    number: int | None = None
    if "number" in request.GET:
        try:
            number = int(request.GET["number"])
        except ValueError:
            number = 0
        if not 1 <= number <= len(reports):
            return redirect(back)
    elif len(reports) >= MAX_REPORTS:
        return redirect(back)
    saved = reports[number - 1] if number else {}
    form = ReportForm(
        posted(request), initial=drafts.from_json(ReportForm, saved), latest=drafts.received_on(flow, draft)
    )
    if request.method == "POST" and form.is_valid():
        values = drafts.to_json(form.cleaned_data)
        if number:
            reports[number - 1] = values
        else:
            reports.append(values)
        drafts.save(request, flow, draft)
        return redirect(back)
    title = _("Change report %(number)s") % {"number": number} if number else _("Add a report")
    return render(
        request,
        "casereview/apply/question.html",
        {"flow": flow, "form": form, "title": title, "back_url": back, "button": _("Save this report")},
    )


def impact_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    draft = drafts.open_step(request, flow, "impact")
    if isinstance(draft, HttpResponse):
        return draft
    for_self = drafts.for_self(draft) and not flow.staff
    form = _form(request, flow, draft, "impact", ImpactForm, applies_for_self=for_self)
    if request.method == "POST" and form.is_valid():
        _save_step(request, flow, draft, "impact", form.cleaned_data)
        return drafts.next_page(request, flow, draft, "impact")
    title = _("How the problem affects you") if for_self else _("How the problem affects the victim")
    lead = _("These answers help the partnership understand the harm the behaviour causes, and who may need support.")
    return _page(request, flow, draft, "impact", form, title, lead=lead)


# --- check your answers, send ---------------------------------------------------------------------


# --- the URLs' views -----------------------------------------------------------------------------

apply_partnership = _for_public(partnership_step)
apply_who = _for_public(who_step)
apply_consent = _for_public(consent_step)
apply_victim = _for_public(victim_step)
apply_contact = _for_public(contact_step)
apply_where = _for_public(where_step)
apply_problem = _for_public(problem_step)
apply_reports = _for_public(reports_step)
apply_report = _for_public(report_step)
apply_impact = _for_public(impact_step)
apply_check = _for_public(check_step)
apply_done = _for_public(done_step)

staff_how = _for_staff(how_step)
staff_received = _for_staff(received_step)
staff_partnership = _for_staff(partnership_step)
staff_who = _for_staff(who_step)
staff_consent = _for_staff(consent_step)
staff_victim = _for_staff(victim_step)
staff_contact = _for_staff(contact_step)
staff_where = _for_staff(where_step)
staff_problem = _for_staff(problem_step)
staff_reports = _for_staff(reports_step)
staff_report = _for_staff(report_step)
staff_impact = _for_staff(impact_step)
staff_check = _for_staff(check_step)
staff_done = _for_staff(done_step)
