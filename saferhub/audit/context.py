"""The request id and client address of the request being served, for audit rows."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "audit_request",
    default=RequestContext(),  # noqa: B039 - frozen, so safe to share
)
