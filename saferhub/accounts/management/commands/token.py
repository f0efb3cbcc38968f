"""``saferhub token create EMAIL [--name NAME]``, ``saferhub token list EMAIL``, ``saferhub token revoke PREFIX``.

API tokens for partner systems, from the server's command line. The command acts as the
system: its audit events have no actor. ``create`` prints the token alone on stdout, once,
so a script can capture it; every message for people goes to stderr.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from saferhub.accounts import services
from saferhub.accounts.models import ApiToken, User

DEFAULT_NAME = "Created on the command line"


class Command(BaseCommand):
    help = "Create, list and revoke API tokens for partner systems."

    def add_arguments(self, parser: CommandParser) -> None:
        # Subparsers are CommandParsers too, so a bad argument raises CommandError under call_command.
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,list,revoke}")
        create = actions.add_parser("create", help="Make a token for a user and print it once")
        create.add_argument("email", help="E-mail address of the user the token acts as")
        create.add_argument("--name", default=DEFAULT_NAME, help="Which partner system uses it")
        listing = actions.add_parser("list", help="A user's tokens: prefix, name, created, status")
        listing.add_argument("email", help="E-mail address of the user")
        revoke = actions.add_parser("revoke", help="Stop a token working, given its prefix")
        revoke.add_argument("prefix", help="The first characters shown by 'list', for example shb_AbC123")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["email"], options["name"])
        elif action == "list":
            self._list(options["email"])
        else:
            self._revoke(options["prefix"])

    def _user(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {email}.")
        return user

    def _create(self, email: str, name: str) -> None:
        user = self._user(email)
        if not user.is_active:
            raise CommandError(f"{user.email} is disabled: a disabled user's tokens do not work. Re-enable them first.")
        name = name.strip()
        if not name or len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
            raise CommandError("Give the token a name of 1 to 120 characters with --name.")
        token, raw = services.token_create(user=user, name=name, by=None)
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.prefix}… created for {user.email}. Copy it now: it will not be shown again.",
            ending="\n",
        )

    def _list(self, email: str) -> None:
        user = self._user(email)
        self.stdout.write("prefix\tname\tcreated\tstatus")
        for token in ApiToken.objects.filter(user=user).order_by("-created_at"):
            created = timezone.localtime(token.created_at).strftime("%Y-%m-%d %H:%M")
            if token.is_active:
                status = "active"
            else:
                revoked_at = token.revoked_at or token.created_at
                status = f"revoked {timezone.localtime(revoked_at):%Y-%m-%d %H:%M}"
            self.stdout.write(f"{token.prefix}\t{token.name}\t{created}\t{status}")

    def _revoke(self, prefix: str) -> None:
        prefix = prefix.strip()
        if len(prefix) < 6:
            raise CommandError("Give at least the first 6 characters of the token, as 'list' shows them.")
        candidates = ApiToken.objects.select_related("user").filter(prefix__startswith=prefix[:6])
        # The prefix as 'list' shows it, or less of it, or (pasted) the whole token.
        matches = [t for t in candidates if t.prefix.startswith(prefix) or prefix.startswith(t.prefix)]
        if not matches:
            raise CommandError(f"No token starts with {prefix}.")
        active = [t for t in matches if t.is_active]
        if len(active) > 1:
            raise CommandError(f"{len(active)} active tokens start with {prefix}: give more of it.")
        if not active:
            self.stderr.write(f"The token {matches[0].prefix} is already revoked.")
            return
        token = services.token_revoke(token=active[0], by=None)
        self.stderr.write(f"Token {token.prefix} ({token.name}) of {token.user.email} is revoked.")
