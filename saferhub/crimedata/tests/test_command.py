"""``saferhub crime import`` and ``saferhub crime summary``: through call_command, and once as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _crime(*args):
    out, err = StringIO(), StringIO()
    call_command("crime", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_zip_in_the_police_uk_layout_imports_both_forces(police_data, tmp_path):
    archive = tmp_path / "2024-01.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for force in ("suffolk", "city-of-london"):
            name = f"2024-01-{force}-street.csv"
            zipped.write(police_data / "police-uk-other-forces-street-2024" / name, f"2024-01/{name}")
    out, err = _crime("import", str(archive))
    answer = json.loads(out)
    assert [(a["force"], a["month"], a["kind"], a["accepted"], a["rejected"]) for a in answer] == [
        ("city-of-london", "2024-01", "street", 734, 0),
        ("suffolk", "2024-01", "street", 3972, 0),
    ]
    assert answer[0]["file"] == f"{archive}:2024-01/2024-01-city-of-london-street.csv"
    assert "2/2 done" in err
    out, _ = _crime("summary", "--force", "Suffolk Constabulary", "--from", "2024-01", "--to", "2024-02")
    assert json.loads(out)["total"] == [3972, 0]


def test_missing_and_misnamed_paths_are_named_after_the_rest_is_imported(police_data, tmp_path):
    misnamed = tmp_path / "essex-january.csv"
    misnamed.write_text("Crime ID\n", encoding="utf-8")
    good = police_data / "police-uk-other-forces-street-2024" / "2024-01-city-of-london-street.csv"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "crime", "import", str(tmp_path / "nothing-here"), str(misnamed), str(good), stdout=out, stderr=err
        )
    assert raised.value.returncode == 1
    assert [a["force"] for a in json.loads(out.getvalue())] == ["city-of-london"]
    assert f"{tmp_path / 'nothing-here'}: no such file or folder" in err.getvalue()
    assert f"{misnamed}: not a police.uk file name" in err.getvalue()


def test_a_report_path_is_printed_when_rows_are_rejected(tmp_path):
    path = tmp_path / "2024-01-essex-street.csv"
    path.write_text(
        "Crime ID,Month,Crime type,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
        "LSOA name,Last outcome category\nx,2023-12,Burglary,Essex Police,,,,,,,,\n",
        encoding="utf-8",
    )
    answer = json.loads(_crime("import", str(path))[0])
    assert answer[0]["rejected"] == 1 and answer[0]["report"].endswith(".csv")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2024-13", "--to", "2024-04"], "--from: '2024-13' is not a month as YYYY-MM"),
        (["--from", "2024-01", "--to", "April"], "--to: 'April' is not a month as YYYY-MM"),
        (["--from", "2024-05", "--to", "2024-04"], "--from: 2024-05 is after --to 2024-04"),
    ],
)
def test_a_bad_month_option_is_named(args, message):
    with pytest.raises(CommandError, match=message) as raised:
        _crime("summary", "--force", "Essex Police", *args)
    assert raised.value.returncode == 2


def test_the_summary_of_no_data_is_zeros():
    out, _ = _crime("summary", "--force", "Essex Police", "--from", "2023-11", "--to", "2024-01")
    assert json.loads(out) == {"months": ["2023-11", "2023-12", "2024-01"], "counts": {}, "total": [0, 0, 0]}


def test_the_real_command_prints_json_and_exits_with_its_status(police_data, tmp_path):
    env = {**os.environ, "SAFERHUB_DATA_DIR": str(tmp_path / "data"), "DEBUG": "true"}
    env.pop("DATABASE_URL", None)  # its own SQLite database in the data directory

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "saferhub.cli", *args], capture_output=True, text=True, env=env, check=False
        )

    assert run("migrate", "-v0").returncode == 0
    imported = run(
        "crime",
        "import",
        str(police_data / "police-uk-essex-street-2024" / "2024-02-essex-street.csv"),
        str(tmp_path / "missing"),
    )
    assert imported.returncode == 1
    assert [(a["month"], a["accepted"]) for a in json.loads(imported.stdout)] == [("2024-02", 12_722)]
    assert "missing: no such file or folder" in imported.stderr
    summary = run(
        "crime", "summary", "--force", "Essex Police", "--from", "2024-01", "--to", "2024-02", "--format", "json"
    )
    assert summary.returncode == 0, summary.stderr
    assert json.loads(summary.stdout)["total"] == [0, 12_722]
    bad = run("crime", "summary", "--force", "Essex Police", "--from", "2024-1", "--to", "2024-02")
    assert bad.returncode == 2 and "--from" in bad.stderr


def test_a_file_that_cannot_be_read_is_named_and_the_others_are_imported(police_data, tmp_path):
    empty = tmp_path / "2024-02-city-of-london-street.csv"
    empty.write_bytes(b"")
    good = police_data / "police-uk-other-forces-street-2024" / "2024-01-city-of-london-street.csv"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("crime", "import", str(good), str(empty), stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert [(a["month"], a["accepted"]) for a in json.loads(out.getvalue())] == [("2024-01", 734)]
    assert f"crime import: error: {empty}: the file is empty" in err.getvalue()
    assert "2/2 done" in err.getvalue()
