"""The real police.uk files of ../shared/data; tests that need them skip when the folder is absent."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from saferhub.crimedata import store
from saferhub.crimedata.models import ReferenceImport
from saferhub.crimedata.reference import load_reference
from saferhub.crimedata.services import reference_import

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


@pytest.fixture
def police_data() -> Path:
    """The folder of real police.uk files (see its SOURCES.md)."""
    if not (SHARED_DATA / "police-uk-essex-street-2024").is_dir():
        pytest.skip(f"the real police.uk files are not at {SHARED_DATA}")
    return SHARED_DATA


# The reference files of ../shared/data that ``load_reference`` reads (the rest of the folder is police.uk data).
REFERENCE_FOLDERS = ("imd2019", "lsoa-lookups", "lsoa-population", "lsoa-boundaries-essex")
_first_load: dict[str, Any] = {}  # per test process: the Parquet files and provenance of the first real load


@pytest.fixture
def reference_data(police_data: Path, db: Any, tmp_path_factory: pytest.TempPathFactory) -> ReferenceImport:
    """The LSOA reference tables (``lsoa``, ``boundaries``) of the real files, in this test's DATA_DIR,
    with their ReferenceImport row and audit event.

    The first test in a process runs ``load_reference`` on the real files (2-3 seconds); the files
    cannot change during a run, so later tests get copies of its two Parquet files, put in place
    and recorded by the same service (``services.reference_import``) in a few milliseconds.
    test_reference.py tests ``load_reference`` itself.
    """
    if not _first_load:
        record = load_reference(*(police_data / folder for folder in REFERENCE_FOLDERS))
        keep = tmp_path_factory.mktemp("reference")
        for name in store.REFERENCE_COLUMNS:
            shutil.copy(store.reference_file(name), keep / f"{name}.parquet")
        if record.report_path:
            shutil.copy(record.report_path, keep / "report.csv")
        _first_load.update(
            folder=keep,
            provenance={
                "files": record.files,
                "skipped": record.skipped,
                "codes": record.codes,
                "attached": record.attached,
            },
        )
        return record
    written = {}
    for name in store.REFERENCE_COLUMNS:
        target = store.reference_file(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{name}.parquet.tmp")
        shutil.copy(_first_load["folder"] / f"{name}.parquet", temporary)
        written[temporary] = target
    report = ""
    if (_first_load["folder"] / "report.csv").is_file():
        store.reports_dir().mkdir(parents=True, exist_ok=True)
        report = str(shutil.copy(_first_load["folder"] / "report.csv", store.reports_dir() / "reference.csv"))
    return reference_import(**_first_load["provenance"], report_path=report, written=written)


# The police.uk files the analysis tests import: Essex street crime (2018 with 2011 LSOAs, 2024 with 2021
# LSOAs), the two other forces of January 2024, Essex stop and search and the outcomes sample.
ANALYSIS_FOLDERS = (
    "police-uk-essex-street-2018",
    "police-uk-essex-street-2024",
    "police-uk-other-forces-street-2024",
    "police-uk-essex-stop-and-search",
    "police-uk-essex-outcomes-head-sample",
)
_first_crime_import: dict[str, Path] = {}  # per test process: the crime store of the first real import


@pytest.fixture
def analysis_data(police_data: Path, reference_data: ReferenceImport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real police.uk files of ANALYSIS_FOLDERS in this test's store, on top of ``reference_data``.

    The first test in a process imports them with ``services.crime_file_import`` (a few seconds);
    later tests get a copy of the Parquet store it wrote (without its CrimeImport rows, which the
    analysis does not read).
    """
    from saferhub.crimedata.importer import discover
    from saferhub.crimedata.services import crime_file_import

    kinds = ("street", "outcomes", "stop_and_search")
    if not _first_crime_import:
        sources, errors = discover([police_data / folder for folder in ANALYSIS_FOLDERS])
        assert not errors, errors
        for source in sources:
            crime_file_import(source=source, by=None)
        keep = tmp_path_factory.mktemp("crime-store")
        for kind in kinds:
            shutil.copytree(store.crime_dir() / kind, keep / kind)
        _first_crime_import["folder"] = keep
        return police_data
    for kind in kinds:
        shutil.copytree(_first_crime_import["folder"] / kind, store.crime_dir() / kind)
    return police_data
