"""Demo crime data: the real police.uk and ONS files of the shared data folder, when it is there.

The files are public data (see that folder's SOURCES.md) and are not in the repository; the demo
looks for them at ``SAFERHUB_DEMO_DATA_DIR`` (by default ``../shared/data`` beside the checkout; empty:
no crime data).
Without them the demo has no crime data, and the analysis page says how to import some. The
reference tables are loaded once; each police.uk file is imported once (by kind, force and month),
so a second run adds nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from saferhub.crimedata.importer import discover
from saferhub.crimedata.models import CrimeImport, ReferenceImport
from saferhub.crimedata.reference import load_reference
from saferhub.crimedata.services import crime_file_import
from saferhub.demo.loader import DemoLoad, step

POLICE_FOLDERS = (
    "police-uk-essex-street-2018",
    "police-uk-essex-street-2024",
    "police-uk-essex-stop-and-search",
)


def demo_data_dir() -> Path | None:
    folder = settings.SAFERHUB_DEMO_DATA_DIR
    return Path(folder) if folder else None


@step
def crime_data(run: DemoLoad) -> None:
    """The LSOA reference tables, then Essex street crime (2018 and 2024) and stop and search."""
    folder = demo_data_dir()
    if folder is None or not (folder / "imd2019").is_dir():
        return
    if not ReferenceImport.objects.exists():
        run.created(load_reference(folder))
    sources, _errors = discover([folder / name for name in POLICE_FOLDERS if (folder / name).is_dir()])
    held = set(CrimeImport.objects.values_list("kind", "force", "month"))
    for source in sources:
        if (source.kind, source.force, source.month) not in held:
            run.created(crime_file_import(source=source, by=None))
