"""The letters to the applicant, rendered as PDFs: what each kind says, and that what was typed is text."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest
from django.utils.timezone import localdate

from saferhub.casereview import letters, review_services, services
from saferhub.casereview.models import LetterKind
from saferhub.casereview.timescales import timescales_for
from saferhub.lib.workingdays import add_working_days

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def _application(world, *, name="Vera Victim", reports=3, email=False, address="1 High Street\nBraintree\nCM7 1AA"):
    today = localdate()
    return services.application_submit(
        partnership=world.home.partnership,
        by=world.manager,
        channel="letter",
        applicant_role="victim",
        applicant_name=name,
        applicant_email="vera@example.test" if email else "",
        applicant_address=address,
        contact_method="email" if email else "post",
        victim_kind="person",
        victim_name=name,
        problem_place="Outside the shops",
        problem="Youths kicking the door at night",
        complaints=[
            services.ComplaintGiven(
                today - datetime.timedelta(days=20 + i),
                today - datetime.timedelta(days=19 + i),
                "Essex Police",
                f"EP/{i}",
            )
            for i in range(reports)
        ],
        received_on=today,
    )


def _text(letter, tmp_path) -> str:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(letters.render_pdf(letter))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def test_a_letter_is_a_pdf_named_by_its_reference(world):
    application = _application(world)
    letter = services.application_acknowledge(application=application, by=world.manager).letters.get()
    pdf = letters.render_pdf(letter)
    assert pdf.startswith(b"%PDF")
    assert letters.filename(letter) == f"{application.reference}-acknowledgement-{letter.pk}.pdf"


@needs_poppler
def test_the_acknowledgement_gives_the_letterhead_the_address_and_the_timescales(world, tmp_path):
    application = _application(world)
    letter = services.application_acknowledge(application=application, by=world.manager).letters.get()
    text = _text(letter, tmp_path)
    timescales = timescales_for(world.essex)
    assert "Braintree District Community Safety Partnership" in text
    assert "Vera Victim 1 High Street Braintree CM7 1AA" in text
    assert _day(localdate()) in text
    assert application.reference in text
    assert _day(add_working_days(application.received_on, timescales.decide_days)) in text
    assert _day(add_working_days(application.received_on, timescales.review_days)) in text
    assert "within 7 working days of the review meeting" in text
    assert "Mona Manager" in text  # who sent it


@needs_poppler
def test_a_duplicates_acknowledgement_says_it_is_considered_with_the_earlier_one(world, tmp_path):
    _application(world)
    duplicate = _application(world, email=True, address="")  # the same victim and place, acknowledged by e-mail
    assert duplicate.duplicate_of_id is not None
    text = _text(duplicate.letters.get(), tmp_path)
    assert "already dealing with after an earlier application" in text
    assert "By email: vera@example.test" in text  # no postal address on the letter, so where it went


@needs_poppler
def test_the_decision_gives_the_reasons_complaint_by_complaint_and_how_to_ask_again(world, tmp_path):
    application = _application(world, reports=2)
    services.application_decide(
        application=application, by=world.manager, met=False, reasons="Two reports, and the police are acting"
    )
    text = _text(application.letters.get(kind=LetterKind.DECISION), tmp_path)
    assert "The threshold for an ASB Case Review is not met" in text
    assert "Two reports, and the police are acting" in text
    assert "2 of the reports qualify" in text
    assert "at least 3 reports qualify" in text
    for complaint, finding in zip(
        application.complaints.all(), application.threshold_detail["complaints"], strict=True
    ):
        assert f"Reported to Essex Police (reference {complaint.reference})" in text
        assert " ".join(finding["reason"].split()) in text
    assert "Police, Fire and Crime Commissioner for Essex" in text
    assert application.reference in text


@needs_poppler
def test_a_decision_on_the_discretionary_criteria_says_what_was_considered(world, tmp_path):
    application = _application(world, reports=1)
    services.application_decide(
        application=application,
        by=world.manager,
        met=True,
        reasons="The harm outweighs the number of reports",
        harm="The victim has stopped going out",
    )
    text = _text(application.letters.get(kind=LetterKind.DECISION), tmp_path)
    assert "The threshold for an ASB Case Review is met" in text
    assert "Harm or potential harm: The victim has stopped going out" in text


@needs_poppler
def test_the_outcome_gives_the_findings_and_the_recommendations(world, tmp_path):
    application = _application(world)
    services.application_decide(application=application, by=world.manager, met=True, reasons="Three reports")
    review_services.review_record(
        application=application,
        by=world.manager,
        held_on=localdate(),
        victim_invited=True,
        summary="The agencies did not share what they knew",
        findings=[
            review_services.ResponseFinding(world.police, False, "Reports were closed without a visit"),
            review_services.ResponseFinding(world.home.council, True, "Warning letters were sent"),
        ],
    )
    due = localdate() + datetime.timedelta(days=30)
    review_services.recommendation_add(
        application=application, by=world.manager, text="Visit the victim weekly", owner=world.housing, due_on=due
    )
    review_services.outcome_send(application=application, by=world.manager)
    text = _text(application.letters.get(kind=LetterKind.OUTCOME), tmp_path)
    assert "The agencies did not share what they knew" in text
    assert "Essex Police Not adequate Reports were closed without a visit" in text
    assert "Braintree District Council Adequate Warning letters were sent" in text
    assert f"Visit the victim weekly Eastlight Community Homes {_day(due)}" in text
    assert "The victim, or someone on their behalf, was invited" in text


def test_what_the_applicant_typed_is_never_markup(world):
    application = _application(world, name='<img src="http://example.test/x.png">Bob', address="<b>1 High St</b>")
    letter = services.application_acknowledge(application=application, by=world.manager).letters.get()
    html = letters.render_html(letter)
    assert "<img" not in html
    assert "&lt;b&gt;1 High St&lt;/b&gt;" in html
    assert letters.render_pdf(letter).startswith(b"%PDF")


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_the_pdf_is_tagged_for_screen_readers(world, tmp_path):
    application = _application(world)
    letter = services.application_acknowledge(application=application, by=world.manager).letters.get()
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(letters.render_pdf(letter))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert f"Your application for an ASB Case Review – {application.reference}" in info
