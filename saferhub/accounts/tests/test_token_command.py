"""``saferhub token create|list|revoke``: tokens from the command line, acting as the system."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from saferhub.accounts import services
from saferhub.accounts.management.commands.token import Command
from saferhub.accounts.models import ApiToken
from saferhub.audit.models import AuditEvent


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_prints_only_a_token_that_authenticates(world):
    out, err = _run("create", world.police_officer.email, "--name", "Police records system")
    raw = out.strip()
    assert out == raw + "\n"
    assert services.token_user(raw) == world.police_officer
    token = ApiToken.objects.get(user=world.police_officer)
    assert token.name == "Police records system"
    assert raw.startswith(token.prefix)
    assert token.prefix in err and raw not in err


def test_the_audit_event_records_the_system_as_the_actor(world):
    _run("create", world.police_officer.email.upper())
    event = AuditEvent.objects.get(verb="token.created", target_id=str(world.police_officer.pk))
    assert event.actor_id is None
    assert event.actor_label == "system"


def test_create_for_an_unknown_user_fails_with_nothing_on_stdout(world):
    out = StringIO()
    with pytest.raises(CommandError, match="No user has the e-mail address nobody@example.test"):
        call_command("token", "create", "nobody@example.test", stdout=out)
    assert out.getvalue() == ""
    assert not ApiToken.objects.exists()


def test_create_for_a_disabled_user_fails(world):
    services.user_disable(user=world.police_officer, by=None)
    out = StringIO()
    with pytest.raises(CommandError, match="is disabled"):
        call_command("token", "create", world.police_officer.email, stdout=out)
    assert out.getvalue() == ""
    assert not ApiToken.objects.exists()


def test_errors_go_to_stderr_with_a_non_zero_exit(world, monkeypatch, capsys):
    # run_from_argv closes the connections when it ends; the test's transaction needs them.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["saferhub", "token", "create", "nobody@example.test"])
    assert exit_.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No user has the e-mail address nobody@example.test" in captured.err


def test_list_shows_prefix_name_created_and_status(world):
    active, _raw = services.token_create(user=world.police_officer, name="Nightly import", by=None)
    old, _raw = services.token_create(user=world.police_officer, name="Old import", by=None)
    services.token_revoke(token=old, by=None)
    out, _err = _run("list", world.police_officer.email)
    lines = out.splitlines()
    assert lines[0] == "prefix\tname\tcreated\tstatus"
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    assert rows[active.prefix][1] == "Nightly import" and rows[active.prefix][3] == "active"
    assert rows[old.prefix][1] == "Old import" and rows[old.prefix][3].startswith("revoked ")


def test_revoke_stops_the_token_working(world):
    out, _err = _run("create", world.police_officer.email)
    raw = out.strip()
    token = ApiToken.objects.get(user=world.police_officer)
    _out, err = _run("revoke", token.prefix)
    assert "revoked" in err
    assert services.token_user(raw) is None
    event = AuditEvent.objects.get(verb="token.revoked")
    assert event.actor_id is None
    assert event.detail == {"token": token.pk}


def test_revoke_an_unknown_prefix_fails(world):
    with pytest.raises(CommandError, match="No token starts with shb_nothing"):
        _run("revoke", "shb_nothing")


def test_revoking_twice_says_it_is_already_revoked(world):
    token, _raw = services.token_create(user=world.police_officer, name="Import", by=None)
    _run("revoke", token.prefix)
    _out, err = _run("revoke", token.prefix)
    assert "already revoked" in err
    assert AuditEvent.objects.filter(verb="token.revoked").count() == 1
