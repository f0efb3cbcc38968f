"""Analysts upload police.uk files in the browser; a background task imports them and the job page
says how far it has got. The task runs in the real database worker (``db_worker --batch``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.crimedata.models import CrimeImport, CrimeImportJob, JobStatus

pytestmark = pytest.mark.django_db

BAD_ROW = ",2024-01,Essex Police,Essex Police,0.1,north,On or near X,E01021237,Basildon 001A,Burglary,,"


def _rows_in(path):
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def _upload(name, data):
    return SimpleUploadedFile(name, data, content_type="text/csv")


# Committed for real: the worker checks its connection between tasks (close_old_connections), which
# would close a connection held open inside a test's transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_an_analyst_uploads_files_and_a_background_task_imports_them(world, client_for, police_data):
    real = police_data / "police-uk-essex-street-2024" / "2024-01-essex-street.csv"
    with_bad_row = real.read_bytes().rstrip(b"\r\n") + b"\r\n" + BAD_ROW.encode() + b"\r\n"
    client = client_for(world.analyst)
    response = client.post(
        reverse("crimedata:import-new"),
        {"files": [_upload("2024-01-essex-street.csv", with_bad_row), _upload("january.csv", b"a,b\r\n")]},
    )
    job = CrimeImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("crimedata:job", args=[job.pk])
    assert job.status == JobStatus.QUEUED and job.task_id
    assert job.file_names == ["2024-01-essex-street.csv", "january.csv"]
    page = client.get(response.url).content.decode()
    assert "Waiting to start" in page and 'hx-trigger="every 2s"' in page
    assert AuditEvent.objects.filter(verb=Verb.CRIME_IMPORT_STARTED, actor_id=world.analyst.pk).exists()

    call_command("db_worker", "--batch", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.files_total, job.files_done, job.percent) == (1, 1, 100)
    assert job.rows_accepted + job.rows_rejected == _rows_in(real) + 1
    assert job.rows_rejected == 1
    # The misnamed file is said by the name it was uploaded with, not by the server's folder.
    assert job.errors == [
        "january.csv: not a police.uk file name "
        "(expected YYYY-MM-<force>-street.csv, -outcomes.csv or -stop-and-search.csv)"
    ]
    record = CrimeImport.objects.get()
    assert record.file_name == "2024-01-essex-street.csv" and record.imported_by == world.analyst
    assert list(job.imports.all()) == [record]
    # The uploaded copies are gone; what was kept is in the store.
    assert not Path(job.folder).exists()

    # The page polled by htmx is the progress fragment alone, and stops polling once finished.
    fragment = client.get(reverse("crimedata:job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "hx-trigger" not in fragment
    assert "1 of 1 files imported" in fragment and "january.csv" in fragment

    detail = client.get(reverse("crimedata:import", args=[record.pk])).content.decode()
    assert "latitude &#x27;north&#x27; is not a number" in detail
    report = client.get(reverse("crimedata:import-report", args=[record.pk]))
    assert report.status_code == 200 and report["Content-Type"] == "text/csv"
    lines = b"".join(report.streaming_content).decode().splitlines()
    assert lines[0] == "file,line,reason,row" and len(lines) == 2
    assert lines[1].split(",")[1] == str(_rows_in(real) + 2)

    listing = client.get(reverse("crimedata:imports")).content.decode()
    assert "2024-01-essex-street.csv" in listing and "Import police.uk files" in listing


def test_only_files_named_csv_or_zip_are_taken_and_the_form_says_so(world, client_for):
    response = client_for(world.manager).post(
        reverse("crimedata:import-new"), {"files": [_upload("crimes.xlsx", b"PK")]}
    )
    assert response.status_code == 200
    assert "crimes.xlsx: choose .csv or .zip files only" in response.content.decode()
    empty = client_for(world.manager).post(reverse("crimedata:import-new"), {})
    assert "Choose one or more police.uk files to import" in empty.content.decode()
    assert not CrimeImportJob.objects.exists()


def test_people_who_do_not_analyse_crime_data_get_not_found(world, client_for):
    job = CrimeImportJob.objects.create(started_by=world.analyst, file_names=["x.csv"])
    for user in (world.council_officer, world.panel_chair, world.scrutiny, world.county_viewer, world.outsider):
        client = client_for(user)
        for url in (
            reverse("crimedata:imports"),
            reverse("crimedata:import-new"),
            reverse("crimedata:job", args=[job.pk]),
        ):
            assert client.get(url).status_code == 404, (user, url)
