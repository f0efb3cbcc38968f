"""The matrix scored from the real police.uk files of ../shared/data (Essex, January to April 2024) and the
real LSOA reference data: Braintree's crime types become issues, with volume and trend from the data."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from saferhub.assessment import selectors, services
from saferhub.crimedata import reference
from saferhub.crimedata import services as crime
from saferhub.crimedata.importer import source_for

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data"
STREET = SHARED / "police-uk-essex-street-2024"


def load_essex_2024() -> None:
    """Import the reference data and the four months of Essex street crime into this test's data directory."""
    if not STREET.is_dir():
        pytest.skip(f"the real police.uk files are not at {SHARED}")
    reference.load_reference(SHARED / "lsoa-lookups", SHARED / "lsoa-population", SHARED / "imd2019")
    for path in sorted(STREET.glob("*.csv")):
        crime.crime_file_import(source=source_for(str(path), path.read_bytes))


def braintree_counts_from_the_files(months: list[str]) -> Counter[str]:
    """Crime types of the rows whose LSOA is in Braintree district, read straight from the CSV files."""
    counts: Counter[str] = Counter()
    for month in months:
        with (STREET / f"{month}-essex-street.csv").open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["LSOA name"].startswith("Braintree "):
                    counts[row["Crime type"]] += 1
    return counts


def test_braintrees_crime_types_are_scored_from_the_real_data(world):
    load_essex_2024()
    matrix = services.matrix_create(
        partnership=world.home.partnership, year=2024, first_month="2024-03", last_month="2024-04", by=world.analyst
    )
    services.matrix_score_from_data(matrix=matrix, by=world.analyst)
    matrix.refresh_from_db()
    assert matrix.data_note == ""

    expected = braintree_counts_from_the_files(["2024-03", "2024-04"])
    previous = braintree_counts_from_the_files(["2024-01", "2024-02"])
    issues = {i.crime_type: i for i in matrix.issues.all()}
    assert set(issues) == set(expected) | set(previous)
    assert {name: issue.count for name, issue in issues.items()} == {name: expected[name] for name in issues}

    top = max(expected, key=lambda name: expected[name])
    volume = issues[top].scores.get(dimension__key="volume")
    assert volume.value == 5
    assert volume.explanation == f"{expected[top]:,} recorded crimes, 1st highest of {len(issues)} crime types"

    # Every trend is computed (January and February are held), and a significant fall scores below the middle.
    trends = {name: issue.scores.get(dimension__key="trend") for name, issue in issues.items()}
    for name, score in trends.items():
        stats = issues[name].stats
        if stats["significant"] and stats["count"] < stats["previous"]:
            assert score.value < 3, name
            assert "a significant fall" in score.explanation
        elif not stats["significant"]:
            assert score.value == 3, name
            assert "not a significant change" in score.explanation

    # With the analyst's scores given, every crime type is ranked and the ranking explains itself.
    harm = matrix.dimensions.get(key="harm")
    for issue in issues.values():
        given = {
            d: services.ScoreGiven(4 if issue.crime_type == "Burglary" else 2, "Professional judgement")
            for d in matrix.dimensions.filter(scored_by="analyst")
        }
        services.issue_score(issue=issue, given=given, by=world.analyst)
    ranking = selectors.matrix_results(matrix).ranking
    assert len(ranking.ranked) == len(issues)
    assert not ranking.unranked
    burglary = next(entry for entry in ranking.ranked if entry.issue.title == "Burglary")
    assert next(p for p in burglary.parts if p.dimension.key == harm.pk).value == 4
