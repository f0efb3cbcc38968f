"""The demo ASB Case Review applications: every stage, figures in two financial years, loaded once."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from saferhub.audit.models import AuditEvent
from saferhub.casereview import figures
from saferhub.casereview.models import Application, Letter, Recommendation, Status
from saferhub.partnerships.models import Partnership

# The demo app's own steps (partnerships, people), then the Case Review's.
STEP_MODULES = {"saferhub.demo.loader", "saferhub.casereview.demo_data"}


@pytest.fixture(autouse=True)
def _demo_settings(settings: Any) -> None:
    # The command refuses to load under DEBUG=false (as pytest-django runs); the fast hasher is the conftest's.
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def _case_review_steps_only(monkeypatch: Any) -> None:
    """Only the steps the Case Review needs, so other apps' demo data does not slow these tests."""
    from saferhub.demo import loader

    loader.discover()
    monkeypatch.setattr(loader, "STEPS", [each for each in loader.STEPS if each.__module__ in STEP_MODULES])


def _demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_a_second_run_adds_nothing(db):
    _demo()
    applications, events = Application.objects.count(), AuditEvent.objects.count()
    assert "nothing changed" in _demo()
    assert (Application.objects.count(), AuditEvent.objects.count()) == (applications, events)


def test_every_stage_is_there_in_every_partnership_with_eight_to_twenty_applications(db):
    _demo()
    for partnership in Partnership.objects.filter(slug__in=["braintree", "castle-point-rochford", "colchester"]):
        applications = Application.objects.filter(partnership=partnership)
        assert 8 <= applications.count() <= 20
        assert {Status.DUPLICATE, Status.NOT_MET, Status.MET, Status.CLOSED} <= set(
            applications.values_list("status", flat=True)
        )
    assert set(Status.values) == set(Application.objects.values_list("status", flat=True))


def test_at_least_two_partnerships_have_figures_in_each_of_the_last_two_financial_years(db):
    _demo()
    current = figures.current_financial_year_start(timezone.localdate())
    ids = list(Partnership.objects.values_list("pk", flat=True))
    for year in (current, current - 1):
        found = figures.figures(ids, year)
        assert sum(1 for counts in found.values() if counts["received"]) >= 2
        assert sum(1 for counts in found.values() if counts["reviews"]) >= 2
        totals = figures.total(found.values())
        assert all(totals[name] for name in ("received", "not_met", "reviews", "duplicate_applications"))
    last_year = figures.total(figures.figures(ids, current - 1).values())
    assert last_year["with_recommendations"] and last_year["inadequate"]


def test_the_stages_are_dated_in_order_and_never_after_today(db):
    _demo()
    today = timezone.localdate()
    for application in Application.objects.all():
        steps = [
            application.received_on,
            application.acknowledged_on,
            application.decided_on,
            application.review_held_on,
            application.outcome_sent_on,
        ]
        dated = [day for day in steps if day is not None]
        assert dated == sorted(dated), application.reference
        assert max(dated) <= today
    assert Application.objects.exclude(decided_on=None).exclude(decided_on=today).exists()


def test_recommendations_some_done_some_open_and_one_overdue_in_each_partnership(db):
    _demo()
    today = timezone.localdate()
    recommendations = Recommendation.objects.all()
    assert recommendations.exclude(completed_on=None).exclude(completion_note="").exists()
    assert recommendations.filter(completed_on=None, due_on__gte=today).exists()
    overdue = recommendations.filter(completed_on=None, due_on__lt=today)
    assert overdue.values("application__partnership").distinct().count() == 3
    assert overdue.filter(application__status=Status.CLOSED).count() == overdue.count()


def test_a_duplicate_a_reconsideration_and_letters_are_recorded(db):
    _demo()
    duplicate = Application.objects.filter(status=Status.DUPLICATE).first()
    assert duplicate is not None and duplicate.duplicate_of is not None
    assert duplicate.victim_name == duplicate.duplicate_of.victim_name
    assert duplicate.applicant_name != duplicate.duplicate_of.applicant_name
    reconsidered = Application.objects.exclude(reconsideration_requested_on=None).get()
    assert reconsidered.status == Status.NOT_MET and reconsidered.reconsideration_result
    assert reconsidered.reconsideration_decided_on is not None
    assert reconsidered.reconsideration_decided_on <= timezone.localdate()
    assert Letter.objects.filter(kind="outcome").count() == Application.objects.filter(status=Status.CLOSED).count()
    assert not Application.objects.exclude(status=Status.RECEIVED).filter(acknowledged_on=None).exists()
    assert Application.objects.filter(threshold_automatic=False, status=Status.CLOSED).exists()  # on discretion


def test_the_plan_is_the_same_on_every_run_and_names_no_victim_twice_but_duplicates():
    from saferhub.casereview.demo_data import PLANS, plan

    today = datetime.date(2026, 11, 22)
    for slug in PLANS:
        first, second = plan(slug, today), plan(slug, today)
        assert first == second
        keys = [(p.victim, p.applicant) for p in first]
        assert len(set(keys)) == len(keys)
        originals = [p.victim for p in first if p.plan.duplicate_of is None]
        assert len(set(originals)) == len(originals)


@pytest.mark.parametrize("today", [datetime.date(2027, 4, 1), datetime.date(2027, 3, 31), datetime.date(2026, 4, 2)])
def test_the_plan_fits_the_two_years_whatever_the_day(today):
    from saferhub.casereview.demo_data import PLANS, plan

    start = datetime.date(figures.current_financial_year_start(today), 4, 1)
    for slug in PLANS:
        for wanted in plan(slug, today):
            first = datetime.date(start.year - wanted.plan.years_back, 4, 1)
            assert wanted.received_on <= today
            if wanted.plan.duplicate_of is None:
                assert first <= wanted.received_on <= datetime.date(first.year + 1, 3, 31)
