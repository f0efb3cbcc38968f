"""The strategic assessment document: versions keep their figures, the strategy group's approval is
recorded, the PDF has every chart followed by its table, and only approved versions reach readers."""

from __future__ import annotations

import csv
import datetime
import subprocess
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from saferhub.assessment import document
from saferhub.assessment.document_services import (
    assessment_start,
    assessment_update,
    assessment_version_approve,
    assessment_version_save,
)
from saferhub.assessment.models import AssessmentVersion
from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.partnerdata.tests.fire import BRAINTREE, fire_csv, fires
from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map

pytestmark = pytest.mark.django_db


def _braintree_counts(police_data, months):
    """Street records in Braintree's LSOAs, read from the files: Essex Police's and any other force's."""
    counts: Counter[str] = Counter()
    for month in months:
        for path in sorted(police_data.glob(f"police-uk-*-street-2024/{month}-*-street.csv")):
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = csv.DictReader(handle)
                counts.update(r["Crime type"] for r in rows if r["LSOA name"].startswith("Braintree "))
    return counts


def _start(world, **period):
    return assessment_start(
        partnership=world.home.partnership,
        year=2024,
        first=period.get("first", "2024-01"),
        last=period.get("last", "2024-04"),
        by=world.analyst,
    )


def test_a_version_keeps_the_figures_of_the_day_it_was_saved(world, analysis_data):
    assessment = _start(world)
    assessment_update(assessment=assessment, first="2024-01", last="2024-04", summary="Our words.", by=world.analyst)
    version = assessment_version_save(assessment=assessment, by=world.analyst)
    snap = version.snapshot
    expected = _braintree_counts(analysis_data, ["2024-01", "2024-02", "2024-03", "2024-04"])
    assert sum(snap["analysis"]["trend"]["total"]) == sum(expected.values())
    assert snap["summary"] == "Our words." and snap["partnership"]["name"] == world.home.partnership.name
    assert version.number == 1
    # A later version analyses the new period; the first keeps its own.
    assessment_update(assessment=assessment, first="2024-03", last="2024-04", summary="", by=world.analyst)
    second = assessment_version_save(assessment=assessment, by=world.analyst)
    version.refresh_from_db()
    assert second.number == 2
    assert sum(second.snapshot["analysis"]["trend"]["total"]) == sum(
        _braintree_counts(analysis_data, ["2024-03", "2024-04"]).values()
    )
    assert sum(version.snapshot["analysis"]["trend"]["total"]) == sum(expected.values())
    assert AuditEvent.objects.filter(verb=Verb.ASSESSMENT_VERSION_SAVED).count() == 2
    # The partnership has no partner datasets with figures for the period: no partner section.
    assert second.snapshot["partner"] == []
    findings = document.key_findings(second.snapshot)
    assert findings[0].startswith(f"{sum(second.snapshot['analysis']['trend']['total']):,} crimes")
    # March-April against January-February is tested, and said either way.
    assert any("previous 2 months" in f for f in findings)


def test_the_pdf_has_every_chart_followed_by_its_table(world, analysis_data, tmp_path):
    fires_given = fires(["2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04"])
    upload_and_map(fire_dataset(world), fire_csv(fires_given))
    version = assessment_version_save(assessment=_start(world), by=world.analyst)
    context = document.context(version.snapshot, for_pdf=True)
    charts = [item for section in context["sections"] for item in section["items"] if item["chart"]]
    assert len(charts) >= 7
    # The fire service's figures have their own section: its chart, then its two tables.
    partner = next(section for section in context["sections"] if section["id"] == "partner-data")
    assert partner["items"][0]["subheading"]["name"] == "Deliberate fires"
    assert partner["items"][0]["chart"] and [item["table"]["name"] for item in partner["items"]] == [
        f"partner-{version.snapshot['partner'][0]['dataset']['id']}-months",
        f"partner-{version.snapshot['partner'][0]['dataset']['id']}-change",
    ]
    braintree_fires = sum(f.incidents for f in fires_given if f.lad == BRAINTREE and f.month >= "2024-01")
    assert partner["items"][0]["table"]["total"][-1] == braintree_fires
    assert any(f.startswith(f"Deliberate fires ({world.fire.name}): {braintree_fires:,}") for f in context["findings"])
    assert all(item["table"] and item["table"]["rows"] for item in charts)
    assert any(section["id"] == "map" for section in context["sections"])
    pdf = document.render_pdf(version.snapshot, version=version)
    path = tmp_path / "assessment.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Strategic assessment 2024" in text and "Draft: not approved" in text
    for section in ("Executive summary", "Records per month", "Change against the previous period", "Partner data"):
        assert section in text
    for item in charts:
        # Each chart's own title (from its SVG) and then its table's caption.
        assert item["table"]["title"][:40] in " ".join(text.split())


def test_approval_is_recorded_once_for_the_latest_version_by_a_manager(world, analysis_data, client_for):
    assessment = _start(world)
    first = assessment_version_save(assessment=assessment, by=world.analyst)
    second = assessment_version_save(assessment=assessment, by=world.analyst)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="approve the latest version"):
        assessment_version_approve(version=first, meeting_on=today, body="Strategy group", note="", by=world.manager)
    with pytest.raises(ValidationError):
        assessment_version_approve(
            version=second,
            meeting_on=today + datetime.timedelta(days=1),
            body="Strategy group",
            note="",
            by=world.manager,
        )
    # Through the page: an analyst may not approve; the manager may.
    url = reverse("assessment:version-approve", args=[second.pk])
    assert client_for(world.analyst).get(url).status_code == 404
    form = {
        "body": "Strategy group",
        "meeting_on_0": today.day,
        "meeting_on_1": today.month,
        "meeting_on_2": today.year,
    }
    response = client_for(world.manager).post(url, {**form, "note": "Minute 7"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.approved_by == world.manager and second.approval_meeting == today
    assert AuditEvent.objects.filter(verb=Verb.ASSESSMENT_APPROVED).count() == 1
    again = client_for(world.manager).post(url, {**form, "note": ""})
    assert "already approved" in again.content.decode()


def test_readers_see_approved_versions_only(world, analysis_data, client_for):
    assessment = _start(world)
    draft = assessment_version_save(assessment=assessment, by=world.analyst)
    for reader in (world.scrutiny, world.county_viewer):
        client = client_for(reader)
        assert client.get(reverse("assessment:version", args=[draft.pk])).status_code == 404
        assert client.get(reverse("assessment:document", args=[assessment.pk])).status_code == 404
        assert "There are no strategic assessments" in client.get(reverse("assessment:documents")).content.decode()
    assessment_version_approve(
        version=draft, meeting_on=timezone.localdate(), body="Strategy group", note="", by=world.manager
    )
    for reader in (world.scrutiny, world.county_viewer):
        client = client_for(reader)
        page = client.get(reverse("assessment:version", args=[draft.pk]))
        assert page.status_code == 200 and "Approved" in page.content.decode()
        assert client.get(reverse("assessment:document", args=[assessment.pk])).url == reverse(
            "assessment:version", args=[draft.pk]
        )
        pdf = client.get(reverse("assessment:version-pdf", args=[draft.pk]))
        assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")
    for outsider in (world.council_officer, world.outsider, world.no_roles):
        assert client_for(outsider).get(reverse("assessment:version", args=[draft.pk])).status_code == 404


def test_starting_twice_for_a_year_and_bad_months_are_refused_with_what_to_fix(world, client_for):
    client = client_for(world.analyst)
    url = reverse("assessment:document-new")
    form = {"partnership": world.home.partnership.pk, "year": timezone.localdate().year}
    bad = client.post(url, {**form, "first_month": "2025-13", "last_month": "2025-12"})
    assert "Enter the month as YYYY-MM" in bad.content.decode() and 'value="2025-13"' in bad.content.decode()
    backwards = client.post(url, {**form, "first_month": "2025-12", "last_month": "2025-01"})
    assert "same as or after the first month" in backwards.content.decode()
    assert client.post(url, {**form, "first_month": "2025-01", "last_month": "2025-12"}).status_code == 302
    again = client.post(url, {**form, "first_month": "2025-01", "last_month": "2025-12"})
    assert "already has a strategic assessment for that year" in again.content.decode()


def test_the_command_writes_the_pdf(world, analysis_data, tmp_path, capsys):
    pdf = tmp_path / "braintree.pdf"
    call_command(
        "assessment",
        "build",
        "--partnership",
        world.home.partnership.slug,
        "--from",
        "2024-01",
        "--to",
        "2024-04",
        "--pdf",
        str(pdf),
        "--html",
        str(tmp_path / "braintree.html"),
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out.strip() == str(pdf.resolve())
    assert "Records per month" in (tmp_path / "braintree.html").read_text()
    assert not AssessmentVersion.objects.exists()  # the command stores nothing


def test_the_command_says_what_to_fix(world, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--partnership: no partnership 'nowhere'"):
        call_command(
            "assessment", "build", "--partnership", "nowhere", "--from", "2024-01", "--to", "2024-04", "--pdf", "x"
        )
    with pytest.raises(CommandError, match="--to: The last month must be the same as or after"):
        call_command(
            "assessment",
            "build",
            "--partnership",
            world.home.partnership.slug,
            "--from",
            "2024-04",
            "--to",
            "2024-01",
            "--pdf",
            str(tmp_path / "x.pdf"),
        )


def test_only_the_partnerships_own_datasets_in_use_come_into_the_document(world):
    months = ["2024-01", "2024-02"]
    upload_and_map(fire_dataset(world), fire_csv(fires(months)))
    retired = fire_dataset(world, name="Deliberate fires (old return)")
    upload_and_map(retired, fire_csv(fires(months, seed=9)))
    retired.archived_at = timezone.now()
    retired.save(update_fields=["archived_at"])
    upload_and_map(fire_dataset(world, side=world.other), fire_csv(fires(months, seed=3)))
    found = document.partner_figures(world.home.partnership, "2024-01", "2024-02")
    assert [f["dataset"]["name"] for f in found] == ["Deliberate fires"]
    # A snapshot made before partner data came into the document still draws.
    snap = document.snapshot(partnership=world.home.partnership, year=2024, first="2024-01", last="2024-02")
    assert snap["partner"] == found
    del snap["partner"]
    assert all(section["id"] != "partner-data" for section in document.context(snap, for_pdf=False)["sections"])
