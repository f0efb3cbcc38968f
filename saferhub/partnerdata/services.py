"""Writes of partner data: datasets, uploads, the column mapping and imports, each with its audit row."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferhub import audit
from saferhub.audit.verbs import Verb
from saferhub.partnerdata import store
from saferhub.partnerdata.mapping import FORMAT_EXAMPLES, ColumnMapping, Parsed, parse
from saferhub.partnerdata.models import PartnerDataset, PartnerUpload, UploadStatus
from saferhub.partnerdata.reader import FileRefused, Table, read_table, refuse_personal_data, same_layout
from saferhub.partnerships.models import Membership, Organisation, Partnership

# How many of a column's unreadable values the mapping page lists before "and N more".
FIRST_FEW = 5


class RowsRejected(ValidationError):
    """The mapping fits the file, but some rows cannot be read with it: the messages say which, by field."""


@transaction.atomic
def partner_dataset_create(
    *, partnership: Partnership, organisation: Organisation, name: str, unit: str, description: str = "", by: Any
) -> PartnerDataset:
    """Start a partner dataset: figures ``organisation`` (a current member) gives ``partnership``."""
    name, unit = " ".join(name.split()), " ".join(unit.split())
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Enter the name of the dataset")
    elif PartnerDataset.objects.filter(partnership=partnership, name__iexact=name).exists():
        errors["name"] = _("%(partnership)s already has a dataset called “%(name)s”: give this one another name") % {
            "partnership": partnership.name,
            "name": name,
        }
    if not unit:
        errors["unit"] = _("Enter what the dataset counts, for example incidents")
    today = timezone.localdate()
    member = Membership.objects.filter(partnership=partnership, organisation=organisation).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )
    if not member.exists():
        errors["organisation"] = _("%(organisation)s is not a member of %(partnership)s") % {
            "organisation": organisation.name,
            "partnership": partnership.name,
        }
    if errors:
        raise ValidationError(errors)
    dataset = PartnerDataset.objects.create(
        partnership=partnership,
        organisation=organisation,
        name=name,
        unit=unit,
        description=description.strip(),
        created_by=by,
    )
    audit.record(
        actor=by,
        verb=Verb.PARTNER_DATASET_CREATED,
        target=dataset,
        detail={"name": name, "organisation": organisation.pk, "unit": unit},
    )
    return dataset


def partner_upload_receive(*, dataset: PartnerDataset, file_name: str, data: bytes, by: Any) -> PartnerUpload:
    """Keep a file uploaded to a dataset and record where it came from.

    A file that cannot be read, or whose header looks like personal data, is refused: nothing of it is
    kept, the refusal is audited, and ValidationError({"file": why}) says which column and why.
    When the dataset's saved mapping was made for the same columns the file is imported at once
    (status "imported"); otherwise it waits for its columns to be mapped (``partner_dataset_map``).
    """
    sha256 = hashlib.sha256(data).hexdigest()
    file_name = Path(file_name.replace("\\", "/")).name[:255] or "upload.csv"
    try:
        table = read_table(data)
        refuse_personal_data(table.header)
    except FileRefused as error:
        audit.record(
            actor=by,
            verb=Verb.PARTNER_DATA_REFUSED,
            target=dataset,
            detail={"file": file_name, "sha256": sha256, "reason": str(error)},
        )
        raise ValidationError({"file": str(error)}) from None
    folder = store.uploads_dir(dataset.pk)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{timezone.now():%Y%m%dT%H%M%S%f}-{sha256[:12]}.csv"
    path.write_bytes(data)
    try:
        with transaction.atomic():
            upload = PartnerUpload.objects.create(
                dataset=dataset,
                file_name=file_name,
                sha256=sha256,
                stored_path=str(path),
                header=table.header,
                rows_read=len(table.rows),
                uploaded_by=by,
            )
            audit.record(
                actor=by,
                verb=Verb.PARTNER_DATA_UPLOADED,
                target=upload,
                partnership=dataset.partnership_id,
                detail={"file": file_name, "sha256": sha256, "rows": len(table.rows), "columns": table.header},
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    # The mapping as saved now: the caller's copy of the dataset may be older than the last mapping.
    saved = PartnerDataset.objects.get(pk=dataset.pk)
    mapping = saved.mapping
    if mapping is not None and same_layout(saved.mapped_header, table.header) and not mapping.problems(table.header):
        parsed = parse(table, mapping, today=timezone.localdate())
        return _import(upload=upload, table=table, parsed=parsed, by=by)
    return upload


def upload_table(upload: PartnerUpload) -> Table:
    """The uploaded file's header and rows, read again from where it was kept."""
    return read_table(Path(upload.stored_path).read_bytes())


def partner_dataset_map(
    *, upload: PartnerUpload, mapping: ColumnMapping, by: Any, accept_rejections: bool = False
) -> PartnerUpload:
    """Save ``mapping`` as the upload's dataset's column mapping and import the upload with it.

    ValidationError, by mapping field, when the mapping does not fit the file's columns. RowsRejected
    when some rows cannot be read with it (how many, and the first few with their line numbers), unless
    ``accept_rejections``: then those rows are rejected into the report and the rest imported.
    """
    table = upload_table(upload)
    problems = mapping.problems(table.header)
    if problems:
        raise ValidationError(problems)
    parsed = parse(table, mapping, today=timezone.localdate())
    if parsed.rejected and not accept_rejections:
        raise RowsRejected(rejection_messages(parsed, mapping, rows=len(table.rows)))
    return _import(upload=upload, table=table, parsed=parsed, by=by, mapping=mapping)


def rejection_messages(parsed: Parsed, mapping: ColumnMapping, *, rows: int) -> dict[str, str]:
    """One message per mapping field that rejected rows: how many, and the first few with their lines.
    ``rows`` is how many rows the file has: when no date reads at all, the format is the likely mistake."""
    messages: dict[str, str] = {}
    for name, found in parsed.rejections_by_field().items():
        shown = "; ".join(_("line %(line)s: %(why)s") % {"line": line, "why": why} for line, why in found[:FIRST_FEW])
        more = len(found) - FIRST_FEW
        if more > 0:
            shown += ngettext("; and %(n)s more", "; and %(n)s more", more) % {"n": more}
        column = getattr(mapping, name, "") if name != "row" else ""
        if name == "date_column" and len(found) == rows:
            text = _(
                "No date in “%(column)s” can be read as %(format)s: check the date column and the format of "
                "the dates (%(shown)s)"
            ) % {"column": column, "format": FORMAT_EXAMPLES.get(mapping.date_format, ""), "shown": shown}
        elif column:
            text = ngettext(
                "%(n)s row has a value in “%(column)s” that cannot be read (%(shown)s)",
                "%(n)s rows have a value in “%(column)s” that cannot be read (%(shown)s)",
                len(found),
            ) % {"n": len(found), "column": column, "shown": shown}
        else:
            text = ngettext(
                "%(n)s row does not have as many fields as the header (%(shown)s)",
                "%(n)s rows do not have as many fields as the header (%(shown)s)",
                len(found),
            ) % {"n": len(found), "shown": shown}
        messages[name] = text
    return messages


def _import(
    *, upload: PartnerUpload, table: Table, parsed: Parsed, by: Any, mapping: ColumnMapping | None = None
) -> PartnerUpload:
    """Store the parsed rows, replacing the months they cover, and record the import (and the mapping, if given).

    The Parquet is written under temporary names and renamed in the transaction that records the
    import, so a failure before that leaves the dataset's months and provenance as they were.
    """
    dataset_id = upload.dataset_id
    report = ""
    temporary: dict[str, Path] = {}
    try:
        report = _write_report(upload, table, parsed) if parsed.rejected else ""
        temporary = store.write_months_temp(dataset_id, parsed.rows)
        with transaction.atomic():
            # One import of a dataset at a time: the months it holds are read and replaced together.
            dataset = PartnerDataset.objects.select_for_update().get(pk=dataset_id)
            if mapping is not None:
                _save_mapping(dataset, mapping, table.header, upload, by)
            held = set(store.months_held(dataset_id))
            months = parsed.months
            upload.status = UploadStatus.IMPORTED
            upload.rows_accepted = len(parsed.rows)
            upload.rows_rejected = len(parsed.rejected)
            upload.months = months
            upload.replaced_months = [m for m in months if m in held]
            upload.report_path = report
            upload.imported_by = by
            upload.imported_at = timezone.now()
            upload.save()
            audit.record(
                actor=by,
                verb=Verb.PARTNER_DATA_IMPORTED,
                target=upload,
                partnership=dataset.partnership_id,
                detail={
                    "file": upload.file_name,
                    "sha256": upload.sha256,
                    "accepted": upload.rows_accepted,
                    "rejected": upload.rows_rejected,
                    "months": months,
                    "replaced": upload.replaced_months,
                },
            )
            for month, path in temporary.items():
                os.replace(path, store.month_file(dataset_id, month))
    except BaseException:
        if report:
            Path(report).unlink(missing_ok=True)
        raise
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)
    return upload


def _save_mapping(
    dataset: PartnerDataset, mapping: ColumnMapping, header: list[str], upload: PartnerUpload, by: Any
) -> None:
    names = ColumnMapping.field_names()
    for name in names:
        setattr(dataset, name, getattr(mapping, name).strip() if name == "fixed_category" else getattr(mapping, name))
    dataset.mapped_header = header
    dataset.mapped_at = timezone.now()
    dataset.mapped_by = by
    dataset.save(update_fields=[*names, "mapped_header", "mapped_at", "mapped_by"])
    audit.record(
        actor=by,
        verb=Verb.PARTNER_DATASET_MAPPED,
        target=dataset,
        detail={"mapping": dataclasses.asdict(mapping), "columns": header, "upload": upload.pk},
    )


def _write_report(upload: PartnerUpload, table: Table, parsed: Parsed) -> str:
    """The rejected rows as CSV (line, reason, then the row's fields under the file's header); returns its path."""
    folder = store.reports_dir(upload.dataset_id)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"upload-{upload.pk}-{timezone.now():%Y%m%dT%H%M%S%f}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([_("line"), _("reason"), *table.header])
        for row in parsed.rejected:
            writer.writerow([row.line, row.reason, *row.fields])
    return str(path)
