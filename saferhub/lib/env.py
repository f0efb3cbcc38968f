"""Reading settings from the environment, with an optional ``.env`` file beside the project.

The process environment always wins over the file, so a deployment sets real
variables and a developer's machine can keep a ``.env`` written by ``make install``.
"""

from __future__ import annotations

import os
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class SettingError(Exception):
    """A setting has a value we cannot use; the message says which and what to set."""


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; blank lines and # comments are skipped, quotes are stripped."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


class Env:
    """Typed access to settings: the process environment first, then the ``.env`` file."""

    def __init__(self, dotenv: dict[str, str] | None = None) -> None:
        self.dotenv = dotenv or {}

    def raw(self, name: str) -> str | None:
        if name in os.environ:
            return os.environ[name]
        return self.dotenv.get(name)

    def text(self, name: str, default: str = "") -> str:
        value = self.raw(name)
        return default if value is None else value

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise SettingError(f"{name} must be true or false, not {value!r}.")

    def number(self, name: str, default: int) -> int:
        value = self.raw(name)
        if value is None or value.strip() == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise SettingError(f"{name} must be a whole number, not {value!r}.") from None

    def names(self, name: str, default: list[str] | None = None) -> list[str]:
        value = self.raw(name)
        if value is None:
            return list(default or [])
        return [part.strip() for part in value.split(",") if part.strip()]
