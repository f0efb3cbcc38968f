"""Check your answers, send, and the confirmation, for both journeys (see ``apply``).

Abuse protection needs no third party: a honeypot field on the check page (filled, the robot is
shown a confirmation and nothing is kept), and a limit on online applications per address over a
window of hours (SAFERHUB_CASE_REVIEW_LIMIT, SAFERHUB_CASE_REVIEW_LIMIT_HOURS), counted by a keyed
hash of the address, never the address itself.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from saferhub.audit.middleware import client_ip
from saferhub.casereview import access, services
from saferhub.casereview.forms_apply import IMPACT_QUESTIONS
from saferhub.casereview.models import Application, Channel, Status
from saferhub.casereview.timescales import timescales_for
from saferhub.casereview.views import apply_draft as drafts
from saferhub.casereview.views.apply_draft import Flow
from saferhub.lib.workingdays import add_working_days
from saferhub.partnerships.models import Partnership

logger = logging.getLogger(__name__)

# The name of the honeypot: a field a form-filling robot cannot resist and a person never sees.
HONEYPOT = "website"


def source_fingerprint(request: HttpRequest) -> str:
    """A keyed hash (HMAC-SHA256 with a key derived from SECRET_KEY) of the address the request came
    from, honouring SAFERHUB_TRUSTED_PROXY_HOPS. An IPv6 address counts by its /64 network, which one
    household usually holds whole; an IPv4 address by itself."""
    text = client_ip(request) or "unknown"
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        key = text
    else:
        key = str(ipaddress.ip_network(f"{address}/64", strict=False)) if address.version == 6 else str(address)
    return salted_hmac("saferhub.casereview.source_fingerprint", key, algorithm="sha256").hexdigest()


def over_the_limit(fingerprint: str) -> bool:
    """Has this address already sent as many online applications as the window allows?"""
    since = timezone.now() - datetime.timedelta(hours=settings.CASE_REVIEW_LIMIT_HOURS)
    sent = Application.objects.filter(source_fingerprint=fingerprint, created_at__gte=since).count()
    return sent >= settings.CASE_REVIEW_LIMIT


def _submit(request: HttpRequest, flow: Flow, draft: dict[str, Any], partnership: Partnership) -> Application:
    who, victim, contact = draft["who"], draft["victim"], draft["contact"]
    problem, impact = draft["problem"], draft["impact"]
    for_self = drafts.for_self(draft)
    values: dict[str, Any] = {
        "partnership": partnership,
        "applicant_role": who["applicant_role"],
        "victim_consents": bool((draft.get("consent") or {}).get("victim_consents")),
        "victim_kind": victim["victim_kind"],
        "victim_name": victim["victim_name"],
        "victim_email": "" if for_self else victim.get("victim_email", ""),
        "victim_phone": "" if for_self else victim.get("victim_phone", ""),
        "applicant_name": contact["applicant_name"],
        "contact_method": contact["contact_method"],
        "applicant_email": contact.get("applicant_email", ""),
        "applicant_phone": contact.get("applicant_phone", ""),
        "applicant_address": contact.get("applicant_address", ""),
        "problem_postcode": (draft.get("partnership") or {}).get("problem_postcode", ""),
        "problem_place": draft["where"]["problem_place"],
        "problem": problem["problem"],
        "problem_since": datetime.date.fromisoformat(problem["problem_since"])
        if problem.get("problem_since")
        else None,
        "impact": {q.code: impact.get(f"impact_{q.code}") == "yes" for q in IMPACT_QUESTIONS},
        "impact_description": impact.get("impact_description", ""),
        "complaints": [
            services.ComplaintGiven(r["behaviour_on"], r["reported_on"], r["agency"], r["reference"])
            for r in drafts.report_rows(draft)
        ],
    }
    if flow.staff:
        return services.application_submit(
            by=request.user,
            channel=draft["how"]["channel"],
            received_on=drafts.received_on(flow, draft),
            **values,
        )
    return services.application_submit(
        by=None, channel=Channel.ONLINE, source_fingerprint=source_fingerprint(request), **values
    )


def _errors_to_pages(
    request: HttpRequest, flow: Flow, draft: dict[str, Any], error: ValidationError
) -> tuple[HttpResponse | None, list[dict[str, str]]]:
    """Send the applicant to the first page with something to fix, its message waiting there; errors
    no page can fix are shown on the check page."""
    if not hasattr(error, "error_dict"):
        return None, [{"text": message, "href": ""} for message in error.messages]
    found = {name: " ".join(messages) for name, messages in error.message_dict.items()}
    on_pages = {name: message for name, message in found.items() if name in drafts.STEP_OF_FIELD}
    if not on_pages:
        return None, [{"text": message, "href": ""} for message in found.values()]
    draft["pending"] = on_pages
    drafts.save(request, flow, draft)
    first = min((drafts.STEP_OF_FIELD[name] for name in on_pages), key=flow.questions.index)
    return redirect(flow.url(first, from_check=True)), []


def check_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    """Every answer with a Change link; sending it records the application (online: after the
    honeypot and the limit per address), or sends the applicant to the page of anything to fix."""
    draft = drafts.open_step(request, flow, "check")
    if isinstance(draft, HttpResponse):
        return draft
    partnership = drafts.partnership_of(request, flow, draft)
    if partnership is None:
        return redirect(flow.url("partnership", from_check=True))
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if not flow.staff and request.POST.get(HONEYPOT, "").strip():
            # A robot filled the field people never see: it is shown what a person would see, and nothing is kept.
            logger.info("An ASB Case Review application filled the honeypot field; nothing was saved")
            drafts.clear(request, flow)
            request.session[flow.done_key] = {
                "reference": f"CR-{timezone.localdate().year}-{secrets.randbelow(90000) + 10000:05d}",
                "duplicate": False,
                "partnership": partnership.pk,
                "received_on": timezone.localdate().isoformat(),
                "emailed": False,
            }
            return redirect(flow.url("done"))
        if not flow.staff and over_the_limit(source_fingerprint(request)):
            return render(
                request, "casereview/apply/limit.html", {"hours": settings.CASE_REVIEW_LIMIT_HOURS}, status=429
            )
        draft.pop("pending", None)  # errors of an earlier attempt: this one finds its own
        try:
            application = _submit(request, flow, draft, partnership)
        except ValidationError as error:
            elsewhere, errors = _errors_to_pages(request, flow, draft, error)
            if elsewhere is not None:
                return elsewhere
        else:
            drafts.clear(request, flow)
            request.session[flow.done_key] = {
                "reference": application.reference,
                "duplicate": application.status == Status.DUPLICATE,
                "partnership": partnership.pk,
                "received_on": application.received_on.isoformat(),
                "emailed": application.acknowledged_on is not None,
                "application": application.pk,
            }
            if flow.staff and access.applications.can(request.user, "view", application):
                return redirect("casereview:application", application_pk=application.pk)
            return redirect(flow.url("done"))
    return render(
        request,
        "casereview/apply/check.html",
        {
            "flow": flow,
            "sections": drafts.summary(request, flow, draft),
            "errors": errors,
            "back_url": flow.url("impact"),
            "honeypot": HONEYPOT,
        },
    )


def done_step(request: HttpRequest, flow: Flow) -> HttpResponse:
    """The reference number, and what happens next and by when."""
    done = request.session.get(flow.done_key)
    if not isinstance(done, dict):
        return redirect(drafts.start_url(flow))
    partnership = Partnership.objects.filter(pk=done["partnership"]).select_related("area").first()
    if partnership is None:
        return redirect(drafts.start_url(flow))
    received = datetime.date.fromisoformat(done["received_on"])
    timescales = timescales_for(partnership.area)
    return render(
        request,
        "casereview/apply/done.html",
        {
            "flow": flow,
            "done": done,
            "partnership": partnership,
            "timescales": timescales,
            "acknowledge_by": add_working_days(received, timescales.acknowledge_days),
            "decide_by": add_working_days(received, timescales.decide_days),
            "review_by": add_working_days(received, timescales.review_days),
        },
    )
