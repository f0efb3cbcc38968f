"""``saferhub audit verify`` checks the hash chain; ``saferhub audit tail`` shows the newest events.

Run by whoever runs the server (the command line reads every event; there is no access policy
here). ``verify`` exits 1 when the chain is broken, so a cron job or monitor can alert on it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from saferhub.audit.chain import verify
from saferhub.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit trail's hash chain (verify) or print its newest events (tail)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,tail}")
        check = actions.add_parser("verify", help="check every event's hash against the one before it")
        check.add_argument("--quiet", action="store_true", help="print nothing when the chain is intact")
        tail = actions.add_parser("tail", help="print the newest events, oldest of them first")
        tail.add_argument("-n", "--lines", type=int, default=20, help="how many events (default 20)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self._verify(quiet=options["quiet"])
        else:
            self._tail(max(options["lines"], 0))

    def _verify(self, *, quiet: bool) -> None:
        checked, broken = verify()
        if broken is None:
            if not quiet:
                self.stdout.write(f"audit chain intact: {checked} events checked")
            return
        event = AuditEvent.objects.filter(pk=broken.event_id).first()
        where = f"{_time(event)}, {event.verb}" if event is not None else "unknown"
        self.stderr.write(
            f"audit chain broken at event {broken.event_id} ({where}): {broken.reason}; "
            f"{checked} events before it are intact"
        )
        raise SystemExit(1)

    def _tail(self, lines: int) -> None:
        newest = list(AuditEvent.objects.order_by("-id")[:lines])
        for event in reversed(newest):
            target = f"{event.target_type}:{event.target_id}" if event.target_type else "-"
            partnership = event.partnership_id if event.partnership_id is not None else "-"
            self.stdout.write(
                f"{event.pk}\t{_time(event)}\t{event.actor_label or '-'}\t{event.verb}\t{target}"
                f"\tpartnership={partnership}\tip={event.ip_address or '-'}\trequest={event.request_id or '-'}"
            )


def _time(event: AuditEvent) -> str:
    return timezone.localtime(event.occurred_at).isoformat(timespec="seconds")
