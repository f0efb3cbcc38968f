"""Writes of crime data: import one police.uk file into the store, with its provenance and audit row."""

from __future__ import annotations

import csv
import hashlib
import os
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit.verbs import Verb
from saferhub.crimedata import store
from saferhub.crimedata.importer import ParsedFile, Source, parse
from saferhub.crimedata.models import CrimeImport


def crime_file_import(*, source: Source, by: Any = None) -> CrimeImport:
    """Import one police.uk file: rows into its force-month partition (replacing what was there),
    rejected rows into a report, and a CrimeImport row plus an audit event.

    The Parquet is written under a temporary name and renamed in the same transaction that records
    the import, so a failure at any step leaves the earlier data and provenance as they were.
    Raises ``importer.ImportFileError`` for a file that cannot be read at all.
    """
    data = source.read()
    parsed = parse(source, data, hashlib.sha256(data).hexdigest())
    report = _write_report(parsed) if parsed.rejected else ""
    temporary = store.write_partition_temp(source.kind, source.force, source.month, parsed.rows)
    try:
        with transaction.atomic():
            replaced = CrimeImport.objects.filter(kind=source.kind, force=source.force, month=source.month).exists()
            record = CrimeImport.objects.create(
                file_name=source.name[:500],
                sha256=parsed.sha256,
                kind=source.kind,
                force=source.force,
                month=source.month,
                rows_accepted=len(parsed.rows),
                rows_rejected=len(parsed.rejected),
                duplicate_crime_ids=parsed.duplicate_crime_ids,
                report_path=report,
                imported_by=by,
                replaced=replaced,
            )
            audit.record(
                actor=by,
                verb=Verb.CRIME_IMPORTED,
                target=record,
                detail={
                    "file": record.file_name,
                    "sha256": record.sha256,
                    "accepted": record.rows_accepted,
                    "rejected": record.rows_rejected,
                    "replaced": replaced,
                },
            )
            os.replace(temporary, store.partition_file(source.kind, source.force, source.month))
    finally:
        temporary.unlink(missing_ok=True)
    return record


def _write_report(parsed: ParsedFile) -> str:
    """The rejected rows as CSV (file, line, reason, then the row's fields as read); returns its path."""
    source = parsed.source
    folder = store.reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{source.month}-{source.force}-{source.kind}-{stamp}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "reason", "row"])
        for row in parsed.rejected:
            writer.writerow([source.name, row.line, row.reason, *row.raw])
    return str(path)
