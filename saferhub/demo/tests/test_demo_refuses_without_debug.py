from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from saferhub.accounts.models import User
from saferhub.audit.models import AuditEvent


def test_refuses_when_debug_is_false(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is false"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()
    assert not AuditEvent.objects.exists()


def test_loads_when_debug_is_false_with_force(db, settings):
    settings.DEBUG = False
    call_command("demo", "--force", stdout=StringIO())
    assert User.objects.exists()


def test_json_without_list_users_is_refused(db):
    with pytest.raises(CommandError, match="--json only goes with --list-users"):
        call_command("demo", "--json", stdout=StringIO())
