"""The partner data pages: a new dataset, uploading, mapping the columns (errors in GOV.UK style), the
dataset's summary and imports, and the rejected-rows report."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferhub.audit.models import AuditEvent
from saferhub.partnerdata.models import PartnerDataset, PartnerUpload
from saferhub.partnerdata.tests.fire import BRAINTREE, FIRE_MAPPING, expected, fire_csv, fires, write_lsoa_reference
from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map

pytestmark = pytest.mark.django_db

Q1 = ["2024-01", "2024-02", "2024-03"]


def _post_file(client, dataset, data, name="fires.csv"):
    return client.post(reverse("partnerdata:upload", args=[dataset.pk]), {"file": SimpleUploadedFile(name, data)})


def test_the_analyst_adds_a_dataset_and_is_taken_to_its_upload(world, client_for):
    client = client_for(world.analyst)
    page = client.get(reverse("partnerdata:dataset-new"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Essex County Fire &amp; Rescue Service" in body and "Castle Point Borough Council" not in body
    response = client.post(
        reverse("partnerdata:dataset-new"),
        {"organisation": world.fire.pk, "name": "Deliberate fires", "unit": "incidents", "description": ""},
    )
    dataset = PartnerDataset.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("partnerdata:upload", args=[dataset.pk])
    assert (dataset.partnership, dataset.created_by) == (world.home.partnership, world.analyst)


def test_a_dataset_form_with_errors_keeps_what_was_typed(world, client_for):
    fire_dataset(world)
    client = client_for(world.analyst)
    url = reverse("partnerdata:dataset-new")
    blank = client.post(url, {"organisation": world.fire.pk, "name": "Deliberate fires", "unit": ""})
    body = blank.content.decode()
    assert blank.status_code == 200 and "govuk-error-summary" in body
    assert '<a href="#id_unit">Enter what the dataset counts, for example incidents</a>' in body
    assert 'value="Deliberate fires"' in body
    taken = client.post(url, {"organisation": world.fire.pk, "name": "deliberate fires", "unit": "incidents"})
    assert "already has a dataset called “deliberate fires”" in taken.content.decode()
    assert PartnerDataset.objects.count() == 1


def test_the_first_upload_shows_the_header_and_rows_and_asks_for_the_mapping(world, client_for):
    dataset = fire_dataset(world)
    client = client_for(world.analyst)
    rows = fires(Q1)
    response = _post_file(client, dataset, fire_csv(rows))
    upload = PartnerUpload.objects.get()
    assert response["Location"] == reverse("partnerdata:mapping", args=[dataset.pk, upload.pk])
    page = client.get(response["Location"])
    body = page.content.decode()
    assert f"fires.csv has {len(rows)} rows" in body
    assert '<th scope="col" class="govuk-table__header">Date of Call</th>' in body
    assert rows[0].number in body and rows[9].number in body and rows[10].number not in body
    # The guessed mapping is selected already.
    form = page.context["form"]
    assert form["date_column"].value() == "Date of Call" and form["date_format"].value() == "dmy"
    assert form["count_column"].value() == "Incidents"
    assert "accept_rejections" not in form.fields


def test_dates_that_do_not_parse_are_counted_and_shown_with_their_lines_then_can_be_rejected(world, client_for):
    dataset = fire_dataset(world)
    client = client_for(world.analyst)
    rows = fires(["2024-01"], per_month=20)
    _post_file(client, dataset, fire_csv(rows))
    upload = PartnerUpload.objects.get()
    url = reverse("partnerdata:mapping", args=[dataset.pk, upload.pk])
    wrong = {**FIRE_MAPPING, "date_format": "iso"}
    response = client.post(url, wrong)
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "No date in “Date of Call” can be read as YYYY-MM-DD: check the date column and the format" in body
    assert "line 2: date “" in body and "line 6: date" in body and "and 15 more" in body
    assert '<a href="#id_date_column">' in body
    assert "Import the other rows" in body
    assert PartnerUpload.objects.get().status == "awaiting_mapping"

    response = client.post(url, FIRE_MAPPING)
    assert response.status_code == 302 and response["Location"] == reverse("partnerdata:dataset", args=[dataset.pk])
    page = client.get(response["Location"])
    assert f"Imported {len(rows)} rows of fires.csv (January 2024)" in page.content.decode()


def test_accepting_rejections_imports_the_rest_and_the_report_lists_each_line(world, client_for):
    dataset = fire_dataset(world)
    client = client_for(world.analyst)
    lines = fire_csv(fires(["2024-01"], per_month=6), bom=False).decode().splitlines()
    lines[2] = lines[2].replace("/01/2024", "/01/24")  # line 3
    _post_file(client, dataset, "\r\n".join(lines).encode())
    upload = PartnerUpload.objects.get()
    url = reverse("partnerdata:mapping", args=[dataset.pk, upload.pk])
    refused = client.post(url, FIRE_MAPPING)
    assert "1 row has a value in “Date of Call” that cannot be read (line 3: date" in refused.content.decode()
    accepted = client.post(url, {**FIRE_MAPPING, "accept_rejections": "true"})
    assert accepted.status_code == 302
    upload.refresh_from_db()
    assert (upload.rows_accepted, upload.rows_rejected) == (5, 1)
    page = client.get(reverse("partnerdata:dataset", args=[dataset.pk])).content.decode()
    report_url = reverse("partnerdata:report", args=[dataset.pk, upload.pk])
    assert report_url in page
    report = client.get(report_url)
    assert report["Content-Disposition"] == 'attachment; filename="fires-rejected-rows.csv"'
    reported = list(csv.reader(io.StringIO(b"".join(report.streaming_content).decode())))
    assert [(r[0], r[1]) for r in reported[1:]] == [
        ("3", f"date “{lines[2].split(',')[1]}” is not a date as dd/mm/yyyy")
    ]
    assert AuditEvent.objects.filter(verb="exported", target_id=str(upload.pk)).count() == 1


def test_a_file_with_the_saved_layout_imports_straight_away(world, client_for):
    dataset = fire_dataset(world)
    upload_and_map(dataset, fire_csv(fires(Q1)))
    client = client_for(world.manager)
    april = fires(["2024-04"], seed=3)
    response = _post_file(client, dataset, fire_csv(april), name="april.csv")
    assert response["Location"] == reverse("partnerdata:dataset", args=[dataset.pk])
    body = client.get(response["Location"]).content.decode()
    assert f"Imported {len(april)} rows of april.csv (April 2024)" in body


def test_a_file_with_personal_data_is_refused_on_the_upload_page(world, client_for):
    dataset = fire_dataset(world)
    response = _post_file(
        client_for(world.analyst), dataset, b"Date,Type,Caller telephone\n2024-01-05,Fire,01376 000000\n"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "column “Caller telephone” looks like a phone number" in body
    assert "govuk-file-upload--error" in body and '<a href="#id_file">' in body
    assert not PartnerUpload.objects.exists()


def test_an_empty_upload_is_asked_for_again(world, client_for):
    dataset = fire_dataset(world)
    response = client_for(world.analyst).post(reverse("partnerdata:upload", args=[dataset.pk]), {})
    assert "Select a CSV file" in response.content.decode()


def test_the_dataset_page_shows_the_monthly_summary_for_a_chosen_range_and_area(world, client_for):
    write_lsoa_reference()
    dataset = fire_dataset(world)
    rows = fires(Q1)
    upload_and_map(dataset, fire_csv(rows))
    client = client_for(world.analyst)
    url = reverse("partnerdata:dataset", args=[dataset.pk])
    page = client.get(url)
    summary = page.context["summary"]
    whole = expected(rows, Q1)
    assert summary["categories"] == list(whole["counts"])
    assert [r["total"] for r in summary["rows"]] == whole["total"]
    body = page.content.decode()
    assert "Incidents by category and month, January 2024 to March 2024" in body
    assert "Column “Date of Call”, day/month/year, for example 27/03/2024" in body

    braintree = client.get(url, {"first": "2024-02", "last": "2024-03", "area": "partnership"}).context["summary"]
    assert [r["total"] for r in braintree["rows"]] == expected(rows, ["2024-02", "2024-03"], lads={BRAINTREE})["total"]

    wrong = client.get(url, {"first": "2024-03", "last": "2024-01"})
    assert "The month to show to must be the same as or after the month to show from" in wrong.content.decode()
    assert wrong.context["summary"] is None


def test_the_list_shows_the_partnerships_datasets_in_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.analyst)
    for n in range(3):
        upload_and_map(fire_dataset(world, name=f"Fires {n}"), fire_csv(fires(["2024-01"], per_month=3)))
    fire_dataset(world, side=world.other, name="Castle Point fires")
    client.get(reverse("partnerdata:datasets"))  # warm the session
    with django_assert_max_num_queries(10):
        response = client.get(reverse("partnerdata:datasets"))
    body = response.content.decode()
    assert all(f"Fires {n}" in body for n in range(3)) and "Castle Point fires" not in body
    assert '<td class="govuk-table__cell">January 2024</td>' in body


def test_without_the_lsoa_reference_the_page_says_rows_are_placed_by_their_own_code(world, client_for):
    dataset = fire_dataset(world)
    upload_and_map(dataset, fire_csv(fires(["2024-01"], per_month=5)))
    url = reverse("partnerdata:dataset", args=[dataset.pk])
    page = client_for(world.analyst).get(url, {"first": "2024-01", "last": "2024-01", "area": "partnership"})
    assert "The LSOA reference data has not been imported" in page.content.decode()
    assert page.context["summary"]["grand_total"] == 0
