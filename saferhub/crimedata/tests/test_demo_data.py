"""The demo imports the real shared files once: the reference tables and Essex police.uk months."""

from __future__ import annotations

import pytest

from saferhub.crimedata.models import CrimeImport, ReferenceImport
from saferhub.crimedata.scope import scope_for
from saferhub.crimedata.selectors import street_summary
from saferhub.demo import loader

pytestmark = pytest.mark.django_db


def test_the_demo_imports_the_shared_crime_data_once(settings, police_data):
    settings.SAFERHUB_DEMO_DATA_DIR = str(police_data)
    loader.load()
    assert ReferenceImport.objects.count() == 1
    months = set(CrimeImport.objects.filter(kind="street").values_list("month", flat=True))
    assert {"2018-01", "2018-07", "2024-01", "2024-04"} <= months
    assert CrimeImport.objects.filter(kind="stop_and_search").count() == 3
    # Braintree's records are attributed through the reference tables.
    summary = street_summary(scope_for("partnership", "braintree"), first="2024-01", last="2024-04")
    assert all(n > 0 for n in summary["total"])
    imports = CrimeImport.objects.count()
    loader.load()
    assert (ReferenceImport.objects.count(), CrimeImport.objects.count()) == (1, imports)


def test_without_the_shared_folder_the_demo_has_no_crime_data(settings, tmp_path):
    settings.SAFERHUB_DEMO_DATA_DIR = str(tmp_path / "nowhere")
    loader.load()
    assert not CrimeImport.objects.exists() and not ReferenceImport.objects.exists()
