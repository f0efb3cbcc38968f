"""The real police.uk files of ../shared/data; tests that need them skip when the folder is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


@pytest.fixture
def police_data() -> Path:
    """The folder of real police.uk files (see its SOURCES.md)."""
    if not (SHARED_DATA / "police-uk-essex-street-2024").is_dir():
        pytest.skip(f"the real police.uk files are not at {SHARED_DATA}")
    return SHARED_DATA
