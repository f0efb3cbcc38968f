"""Who sees the matrix and who reads the adopted priorities: one policy per model, 404 for the rest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saferhub.assessment import access, services
from saferhub.assessment.tests.conftest import score_all_by_hand

EVERYONE = [
    "council_officer",
    "police_officer",
    "housing_officer",
    "manager",
    "administrator",
    "analyst",
    "panel_chair",
    "scrutiny",
    "county_viewer",
    "outsider",
    "outside_manager",
    "system_admin",
    "no_roles",
]


def _who(world, policy, action, record):
    return {name for name in EVERYONE if policy.can(getattr(world, name), action, record)}


def _adopted(world, matrix):
    score_all_by_hand(matrix, world.analyst)
    burglary = matrix.issues.get(title="Burglary")
    return services.priorities_adopt(
        matrix=matrix,
        chosen=[services.PriorityChosen(burglary, "Burglary", "Target repeat locations")],
        by=world.manager,
    )[0]


def test_analysts_managers_and_administrators_work_on_the_matrix_and_only_managers_adopt(world, matrix):
    assert _who(world, access.matrices, "view", matrix) == {"manager", "administrator", "analyst"}
    assert _who(world, access.matrices, "change", matrix) == {"manager", "administrator", "analyst"}
    assert _who(world, access.matrices, "adopt", matrix) == {"manager"}
    issue = matrix.issues.first()
    assert _who(world, access.issues, "change", issue) == {"manager", "administrator", "analyst"}
    assert _who(world, access.dimensions, "change", matrix.dimensions.first()) == {
        "manager",
        "administrator",
        "analyst",
    }
    assert _who(world, access.scores, "view", issue.scores.first()) == {"manager", "administrator", "analyst"}


def test_scrutiny_and_county_viewers_read_the_adopted_priorities_and_no_one_changes_them(world, matrix):
    priority = _adopted(world, matrix)
    assert _who(world, access.priorities, "view", priority) == {
        "manager",
        "administrator",
        "analyst",
        "scrutiny",
        "county_viewer",
    }
    assert _who(world, access.priorities, "change", priority) == set()


def test_a_county_viewer_reads_every_partnership_of_the_area_a_scrutiny_councillor_only_their_own(world):
    from saferhub.accounts.services import role_grant

    other_manager = world.outside_manager
    other_analyst = world.outsider
    role_grant(user=other_analyst, partnership=world.other.partnership, role="analyst", by=None)
    matrix = services.matrix_create(
        partnership=world.other.partnership, year=2026, first_month="2025-01", last_month="2025-12", by=other_analyst
    )
    issue = services.issue_add(matrix=matrix, title="Hate crime", description="", by=other_analyst)
    score_all_by_hand(matrix, other_analyst)
    priority = services.priorities_adopt(
        matrix=matrix, chosen=[services.PriorityChosen(issue, "Hate crime", "Report it")], by=other_manager
    )[0]
    readers = _who(world, access.priorities, "view", priority)
    assert "county_viewer" in readers
    assert not readers & {"scrutiny", "manager", "analyst", "administrator"}


@pytest.mark.parametrize("persona", ["scrutiny", "county_viewer", "council_officer", "outsider", "no_roles"])
def test_everyone_else_gets_404_on_every_matrix_page(world, client_for, matrix, persona):
    client = client_for(getattr(world, persona))
    issue = matrix.issues.first()
    dimension = matrix.dimensions.first()
    urls = [
        reverse("assessment:index"),
        reverse("assessment:matrix-new"),
        reverse("assessment:matrix", args=[matrix.pk]),
        reverse("assessment:scores", args=[matrix.pk]),
        reverse("assessment:issue", args=[matrix.pk, issue.pk]),
        reverse("assessment:dimension", args=[matrix.pk, dimension.pk]),
        reverse("assessment:results", args=[matrix.pk]),
        reverse("assessment:adopt", args=[matrix.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_an_analyst_reads_the_results_but_only_a_manager_opens_the_adopt_pages(world, client_for, matrix):
    assert client_for(world.analyst).get(reverse("assessment:results", args=[matrix.pk])).status_code == 200
    assert client_for(world.analyst).get(reverse("assessment:adopt", args=[matrix.pk])).status_code == 404
    assert client_for(world.manager).get(reverse("assessment:adopt", args=[matrix.pk])).status_code == 200


def test_an_issue_of_another_matrix_is_404_under_this_one(world, client_for, matrix):
    other_year = make_matrix_for_year(world, 2025)
    issue = other_year.issues.first()
    response = client_for(world.analyst).get(reverse("assessment:issue", args=[matrix.pk, issue.pk]))
    assert response.status_code == 404


def make_matrix_for_year(world, year):
    matrix = services.matrix_create(
        partnership=world.home.partnership, year=year, first_month="2024-01", last_month="2024-12", by=world.analyst
    )
    services.issue_add(matrix=matrix, title="Exploitation", description="", by=world.analyst)
    return matrix


def test_the_priorities_page_is_404_for_people_without_a_reading_role(world, client_for):
    for persona in ("council_officer", "police_officer", "panel_chair", "no_roles", "outsider"):
        assert client_for(getattr(world, persona)).get(reverse("assessment:priorities")).status_code == 404, persona
    for persona in ("scrutiny", "county_viewer", "analyst", "manager", "administrator"):
        assert client_for(getattr(world, persona)).get(reverse("assessment:priorities")).status_code == 200, persona
