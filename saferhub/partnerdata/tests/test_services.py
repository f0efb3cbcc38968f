"""The partner data services: a dataset, an upload, its mapping (saved and reused), rejected rows, and re-imports."""

from __future__ import annotations

import csv
import hashlib

import duckdb
import pytest
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.partnerdata import services, store
from saferhub.partnerdata.mapping import ColumnMapping
from saferhub.partnerdata.models import PartnerUpload
from saferhub.partnerdata.selectors import partner_summary
from saferhub.partnerdata.tests.fire import FIRE_MAPPING, HEADER, expected, fire_csv, fires
from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map

pytestmark = pytest.mark.django_db

Q1 = ["2024-01", "2024-02", "2024-03"]


def _verbs():
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))


def test_a_dataset_belongs_to_a_partnership_and_a_member_organisation(world):
    dataset = fire_dataset(world, by=world.analyst)
    assert (dataset.partnership, dataset.organisation, dataset.unit) == (
        world.home.partnership,
        world.fire,
        "incidents",
    )
    assert dataset.mapping is None
    event = AuditEvent.objects.get(verb="partner_dataset.created")
    assert event.partnership_id == world.home.partnership.pk and event.actor_id == world.analyst.pk


def test_a_dataset_needs_a_member_organisation_and_its_own_name(world):
    fire_dataset(world)
    with pytest.raises(ValidationError) as refused:
        services.partner_dataset_create(
            partnership=world.home.partnership,
            organisation=world.pfcc,
            name=" deliberate  FIRES ",
            unit="",
            by=world.analyst,
        )
    assert refused.value.message_dict == {
        "name": [
            "Braintree District Community Safety Partnership already has a dataset called “deliberate FIRES”: "
            "give this one another name"
        ],
        "unit": ["Enter what the dataset counts, for example incidents"],
        "organisation": [
            "Office of the Police, Fire and Crime Commissioner for Essex is not a member of "
            "Braintree District Community Safety Partnership"
        ],
    }


def test_the_first_upload_waits_for_its_mapping_then_imports_with_provenance(world):
    dataset = fire_dataset(world)
    rows = fires(Q1)
    data = fire_csv(rows)
    upload = services.partner_upload_receive(
        dataset=dataset, file_name="C:\\exports\\fires-q1.csv", data=data, by=world.analyst
    )
    assert upload.status == "awaiting_mapping"
    assert (upload.file_name, upload.sha256, upload.rows_read) == (
        "fires-q1.csv",
        hashlib.sha256(data).hexdigest(),
        len(rows),
    )
    assert upload.header == HEADER
    assert store.months_held(dataset.pk) == []

    upload = services.partner_dataset_map(upload=upload, mapping=ColumnMapping(**FIRE_MAPPING), by=world.analyst)
    assert (upload.status, upload.rows_accepted, upload.rows_rejected) == ("imported", len(rows), 0)
    assert (upload.months, upload.replaced_months, upload.report_path) == (Q1, [], "")
    assert upload.imported_by == world.analyst and upload.uploaded_by == world.analyst
    dataset.refresh_from_db()
    assert dataset.mapping == ColumnMapping(**FIRE_MAPPING)
    assert dataset.mapped_header == HEADER and dataset.mapped_by == world.analyst
    assert _verbs()[-3:] == ["partner_data.uploaded", "partner_dataset.mapped", "partner_data.imported"]
    imported = AuditEvent.objects.get(verb="partner_data.imported")
    assert imported.partnership_id == world.home.partnership.pk
    assert imported.detail["sha256"] == upload.sha256 and imported.detail["accepted"] == len(rows)
    assert partner_summary(dataset, "2024-01", "2024-03") == expected(rows, Q1)


def test_rows_are_stored_as_parquet_by_month_with_the_stated_columns(world):
    dataset = fire_dataset(world)
    upload_and_map(dataset, fire_csv(fires(Q1)))
    assert store.months_held(dataset.pk) == Q1
    with duckdb.connect() as con:
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet('{store.month_file(dataset.pk, '2024-02')}')"
        ).fetchall()
        months = con.execute(f"SELECT DISTINCT month FROM read_parquet('{store.month_file(dataset.pk, '2024-02')}')")
        assert months.fetchall() == [("2024-02",)]
    assert [(c[0], c[1]) for c in described] == [
        ("month", "VARCHAR"),
        ("date", "DATE"),
        ("category", "VARCHAR"),
        ("lsoa_code", "VARCHAR"),
        ("lad_code", "VARCHAR"),
        ("latitude", "DOUBLE"),
        ("longitude", "DOUBLE"),
        ("count", "INTEGER"),
    ]


def test_a_later_file_with_the_same_columns_imports_straight_away_with_the_saved_mapping(world):
    dataset = fire_dataset(world)
    upload_and_map(dataset, fire_csv(fires(Q1)))
    april = fires(["2024-04"], seed=9)
    # The same columns in another order, without a BOM, with LF line ends.
    reordered = list(reversed(HEADER))
    later = services.partner_upload_receive(
        dataset=dataset,
        file_name="fires-april.csv",
        data=fire_csv(april, bom=False, crlf=False, header=reordered),
        by=world.manager,
    )
    assert (later.status, later.rows_accepted, later.months) == ("imported", len(april), ["2024-04"])
    assert later.imported_by == world.manager
    assert AuditEvent.objects.filter(verb="partner_dataset.mapped").count() == 1
    assert partner_summary(dataset, "2024-04", "2024-04") == expected(april, ["2024-04"])


def test_a_file_with_other_columns_asks_for_the_mapping_again_keeping_what_fits(world):
    dataset = fire_dataset(world)
    upload_and_map(dataset, fire_csv(fires(Q1)))
    renamed = ["Incident Number", "Date of Call", "Incident Category", "LSOA Code", "District", "Incidents"]
    text = (
        fire_csv(fires(["2024-04"]), header=HEADER).decode("utf-8-sig").replace("Incident Type", "Incident Category", 1)
    )
    upload = services.partner_upload_receive(dataset=dataset, file_name="new-layout.csv", data=text.encode(), by=None)
    assert upload.status == "awaiting_mapping" and upload.header == renamed
    dataset.refresh_from_db()
    assert dataset.mapping.kept_for(upload.header) == {
        "date_column": "Date of Call",
        "date_format": "dmy",
        "lsoa_column": "LSOA Code",
        "count_column": "Incidents",
    }
    remapped = services.partner_dataset_map(
        upload=upload, mapping=ColumnMapping(**{**FIRE_MAPPING, "category_column": "Incident Category"}), by=None
    )
    assert remapped.status == "imported"
    dataset.refresh_from_db()
    assert dataset.category_column == "Incident Category" and dataset.mapped_header == renamed


def test_rows_that_cannot_be_read_are_named_with_their_lines_before_anything_is_imported(world):
    dataset = fire_dataset(world)
    rows = fires(["2024-01"], per_month=12)
    lines = fire_csv(rows, bom=False, crlf=False).decode().splitlines()
    lines[3] = lines[3].replace("/01/2024", "/13/2024")  # line 4
    lines[6] = lines[6].rsplit(",", 1)[0] + ",two"  # line 7: a count that is no number
    lines[9] = lines[9].replace("/01/2024", "-01-2024")  # line 10
    data = ("\n".join(lines) + "\n").encode()
    upload = services.partner_upload_receive(dataset=dataset, file_name="fires.csv", data=data, by=None)
    with pytest.raises(services.RowsRejected) as refused:
        services.partner_dataset_map(upload=upload, mapping=ColumnMapping(**FIRE_MAPPING), by=None)
    messages = refused.value.message_dict
    assert messages["date_column"][0].startswith(
        "2 rows have a value in “Date of Call” that cannot be read (line 4: date"
    )
    assert "line 10: date" in messages["date_column"][0]
    assert messages["count_column"] == [
        "1 row has a value in “Incidents” that cannot be read (line 7: count “two” is not a whole number of 0 or more)"
    ]
    assert store.months_held(dataset.pk) == [] and PartnerUpload.objects.get().status == "awaiting_mapping"

    upload = services.partner_dataset_map(
        upload=upload, mapping=ColumnMapping(**FIRE_MAPPING), by=None, accept_rejections=True
    )
    assert (upload.rows_accepted, upload.rows_rejected) == (9, 3)
    assert upload.rows_accepted + upload.rows_rejected == upload.rows_read == 12
    with open(upload.report_path, newline="", encoding="utf-8") as report:
        reported = list(csv.reader(report))
    assert reported[0] == ["line", "reason", *HEADER]
    assert [(r[0], r[1].split(" ")[0]) for r in reported[1:]] == [("4", "date"), ("7", "count"), ("10", "date")]
    assert reported[2][2:] == lines[6].split(",")


def test_reimporting_months_replaces_them_and_leaves_the_others(world):
    dataset = fire_dataset(world)
    first = fires(Q1, seed=1)
    upload_and_map(dataset, fire_csv(first))
    corrected = fires(["2024-03", "2024-04"], seed=2)
    second = services.partner_upload_receive(
        dataset=dataset, file_name="fires-mar-apr.csv", data=fire_csv(corrected), by=None
    )
    assert (second.months, second.replaced_months) == (["2024-03", "2024-04"], ["2024-03"])
    months = ["2024-01", "2024-02", "2024-03", "2024-04"]
    kept = [f for f in first if f.month in ("2024-01", "2024-02")]
    assert partner_summary(dataset, months[0], months[-1]) == expected(kept + corrected, months)
    # The same file again changes nothing: an import is idempotent.
    again = services.partner_upload_receive(
        dataset=dataset, file_name="fires-mar-apr.csv", data=fire_csv(corrected), by=None
    )
    assert again.replaced_months == ["2024-03", "2024-04"]
    assert partner_summary(dataset, months[0], months[-1]) == expected(kept + corrected, months)
    assert PartnerUpload.objects.filter(dataset=dataset).count() == 3


def test_a_file_with_personal_data_is_refused_naming_the_column_and_nothing_is_kept(world):
    dataset = fire_dataset(world)
    text = "Date of Call,Incident Type,Occupier Name,Postcode\n05/01/2024,Deliberate fire,J Smith,CM7 1AA\n"
    with pytest.raises(ValidationError) as refused:
        services.partner_upload_receive(dataset=dataset, file_name="fires.csv", data=text.encode(), by=world.analyst)
    message = refused.value.message_dict["file"][0]
    assert "column “Occupier Name” looks like a person’s name" in message
    assert "column “Postcode” looks like a full postcode" in message
    assert not PartnerUpload.objects.exists()
    assert not store.uploads_dir(dataset.pk).exists() or not any(store.uploads_dir(dataset.pk).iterdir())
    event = AuditEvent.objects.get(verb="partner_data.refused")
    assert event.detail["file"] == "fires.csv" and "J Smith" not in str(event.detail)
