"""The hash chain: each event is linked to the one before it, and ``saferhub audit verify`` finds any edit."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from saferhub import audit
from saferhub.audit import Verb
from saferhub.audit.chain import GENESIS, event_hash
from saferhub.audit.context import RequestContext, current
from saferhub.audit.models import AuditEvent


def _verify() -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _ids() -> list[int]:
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def test_the_chain_links_each_event_to_the_one_before_it(world):
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) > 20
    assert events[0].previous_hash == GENESIS
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash
    for event in events:
        assert event.hash == event_hash(event)
    assert len({event.hash for event in events}) == len(events)


def test_verify_passes_on_a_fresh_chain(world):
    code, out, err = _verify()
    assert code == 0
    assert out.strip() == f"audit chain intact: {AuditEvent.objects.count()} events checked"
    assert err == ""


def test_verify_passes_on_an_empty_chain(db):
    code, out, _err = _verify()
    assert (code, out.strip()) == (0, "audit chain intact: 0 events checked")


def test_verify_quiet_prints_nothing_when_the_chain_is_intact(world):
    out = io.StringIO()
    call_command("audit", "verify", "--quiet", stdout=out)
    assert out.getvalue() == ""


# A new value for each column, of the column's own type.
ALTERATIONS = {
    "occurred_at": lambda e: e.occurred_at + datetime.timedelta(seconds=1),
    "actor_id": lambda e: 987654,
    "actor_label": lambda e: "someone.else@example.test",
    "organisation_id": lambda e: 987654,
    "organisation_label": lambda e: "Another Organisation",
    "verb": lambda e: "user.disabled" if e.verb != "user.disabled" else "viewed",
    "target_type": lambda e: "accounts.apitoken",
    "target_id": lambda e: "987654",
    "target_label": lambda e: "Someone else",
    "partnership_id": lambda e: 987654,
    "detail": lambda e: '{"role": "administrator"}',
    "request_id": lambda e: "forged-request",
    "ip_address": lambda e: "10.9.8.7",
    "previous_hash": lambda e: "f" * 64,
    "hash": lambda e: "e" * 64,
}


@pytest.mark.parametrize("position", ["first", "middle", "last"])
@pytest.mark.parametrize("column", sorted(ALTERATIONS))
def test_altering_any_column_of_any_row_makes_verify_fail_and_name_that_row(world, tamper, column, position):
    ids = _ids()
    target = {"first": ids[0], "middle": ids[len(ids) // 2], "last": ids[-1]}[position]
    event = AuditEvent.objects.get(pk=target)
    tamper(f"UPDATE audit_auditevent SET {column} = %s WHERE id = %s", [ALTERATIONS[column](event), target])

    code, out, err = _verify()

    assert code == 1
    assert out == ""
    assert err.startswith(f"audit chain broken at event {target} (")
    assert f"; {ids.index(target)} events before it are intact" in err


def test_a_row_altered_then_given_a_recomputed_hash_still_breaks_at_the_next_row(world, tamper):
    ids = _ids()
    target, following = ids[5], ids[6]
    event = AuditEvent.objects.get(pk=target)
    event.actor_label = "forger@example.test"
    tamper(
        "UPDATE audit_auditevent SET actor_label = %s, hash = %s WHERE id = %s",
        [event.actor_label, event_hash(event), target],
    )

    code, _out, err = _verify()

    assert code == 1
    assert err.startswith(f"audit chain broken at event {following} (")
    assert "previous_hash does not match" in err


def test_deleting_a_middle_row_makes_verify_fail_naming_the_row_after_the_gap(world, tamper):
    ids = _ids()
    removed, following = ids[len(ids) // 2], ids[len(ids) // 2 + 1]
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [removed])

    code, _out, err = _verify()

    assert code == 1
    assert err.startswith(f"audit chain broken at event {following} (")
    assert "an event was removed or inserted" in err
    assert f"; {ids.index(removed)} events before it are intact" in err


def test_the_break_message_gives_the_time_and_verb_of_the_broken_event(world, tamper):
    event = AuditEvent.objects.order_by("id")[3]
    tamper("UPDATE audit_auditevent SET target_label = %s WHERE id = %s", ["changed", event.pk])

    _code, _out, err = _verify()

    assert f"({event.occurred_at.astimezone(datetime.UTC).year}" in err
    assert f", {event.verb}): its contents no longer match its hash (the row was altered);" in err


@pytest.mark.parametrize(
    ("given", "stored"),
    [("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("::ffff:127.0.0.1", "::ffff:127.0.0.1"), ("127.0.0.1", "127.0.0.1")],
)
def test_an_ip_address_in_any_spelling_keeps_the_chain_intact(db, given, stored):
    token = current.set(RequestContext(request_id="r1", ip_address=given))
    try:
        audit.record(actor=None, verb=Verb.VIEWED)
    finally:
        current.reset(token)
    assert AuditEvent.objects.get().ip_address == stored
    assert _verify()[0] == 0


def test_postgresql_refuses_to_update_an_event(world, postgresql_only):
    event = AuditEvent.objects.order_by("id")[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="forger@example.test")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET verb = 'viewed' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_label == event.actor_label


def test_postgresql_refuses_to_delete_an_event(world, postgresql_only):
    count = AuditEvent.objects.count()
    event = AuditEvent.objects.order_by("id")[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == count
    assert _verify()[0] == 0


def test_large_whole_floats_in_detail_still_verify(db):
    """PostgreSQL's jsonb reprints 1e+16 as an integer; the chain must hash what it gives back."""
    from saferhub.audit import Verb, record
    from saferhub.audit.chain import verify

    record(actor=None, verb=Verb.VIEWED, detail={"big": 1e20, "nested": [{"x": 2e16}], "small": 1.5})
    checked, broken = verify()
    assert broken is None and checked == 1
