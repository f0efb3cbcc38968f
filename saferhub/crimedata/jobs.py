"""Imports started from the browser: the files are saved, a background task imports them one by one,
and the job row says how far it has got (the page polls it).

The task runs in ``saferhub db_worker`` (django-tasks' database backend); ``make run`` starts one.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from saferhub import audit
from saferhub.audit.verbs import Verb
from saferhub.crimedata import store
from saferhub.crimedata.importer import ImportFileError, discover
from saferhub.crimedata.models import CrimeImportJob, JobStatus
from saferhub.crimedata.services import crime_files_import

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".csv", ".zip")


def uploads_dir() -> Path:
    return store.crime_dir() / "uploads"


def crime_import_job_start(*, files: list[UploadedFile], by: Any) -> CrimeImportJob:
    """Save the uploaded files in a folder of their own, record the job and queue its task.

    Each file keeps its own name (police.uk names say the month, force and kind), in a numbered
    sub-folder so two files of the same name never overwrite each other.
    """
    names = [Path(f.name or "").name for f in files]
    with transaction.atomic():
        job = CrimeImportJob.objects.create(started_by=by, file_names=names)
        folder = uploads_dir() / str(job.pk)
        for number, (upload, name) in enumerate(zip(files, names, strict=True), start=1):
            target = folder / str(number) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        CrimeImportJob.objects.filter(pk=job.pk).update(folder=str(folder))
        audit.record(actor=by, verb=Verb.CRIME_IMPORT_STARTED, target=job, detail={"files": names})
        transaction.on_commit(lambda: _enqueue(job.pk))
    job.refresh_from_db()
    return job


def _enqueue(job_id: int) -> None:
    result = crime_import_job_run.enqueue(job_id)
    CrimeImportJob.objects.filter(pk=job_id).update(task_id=str(result.id))


@task()
def crime_import_job_run(job_id: int) -> None:
    """Import every police.uk file of the job's folder, saying after each file how far it has got."""
    job = CrimeImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).first()
    if job is None:  # already run, or gone
        return
    folder = Path(job.folder)
    jobs = CrimeImportJob.objects.filter(pk=job.pk)
    jobs.update(status=JobStatus.RUNNING, started_at=timezone.now())
    errors: list[str] = []
    try:
        sources, errors = discover([folder])
        errors = [_shown(message, folder) for message in errors]
        jobs.update(files_total=len(sources), errors=errors)
        # Show and record each file by the name it was uploaded with, not by our folder's path.
        named = [dataclasses.replace(source, name=_shown(source.name, folder)) for source in sources]
        if named:
            jobs.update(current_file=named[0].name[:500])
        # Files are read side by side in threads and recorded here one by one, in order.
        for number, (_source, outcome) in enumerate(crime_files_import(sources=named, by=job.started_by), start=1):
            following = named[number].name[:500] if number < len(named) else ""
            if isinstance(outcome, ImportFileError):
                errors.append(_shown(str(outcome), folder))
                jobs.update(files_done=F("files_done") + 1, errors=errors, current_file=following)
                continue
            record = outcome
            job.imports.add(record)
            jobs.update(
                files_done=F("files_done") + 1,
                rows_accepted=F("rows_accepted") + record.rows_accepted,
                rows_rejected=F("rows_rejected") + record.rows_rejected,
                current_file=following,
            )
    except Exception as error:  # the job page must say it stopped, whatever stopped it
        log.exception("crime import job %s failed", job.pk)
        errors.append(f"The import stopped: {error}")
        jobs.update(status=JobStatus.FAILED, errors=errors, current_file="", finished_at=timezone.now())
        raise
    else:
        jobs.update(status=JobStatus.DONE, errors=errors, current_file="", finished_at=timezone.now())
    finally:
        # What was kept is in the store with its sha256; the uploaded copies are not needed again.
        shutil.rmtree(folder, ignore_errors=True)


def _shown(text: str, folder: Path) -> str:
    """``text`` with the job's upload folder (and its numbered sub-folder) taken out of file paths."""
    prefix = str(folder) + "/"
    if text.startswith(prefix):
        rest = text[len(prefix) :]
        number, _, name = rest.partition("/")
        return name if number.isdigit() and name else rest
    return text
