"""The demo's made-up deliberate fires: imported once through the upload and mapping services, every
row of the file accounted for, and placed in Braintree by its district code."""

from __future__ import annotations

import csv
import io

import pytest

from saferhub.demo import loader
from saferhub.partnerdata import demo_data
from saferhub.partnerdata.models import PartnerDataset, PartnerUpload
from saferhub.partnerdata.selectors import months_held, partner_summary

pytestmark = pytest.mark.django_db


def test_the_demo_imports_two_years_of_braintrees_deliberate_fires_once():
    loader.load()
    dataset = PartnerDataset.objects.get(partnership__slug="braintree", name=demo_data.NAME)
    assert "made up for the demo" in dataset.description
    upload = PartnerUpload.objects.get(dataset=dataset)
    assert upload.status == "imported" and upload.rows_rejected == 0 and upload.rows_accepted == upload.rows_read
    assert months_held(dataset) == [f"{y}-{m:02d}" for y in (2023, 2024) for m in range(1, 13)]
    rows = list(csv.DictReader(io.StringIO(demo_data.fires_csv([]).decode())))
    assert upload.rows_read == len(rows)
    summary = partner_summary(dataset, "2023-01", "2024-12", lad_codes=[demo_data.BRAINTREE])
    assert sum(summary["total"]) == sum(int(r["Incidents"]) for r in rows)
    # More grass fires in summer than in winter, as the fire service sees.
    grass = summary["counts"]["Deliberate secondary fire - grassland"]
    assert sum(grass[5:8]) > 2 * sum(grass[0:3])
    loader.load()
    assert PartnerUpload.objects.filter(dataset=dataset).count() == 1


def test_the_rows_take_braintrees_lsoas_when_the_reference_is_loaded():
    rows = list(csv.DictReader(io.StringIO(demo_data.fires_csv(["E01021234", "E01021235"]).decode())))
    assert {r["LSOA Code"] for r in rows} == {"E01021234", "E01021235"}
    assert {r["District Code"] for r in rows} == {demo_data.BRAINTREE}
