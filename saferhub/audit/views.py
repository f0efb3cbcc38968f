"""The audit log: a filtered list, one event in full, and a CSV export of the same filters."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from saferhub import audit
from saferhub.audit.access import events, log_partnerships, reads_the_log
from saferhub.audit.forms import AuditFilterForm, verb_label
from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.policy import is_system_administrator

PER_PAGE = 100
CSV_HEADER = [
    "id",
    "occurred_at",
    "actor_id",
    "actor",
    "organisation_id",
    "organisation",
    "verb",
    "target_type",
    "target_id",
    "target",
    "partnership_id",
    "partnership",
    "ip_address",
    "request_id",
    "detail",
    "previous_hash",
    "hash",
]


def _filter_form(request: HttpRequest) -> AuditFilterForm:
    if not reads_the_log(request.user):
        raise Http404
    return AuditFilterForm(request.GET, partnerships=log_partnerships(request.user))


def _read_only(request: HttpRequest) -> HttpResponse | None:
    # Checked after access, so that any method on a record the user may not see answers 404.
    return None if request.method in ("GET", "HEAD") else HttpResponseNotAllowed(["GET", "HEAD"])


def _partnership_names(request: HttpRequest) -> dict[int, str]:
    # One query whatever the page holds: every event the user sees is in one of these partnerships.
    return dict(log_partnerships(request.user).values_list("pk", "name"))


def log(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    if refused := _read_only(request):
        return refused
    page = None
    rows: list[dict[str, Any]] = []
    if form.is_valid():
        matching = form.apply(events.visible(request.user, "view")).order_by("-id")
        page = Paginator(matching, PER_PAGE).get_page(request.GET.get("page"))
        names = _partnership_names(request)
        rows = [_row(event, names) for event in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "export_query": query.urlencode(),
        },
    )


def event(request: HttpRequest, event_pk: int) -> HttpResponse:
    found = events.get_for_user(request.user, "view", pk=event_pk)
    if refused := _read_only(request):
        return refused
    names = _partnership_names(request)
    return render(
        request,
        "audit/event.html",
        {
            "event": found,
            "row": _row(found, names),
            "detail_json": json.dumps(found.detail, indent=2, sort_keys=True, ensure_ascii=False),
        },
    )


def export(request: HttpRequest) -> HttpResponseBase:
    form = _filter_form(request)
    if refused := _read_only(request):
        return refused
    if not form.is_valid():
        # The page shows what to fix, with what they typed.
        return redirect(f"{reverse('audit:log')}?{request.GET.urlencode()}")
    matching = form.apply(events.visible(request.user, "view"))
    # Fix the set before recording the export, so the export's own row is never in it.
    last = matching.aggregate(last=Max("id"))["last"] or 0
    matching = matching.filter(pk__lte=last).order_by("-id")
    count = matching.count()
    audit.record(
        actor=request.user,
        verb=Verb.EXPORTED,
        partnership=_export_partnership(request, form),
        detail={"what": "audit log", "filters": form.summary(), "rows": count},
    )
    response = StreamingHttpResponse(_csv_lines(matching, _partnership_names(request)), content_type="text/csv")
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="saferhub-audit-log-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _export_partnership(request: HttpRequest, form: AuditFilterForm) -> int | None:
    """The partnership the export's own row belongs to, so that partnership's administrators see it:
    the one filtered on, or the only one an administrator reads. Otherwise the row has none."""
    chosen = form.cleaned_data.get("partnership")
    if chosen is not None:
        return int(chosen.pk)
    if is_system_administrator(request.user):
        return None
    ids = list(log_partnerships(request.user).values_list("pk", flat=True))
    return ids[0] if len(ids) == 1 else None


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    # Labels come from users (names, e-mails): stop a spreadsheet reading one as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_lines(matching: QuerySet[AuditEvent], names: dict[int, str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for e in matching.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                _cell(value)
                for value in (
                    e.pk,
                    timezone.localtime(e.occurred_at).isoformat(),
                    e.actor_id if e.actor_id is not None else "",
                    e.actor_label,
                    e.organisation_id if e.organisation_id is not None else "",
                    e.organisation_label,
                    e.verb,
                    e.target_type,
                    e.target_id,
                    e.target_label,
                    e.partnership_id if e.partnership_id is not None else "",
                    names.get(e.partnership_id, "") if e.partnership_id is not None else "",
                    e.ip_address or "",
                    e.request_id,
                    json.dumps(e.detail, sort_keys=True, ensure_ascii=False),
                    e.previous_hash,
                    e.hash,
                )
            ]
        )


def _row(event: AuditEvent, names: dict[int, str]) -> dict[str, Any]:
    partnership = ""
    if event.partnership_id is not None:
        partnership = names.get(event.partnership_id, f"#{event.partnership_id}")
    return {"event": event, "verb": verb_label(event.verb), "partnership": partnership}
