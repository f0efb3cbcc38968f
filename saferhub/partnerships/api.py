"""The API for areas, partnerships, organisations and sharing agreements: the access rules of the pages.

Lists start from each policy's ``visible(user, "view")``; single records come from ``get_for_user``,
so a record the caller may not see answers 404 exactly as a missing one does.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from saferhub.accounts.api import caller
from saferhub.partnerships import access, services
from saferhub.partnerships.models import (
    Area,
    DataCategory,
    InformationSharingAgreement,
    Organisation,
    Partnership,
    SharingPurpose,
)
from saferhub.policy import is_system_administrator, partnership_ids

router = Router(tags=["partnerships"])

MAX_PAGE = 500


class Page(LimitOffsetPagination):
    """``?limit=`` (1 to 500, 100 when left out) and ``?offset=``; the answer says how many there are."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE, description="How many records to return: 1 to 500.")
        offset: int = Field(0, ge=0, description="How many records to skip.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE, **kwargs)


# Answers


class AreaRef(Schema):
    slug: str
    name: str


class LocalAuthorityOut(Schema):
    ons_code: str
    name: str


class AreaOut(Schema):
    slug: str
    name: str
    police_force: str


class AreaDetail(AreaOut):
    local_authorities: list[LocalAuthorityOut]


class PartnershipRef(Schema):
    slug: str
    name: str


class PartnershipOut(Schema):
    slug: str
    name: str
    area: AreaRef
    archived_at: datetime.datetime | None


class MemberOut(Schema):
    id: int = Field(description="The organisation's id")
    name: str
    kind: str
    joined_on: datetime.date


class PartnershipDetail(PartnershipOut):
    contact_email: str
    local_authorities: list[LocalAuthorityOut]
    members: list[MemberOut] = Field(description="Organisations that are members today")


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    email_domain: str
    archived_at: datetime.datetime | None


class OrganisationDetail(OrganisationOut):
    partnerships: list[PartnershipRef] = Field(description="The partnerships you can see of which it is a member today")


class PartyOut(Schema):
    id: int
    name: str


class AgreementOut(Schema):
    id: int
    title: str
    partnership: PartnershipRef
    parties: list[PartyOut]
    purposes: list[str]
    data_categories: list[str]
    lawful_basis: str
    signed_on: datetime.date | None
    review_due_on: datetime.date
    review_overdue: bool
    archived_at: datetime.datetime | None


# Requests


class AgreementIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    partnership: str = Field(min_length=1, description="The partnership's short name, e.g. braintree")
    title: str = Field(min_length=1, max_length=200)
    parties: list[int] = Field(
        min_length=1, description="Ids of the organisations that share; each must be a current member"
    )
    purposes: list[SharingPurpose] = Field(min_length=1)
    data_categories: list[DataCategory] = Field(min_length=1)
    signed_on: datetime.date | None = None
    review_due_on: datetime.date = Field(description="On or after signed_on")
    lawful_basis: str = ""

    @field_validator("review_due_on")
    @classmethod
    def review_follows_signing(cls, value: datetime.date, info: ValidationInfo) -> datetime.date:
        signed_on = info.data.get("signed_on")
        if signed_on is not None and value < signed_on:
            raise PydanticCustomError(
                "review_before_signing",
                "review_due_on ({review}) is before signed_on ({signed}): give a review date on or after the "
                "date the agreement was signed",
                {"review": value.isoformat(), "signed": signed_on.isoformat()},
            )
        return value


# Helpers


def _current_members() -> Q:
    today = timezone.localdate()
    return Q(left_on__isnull=True) | Q(left_on__gt=today)


def _authorities(user: Any, **lookup: Any) -> list[LocalAuthorityOut]:
    return [
        LocalAuthorityOut.model_validate(a) for a in access.local_authorities.visible(user, "view").filter(**lookup)
    ]


def _agreements(user: Any) -> QuerySet[InformationSharingAgreement]:
    return access.agreements.visible(user, "view").select_related("partnership").prefetch_related("parties")


def _partnership_for_new_agreement(user: Any, slug: str) -> Partnership:
    """The partnership in which the user may record an agreement: where the agreement policy lets them
    change agreements. Missing and not allowed both answer 404."""
    policy = access.agreements
    partnerships = access.partnerships.visible(user, "view")
    if not ("change" in policy.system_administrator_actions and is_system_administrator(user)):
        partnerships = partnerships.filter(pk__in=partnership_ids(user, policy.roles.get("change", ())))
    try:
        return partnerships.get(slug=slug)
    except Partnership.DoesNotExist:
        raise Http404 from None


def _parties(user: Any, partnership: Partnership, ids: list[int]) -> list[Organisation]:
    """The organisations named as parties, each a current member of the partnership, or a 422 naming
    each one that is not (an unknown id reads the same as a non-member, so nothing else is revealed)."""
    members = set(
        access.memberships.visible(user, "view")
        .filter(_current_members(), partnership=partnership)
        .values_list("organisation_id", flat=True)
    )
    errors = [
        {
            "loc": ["body", "payload", "parties", index],
            "msg": f"parties[{index}]: organisation {pk} is not a current member of {partnership.name}; "
            f"choose parties from the members listed at /api/v1/partnerships/{partnership.slug}",
            "type": "not_a_current_member",
        }
        for index, pk in enumerate(ids)
        if pk not in members
    ]
    if errors:
        raise ValidationError(errors)
    return list(access.organisations.visible(user, "view").filter(pk__in=set(ids)))


# Areas


@router.get("/areas", response=list[AreaOut], url_name="areas", summary="List areas")
@paginate(Page)
def area_list(request: HttpRequest) -> QuerySet[Area]:
    """Every county or force area (reference data, open to every signed-in user)."""
    return access.areas.visible(caller(request), "view")


@router.get("/areas/{area_slug}", response=AreaDetail, url_name="area", summary="One area")
def area_detail(request: HttpRequest, area_slug: str) -> AreaDetail:
    """One area and its local authorities."""
    user = caller(request)
    area = access.areas.get_for_user(user, "view", slug=area_slug)
    return AreaDetail(
        slug=area.slug,
        name=area.name,
        police_force=area.police_force,
        local_authorities=_authorities(user, area=area),
    )


# Partnerships


@router.get("/partnerships", response=list[PartnershipOut], url_name="partnerships", summary="List your partnerships")
@paginate(Page)
def partnership_list(request: HttpRequest) -> QuerySet[Partnership]:
    """The partnerships in which you hold a role."""
    return access.partnerships.visible(caller(request), "view").select_related("area")


@router.get(
    "/partnerships/{partnership_slug}", response=PartnershipDetail, url_name="partnership", summary="One partnership"
)
def partnership_detail(request: HttpRequest, partnership_slug: str) -> PartnershipDetail:
    """One partnership: its area, the local authorities it covers and its member organisations today."""
    user = caller(request)
    partnership = access.partnerships.get_for_user(user, "view", slug=partnership_slug)
    memberships = (
        access.memberships.visible(user, "view")
        .filter(_current_members(), partnership=partnership)
        .select_related("organisation")
    )
    return PartnershipDetail(
        slug=partnership.slug,
        name=partnership.name,
        area=AreaRef(slug=partnership.area.slug, name=partnership.area.name),
        archived_at=partnership.archived_at,
        contact_email=partnership.contact_email,
        local_authorities=_authorities(user, partnerships=partnership),
        members=[
            MemberOut(id=m.organisation_id, name=m.organisation.name, kind=m.organisation.kind, joined_on=m.joined_on)
            for m in memberships
        ],
    )


# Organisations


@router.get("/organisations", response=list[OrganisationOut], url_name="organisations", summary="List organisations")
@paginate(Page)
def organisation_list(request: HttpRequest) -> QuerySet[Organisation]:
    """The organisations that are members of your partnerships."""
    return access.organisations.visible(caller(request), "view")


@router.get(
    "/organisations/{organisation_pk}", response=OrganisationDetail, url_name="organisation", summary="One organisation"
)
def organisation_detail(request: HttpRequest, organisation_pk: int) -> OrganisationDetail:
    """One organisation, and which of your partnerships it is a member of today."""
    user = caller(request)
    organisation = access.organisations.get_for_user(user, "view", pk=organisation_pk)
    memberships = access.memberships.visible(user, "view").filter(_current_members(), organisation=organisation)
    partnerships = access.partnerships.visible(user, "view").filter(pk__in=memberships.values("partnership_id"))
    return OrganisationDetail(
        **OrganisationOut.model_validate(organisation).model_dump(),
        partnerships=[PartnershipRef.model_validate(p) for p in partnerships],
    )


# Information sharing agreements


@router.get("/agreements", response=list[AgreementOut], url_name="agreements", summary="List sharing agreements")
@paginate(Page)
def agreement_list(request: HttpRequest, partnership: str | None = None) -> QuerySet[InformationSharingAgreement]:
    """The sharing agreements of your partnerships (not shown to figures-only roles). ``?partnership=`` takes
    a partnership's short name to list only its agreements."""
    agreements = _agreements(caller(request))
    if partnership:
        agreements = agreements.filter(partnership__slug=partnership)
    return agreements


@router.get("/agreements/{agreement_pk}", response=AgreementOut, url_name="agreement", summary="One sharing agreement")
def agreement_detail(request: HttpRequest, agreement_pk: int) -> InformationSharingAgreement:
    """One sharing agreement: its parties, purposes, categories of data and dates."""
    return access.agreements.get_for_user(caller(request), "view", pk=agreement_pk)


@router.post(
    "/agreements", response={201: AgreementOut}, url_name="agreement-create", summary="Record a sharing agreement"
)
def agreement_create(request: HttpRequest, payload: AgreementIn) -> Status[InformationSharingAgreement]:
    """Record a sharing agreement (partnership managers and administrators). Every party must be a current
    member of the partnership; the review date may not come before the signing date."""
    user = caller(request)
    partnership = _partnership_for_new_agreement(user, payload.partnership)
    parties = _parties(user, partnership, payload.parties)
    agreement = services.agreement_create(
        partnership=partnership,
        title=payload.title,
        parties=parties,
        purposes=list(dict.fromkeys(p.value for p in payload.purposes)),
        data_categories=list(dict.fromkeys(c.value for c in payload.data_categories)),
        signed_on=payload.signed_on,
        review_due_on=payload.review_due_on,
        lawful_basis=payload.lawful_basis,
        by=user,
    )
    return Status(201, agreement)
