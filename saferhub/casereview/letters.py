"""The letters to an ASB Case Review applicant, as PDFs rendered by WeasyPrint from HTML templates.

A letter is rendered again from the record each time it is opened (``Letter`` keeps when, to whom
and by whom it was sent, not a file). What each kind says is taken from fields that do not change
after it was sent: the timescales from the date received, the decision's reasons and the engine's
reasons as saved with the decision, the review's findings and recommendations as recorded.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from saferhub.casereview.models import Application, Letter, LetterKind, Status
from saferhub.casereview.timescales import timescales_for
from saferhub.incidents.rules import rules_for
from saferhub.lib.workingdays import add_working_days

TEMPLATES = {
    LetterKind.ACKNOWLEDGEMENT: "casereview/letters/acknowledgement.html",
    LetterKind.DECISION: "casereview/letters/decision.html",
    LetterKind.OUTCOME: "casereview/letters/outcome.html",
}


def filename(letter: Letter) -> str:
    return f"{letter.application.reference}-{letter.kind}-{letter.pk}.pdf"


def _acknowledgement(application: Application) -> dict[str, Any]:
    timescales = timescales_for(application.partnership.area)
    received = application.received_on
    return {
        "duplicate": application.status == Status.DUPLICATE,
        "duplicate_of": application.duplicate_of,
        "decide_by": add_working_days(received, timescales.decide_days),
        "review_by": add_working_days(received, timescales.review_days),
        "timescales": timescales,
    }


def _months(count: int) -> str:
    words = {1: "one month", 2: "two months", 3: "three months", 6: "six months", 12: "twelve months"}
    return words.get(count, f"{count} months")


def _decision(application: Application) -> dict[str, Any]:
    detail = application.threshold_detail or {}
    # The engine's reasons were saved with the decision; the periods are the area's as they stand.
    rules = rules_for(application.partnership.area)
    complaints = list(application.complaints.all())
    assessed = []
    for finding in detail.get("complaints", []):
        index = int(finding.get("index", 0))
        complaint = complaints[index - 1] if 0 < index <= len(complaints) else None
        assessed.append({"index": index, "complaint": complaint, **finding})
    return {
        "met": bool(application.threshold_met),
        "automatic": application.threshold_automatic,
        "qualifying": detail.get("qualifying_complaints", 0),
        "required": detail.get("required", 0),
        "assessed": assessed,
        "complaint_within": _months(int(rules.complaint_within_months)),
        "application_within": _months(int(rules.application_within_months)),
    }


def _outcome(application: Application) -> dict[str, Any]:
    return {
        "responses": application.agency_responses.select_related("organisation").order_by("organisation__name"),
        "recommendations": application.recommendations.select_related("owner"),
    }


BODIES = {
    LetterKind.ACKNOWLEDGEMENT: _acknowledgement,
    LetterKind.DECISION: _decision,
    LetterKind.OUTCOME: _outcome,
}


def context(letter: Letter) -> dict[str, Any]:
    """What the letter's template needs: the letterhead, the addressee, and the body for its kind."""
    application = letter.application
    sender = letter.sent_by or application.single_point_of_contact
    return {
        "letter": letter,
        "application": application,
        "partnership": application.partnership,
        "sent_on": timezone.localtime(letter.sent_at).date(),
        "address_lines": [line.strip() for line in application.applicant_address.splitlines() if line.strip()],
        "sender": sender,
        **BODIES[LetterKind(letter.kind)](application),
    }


def render_html(letter: Letter) -> str:
    return render_to_string(TEMPLATES[LetterKind(letter.kind)], context(letter))


def render_pdf(letter: Letter) -> bytes:
    """The letter as a tagged PDF (PDF/UA-1, so screen readers can read it)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # A letter loads nothing from outside: what an applicant typed can never make the server fetch a URL.
    fetcher = URLFetcher(allowed_protocols=["data"])
    pdf = HTML(string=render_html(letter), url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
    return bytes(pdf or b"")
