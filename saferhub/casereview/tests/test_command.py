"""``saferhub case-review check FILE.json`` through the real console command, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from saferhub.incidents.services import repeat_victim_rules_set


def _run(tmp_path, data, *extra):
    path = tmp_path / "application.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "saferhub.cli", "case-review", "check", str(path), *extra],
        capture_output=True,
        text=True,
        check=False,
    )


APPLICATION = {
    "application_date": "2026-07-14",
    "complaints": [
        {"behaviour_date": "2026-01-15", "reported_date": "2026-02-14", "agency": "Essex Police"},
        {"behaviour_date": "2026-03-01", "reported_date": "2026-03-02", "agency": "Braintree District Council"},
        {"behaviour_date": "2026-05-01", "reported_date": "2026-06-05", "agency": "Eastlight Community Homes"},
    ],
}


def test_check_prints_the_decision_and_a_reason_per_complaint(tmp_path):
    result = _run(tmp_path, APPLICATION)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"threshold_met", "automatic", "qualifying_complaints", "required", "complaints"}
    assert (answer["threshold_met"], answer["automatic"], answer["qualifying_complaints"], answer["required"]) == (
        False,
        False,
        2,
        3,
    )
    assert [(c["index"], c["qualifies"]) for c in answer["complaints"]] == [(1, True), (2, True), (3, False)]
    assert "after the period of one month" in answer["complaints"][2]["reason"]


def test_an_areas_lower_number_applies_when_the_area_is_named(tmp_path, db):
    """In process, so the command reads this test's database (a subprocess would not see it)."""
    from io import StringIO

    from django.core.management import call_command

    from saferhub.partnerships.services import area_create

    area = area_create(name="Essex", slug="essex", police_force="Essex Police", by=None)
    repeat_victim_rules_set(area=area, by=None, threshold_complaints=2)
    out = StringIO()
    path = tmp_path / "application.json"
    path.write_text(json.dumps({**APPLICATION, "area": "essex"}), encoding="utf-8")
    call_command("case-review", "check", str(path), stdout=out)
    answer = json.loads(out.getvalue())
    assert (answer["threshold_met"], answer["required"]) == (True, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "is not valid JSON"),
        (
            {
                **APPLICATION,
                "complaints": [{"behaviour_date": "2026-02-30", "reported_date": "2026-03-01", "agency": "X"}],
            },
            "complaint 1: behaviour_date '2026-02-30' is not a real date",
        ),
        (
            {
                **APPLICATION,
                "complaints": [{"behaviour_date": "2026-03-05", "reported_date": "2026-03-01", "agency": "X"}],
            },
            "complaint 1: reported_date 2026-03-01 is before behaviour_date 2026-03-05",
        ),
    ],
)
def test_bad_input_exits_non_zero_naming_what_to_fix(tmp_path, data, message):
    result = _run(tmp_path, data)
    assert result.returncode != 0
    assert message in result.stderr
    assert result.stdout == ""


def test_an_unknown_area_is_an_error(tmp_path, db):
    from io import StringIO

    from django.core.management import CommandError, call_command

    path = tmp_path / "application.json"
    path.write_text(json.dumps({**APPLICATION, "area": "atlantis"}), encoding="utf-8")
    with pytest.raises(CommandError, match="area: no area has the slug 'atlantis'"):
        call_command("case-review", "check", str(path), stdout=StringIO())
