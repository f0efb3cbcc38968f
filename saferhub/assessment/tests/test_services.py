"""Writes to the matrix: starting from the defaults, scoring from data, the analyst's scores with their
rationale, dimensions, and adopting priorities (replacing a set keeps its history)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saferhub.assessment import scoring, selectors, services
from saferhub.assessment.defaults import DEFAULT_DIMENSIONS
from saferhub.assessment.models import IssueScore, Priority, ScoringDimension
from saferhub.assessment.tests.conftest import FIGURES, make_matrix, score_all_by_hand, stats
from saferhub.audit.models import AuditEvent


def _dimension(matrix, key):
    return matrix.dimensions.get(key=key)


def test_a_new_matrix_starts_from_the_six_default_dimensions_each_citing_its_source(world, matrix):
    dimensions = list(matrix.dimensions.order_by("position"))
    assert [d.key for d in dimensions] == ["harm", "volume", "trend", "vulnerability", "public_concern", "capacity"]
    assert [d.scored_by for d in dimensions] == ["analyst", "data", "data", "analyst", "analyst", "analyst"]
    assert all(d.source_note and d.points == 5 for d in dimensions)
    assert len(DEFAULT_DIMENSIONS) == 6
    assert AuditEvent.objects.filter(verb="matrix.created", partnership_id=world.home.partnership.pk).exists()


def test_one_matrix_per_partnership_and_year(world, matrix):
    with pytest.raises(ValidationError) as raised:
        services.matrix_create(
            partnership=world.home.partnership, year=2026, first_month="2025-01", last_month="2025-12", by=world.analyst
        )
    assert "already has a scoring matrix for 2026-27" in raised.value.message_dict["year"][0]


def test_a_period_must_be_real_months_in_order(world):
    with pytest.raises(ValidationError) as raised:
        services.matrix_create(
            partnership=world.home.partnership, year=2026, first_month="2025-13", last_month="2024-01", by=world.analyst
        )
    assert set(raised.value.message_dict) == {"first_month"}
    with pytest.raises(ValidationError) as raised:
        services.matrix_create(
            partnership=world.home.partnership, year=2026, first_month="2025-06", last_month="2025-01", by=world.analyst
        )
    assert raised.value.message_dict["last_month"] == ["The last month must be the same as or after the first month"]


def test_each_crime_type_becomes_an_issue_with_its_data_dimensions_scored_and_explained(matrix):
    assert sorted(matrix.issues.values_list("title", flat=True)) == sorted(FIGURES)
    violence = matrix.issues.get(crime_type="Violence and sexual offences")
    volume = violence.scores.get(dimension__key="volume")
    trend = violence.scores.get(dimension__key="trend")
    assert (volume.value, volume.from_data) == (5, True)
    assert volume.explanation == "4,200 recorded crimes, 1st highest of 5 crime types"
    assert trend.value == 4
    assert trend.explanation == "+8% on the previous 12 months (from 3,900 to 4,200): a significant rise"
    assert matrix.data_note == ""


def test_scoring_from_data_again_keeps_the_analysts_scores_and_adds_new_crime_types(world, matrix):
    burglary = matrix.issues.get(title="Burglary")
    harm = _dimension(matrix, "harm")
    services.issue_score(issue=burglary, given={harm: services.ScoreGiven(4, "Entry to homes")}, by=world.analyst)
    services.matrix_score_from_data(
        matrix=matrix,
        by=world.analyst,
        stats={**FIGURES, "Burglary": stats(900, 700, 28.6, True), "Robbery": stats(90, 80, 12.5, False)},
    )
    burglary.refresh_from_db()
    assert burglary.scores.get(dimension=harm).value == 4
    assert burglary.scores.get(dimension__key="trend").value == 5
    assert matrix.issues.filter(title="Robbery").exists()
    assert AuditEvent.objects.filter(verb="matrix.scored_from_data").count() == 2


def test_a_crime_type_taken_out_stays_out_when_the_data_is_scored_again(world, matrix):
    shoplifting = matrix.issues.get(title="Shoplifting")
    services.issue_remove(issue=shoplifting, by=world.analyst)
    services.matrix_score_from_data(matrix=matrix, by=world.analyst, stats=FIGURES)
    assert [i.title for i in matrix.issues.filter(archived_at__isnull=False)] == ["Shoplifting"]
    services.issue_restore(issue=shoplifting, by=world.analyst)
    assert matrix.issues.filter(archived_at__isnull=True).count() == 5


def test_an_issue_added_by_hand_under_a_crime_types_name_becomes_that_crime_type(world):
    matrix = make_matrix(world, figures={})
    robbery = services.issue_add(matrix=matrix, title="Robbery", description="", by=world.analyst)
    volume = _dimension(matrix, "volume")
    services.issue_score(issue=robbery, given={volume: services.ScoreGiven(2, "Police briefing")}, by=world.analyst)
    services.matrix_score_from_data(
        matrix=matrix, by=world.analyst, stats={**FIGURES, "Robbery": stats(90, 80, 12.5, False)}
    )
    assert matrix.issues.filter(title__iexact="robbery").count() == 1
    robbery.refresh_from_db()
    assert robbery.crime_type == "Robbery"
    score = robbery.scores.get(dimension=volume)
    assert (score.from_data, score.value) == (True, 1)
    event = AuditEvent.objects.filter(verb="matrix.scored_from_data").order_by("-id")[0]
    assert event.detail["hand_scores_replaced"] == [
        {"issue": "Robbery", "dimension": "Volume", "value": 2, "rationale": "Police briefing"}
    ]


def test_without_crime_data_the_matrix_says_so(world):
    matrix = make_matrix(world, figures={})
    matrix.refresh_from_db()
    assert matrix.data_note.startswith("There is no police.uk crime data for Braintree District Community Safety")
    assert not matrix.issues.exists()


def test_an_analyst_score_needs_a_rationale_and_says_which(world, matrix):
    burglary = matrix.issues.get(title="Burglary")
    harm, concern = _dimension(matrix, "harm"), _dimension(matrix, "public_concern")
    with pytest.raises(ValidationError) as raised:
        services.issue_score(
            issue=burglary,
            given={harm: services.ScoreGiven(4, "   "), concern: services.ScoreGiven(None, "Residents' survey")},
            by=world.analyst,
        )
    errors = raised.value.message_dict
    assert errors[f"rationale_{harm.pk}"] == ["Enter why Burglary scores 4 on Harm"]
    assert errors[f"score_{concern.pk}"] == ["Select a score for Public concern, or clear the rationale"]
    assert not IssueScore.objects.filter(issue=burglary, from_data=False).exists()


def test_a_data_cell_is_not_scored_by_hand_but_an_issue_added_by_hand_is_scored_on_every_dimension(world, matrix):
    volume = _dimension(matrix, "volume")
    with pytest.raises(ValidationError, match="scored from the crime data"):
        services.issue_score(
            issue=matrix.issues.get(title="Burglary"), given={volume: services.ScoreGiven(1, "Low")}, by=world.analyst
        )
    abuse = services.issue_add(
        matrix=matrix, title="Domestic abuse", description="Police and IDVA data", by=world.analyst
    )
    services.issue_score(
        issue=abuse, given={volume: services.ScoreGiven(4, "2,300 incidents reported to police")}, by=world.analyst
    )
    assert abuse.scores.get(dimension=volume).explanation == "2,300 incidents reported to police"
    assert AuditEvent.objects.filter(verb="matrix.issue_scored").count() == 1


def test_clearing_a_score_and_its_rationale_takes_the_score_away(world, matrix):
    burglary = matrix.issues.get(title="Burglary")
    harm = _dimension(matrix, "harm")
    services.issue_score(issue=burglary, given={harm: services.ScoreGiven(4, "Entry to homes")}, by=world.analyst)
    services.issue_score(issue=burglary, given={harm: services.ScoreGiven(None, "")}, by=world.analyst)
    assert not burglary.scores.filter(dimension=harm).exists()


def test_an_issue_title_is_needed_once(world, matrix):
    with pytest.raises(ValidationError) as raised:
        services.issue_add(matrix=matrix, title="burglary", description="", by=world.analyst)
    assert raised.value.message_dict["title"] == ["This matrix already has an issue called burglary"]


def _values(**overrides):
    base = {
        "name": "Repeat victims",
        "description": "How often the same victims come back",
        "scale_labels": ["Rarely", "Sometimes", "Often"],
        "weight": Decimal(1),
    }
    return services.DimensionValues(**{**base, **overrides})


def test_a_dimension_needs_a_positive_weight_a_scale_and_a_unique_name(world, matrix):
    with pytest.raises(ValidationError) as raised:
        services.dimension_add(
            matrix=matrix, values=_values(name="harm", weight=Decimal(0), scale_labels=["Only"]), by=world.analyst
        )
    errors = raised.value.message_dict
    assert errors["weight"] == ["The weight must be more than 0"]
    assert errors["name"] == ["This matrix already has a dimension called harm: choose another name"]
    assert errors["scale_labels"][0].startswith("Enter between 2 and 10 points for the scale")


def test_a_new_data_dimension_is_scored_at_once(world, matrix):
    dimension = services.dimension_add(
        matrix=matrix,
        values=_values(name="Rate", scored_by="data", computation="rate", scale_labels=["Low", "Mid", "High"]),
        by=world.analyst,
    )
    assert dimension.scores.filter(from_data=True).count() == 5


def test_a_matrix_keeps_at_least_one_dimension(world, matrix):
    dimensions = list(matrix.dimensions.all())
    for dimension in dimensions[:-1]:
        services.dimension_archive(dimension=dimension, by=world.analyst)
    with pytest.raises(ValidationError, match="at least one dimension"):
        services.dimension_archive(dimension=dimensions[-1], by=world.analyst)
    assert matrix.dimensions.filter(archived_at__isnull=True).count() == 1


def test_a_scale_is_not_shortened_below_a_score_already_given(world, matrix):
    harm = _dimension(matrix, "harm")
    services.issue_score(
        issue=matrix.issues.get(title="Burglary"),
        given={harm: services.ScoreGiven(5, "Entry to homes")},
        by=world.analyst,
    )
    with pytest.raises(ValidationError) as raised:
        services.dimension_update(
            dimension=harm,
            values=_values(name="Harm", description=harm.description, scale_labels=["Low", "Medium", "High"]),
            by=world.analyst,
        )
    assert raised.value.message_dict["scale_labels"][0].startswith("1 issue has a score above 3 on Harm (Burglary)")


def test_a_data_dimension_on_a_new_scale_is_scored_again(world, matrix):
    volume = _dimension(matrix, "volume")
    services.dimension_update(
        dimension=volume,
        values=_values(
            name="Volume", description=volume.description, scale_labels=["Low", "High"], computation="volume"
        ),
        by=world.analyst,
    )
    assert sorted(volume.scores.values_list("value", flat=True)) == [1, 1, 2, 2, 2]


def test_weights_change_the_ranking(world, matrix):
    score_all_by_hand(matrix, world.analyst)
    before = [e.issue.title for e in selectors.matrix_results(matrix).ranking.ranked]
    assert before[0] == "Violence and sexual offences"
    trend = _dimension(matrix, "trend")
    services.dimension_update(
        dimension=trend,
        values=_values(
            name="Trend",
            description=trend.description,
            scale_labels=trend.scale_labels,
            weight=Decimal(20),
            computation="trend",
        ),
        by=world.analyst,
    )
    after = [e.issue.title for e in selectors.matrix_results(matrix).ranking.ranked]
    assert after[0] == "Shoplifting"  # the only rise of more than 25%


# --- adopting -----------------------------------------------------------------------------------


def _adopt(matrix, by, titles):
    issues = {i.title: i for i in matrix.issues.all()}
    return services.priorities_adopt(
        matrix=matrix,
        chosen=[services.PriorityChosen(issues[t], t, f"Work with partners on {t.lower()}") for t in titles],
        by=by,
    )


def test_a_manager_adopts_the_chosen_issues_in_the_matrixs_order_with_what_the_matrix_said(world, matrix):
    score_all_by_hand(matrix, world.analyst)
    adopted = _adopt(matrix, world.manager, ["Shoplifting", "Violence and sexual offences"])
    assert [(p.rank, p.title) for p in adopted] == [(1, "Violence and sexual offences"), (2, "Shoplifting")]
    first = adopted[0]
    assert (first.partnership, first.year, first.adopted_by, first.matrix) == (
        world.home.partnership,
        2026,
        world.manager,
        matrix,
    )
    assert first.breakdown["rank_in_matrix"] == 1
    assert [part["dimension"] for part in first.breakdown["parts"]][:2] == ["Harm", "Volume"]
    assert first.score_total == scoring.shown(selectors.matrix_results(matrix).ranking.ranked[0].total, 2)
    event = AuditEvent.objects.get(verb="priorities.adopted")
    assert event.partnership_id == world.home.partnership.pk


def test_adopting_again_for_the_year_archives_the_earlier_set(world, matrix):
    score_all_by_hand(matrix, world.analyst)
    first = _adopt(matrix, world.manager, ["Burglary", "Shoplifting", "Anti-social behaviour"])
    second = _adopt(matrix, world.manager, ["Violence and sexual offences", "Burglary"])
    current = Priority.objects.filter(partnership=world.home.partnership, year=2026, archived_at__isnull=True)
    assert [p.title for p in current.order_by("rank")] == ["Violence and sexual offences", "Burglary"]
    archived = Priority.objects.filter(pk__in=[p.pk for p in first])
    assert archived.count() == 3
    assert all(p.archived_at is not None and p.archived_by == world.manager for p in archived)
    last = AuditEvent.objects.filter(verb="priorities.adopted").order_by("-id")[0]
    assert sorted(last.detail["replaced"]) == sorted(p.pk for p in first)
    assert {p.pk for p in second} <= set(current.values_list("pk", flat=True))


def test_only_a_manager_adopts_and_only_ranked_issues_with_words(world, matrix):
    with pytest.raises(ValidationError, match="Only a manager"):
        _adopt(matrix, world.analyst, ["Burglary"])
    with pytest.raises(ValidationError) as raised:
        _adopt(matrix, world.manager, ["Burglary"])
    assert "Burglary is not ranked in this matrix" in raised.value.message_dict["issues"][0]
    score_all_by_hand(matrix, world.analyst)
    burglary = matrix.issues.get(title="Burglary")
    with pytest.raises(ValidationError) as raised:
        services.priorities_adopt(matrix=matrix, chosen=[services.PriorityChosen(burglary, " ", "")], by=world.manager)
    assert set(raised.value.message_dict) == {f"title_{burglary.pk}", f"statement_{burglary.pk}"}
    assert not Priority.objects.exists()


def test_dimensions_removed_are_not_ranked_on(world, matrix):
    score_all_by_hand(matrix, world.analyst)
    for dimension in ScoringDimension.objects.filter(matrix=matrix).exclude(key="volume"):
        services.dimension_archive(dimension=dimension, by=world.analyst)
    ranked = selectors.matrix_results(matrix).ranking.ranked
    assert [e.issue.title for e in ranked][:2] == ["Violence and sexual offences", "Anti-social behaviour"]
    assert [p.dimension.name for p in ranked[0].parts] == ["Volume"]
