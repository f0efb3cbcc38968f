"""The system administrator sets an area's threshold numbers and timescales on one page."""

from __future__ import annotations

from django.urls import reverse

from saferhub.casereview.models import CaseReviewTimescales
from saferhub.incidents.models import RepeatVictimRules


def _form(**changes):
    values = {
        "explain_after_reports": 2,
        "explain_window_months": 6,
        "threshold_complaints": 3,
        "complaint_within_months": 1,
        "application_within_months": 6,
        "acknowledge_days": 2,
        "decide_days": 21,
        "review_days": 28,
        "outcome_days": 7,
    }
    values.update(changes)
    return values


def test_the_system_administrator_lowers_the_threshold_and_sets_timescales(world, client_for):
    client = client_for(world.system_admin)
    url = reverse("casereview:rules", args=["essex"])
    assert (
        reverse("casereview:rules", args=["essex"])
        in client.get(reverse("partnerships:area", args=["essex"])).content.decode()
    )
    page = client.get(url).content.decode()
    assert 'value="21"' in page
    response = client.post(url, _form(threshold_complaints=2, acknowledge_days=5))
    assert response.status_code == 302
    assert RepeatVictimRules.objects.get(area=world.essex).threshold_complaints == 2
    assert CaseReviewTimescales.objects.get(area=world.essex).acknowledge_days == 5


def test_a_higher_threshold_is_refused_and_nothing_is_saved(world, client_for):
    client = client_for(world.system_admin)
    response = client.post(reverse("casereview:rules", args=["essex"]), _form(threshold_complaints=4, decide_days=10))
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 3 complaints" in page
    assert 'value="10"' in page  # what was typed is kept
    assert not RepeatVictimRules.objects.exists() and not CaseReviewTimescales.objects.exists()


def test_no_one_else_reaches_the_rules(world, client_for):
    for who in ("manager", "administrator", "council_officer", "county_viewer"):
        assert client_for(getattr(world, who)).get(reverse("casereview:rules", args=["essex"])).status_code == 404
