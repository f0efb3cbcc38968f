"""Reference data that migrations seed, seeded again for tests that flush the database.

Transactional tests (the browser tests, which need a live server) empty every table when they
end, data migrations' rows included; the next such test would find no incident types. Each app
whose migrations seed reference data lists its seed function here.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

# "module path of a data migration" -> its seed(apps, schema_editor) function name
SEEDS = {
    "saferhub.incidents.migrations.0003_incident_types": "seed",
}


def seed_all() -> None:
    """Run every seed again with the current models; each is idempotent."""
    for module, function in SEEDS.items():
        getattr(import_module(module), function)(apps, None)
