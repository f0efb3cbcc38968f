"""Pages for analysts: the partnership's partner datasets, one dataset with its imports and monthly
summary, a new dataset, uploading a file and mapping its columns, and the rejected-rows reports.

Every page fetches its dataset or upload with the access policy first, so a missing or forbidden
record is a 404 for GET and POST alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferhub import audit
from saferhub.audit.verbs import Verb
from saferhub.crimedata import store as crime_store
from saferhub.lib.forms import posted
from saferhub.partnerdata import access, selectors, services
from saferhub.partnerdata.forms import DatasetForm, MappingForm, RangeForm, UploadForm
from saferhub.partnerdata.mapping import guess
from saferhub.partnerdata.models import PartnerDataset, PartnerUpload, UploadStatus
from saferhub.partnerdata.reader import FileRefused, same_layout
from saferhub.partnerships.models import Organisation, Partnership
from saferhub.policy import partnership_ids
from saferhub.register.views._common import show_service_errors

PREVIEW_ROWS = 10
SUMMARY_MONTHS = 12


def dataset_for(user: Any, dataset_pk: int, action: str) -> PartnerDataset:
    """The dataset if the user may ``action`` it; 404 when it is missing or forbidden alike."""
    dataset: PartnerDataset = access.datasets.get_for_user(user, action, pk=dataset_pk)
    return dataset


def upload_for(user: Any, dataset_pk: int, upload_pk: int, action: str) -> PartnerUpload:
    """The dataset's upload if the user may ``action`` it; 404 when it is missing or forbidden alike."""
    upload: PartnerUpload = access.uploads.get_for_user(user, action, pk=upload_pk, dataset_id=dataset_pk)
    return upload


def _analysis_partnerships(user: Any) -> QuerySet[Partnership]:
    """Partnerships in which the user keeps partner datasets."""
    return Partnership.objects.filter(
        pk__in=partnership_ids(user, access.ANALYSIS_ROLES), archived_at__isnull=True
    ).order_by("name")


def dataset_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnerships = list(_analysis_partnerships(user))
    if not partnerships:
        raise Http404
    datasets = (
        access.datasets.visible(user, "view")
        .filter(archived_at__isnull=True)
        .select_related("partnership", "organisation")
        .annotate(last_import=Max("uploads__imported_at"))
        .order_by("partnership__name", "name")
    )
    rows = [(dataset, selectors.months_held(dataset)) for dataset in datasets]
    return render(
        request,
        "partnerdata/dataset_list.html",
        {"rows": rows, "show_partnership": len(partnerships) > 1},
    )


def dataset_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnerships = list(_analysis_partnerships(user))
    if not partnerships:
        raise Http404
    today = timezone.localdate()
    organisations = list(
        Organisation.objects.filter(
            Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=today),
            memberships__partnership__in=partnerships,
            archived_at__isnull=True,
        )
        .distinct()
        .order_by("name")
    )
    form = DatasetForm(posted(request), partnerships=partnerships, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partnership = next(p for p in partnerships if len(partnerships) == 1 or p.pk == data["partnership"])
        organisation = next(o for o in organisations if o.pk == data["organisation"])
        try:
            dataset = services.partner_dataset_create(
                partnership=partnership,
                organisation=organisation,
                name=data["name"],
                unit=data["unit"],
                description=data["description"],
                by=user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Dataset “%(name)s” added: upload its first file") % {"name": dataset.name})
            return redirect("partnerdata:upload", dataset_pk=dataset.pk)
    return render(request, "partnerdata/dataset_form.html", {"form": form})


def _areas(dataset: PartnerDataset) -> tuple[list[tuple[str, str]], dict[str, list[str] | None]]:
    """The choices of where the summary's rows are for, and the local authority codes of each."""
    authorities = list(dataset.partnership.local_authorities.order_by("name"))
    choices = [("", _("Every row of the dataset"))]
    codes: dict[str, list[str] | None] = {"": None}
    if authorities:
        choices.append(("partnership", _("%(name)s: its local authorities") % {"name": dataset.partnership.name}))
        codes["partnership"] = [a.ons_code for a in authorities]
    if len(authorities) > 1:
        for authority in authorities:
            choices.append((authority.ons_code, authority.name))
            codes[authority.ons_code] = [authority.ons_code]
    return choices, codes


def dataset_detail(request: HttpRequest, dataset_pk: int) -> HttpResponse:
    user = request.user
    dataset = dataset_for(user, dataset_pk, "view")
    months = selectors.months_held(dataset)
    choices, codes = _areas(dataset)
    summary = None
    form = None
    if months:
        shown = months[-SUMMARY_MONTHS:]
        given = request.GET if "first" in request.GET else None
        form = RangeForm(given, initial={"first": shown[0], "last": shown[-1]}, months=months, areas=choices)
        if given is None:
            first, last, area = shown[0], shown[-1], ""
        elif form.is_valid():
            first, last, area = form.cleaned_data["first"], form.cleaned_data["last"], form.cleaned_data["area"]
        else:
            first = last = area = ""
        if first:
            result = selectors.partner_summary(dataset, first, last, lad_codes=codes.get(area))
            summary = _summary_table(result)
            # Without the LSOA reference table a row is placed in a local authority by its own code only.
            summary["by_own_code_only"] = bool(area) and not crime_store.reference_file("lsoa").is_file()
    uploads = access.uploads.visible(user, "view").filter(dataset=dataset).select_related("uploaded_by", "imported_by")
    return render(
        request,
        "partnerdata/dataset.html",
        {
            "dataset": dataset,
            "mapping_rows": _mapping_rows(dataset),
            "uploads": uploads,
            "months": months,
            "form": form,
            "summary": summary,
            "can_change": access.datasets.can(user, "change", dataset),
        },
    )


def _summary_table(result: dict[str, Any]) -> dict[str, Any]:
    """The summary as a table: a row per month, a column per category, and the totals."""
    categories = list(result["counts"])
    rows = [
        {
            "month": selectors.month_label(month),
            "counts": [result["counts"][c][i] for c in categories],
            "total": result["total"][i],
        }
        for i, month in enumerate(result["months"])
    ]
    totals = [sum(result["counts"][c]) for c in categories]
    return {
        "first": selectors.month_label(result["months"][0]),
        "last": selectors.month_label(result["months"][-1]),
        "categories": categories,
        "rows": rows,
        "totals": totals,
        "grand_total": sum(result["total"]),
    }


def _mapping_rows(dataset: PartnerDataset) -> list[tuple[str, str]]:
    mapping = dataset.mapping
    if mapping is None:
        return []
    none = _("Not in the file")
    date_format = dataset.get_date_format_display()  # type: ignore[attr-defined]
    category = (
        _("Column “%(c)s”") % {"c": mapping.category_column}
        if mapping.category_column
        else _("“%(c)s” for every row") % {"c": mapping.fixed_category}
    )

    def column(name: str) -> str:
        return _("Column “%(c)s”") % {"c": name} if name else none

    coordinates = (
        _("Columns “%(lat)s” and “%(lon)s”") % {"lat": mapping.latitude_column, "lon": mapping.longitude_column}
        if mapping.latitude_column
        else none
    )
    return [
        (_("Date"), _("Column “%(c)s”, %(f)s") % {"c": mapping.date_column, "f": str(date_format).lower()}),
        (_("Category"), category),
        (_("LSOA code"), column(mapping.lsoa_column)),
        (_("Local authority code"), column(mapping.lad_column)),
        (_("Latitude and longitude"), coordinates),
        (_("Count"), column(mapping.count_column) if mapping.count_column else _("Not in the file: each row counts 1")),
    ]


def _imported_message(upload: PartnerUpload) -> str:
    accepted, rejected = upload.rows_accepted or 0, upload.rows_rejected or 0
    text = ngettext("Imported %(n)s row of %(file)s", "Imported %(n)s rows of %(file)s", accepted) % {
        "n": f"{accepted:,}",
        "file": upload.file_name,
    }
    if upload.months:
        text += f" ({selectors.month_range(upload.months)})"
    if rejected:
        text += ". " + ngettext(
            "%(n)s row could not be read: see the rejected-rows report",
            "%(n)s rows could not be read: see the rejected-rows report",
            rejected,
        ) % {"n": f"{rejected:,}"}
    return text


def upload_new(request: HttpRequest, dataset_pk: int) -> HttpResponse:
    user = request.user
    dataset = dataset_for(user, dataset_pk, "change")
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        given = form.cleaned_data["file"]
        try:
            upload = services.partner_upload_receive(dataset=dataset, file_name=given.name, data=given.read(), by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            if upload.status == UploadStatus.IMPORTED:
                messages.success(request, _imported_message(upload))
                return redirect("partnerdata:dataset", dataset_pk=dataset.pk)
            return redirect("partnerdata:mapping", dataset_pk=dataset.pk, upload_pk=upload.pk)
    return render(request, "partnerdata/upload.html", {"dataset": dataset, "form": form})


def upload_mapping(request: HttpRequest, dataset_pk: int, upload_pk: int) -> HttpResponse:
    user = request.user
    upload = upload_for(user, dataset_pk, upload_pk, "change")
    dataset = upload.dataset
    try:
        table = services.upload_table(upload)
    except (OSError, FileRefused):
        raise Http404 from None  # the kept file is gone from the data directory
    saved = dataset.mapping
    initial: dict[str, Any] = guess(table)
    changed = None
    if saved is not None:
        initial.update(saved.kept_for(table.header))
        if not same_layout(dataset.mapped_header, table.header):
            before = {name.casefold() for name in dataset.mapped_header}
            now = {name.casefold() for name in table.header}
            changed = {
                "added": [name for name in table.header if name.casefold() not in before],
                "missing": [name for name in dataset.mapped_header if name.casefold() not in now],
            }
    form = MappingForm(posted(request), initial=initial, header=table.header, offer_rejections=request.method == "POST")
    offer = False
    if request.method == "POST" and form.is_valid():
        try:
            upload = services.partner_dataset_map(
                upload=upload,
                mapping=form.mapping(),
                by=user,
                accept_rejections=form.cleaned_data.get("accept_rejections", False),
            )
        except services.RowsRejected as error:
            show_service_errors(form, error)
            offer = True
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _imported_message(upload))
            return redirect("partnerdata:dataset", dataset_pk=dataset.pk)
    if not offer:
        form.fields.pop("accept_rejections", None)
    return render(
        request,
        "partnerdata/mapping.html",
        {
            "dataset": dataset,
            "upload": upload,
            "form": form,
            "header": table.header,
            "preview": table.rows[:PREVIEW_ROWS],
            "row_count": len(table.rows),
            "changed": changed,
            "offer": offer,
        },
    )


def upload_report(request: HttpRequest, dataset_pk: int, upload_pk: int) -> FileResponse:
    user = request.user
    upload = upload_for(user, dataset_pk, upload_pk, "view")
    path = Path(upload.report_path) if upload.report_path else None
    if path is None or not path.is_file():
        raise Http404
    audit.record(
        actor=user,
        verb=Verb.EXPORTED,
        target=upload,
        partnership=upload.dataset.partnership_id,
        detail={"report": "rejected rows", "rows": upload.rows_rejected},
    )
    name = f"{Path(upload.file_name).stem}-rejected-rows.csv"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="text/csv; charset=utf-8")
