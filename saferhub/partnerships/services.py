"""Every write to areas, local authorities, partnerships, organisations, memberships and agreements."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.lib.changes import apply_changes
from saferhub.partnerships.models import (
    Area,
    InformationSharingAgreement,
    LocalAuthority,
    Membership,
    Organisation,
    Partnership,
)


@transaction.atomic
def area_create(*, name: str, slug: str, police_force: str = "", by: Any) -> Area:
    """Add a county or force area."""
    area = Area.objects.create(name=name, slug=slug, police_force=police_force)
    audit.record(actor=by, verb=Verb.AREA_CREATED, target=area, detail={"name": name})
    return area


@transaction.atomic
def area_update(*, area: Area, by: Any, **values: Any) -> Area:
    """Change an area's name, short name or police force."""
    changed = apply_changes(area, values)
    if changed:
        area.save()
        audit.record(actor=by, verb=Verb.AREA_UPDATED, target=area, detail={"changed": changed})
    return area


@transaction.atomic
def local_authority_create(*, area: Area, ons_code: str, name: str, by: Any) -> LocalAuthority:
    """Add a local authority (district, borough, city or unitary) to an area."""
    authority = LocalAuthority.objects.create(area=area, ons_code=ons_code.upper(), name=name)
    audit.record(actor=by, verb=Verb.LOCAL_AUTHORITY_CREATED, target=authority, detail={"ons_code": authority.ons_code})
    return authority


@transaction.atomic
def local_authority_update(*, authority: LocalAuthority, by: Any, **values: Any) -> LocalAuthority:
    """Correct a local authority's name or ONS code."""
    if "ons_code" in values:
        values["ons_code"] = values["ons_code"].upper()
    changed = apply_changes(authority, values)
    if changed:
        authority.save()
        audit.record(actor=by, verb=Verb.LOCAL_AUTHORITY_UPDATED, target=authority, detail={"changed": changed})
    return authority


def _authority_codes(authorities: Iterable[LocalAuthority]) -> list[str]:
    return sorted(a.ons_code for a in authorities)


@transaction.atomic
def partnership_create(
    *,
    name: str,
    slug: str,
    area: Area,
    local_authorities: Sequence[LocalAuthority],
    contact_email: str = "",
    by: Any,
) -> Partnership:
    """Set up a Community Safety Partnership covering one or more local authorities of its area."""
    partnership = Partnership.objects.create(name=name, slug=slug, area=area, contact_email=contact_email)
    partnership.local_authorities.set(local_authorities)
    audit.record(
        actor=by,
        verb=Verb.PARTNERSHIP_CREATED,
        target=partnership,
        detail={"name": name, "local_authorities": _authority_codes(local_authorities)},
    )
    return partnership


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    by: Any,
    local_authorities: Sequence[LocalAuthority] | None = None,
    **values: Any,
) -> Partnership:
    """Change a partnership's details and, if given, the local authorities it covers."""
    changed = apply_changes(partnership, values)
    if changed:
        partnership.save()
    if local_authorities is not None:
        before = _authority_codes(partnership.local_authorities.all())
        after = _authority_codes(local_authorities)
        if before != after:
            partnership.local_authorities.set(local_authorities)
            changed["local_authorities"] = {"from": before, "to": after}
    if changed:
        audit.record(actor=by, verb=Verb.PARTNERSHIP_UPDATED, target=partnership, detail={"changed": changed})
    return partnership


@transaction.atomic
def organisation_create(
    *, name: str, kind: str, email_domain: str = "", by: Any, partnership: Partnership | None = None
) -> Organisation:
    """Add an agency; with ``partnership`` it joins that partnership at once."""
    organisation = Organisation.objects.create(name=name, kind=kind, email_domain=email_domain.lower())
    audit.record(
        actor=by,
        verb=Verb.ORGANISATION_CREATED,
        target=organisation,
        partnership=partnership,
        detail={"name": name, "kind": kind},
    )
    if partnership is not None:
        membership_add(partnership=partnership, organisation=organisation, by=by)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: Any, **values: Any) -> Organisation:
    """Change an organisation's name, kind or e-mail domain."""
    if "email_domain" in values:
        values["email_domain"] = values["email_domain"].lower()
    changed = apply_changes(organisation, values)
    if changed:
        organisation.save()
        audit.record(actor=by, verb=Verb.ORGANISATION_UPDATED, target=organisation, detail={"changed": changed})
    return organisation


@transaction.atomic
def membership_add(
    *, partnership: Partnership, organisation: Organisation, by: Any, joined_on: datetime.date | None = None
) -> Membership:
    """Bring an organisation into a partnership (or back in, if it had left)."""
    membership, created = Membership.objects.get_or_create(
        partnership=partnership,
        organisation=organisation,
        defaults={"joined_on": joined_on or timezone.localdate()},
    )
    if not created:
        membership.left_on = None
        membership.joined_on = joined_on or timezone.localdate()
        membership.save()
    audit.record(
        actor=by,
        verb=Verb.MEMBERSHIP_ADDED,
        target=membership,
        detail={"organisation": organisation.pk, "organisation_name": organisation.name},
    )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by: Any, left_on: datetime.date | None = None) -> Membership:
    """An organisation leaves a partnership; the membership row is kept for history."""
    membership.left_on = left_on or timezone.localdate()
    membership.save()
    audit.record(
        actor=by,
        verb=Verb.MEMBERSHIP_ENDED,
        target=membership,
        detail={"organisation": membership.organisation_id, "left_on": membership.left_on.isoformat()},
    )
    return membership


@transaction.atomic
def agreement_create(
    *,
    partnership: Partnership,
    title: str,
    parties: Sequence[Organisation],
    purposes: list[str],
    data_categories: list[str],
    review_due_on: datetime.date,
    signed_on: datetime.date | None = None,
    lawful_basis: str = "",
    by: Any,
) -> InformationSharingAgreement:
    """Record an information sharing agreement between organisations of the partnership."""
    agreement = InformationSharingAgreement.objects.create(
        partnership=partnership,
        title=title,
        purposes=list(purposes),
        data_categories=list(data_categories),
        review_due_on=review_due_on,
        signed_on=signed_on,
        lawful_basis=lawful_basis,
    )
    agreement.parties.set(parties)
    audit.record(
        actor=by,
        verb=Verb.AGREEMENT_CREATED,
        target=agreement,
        detail={"title": title, "parties": sorted(p.pk for p in parties)},
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: InformationSharingAgreement,
    by: Any,
    parties: Sequence[Organisation] | None = None,
    **values: Any,
) -> InformationSharingAgreement:
    """Change an agreement: its parties, purposes, categories, dates or lawful basis."""
    changed = apply_changes(agreement, values)
    if changed:
        agreement.save()
    if parties is not None:
        before = sorted(agreement.parties.values_list("pk", flat=True))
        after = sorted(p.pk for p in parties)
        if before != after:
            agreement.parties.set(parties)
            changed["parties"] = {"from": before, "to": after}
    if changed:
        audit.record(actor=by, verb=Verb.AGREEMENT_UPDATED, target=agreement, detail={"changed": changed})
    return agreement


@transaction.atomic
def agreement_archive(*, agreement: InformationSharingAgreement, by: Any) -> InformationSharingAgreement:
    """Retire an agreement that no longer applies; it stays on record."""
    agreement.archived_at = timezone.now()
    agreement.save()
    audit.record(actor=by, verb=Verb.AGREEMENT_ARCHIVED, target=agreement)
    return agreement
