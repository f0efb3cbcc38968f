"""The matrix pages: starting a matrix, editing dimensions, scoring an issue (errors keep what was typed),
the results, adopting, and the read-only priorities page."""

from __future__ import annotations

import re

from django.urls import reverse

from saferhub.assessment import services
from saferhub.assessment.models import Priority, ScoringMatrix
from saferhub.assessment.tests.conftest import score_all_by_hand


def test_an_analyst_starts_a_matrix_from_the_defaults(world, client_for):
    client = client_for(world.analyst)
    page = client.get(reverse("assessment:matrix-new"))
    assert page.status_code == 200
    assert "No police.uk crime data has been imported yet" in page.content.decode()
    response = client.post(
        reverse("assessment:matrix-new"),
        {"partnership": world.home.partnership.pk, "year": "2026", "first_month": "2025-01", "last_month": "2025-12"},
    )
    matrix = ScoringMatrix.objects.get(partnership=world.home.partnership, year=2026)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:matrix", args=[matrix.pk])
    body = client.get(response["Location"]).content.decode()
    assert "Scoring matrix 2026-27" in body
    assert "There is no police.uk crime data for Braintree District Community Safety Partnership" in body
    for name in ("Harm", "Volume", "Trend", "Vulnerability", "Public concern", "Partnership capacity"):
        assert name in body


def test_a_bad_period_is_a_govuk_error_keeping_what_was_typed(world, client_for):
    response = client_for(world.analyst).post(
        reverse("assessment:matrix-new"),
        {"partnership": world.home.partnership.pk, "year": "2026", "first_month": "Jan 2025", "last_month": "2025-12"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter the first month as a year and month, for example 2025-01" in body
    assert 'value="Jan 2025"' in body
    assert not ScoringMatrix.objects.exists()


def _version(page: str, name: str = "scores_version") -> str:
    match = re.search(rf'name="{name}" value="([0-9a-f]+)"', page)
    assert match, f"the form carries {name}"
    return match.group(1)


def _score_url(matrix, title):
    return reverse("assessment:issue", args=[matrix.pk, matrix.issues.get(title=title).pk])


def test_a_score_without_a_rationale_is_refused_and_the_typed_text_kept(world, client_for, matrix):
    client = client_for(world.analyst)
    url = _score_url(matrix, "Burglary")
    page = client.get(url).content.decode()
    version = _version(page)
    harm = matrix.dimensions.get(key="harm")
    concern = matrix.dimensions.get(key="public_concern")
    # The data cells are read-only, with their explanation.
    assert "700 recorded crimes, 5th highest of 5 crime types" in page
    assert f'name="score_{matrix.dimensions.get(key="volume").pk}"' not in page
    response = client.post(
        url,
        {
            "scores_version": version,
            f"score_{harm.pk}": "4",
            f"rationale_{harm.pk}": "",
            f"score_{concern.pk}": "5",
            f"rationale_{concern.pk}": "Top concern in the residents' survey",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in body
    assert "Enter why Burglary scores 4 on Harm" in body
    assert f'href="#id_rationale_{harm.pk}"' in body
    assert "Top concern in the residents&#x27; survey" in body
    assert f'name="score_{harm.pk}" type="radio" value="4" checked' in body
    assert not matrix.issues.get(title="Burglary").scores.filter(from_data=False).exists()


def test_scores_with_rationales_are_saved_and_the_next_issue_opens(world, client_for, matrix):
    client = client_for(world.analyst)
    url = _score_url(matrix, "Anti-social behaviour")
    page = client.get(url).content.decode()
    version = _version(page)
    harm = matrix.dimensions.get(key="harm")
    response = client.post(
        url, {"scores_version": version, f"score_{harm.pk}": "2", f"rationale_{harm.pk}": "Nuisance", "next": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == _score_url(matrix, "Burglary")
    assert matrix.issues.get(title="Anti-social behaviour").scores.get(dimension=harm).explanation == "Nuisance"


def test_a_save_over_someone_elses_scores_is_refused(world, client_for, matrix):
    client = client_for(world.analyst)
    url = _score_url(matrix, "Burglary")
    version = _version(client.get(url).content.decode())
    harm = matrix.dimensions.get(key="harm")
    services.issue_score(
        issue=matrix.issues.get(title="Burglary"), given={harm: services.ScoreGiven(5, "Mona's view")}, by=world.manager
    )
    response = client.post(url, {"scores_version": version, f"score_{harm.pk}": "2", f"rationale_{harm.pk}": "Mine"})
    assert "Someone else saved changes to this record" in response.content.decode()
    assert matrix.issues.get(title="Burglary").scores.get(dimension=harm).value == 5


def test_a_dimension_weight_must_be_a_positive_number(world, client_for, matrix):
    harm = matrix.dimensions.get(key="harm")
    url = reverse("assessment:dimension", args=[matrix.pk, harm.pk])
    client = client_for(world.analyst)
    page = client.get(url).content.decode()
    assert re.search(r'<input type="number" name="weight" value="2"', page)
    version = _version(page, "record_version")
    data = {
        "name": "Harm",
        "description": harm.description,
        "scale_labels": "\n".join(harm.scale_labels),
        "weight": "-1",
        "source_note": harm.source_note,
        "record_version": version,
    }
    body = client.post(url, data).content.decode()
    assert "The weight must be more than 0" in body
    response = client.post(url, {**data, "weight": "3.5"})
    assert response.status_code == 302
    harm.refresh_from_db()
    assert str(harm.weight) == "3.50"


def test_a_dimension_added_by_the_analyst_appears_on_the_matrix(world, client_for, matrix):
    client = client_for(world.analyst)
    response = client.post(
        reverse("assessment:dimension-new", args=[matrix.pk]),
        {
            "name": "Repeat victimisation",
            "description": "Repeat victims",
            "scored_by": "analyst",
            "computation": "",
            "scale_labels": "Rare\nCommon\nMost victims",
            "weight": "1",
        },
    )
    assert response.status_code == 302
    assert "Repeat victimisation" in client.get(reverse("assessment:matrix", args=[matrix.pk])).content.decode()


def test_adding_an_issue_by_hand_leads_to_scoring_it_on_every_dimension(world, client_for, matrix):
    client = client_for(world.analyst)
    response = client.post(
        reverse("assessment:issue-new", args=[matrix.pk]), {"title": "Domestic abuse", "description": "IDVA data"}
    )
    issue = matrix.issues.get(title="Domestic abuse")
    assert response["Location"] == reverse("assessment:issue", args=[matrix.pk, issue.pk])
    page = client.get(response["Location"]).content.decode()
    for dimension in matrix.dimensions.all():
        assert f'name="score_{dimension.pk}"' in page


def test_the_results_rank_and_explain(world, client_for, matrix):
    score_all_by_hand(matrix, world.analyst, {"Shoplifting": 4})
    body = client_for(world.analyst).get(reverse("assessment:results", args=[matrix.pk])).content.decode()
    assert body.index("Shoplifting") < body.index("Violence and sexual offences")
    assert "Total of 100" in body
    assert "Adopt priorities" not in body  # the analyst does not adopt


def test_a_manager_adopts_the_top_issues_in_two_steps(world, client_for, matrix):
    score_all_by_hand(matrix, world.analyst)
    client = client_for(world.manager)
    choose = client.get(reverse("assessment:adopt", args=[matrix.pk])).content.decode()
    assert choose.count("checked") == 5  # the top of the ranking (all five here) is selected
    ids = [matrix.issues.get(title=t).pk for t in ("Burglary", "Violence and sexual offences")]
    response = client.post(reverse("assessment:adopt", args=[matrix.pk]), {"issues": ids})
    assert response.status_code == 302
    check_url = response["Location"]
    check = client.get(check_url).content.decode()
    assert "Priority 1: from Violence and sexual offences" in check
    missing = client.post(
        check_url,
        {
            f"title_{ids[0]}": "Burglary",
            f"statement_{ids[0]}": "",
            f"title_{ids[1]}": "Violence",
            f"statement_{ids[1]}": "Reduce it",
        },
    )
    assert "Enter a short statement of what the partnership will do about Burglary" in missing.content.decode()
    assert 'value="Violence"' in missing.content.decode()
    done = client.post(
        check_url,
        {
            f"title_{ids[0]}": "Burglary",
            f"statement_{ids[0]}": "Target repeat locations",
            f"title_{ids[1]}": "Tackle violence",
            f"statement_{ids[1]}": "Reduce it",
        },
    )
    assert done.status_code == 302
    assert list(Priority.objects.order_by("rank").values_list("title", flat=True)) == ["Tackle violence", "Burglary"]


def test_scrutiny_reads_the_priorities_and_their_history(world, client_for, matrix, django_assert_max_num_queries):
    score_all_by_hand(matrix, world.analyst)
    issues = {i.title: i for i in matrix.issues.all()}
    for titles in (["Burglary"], ["Shoplifting", "Anti-social behaviour"]):
        services.priorities_adopt(
            matrix=matrix,
            chosen=[services.PriorityChosen(issues[t], t, f"Act on {t}") for t in titles],
            by=world.manager,
        )
    client = client_for(world.scrutiny)
    client.get(reverse("assessment:priorities"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("assessment:priorities"))
    body = response.content.decode()
    assert "Braintree District Community Safety Partnership: 2026-27" in body
    assert "Act on Shoplifting" in body
    assert "1 earlier set adopted for this year" in body
    assert reverse("assessment:matrix", args=[matrix.pk]) not in body


def test_the_priorities_page_costs_the_same_queries_for_more_sets(world, client_for, matrix, django_assert_num_queries):
    score_all_by_hand(matrix, world.analyst)
    issues = list(matrix.issues.all())
    client = client_for(world.county_viewer)
    client.get(reverse("assessment:priorities"))

    def adopt(n):
        services.priorities_adopt(
            matrix=matrix, chosen=[services.PriorityChosen(i, i.title, "Act") for i in issues[:n]], by=world.manager
        )

    adopt(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("assessment:priorities"))
    adopt(5)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("assessment:priorities"))
    assert len(many.captured_queries) == len(one.captured_queries)
