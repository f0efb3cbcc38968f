"""The audit trail. Services call ``audit.record(...)`` in the same transaction as their write.

``from saferhub import audit; audit.record(actor=by, verb=Verb.X, target=obj)``.
The functions here import lazily so this package can be imported before apps are ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saferhub.audit.verbs import Verb

if TYPE_CHECKING:
    from saferhub.audit.models import AuditEvent

__all__ = ["Verb", "record", "record_view"]


def record(**kwargs: Any) -> AuditEvent:
    """Append one audit event; see ``saferhub.audit.chain.append`` for the arguments."""
    from saferhub.audit.chain import append

    return append(**kwargs)


def record_view(*, actor: Any, target: Any, partnership: Any = None, detail: dict | None = None) -> AuditEvent:
    """Record that ``actor`` looked at ``target``'s details (personal data)."""
    return record(actor=actor, verb=Verb.VIEWED, target=target, partnership=partnership, detail=detail)
