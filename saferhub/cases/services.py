"""Every write to panels and cases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.cases.models import Case, CaseStatus, Panel, PanelKind
from saferhub.lib.changes import apply_changes
from saferhub.partnerships.models import Membership, Organisation, Partnership


def current_members(partnership: Partnership) -> Any:
    """Organisations taking part in the partnership today (no leaving date, or one still to come), by name."""
    today = timezone.localdate()
    current = Q(left_on__isnull=True) | Q(left_on__gt=today)
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(current, partnership=partnership).values("organisation_id")
    ).order_by("name")


def _check_panel(partnership: Partnership, name: str, kind: str, errors: dict[str, str], pk: int | None) -> None:
    if not name.strip():
        errors["name"] = "Enter the panel's name"
    elif Panel.objects.filter(partnership=partnership, name__iexact=name.strip()).exclude(pk=pk or 0).exists():
        errors["name"] = "This partnership already has a panel with that name"
    if kind not in PanelKind.values:
        errors["kind"] = "Select the kind of panel"


@transaction.atomic
def panel_create(*, partnership: Partnership, name: str, kind: str, description: str = "", by: Any) -> Panel:
    """Add a standing panel (the Hub, a sub-group, a cohort) that referrals can be sent to."""
    errors: dict[str, str] = {}
    _check_panel(partnership, name, kind, errors, None)
    if errors:
        raise ValidationError(errors)
    panel = Panel.objects.create(partnership=partnership, name=name.strip(), kind=kind, description=description)
    audit.record(actor=by, verb=Verb.PANEL_CREATED, target=panel, detail={"name": panel.name, "kind": kind})
    return panel


@transaction.atomic
def panel_update(*, panel: Panel, by: Any, **values: Any) -> Panel:
    """Rename a panel, change its kind or description, or archive it (``archived=True``) so that it
    takes no new referrals; its cases and referrals stay as they are."""
    unknown = set(values) - {"name", "kind", "description", "archived"}
    if unknown:
        raise TypeError(f"panel_update cannot change {', '.join(sorted(unknown))}")
    archived = values.pop("archived", None)
    if "name" in values:
        values["name"] = values["name"].strip()
    errors: dict[str, str] = {}
    _check_panel(panel.partnership, values.get("name", panel.name), values.get("kind", panel.kind), errors, panel.pk)
    if errors:
        raise ValidationError(errors)
    if archived is not None and archived != (panel.archived_at is not None):
        values["archived_at"] = timezone.now() if archived else None
    changed = apply_changes(panel, values)
    if changed:
        panel.save()
        audit.record(actor=by, verb=Verb.PANEL_UPDATED, target=panel, detail={"changed": changed})
    return panel


@transaction.atomic
def case_open(
    *,
    panel: Panel,
    title: str,
    lead_organisation: Organisation,
    agencies: Iterable[Organisation] = (),
    by: Any,
) -> Case:
    """Open a case at a panel, led by one member agency, with the other member agencies on it."""
    errors: dict[str, str] = {}
    members = set(current_members(panel.partnership).values_list("pk", flat=True))
    if not title.strip():
        errors["title"] = "Enter a title for the case"
    if panel.archived_at is not None:
        errors["panel"] = "This panel is archived: choose a current panel"
    if lead_organisation.pk not in members:
        errors["lead_organisation"] = "Select a lead agency that is a member of the partnership"
    on_case = {lead_organisation.pk: lead_organisation, **{a.pk: a for a in agencies}}
    if {a.pk for a in agencies} - members:
        errors["agencies"] = "Select agencies that are members of the partnership"
    if errors:
        raise ValidationError(errors)
    case = Case.objects.create(
        partnership=panel.partnership,
        panel=panel,
        title=title.strip(),
        lead_organisation=lead_organisation,
        opened_by=by if getattr(by, "pk", None) else None,
    )
    case.agencies.set(on_case.values())
    audit.record(
        actor=by,
        verb=Verb.CASE_OPENED,
        target=case,
        detail={"panel": panel.pk, "lead_organisation": lead_organisation.pk, "agencies": sorted(on_case)},
    )
    return case


@transaction.atomic
def case_add_agency(*, case: Case, organisation: Organisation, by: Any) -> None:
    """Bring one more member agency onto a case (it then sees the case and what it links)."""
    if not current_members(case.partnership).filter(pk=organisation.pk).exists():
        raise ValidationError({"agencies": "Select an agency that is a member of the partnership"})
    if case.status != CaseStatus.OPEN:
        raise ValidationError({"agencies": "This case is closed"})
    if case.agencies.filter(pk=organisation.pk).exists():
        return
    case.agencies.add(organisation)
    audit.record(actor=by, verb=Verb.CASE_AGENCY_ADDED, target=case, detail={"organisation": organisation.pk})
