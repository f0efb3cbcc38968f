"""Writes of crime data: import police.uk files into the store, each with its provenance and audit row."""

from __future__ import annotations

import csv
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit.verbs import Verb
from saferhub.crimedata import store
from saferhub.crimedata.importer import ImportFileError, Rejected, Source
from saferhub.crimedata.models import CrimeImport, ReferenceImport
from saferhub.crimedata.reader import CheckedFile, checked_file


def crime_file_import(*, source: Source, by: Any = None) -> CrimeImport:
    """Import one police.uk file: rows into its force-month partition (replacing what was there),
    rejected rows into a report, and a CrimeImport row plus an audit event.

    The Parquet is written under a temporary name and renamed in the same transaction that records
    the import, so a failure at any step leaves the earlier data and provenance as they were.
    Raises ``importer.ImportFileError`` for a file that cannot be read at all.
    """
    return _record(_prepare(source), by=by)


def crime_files_import(
    *, sources: Iterable[Source], by: Any = None, workers: int | None = None
) -> Iterator[tuple[Source, CrimeImport | ImportFileError]]:
    """Import files as ``crime_file_import`` does, yielding each source with its CrimeImport (or the
    ImportFileError that stopped it) in the order given.

    Reading, checking and writing Parquet run in ``workers`` threads (DuckDB works outside Python's
    lock), a few files ahead; each import is recorded, and its Parquet renamed into place, in the
    calling thread, one transaction per file as before. Stopping early removes the files written ahead.
    """
    workers = workers or min(4, os.cpu_count() or 1)
    upcoming = iter(sources)
    ahead: deque[tuple[Source, Future[_Prepared]]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:

        def read_ahead() -> None:
            while len(ahead) < 2 * workers and (source := next(upcoming, None)) is not None:
                ahead.append((source, pool.submit(_prepare, source)))

        try:
            read_ahead()
            while ahead:
                source, future = ahead.popleft()
                try:
                    prepared = future.result()
                except ImportFileError as error:
                    read_ahead()
                    yield source, error
                    continue
                read_ahead()
                yield source, _record(prepared, by=by)
        finally:
            for _, future in ahead:
                future.cancel()
            for _, future in ahead:
                if not future.cancelled() and future.exception() is None:
                    future.result().temporary.unlink(missing_ok=True)


@dataclass
class _Prepared:
    """A file read and checked, its report written and its Parquet in place under a temporary name."""

    source: Source
    sha256: str
    accepted: int
    rejected: int
    duplicate_crime_ids: int
    report: str
    temporary: Path


def _prepare(source: Source) -> _Prepared:
    with checked_file(source) as checked:
        report = _write_report(checked) if checked.rejected else ""
        temporary = store.write_partition_temp(
            source.kind, source.force, source.month, checked.connection, checked.relation
        )
    return _Prepared(
        source=source,
        sha256=checked.sha256,
        accepted=checked.accepted,
        rejected=len(checked.rejected),
        duplicate_crime_ids=checked.duplicate_crime_ids,
        report=report,
        temporary=temporary,
    )


def _record(prepared: _Prepared, *, by: Any) -> CrimeImport:
    source = prepared.source
    try:
        with transaction.atomic():
            replaced = CrimeImport.objects.filter(kind=source.kind, force=source.force, month=source.month).exists()
            record = CrimeImport.objects.create(
                file_name=source.name[:500],
                sha256=prepared.sha256,
                kind=source.kind,
                force=source.force,
                month=source.month,
                rows_accepted=prepared.accepted,
                rows_rejected=prepared.rejected,
                duplicate_crime_ids=prepared.duplicate_crime_ids,
                report_path=prepared.report,
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
            os.replace(prepared.temporary, store.partition_file(source.kind, source.force, source.month))
    finally:
        prepared.temporary.unlink(missing_ok=True)
    return record


def _write_report(checked: CheckedFile) -> str:
    """The rejected rows as CSV (file, line, reason, then the row's fields as read); returns its path."""
    source = checked.source
    folder = store.reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    rows: list[Rejected] = checked.rejected
    for attempt in range(100):  # files are read side by side: never overwrite another's report
        path = folder / f"{source.month}-{source.force}-{source.kind}-{stamp}{f'-{attempt}' if attempt else ''}.csv"
        try:
            out = path.open("x", newline="", encoding="utf-8")
        except FileExistsError:
            continue
        with out:
            writer = csv.writer(out)
            writer.writerow(["file", "line", "reason", "row"])
            for row in rows:
                writer.writerow([source.name, row.line, row.reason, *row.raw])
        return str(path)
    raise FileExistsError(path)


def reference_import(
    *,
    files: list[dict[str, Any]],
    skipped: list[dict[str, str]],
    codes: int,
    attached: dict[str, int],
    report_path: str,
    written: dict[Any, Any],
    by: Any = None,
) -> ReferenceImport:
    """Record one load of the LSOA reference data and put its tables in place (see ``reference.load_reference``).

    ``written`` maps each Parquet file written under a temporary name to the reference file it
    replaces; they are renamed in the transaction that records the load, so a failure leaves the
    earlier tables and their provenance as they were.
    """
    with transaction.atomic():
        record = ReferenceImport.objects.create(
            files=files,
            skipped=skipped,
            codes=codes,
            attached=attached,
            report_path=report_path[:500],
            imported_by=by,
        )
        audit.record(
            actor=by,
            verb=Verb.CRIME_REFERENCE_IMPORTED,
            target=record,
            detail={
                "files": [{"file": f["file"], "sha256": f["sha256"], "accepted": f["accepted"]} for f in files],
                "rejected": sum(f["rejected"] for f in files),
                "codes": codes,
                "attached": attached,
            },
        )
        for temporary, target in written.items():
            os.replace(temporary, target)
    return record
