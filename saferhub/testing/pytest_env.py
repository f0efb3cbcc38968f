"""Loaded with ``-p`` before pytest-django reads the settings: safe defaults for a test run.

The tests never need a real secret, and they must not depend on a developer's ``.env``
for anything but DATABASE_URL, which the environment may set (CI runs both databases).
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "test-only-" + "x" * 60)
os.environ.setdefault("SAFERHUB_RELAX_MFA", "false")
