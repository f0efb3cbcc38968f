"""The incident being recorded, kept in the session between question pages as plain JSON.

Dates are ISO strings, records are primary keys, and every pk is looked up again through the
access policies whenever it is used, so a draft can never reach a record the user may not see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.http import Http404, HttpRequest

from saferhub.incidents import access
from saferhub.incidents.models import IncidentType, InvolvementRole
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids
from saferhub.register.models import Location, Person
from saferhub.register.selectors import locations_to_pick, people_to_pick

SESSION_KEY = "incident_draft"


def recording_partnerships(user: Any) -> models.QuerySet[Partnership]:
    """Partnerships where the user holds a casework role and so may record an incident."""
    if getattr(user, "organisation_id", None) is None:
        return Partnership.objects.none()
    ids = partnership_ids(user, access.CASEWORK_ROLES)
    return Partnership.objects.filter(pk__in=ids, archived_at__isnull=True).order_by("name")


def load(request: HttpRequest) -> dict[str, Any]:
    """The draft, or 404 when there is none or its partnership is no longer one the user records in."""
    draft = request.session.get(SESSION_KEY)
    if not isinstance(draft, dict) or not isinstance(draft.get("partnership"), int):
        raise Http404
    if not recording_partnerships(request.user).filter(pk=draft["partnership"]).exists():
        raise Http404
    return draft


def save(request: HttpRequest, draft: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = draft
    request.session.modified = True


def clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def to_iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def date_of(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def partnership_of(request: HttpRequest, draft: dict[str, Any]) -> Partnership:
    return recording_partnerships(request.user).get(pk=draft["partnership"])


def types_for(user: Any, category: str) -> models.QuerySet[IncidentType]:
    """The current types of incident of a category, for the type question."""
    return access.incident_types.visible(user, "view").filter(category=category, archived_at__isnull=True)


def incident_type_of(user: Any, draft: dict[str, Any]) -> IncidentType | None:
    what = draft.get("what") or {}
    if not what.get("incident_type") or not what.get("category"):
        return None
    return types_for(user, what["category"]).filter(pk=what["incident_type"]).first()


def location_of(user: Any, draft: dict[str, Any]) -> Location | None:
    where = draft.get("where") or {}
    if where.get("choice") != "existing" or not isinstance(where.get("location"), int):
        return None
    return locations_to_pick(user).filter(pk=where["location"], partnership_id=draft["partnership"]).first()


@dataclass
class DraftPerson:
    """One person added so far: an existing register record, or a new one to be created at the end."""

    index: int
    role: str
    person: Person | None = None
    new: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        if self.person is not None:
            return self.person.display_name
        return f"{self.new.get('given_name', '')} {self.new.get('family_name', '')}".strip()

    @property
    def date_of_birth(self) -> datetime.date | None:
        if self.person is not None:
            return self.person.date_of_birth
        return from_iso(self.new.get("date_of_birth"))

    @property
    def role_label(self) -> str:
        return str(InvolvementRole(self.role).label) if self.role in InvolvementRole.values else self.role


def people_of(user: Any, draft: dict[str, Any]) -> list[DraftPerson]:
    """The people added so far; an existing record the user can no longer pick is left out."""
    entries = draft.get("people", [])
    ids = [e["person"] for e in entries if e.get("person")]
    found = {p.pk: p for p in people_to_pick(user).filter(pk__in=ids, partnership_id=draft["partnership"])}
    people = []
    for index, entry in enumerate(entries):
        if entry.get("person"):
            if entry["person"] in found:
                people.append(DraftPerson(index, entry["role"], person=found[entry["person"]]))
        else:
            people.append(DraftPerson(index, entry["role"], new=entry.get("new", {})))
    return people


def has_victim(draft: dict[str, Any]) -> bool:
    return any(entry.get("role") == InvolvementRole.VICTIM for entry in draft.get("people", []))


def first_missing_step(draft: dict[str, Any]) -> str | None:
    """The URL name of the first question not yet answered, or None when the draft is ready to check."""
    what = draft.get("what") or {}
    if not draft.get("when"):
        return "incidents:record-when"
    if not what.get("category"):
        return "incidents:record-what"
    if not what.get("incident_type"):
        return "incidents:record-type"
    if not draft.get("where"):
        return "incidents:record-where"
    if not draft.get("who_done"):
        return "incidents:record-who"
    if has_victim(draft) and "screening" not in draft:
        return "incidents:record-screening"
    return None
