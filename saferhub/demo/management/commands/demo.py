"""``saferhub demo``: load the demonstration data; ``--list-users`` shows who can sign in to it."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from saferhub.accounts.models import Role
from saferhub.demo import data, loader


class Command(BaseCommand):
    help = (
        "Load the demonstration data (the Essex area, three of its Community Safety Partnerships, "
        "their agencies and a demo user for every role). Creates only what is missing: running it "
        "again changes nothing. Every demo user gets the same published password, so it refuses to "
        "run with DEBUG=false unless given --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is false. Only for a throwaway demonstration server.",
        )
        parser.add_argument(
            "--list-users",
            action="store_true",
            help="Do not load anything: list the demo users, their password, partnership and roles.",
        )
        parser.add_argument("--json", action="store_true", help="With --list-users: print a JSON list instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["json"] and not options["list_users"]:
            raise CommandError("--json only goes with --list-users.")
        if options["list_users"]:
            self._list_users(as_json=options["json"])
            return
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is false, so this looks like a real deployment: saferhub demo would create users "
                "whose password is published. Nothing was loaded. Run it with DEBUG=true, or add --force "
                "on a throwaway demonstration server."
            )
        # The demo's triage decisions would e-mail the demo referrers: keep those out of the real outbox.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            run = loader.load()
        if run.total == 0:
            self.stdout.write("demo data already loaded; nothing changed")
            return
        self.stdout.write(self.style.SUCCESS(f"created {run.total} demo records: " + ", ".join(run.summary())))
        self.stdout.write("List the demo users and their password with: saferhub demo --list-users")

    def _list_users(self, *, as_json: bool) -> None:
        users = loader.demo_users()
        if as_json:
            # One user per line, so the list reads well and `head` or `grep` show whole users.
            lines = ",\n".join("  " + json.dumps(user.as_json()) for user in users)
            self.stdout.write(f"[\n{lines}\n]" if users else "[]")
            return
        if not users:
            self.stderr.write("There are no demo users yet: run `saferhub demo` to load them.")
            return
        labels = dict(Role.choices)
        rows = [("Email", "Password", "Partnership", "Roles")]
        for user in users:
            if user.is_system_administrator and not user.roles:
                partnership, roles = "(every partnership)", "System administrator"
            else:
                partnership = user.partnership or "(none)"
                roles = ", ".join(str(labels.get(role, role)) for role in user.roles) or "(none)"
            rows.append((user.email, user.password or "(changed since loaded)", partnership, roles))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for number, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write(
            f"\n{len(users)} demo users. Roles that see personal data also set up an authenticator app at "
            f"their first sign-in, unless the server runs with SAFERHUB_RELAX_MFA=true (as `make run` does). "
            f"Change the password with {data.PASSWORD_ENV} before loading."
        )
