"""Settings come from the environment, and production refuses insecure ones with a message saying what to set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(**env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "saferhub.cli", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_an_insecure_secret_and_no_allowed_hosts():
    result = _check(DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr
    assert "set ALLOWED_HOSTS" in result.stderr


def test_production_refuses_the_demo_relaxation_of_the_second_factor(tmp_path):
    result = _check(
        DEBUG="false",
        SECRET_KEY="k" * 64,
        ALLOWED_HOSTS="saferhub.example.gov.uk",
        SAFERHUB_RELAX_MFA="true",
        SAFERHUB_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SAFERHUB_RELAX_MFA" in result.stderr


def test_production_starts_with_a_real_secret_and_hosts(tmp_path):
    result = _check(
        DEBUG="false",
        SECRET_KEY="k" * 64,
        ALLOWED_HOSTS="saferhub.example.gov.uk",
        SAFERHUB_RELAX_MFA="false",
        SAFERHUB_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_says_which_setting_and_what_to_write():
    result = _check(DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_passwords_are_hashed_with_argon2():
    from saferhub import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_end_after_the_idle_timeout():
    from saferhub import settings as real_settings

    assert real_settings.SESSION_SAVE_EVERY_REQUEST is True
    assert real_settings.SESSION_COOKIE_AGE == real_settings.SESSION_IDLE_MINUTES * 60
