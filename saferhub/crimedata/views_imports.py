"""Analysts' pages for police.uk imports: what is held, each import with its rejected rows, and
uploading files, which a background task imports while the page shows how far it has got."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saferhub.crimedata import access, store
from saferhub.crimedata.jobs import UPLOAD_SUFFIXES, crime_import_job_start
from saferhub.crimedata.models import CrimeKind
from saferhub.lib.forms import GovukForm, posted

PER_PAGE = 50
# Rejected rows shown on an import's page; the whole list is in its report.
REJECTED_SHOWN = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return [single(f, initial) for f in files if f] or [single(None, initial)]


class UploadForm(GovukForm):
    files = MultipleFileField(
        label=gettext_lazy("Police.uk files"),
        help_text=gettext_lazy(
            "Street, outcomes or stop-and-search CSV files, or the monthly .zip archives from "
            "data.police.uk, named as police.uk names them (for example 2024-01-essex-street.csv). "
            "You can choose several. A month already held for a force is replaced."
        ),
        error_messages={"required": gettext_lazy("Choose one or more police.uk files to import")},
    )

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data["files"]
        wrong = [f.name for f in files if not f.name.lower().endswith(UPLOAD_SUFFIXES)]
        if wrong:
            raise forms.ValidationError(
                _("%(names)s: choose .csv or .zip files only") % {"names": ", ".join(wrong)},
            )
        return files


def import_list(request: HttpRequest) -> HttpResponse:
    imports = access.imports.visible(request.user, "view")
    if not access.reads_crime_data(request.user):
        raise Http404
    held = [
        {**row, "kind": CrimeKind(row["kind"]).label}
        for row in imports.values("force", "kind")
        .annotate(first=Min("month"), last=Max("month"), months=Count("month", distinct=True))
        .order_by("force", "kind")
    ]
    # The rows held are those of the latest import of each force-month (an earlier one was replaced).
    page = Paginator(imports.select_related("imported_by__organisation"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "crimedata/imports/list.html",
        {
            "held": held,
            "page": page,
            "jobs": access.jobs.visible(request.user, "view").select_related("started_by__organisation")[:10],
            "may_import": access.jobs_may_start(request.user),
            "totals": imports.aggregate(accepted=Sum("rows_accepted"), rejected=Sum("rows_rejected")),
        },
    )


def import_detail(request: HttpRequest, import_pk: int) -> HttpResponse:
    record = access.imports.get_for_user(request.user, "view", pk=import_pk)
    rejected: list[list[str]] = []
    report = Path(record.report_path) if record.report_path else None
    if report and report.is_file():
        with report.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            for row in reader:
                rejected.append(row)
                if len(rejected) == REJECTED_SHOWN:
                    break
    return render(
        request,
        "crimedata/imports/detail.html",
        {"record": record, "rejected": rejected, "report_held": bool(report and report.is_file())},
    )


def import_report(request: HttpRequest, import_pk: int) -> FileResponse:
    record = access.imports.get_for_user(request.user, "view", pk=import_pk)
    report = Path(record.report_path) if record.report_path else None
    # Only files the importer wrote, under the reports folder, are ever served.
    if report is None or not report.is_file() or store.reports_dir().resolve() not in report.resolve().parents:
        raise Http404
    return FileResponse(report.open("rb"), as_attachment=True, filename=report.name, content_type="text/csv")


def import_new(request: HttpRequest) -> HttpResponse:
    if not access.jobs_may_start(request.user):
        raise Http404
    form = UploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = crime_import_job_start(files=form.cleaned_data["files"], by=request.user)
        return redirect("crimedata:job", job_pk=job.pk)
    return render(request, "crimedata/imports/new.html", {"form": form})


def job_detail(request: HttpRequest, job_pk: int) -> HttpResponse:
    job = access.jobs.get_for_user(request.user, "view", pk=job_pk)
    template = "crimedata/imports/_progress.html" if request.headers.get("HX-Request") else "crimedata/imports/job.html"
    return render(request, template, {"job": job, "imports": job.imports.order_by("file_name")})
