"""The ``saferhub`` command: Django's manage.py plus SaferHub's own commands (demo, audit, token...)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["saferhub", *(sys.argv[1:] if argv is None else argv)])
    except ImproperlyConfigured as error:
        sys.stderr.write(f"saferhub: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
