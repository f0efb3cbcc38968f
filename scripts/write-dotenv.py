"""Write a local .env for development (DEBUG on, a fresh random SECRET_KEY) unless one exists."""

import secrets
import sys
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else ".env")
if path.exists():
    sys.exit(0)
path.write_text(
    "# Written by `make install` for this machine only; never commit it. The process environment wins over it.\n"
    "DEBUG=true\n"
    f"SECRET_KEY={secrets.token_urlsafe(64)}\n"
    "SAFERHUB_DATA_DIR=data\n",
    encoding="utf-8",
)
print(f"wrote {path} (development settings)")
