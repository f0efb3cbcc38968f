"""For the URL walk (tests/test_url_walk.py): how to fill each URL keyword.

Every keyword of every URL pattern must appear here, or the walk fails and says which.
``OTHER`` gives a value that belongs to ``world.other`` (Castle Point and Rochford), whose
records the home cast (Braintree) must never see: each such URL must answer 404 to them.
``OWN`` gives the home partnership's value, so the walk can also check that allowed pages
do not fail. Apps add their keywords in their own block, in URL-pattern order.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from django.utils.timezone import localdate  # incidents

from saferhub.accounts.services import token_create  # accounts (manage users, tokens)
from saferhub.assessment import services as assessment  # priority setting (the scoring matrix)
from saferhub.assessment.document_services import assessment_start, assessment_version_save  # the document
from saferhub.assessment.models import ScoringMatrix, StrategicAssessment  # priority setting, the document
from saferhub.audit.models import AuditEvent  # audit
from saferhub.casereview import review_services  # case review (the review stage)
from saferhub.casereview import services as case_review  # case review
from saferhub.cases.services import case_open, panel_create  # cases
from saferhub.crimedata.models import CrimeImport, CrimeImportJob  # crime data
from saferhub.incidents.services import incident_record  # incidents
from saferhub.partnerdata import services as partner_data  # partner data
from saferhub.referrals.services import referral_make  # referrals
from saferhub.register.services import location_create, person_create  # register
from saferhub.testing.world import PartnershipRecords, World


def _person(side: PartnershipRecords, given: str, family: str = "") -> Any:
    """A person on a partnership's register, recorded by its council."""
    return person_create(
        partnership=side.partnership,
        organisation=side.council,
        by=None,
        kind="person",
        given_name=given,
        family_name=family,
    )


def _place(side: PartnershipRecords, line_1: str, postcode: str) -> Any:
    return location_create(
        partnership=side.partnership,
        organisation=side.council,
        by=None,
        kind="address",
        address_line_1=line_1,
        postcode=postcode,
    )


def _incident(side: PartnershipRecords, by: Any, people: list[tuple[Any, str]]) -> Any:
    """An ASB report to the partnership's council, made today."""
    return incident_record(
        partnership=side.partnership,
        by=by,
        organisation=side.council,
        behaviour_from=localdate(),
        reported_on=localdate(),
        channel="phone",
        category="asb_personal",
        description="URL walk",
        involvements=people,
    )


def _alert(side: PartnershipRecords, by: Any, given: str, family: str) -> Any:
    """A victim's second report within six months raises the prompt to explain the Case Review."""
    victim = _person(side, given, family)
    _incident(side, by, [(victim, "victim")])
    return _incident(side, by, [(victim, "victim")]).victim_alerts.get()


def _panel(side: PartnershipRecords, name: str) -> Any:
    """The partnership's panel of that name, added the first time it is asked for."""
    found = side.partnership.panels.filter(name=name).first()
    return found or panel_create(partnership=side.partnership, name=name, kind="hub", by=None)


def _case(side: PartnershipRecords, title: str) -> Any:
    return case_open(panel=_panel(side, f"{title} panel"), title=title, lead_organisation=side.council, by=None)


def _referral(side: PartnershipRecords, by: Any, given: str, family: str) -> Any:
    """A pending referral of a new person, by the partnership's council."""
    return referral_make(
        panel=_panel(side, "Referrals panel"),
        by=by,
        organisation=side.council,
        subject="person",
        people=[_person(side, given, family)],
        reason="URL walk",
        risk_level="standard",
        consent="given",
    )


_PITCHES = itertools.count(1)


def _application(side: PartnershipRecords, victim: str) -> Any:
    """An ASB Case Review application made online to the partnership, decided and reviewed, with a
    recommendation to its council and the letters sent (acknowledgement, decision)."""
    today = localdate()
    application = case_review.application_submit(
        partnership=side.partnership,
        by=None,
        channel="online",
        applicant_role="victim",
        applicant_name=victim,
        applicant_email="applicant@example.test",
        contact_method="email",
        victim_kind="person",
        victim_name=victim,
        # A place of its own each time, so a walk that builds its samples twice makes no duplicate.
        problem_place=f"Outside the shops, pitch {next(_PITCHES)}",
        problem="URL walk",
        complaints=[case_review.ComplaintGiven(today, today, "Council") for _ in range(3)],
    )
    case_review.application_decide(application=application, by=None, met=True, reasons="Three complaints qualify")
    return application


def _recommendation(side: PartnershipRecords, victim: str) -> Any:
    application = _application(side, victim)
    finding = review_services.ResponseFinding(side.council, False, "No action plan")
    review_services.review_record(
        application=application, by=None, held_on=localdate(), victim_invited=True, summary="Walk", findings=[finding]
    )
    return review_services.recommendation_add(
        application=application, by=None, text="Agree an action plan", owner=side.council, due_on=localdate()
    )


def _crime_import() -> Any:
    return CrimeImport.objects.create(
        file_name="2024-01-essex-street.csv",
        sha256="0" * 64,
        kind="street",
        force="essex",
        month="2024-01",
        rows_accepted=1,
        rows_rejected=0,
    )


def _crime_import_job(by: Any) -> Any:
    return CrimeImportJob.objects.create(started_by=by, file_names=["2024-01-essex-street.csv"])


def _partner_dataset(side: PartnershipRecords, name: str) -> Any:
    """The partnership's partner dataset of that name, from its council, added the first time it is asked for."""
    found = partner_data.PartnerDataset.objects.filter(partnership=side.partnership, name=name).first()
    return found or partner_data.partner_dataset_create(
        partnership=side.partnership, organisation=side.council, name=name, unit="reports", by=None
    )


def _partner_upload(side: PartnershipRecords, name: str) -> Any:
    """A file uploaded to that dataset, waiting for its columns to be mapped."""
    data = b"Month,Category,Reports\r\n2024-01,Nuisance,3\r\n2024-02,Nuisance,2\r\n"
    return partner_data.partner_upload_receive(
        dataset=_partner_dataset(side, name), file_name="walk.csv", data=data, by=None
    )


def _assessment_version(side: PartnershipRecords, by: Any) -> Any:
    """A saved version of the partnership's 2026-27 strategic assessment (the store is empty: no figures)."""
    assessment = StrategicAssessment.objects.filter(partnership=side.partnership, year=2026).first()
    if assessment is None:
        assessment = assessment_start(partnership=side.partnership, year=2026, first="2025-01", last="2025-12", by=by)
    return assessment.versions.first() or assessment_version_save(assessment=assessment, by=by)


def _matrix_issue(side: PartnershipRecords, title: str) -> Any:
    """An issue added by hand to the partnership's 2026-27 scoring matrix (the matrix made the first time)."""
    matrix = ScoringMatrix.objects.filter(partnership=side.partnership, year=2026).first() or assessment.matrix_create(
        partnership=side.partnership, year=2026, first_month="2024-01", last_month="2024-04", by=None
    )
    found = matrix.issues.filter(title=title).first()
    return found or assessment.issue_add(matrix=matrix, title=title, description="URL walk", by=None)


OTHER: dict[str, Callable[[World], Any]] = {
    # partnerships
    "area_slug": lambda w: w.far.partnership.area.slug,
    "authority_pk": lambda w: w.far.authorities[0].pk,
    "partnership_slug": lambda w: w.other.partnership.slug,
    "membership_pk": lambda w: w.other.membership.pk,
    "organisation_pk": lambda w: w.other.council.pk,
    "agreement_pk": lambda w: w.other.agreement.pk,
    # accounts (manage users, tokens)
    "user_pk": lambda w: w.outsider.pk,
    "grant_pk": lambda w: w.outsider.role_grants.get().pk,
    "token_pk": lambda w: token_create(user=w.outsider, name="URL walk", by=None)[0].pk,
    # audit
    "event_pk": lambda w: (
        AuditEvent.objects.filter(partnership_id=w.other.partnership.pk).values_list("pk", flat=True).first()
    ),
    # register
    "person_pk": lambda w: _person(w.other, "Otto", "Otherside").pk,
    "location_pk": lambda w: _place(w.other, "1 Other Road", "SS7 1TF").pk,
    # incidents
    "incident_pk": lambda w: _incident(w.other, w.outsider, [(_person(w.other, "Walk"), "witness")]).pk,
    "alert_pk": lambda w: _alert(w.other, w.outsider, "Wendy", "Otherwalk").pk,
    # cases
    "case_pk": lambda w: _case(w.other, "Other case").pk,
    "panel_pk": lambda w: _panel(w.other, "Other Hub").pk,
    # referrals
    "referral_pk": lambda w: _referral(w.other, w.outsider, "Rita", "Otherref").pk,
    # case review
    "application_pk": lambda w: _application(w.other, "Carla Othertrigger").pk,
    "letter_pk": lambda w: _application(w.other, "Colm Othertrigger").letters.first().pk,
    "recommendation_pk": lambda w: _recommendation(w.other, "Cass Othertrigger").pk,
    # partner data
    "dataset_pk": lambda w: _partner_dataset(w.other, "Otherside ASB reports").pk,
    "upload_pk": lambda w: _partner_upload(w.other, "Otherside ASB reports").pk,
    # crime data (open data, held once for the installation: see VISIBLE_TO_ALL)
    "import_pk": lambda w: _crime_import().pk,
    "job_pk": lambda w: _crime_import_job(w.outsider).pk,
    # priority setting (the scoring matrix)
    "matrix_pk": lambda w: _matrix_issue(w.other, "Otherside exploitation").matrix_id,
    "assessment_pk": lambda w: _assessment_version(w.other, w.outsider).assessment_id,
    "version_pk": lambda w: _assessment_version(w.other, w.outsider).pk,
    "dimension_pk": lambda w: _matrix_issue(w.other, "Otherside exploitation").matrix.dimensions.first().pk,
    "issue_pk": lambda w: _matrix_issue(w.other, "Otherside exploitation").pk,
}

OWN: dict[str, Callable[[World], Any]] = {
    # partnerships
    "area_slug": lambda w: w.home.partnership.area.slug,
    "authority_pk": lambda w: w.home.authorities[0].pk,
    "partnership_slug": lambda w: w.home.partnership.slug,
    "membership_pk": lambda w: w.home.membership.pk,
    "organisation_pk": lambda w: w.home.council.pk,
    "agreement_pk": lambda w: w.home.agreement.pk,
    # accounts (manage users, tokens)
    "user_pk": lambda w: w.council_officer.pk,
    "grant_pk": lambda w: w.council_officer.role_grants.get().pk,
    "token_pk": lambda w: token_create(user=w.council_officer, name="URL walk", by=None)[0].pk,
    # audit
    "event_pk": lambda w: (
        AuditEvent.objects.filter(partnership_id=w.home.partnership.pk).values_list("pk", flat=True).first()
    ),
    # register
    "person_pk": lambda w: _person(w.home, "Hana", "Homeside").pk,
    "location_pk": lambda w: _place(w.home, "2 Home Road", "CM7 1TF").pk,
    # incidents
    "incident_pk": lambda w: _incident(w.home, w.council_officer, [(_person(w.home, "Walk"), "witness")]).pk,
    "alert_pk": lambda w: _alert(w.home, w.council_officer, "Walk", "Victim").pk,
    # cases
    "case_pk": lambda w: _case(w.home, "Home case").pk,
    "panel_pk": lambda w: _panel(w.home, "Home Hub").pk,
    # referrals
    "referral_pk": lambda w: _referral(w.home, w.council_officer, "Ray", "Homeref").pk,
    # case review
    "application_pk": lambda w: _application(w.home, "Hetty Hometrigger").pk,
    "letter_pk": lambda w: _application(w.home, "Hal Hometrigger").letters.first().pk,
    "recommendation_pk": lambda w: _recommendation(w.home, "Hugo Hometrigger").pk,
    # partner data
    "dataset_pk": lambda w: _partner_dataset(w.home, "Homeside ASB reports").pk,
    "upload_pk": lambda w: _partner_upload(w.home, "Homeside ASB reports").pk,
    # crime data
    "import_pk": lambda w: _crime_import().pk,
    "job_pk": lambda w: _crime_import_job(w.analyst).pk,
    # priority setting (the scoring matrix)
    "matrix_pk": lambda w: _matrix_issue(w.home, "Homeside exploitation").matrix_id,
    "assessment_pk": lambda w: _assessment_version(w.home, w.analyst).assessment_id,
    "version_pk": lambda w: _assessment_version(w.home, w.analyst).pk,
    "dimension_pk": lambda w: _matrix_issue(w.home, "Homeside exploitation").matrix.dimensions.first().pk,
    "issue_pk": lambda w: _matrix_issue(w.home, "Homeside exploitation").pk,
}

# Keywords of public URLs that carry no record (e.g. a password link's token): any value will do.
PUBLIC: dict[str, Any] = {"uidb64": "MQ", "token": "set-password-token"}


def markers(world: World) -> list[str]:
    """Text that only the other partnership's records contain: it must never appear in a home page.

    Partnership and organisation names are public facts (a manager picks any agency to bring it
    into their partnership), so they are not markers; the other partnership's agreements and people are.
    """
    other = world.other
    return [
        other.agreement.title,
        world.outsider.full_name,
        world.outsider.email,
        # The register and incident records the OTHER samples create (when they have been made).
        "Otto Otherside",
        "1 Other Road",
        "Wendy Otherwalk",
        "Rita Otherref",
        "Other case",
        "Carla Othertrigger",
        "Colm Othertrigger",
        "Cass Othertrigger",
        "Otherside ASB reports",
        "Otherside exploitation",
    ]


# Keywords of reference data every signed-in user may read (areas and their local authorities are public
# facts, not a partnership's records): the walk accepts a 200 for another area's value of these.
# Police.uk imports and their upload jobs are open data held once for the installation: every analyst reads them.
VISIBLE_TO_ALL: set[str] = {"area_slug", "authority_pk", "import_pk", "job_pk"}
