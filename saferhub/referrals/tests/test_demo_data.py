"""The demo panels and referrals: every status, across partnerships and agencies, loaded once."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from saferhub.accounts.models import Role, User
from saferhub.audit.models import AuditEvent
from saferhub.cases.models import Case, Panel, PanelKind
from saferhub.cases.services import current_members
from saferhub.referrals.models import Consent, Decision, LawfulBasis, Referral, ReferralStatus
from saferhub.register import access as register_access

# The demo app's own steps (partnerships, people), then what referrals are made of and to.
STEP_MODULES = {
    "saferhub.demo.loader",
    "saferhub.register.demo_data",
    "saferhub.incidents.demo_data",
    "saferhub.cases.demo_data",
    "saferhub.referrals.demo_data",
}


@pytest.fixture(autouse=True)
def _demo_settings(settings: Any) -> None:
    # The command refuses to load under DEBUG=false (as pytest-django runs); the fast hasher is the conftest's.
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def _referral_steps_only(monkeypatch: Any) -> None:
    """Only the steps referrals need, so demo data added later by other apps does not slow these tests."""
    from saferhub.demo import loader

    loader.discover()
    monkeypatch.setattr(loader, "STEPS", [each for each in loader.STEPS if each.__module__ in STEP_MODULES])


def _demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _by_status() -> dict[str, int]:
    return {status: Referral.objects.filter(status=status).count() for status in ReferralStatus.values}


def test_the_demo_refers_to_each_partnerships_panels_in_every_status_once(db):
    _demo()

    kinds = {(p.partnership.slug, p.kind) for p in Panel.objects.select_related("partnership")}
    for slug in ("braintree", "castle-point-rochford", "colchester"):
        assert {(slug, PanelKind.HUB), (slug, PanelKind.DOMESTIC_ABUSE), (slug, PanelKind.EXPLOITATION)} <= kinds
    assert any(kind == PanelKind.OFFENDER_COHORT for _, kind in kinds)

    counts = _by_status()
    assert counts[ReferralStatus.PENDING] >= 6
    assert counts[ReferralStatus.ACCEPTED] >= 3
    assert counts[ReferralStatus.DECLINED] >= 2
    assert counts[ReferralStatus.WITHDRAWN] >= 1
    referrals = Referral.objects.all()
    assert referrals.values("partnership").distinct().count() >= 2
    assert referrals.values("referred_by_organisation").distinct().count() >= 4
    for referral in referrals.select_related("partnership"):
        assert current_members(referral.partnership).filter(pk=referral.referred_by_organisation_id).exists()

    accepted = referrals.filter(status=ReferralStatus.ACCEPTED)
    assert not accepted.filter(case__isnull=True).exists()
    # One accepted referral joined the case another had opened.
    assert Case.objects.filter(referrals__status=ReferralStatus.ACCEPTED).distinct().count() < accepted.count()
    declined = referrals.filter(status=ReferralStatus.DECLINED)
    assert declined.filter(decision=Decision.DECLINE).exclude(decision_reason="").exists()
    assert declined.filter(decision=Decision.SIGNPOST).exclude(signposted_to="").exists()
    assert not referrals.filter(status=ReferralStatus.WITHDRAWN, withdrawal_reason="").exists()
    without_consent = referrals.filter(
        status=ReferralStatus.PENDING, consent=Consent.NOT_SOUGHT, lawful_basis=LawfulBasis.CDA_S115
    )
    assert without_consent.count() >= 2
    assert not without_consent.filter(consent_notes="").exists()

    rows = (Panel.objects.count(), referrals.count(), Case.objects.count(), AuditEvent.objects.count())
    output = _demo()

    assert output.strip() == "demo data already loaded; nothing changed"
    assert (Panel.objects.count(), referrals.count(), Case.objects.count(), AuditEvent.objects.count()) == rows
    assert _by_status() == counts


def test_a_panel_chair_of_the_partnership_may_see_the_people_each_pending_referral_names(db):
    _demo()

    pending = Referral.objects.filter(status=ReferralStatus.PENDING).prefetch_related("people")
    assert pending.filter(people__isnull=False).exists()
    for referral in pending:
        chair = User.objects.filter(
            role_grants__partnership=referral.partnership_id, role_grants__role=Role.PANEL_CHAIR
        ).first()
        assert chair is not None, f"{referral.partnership} has no demo panel chair"
        named = {p.pk for p in referral.people.all()}
        visible = set(register_access.people.visible(chair, "view").filter(pk__in=named).values_list("pk", flat=True))
        assert visible == named, referral.reference
