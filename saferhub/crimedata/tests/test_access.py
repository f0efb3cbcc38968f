"""Police.uk imports are open data: analysts, managers and administrators of any partnership see them."""

from __future__ import annotations

from saferhub.crimedata.access import imports
from saferhub.crimedata.models import CrimeImport


def _an_import():
    return CrimeImport.objects.create(
        file_name="2024-01-essex-street.csv",
        sha256="0" * 64,
        kind="street",
        force="essex",
        month="2024-01",
        rows_accepted=1,
        rows_rejected=0,
    )


def test_analysts_managers_administrators_and_the_system_administrator_see_imports(world):
    record = _an_import()
    for user in (world.analyst, world.manager, world.administrator, world.system_admin):
        assert imports.can(user, "view", record), user
        assert not imports.can(user, "change", record), user


def test_officers_scrutiny_and_county_viewers_do_not(world):
    record = _an_import()
    for user in (world.council_officer, world.panel_chair, world.scrutiny, world.county_viewer, world.outsider):
        assert not imports.can(user, "view", record), user
