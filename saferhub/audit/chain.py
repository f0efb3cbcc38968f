"""Appending to and verifying the hash chain of audit events.

Each event's hash is SHA-256 over the previous event's hash and a canonical JSON form
of the event's own fields. Editing, inserting or deleting a row by hand changes a hash
that the next row no longer agrees with, and ``saferhub audit verify`` names that row.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from saferhub.audit.context import current
from saferhub.audit.models import AuditEvent

GENESIS = "0" * 64
# Any constant: the advisory lock that serialises appends on PostgreSQL.
CHAIN_LOCK_KEY = 7_210_301_157


def _canonical_time(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _whole_floats_as_ints(value: Any) -> Any:
    # PostgreSQL's jsonb prints a float such as 1e+16 as 10000000000000000, which reads back as an int.
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e16:
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_floats_as_ints(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_floats_as_ints(item) for item in value]
    return value


def _json_safe(detail: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip so what we hash is exactly what the JSON column gives back, on either database.
    return _whole_floats_as_ints(json.loads(json.dumps(detail or {}, default=str)))


# The fields each hash covers, besides the previous event's hash.
HASHED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "organisation_id",
    "organisation_label",
    "verb",
    "target_type",
    "target_id",
    "target_label",
    "partnership_id",
    "detail",
    "request_id",
    "ip_address",
)


def _hash(values: Mapping[str, Any], previous_hash: str) -> str:
    payload = {name: values[name] for name in HASHED_FIELDS}
    payload["occurred_at"] = _canonical_time(payload["occurred_at"])
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((previous_hash + text).encode("utf-8")).hexdigest()


def event_hash(event: AuditEvent) -> str:
    """The hash an event should carry, given its fields and its ``previous_hash``."""
    return _hash({name: getattr(event, name) for name in HASHED_FIELDS}, event.previous_hash)


def _stored_ip(value: str | None) -> str | None:
    # Hash the address as the column will store it: saving compresses and lower-cases IPv6
    # ("2001:DB8:0::1" becomes "2001:db8::1"), and a hash over the raw spelling would never verify.
    prepared = AuditEvent._meta.get_field("ip_address").get_prep_value(value)
    return prepared or None


def _partnership_id_of(target: Any) -> int | None:
    if target is None:
        return None
    if target._meta.label == "partnerships.Partnership":
        return int(target.pk)
    value = getattr(target, "partnership_id", None)
    return int(value) if value is not None else None


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    # SQLite: settings open every transaction IMMEDIATE, which already serialises writers.


@transaction.atomic
def append(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    partnership: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event. ``actor`` is a user or None for the system; ``partnership`` defaults to the target's."""
    _lock_chain()
    context = current.get()
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    partnership_id: int | None
    if partnership is not None:
        partnership_id = partnership if isinstance(partnership, int) else int(partnership.pk)
    else:
        partnership_id = _partnership_id_of(target)
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_label=(actor.email if actor is not None else "system")[:254],
        organisation_id=organisation.pk if organisation is not None else None,
        organisation_label=(organisation.name if organisation is not None else "")[:160],
        verb=str(verb),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:254] if target is not None else "",
        partnership_id=partnership_id,
        detail=_json_safe(detail),
        request_id=context.request_id,
        ip_address=_stored_ip(context.ip_address),
        previous_hash=last or GENESIS,
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify(chunk_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """Check every event in order. Returns how many were checked and the first break, if any."""
    expected_previous = GENESIS
    checked = 0
    # Plain rows, not model instances: verifying reads the whole table.
    rows = AuditEvent.objects.order_by("id").values("id", "previous_hash", "hash", *HASHED_FIELDS)
    for row in rows.iterator(chunk_size=chunk_size):
        if row["previous_hash"] != expected_previous:
            return checked, ChainBreak(
                row["id"],
                "its previous_hash does not match the event before it (an event was removed or inserted)",
            )
        if _hash(row, row["previous_hash"]) != row["hash"]:
            return checked, ChainBreak(row["id"], "its contents no longer match its hash (the row was altered)")
        expected_previous = row["hash"]
        checked += 1
    return checked, None
