"""``saferhub audit tail`` prints the newest events, one a line."""

import io

from django.core.management import call_command

from saferhub.audit.models import AuditEvent


def test_tail_prints_the_newest_events_oldest_of_them_first(world):
    out = io.StringIO()
    call_command("audit", "tail", "-n", "3", stdout=out)

    lines = out.getvalue().splitlines()
    newest = list(AuditEvent.objects.order_by("-id")[:3])
    assert [int(line.split("\t")[0]) for line in lines] == [e.pk for e in reversed(newest)]
    assert newest[0].verb in lines[-1]
    assert "partnership=" in lines[-1] and "request=" in lines[-1]


def test_tail_prints_twenty_by_default(world):
    out = io.StringIO()
    call_command("audit", "tail", stdout=out)
    assert len(out.getvalue().splitlines()) == min(20, AuditEvent.objects.count())
