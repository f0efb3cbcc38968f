"""The API's view of the caller: who the token or session acts as, and their roles."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import AuthenticationError

from saferhub.accounts.models import User
from saferhub.policy import sees_personal_data

router = Router(tags=["accounts"])


def caller(request: HttpRequest) -> User:
    """The user an API request acts as: the bearer token's user or the fully signed-in user."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError()
    return user


class OrganisationRef(Schema):
    id: int
    name: str


class RoleOut(Schema):
    partnership_slug: str
    partnership_name: str
    role: str
    role_label: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    organisation: OrganisationRef | None
    roles: list[RoleOut]
    sees_personal_data: bool


@router.get("/me", response=MeOut, summary="The caller", url_name="me")
def me(request: HttpRequest) -> MeOut:
    """The user this token or session acts as, their organisation and their roles in live partnerships."""
    user = caller(request)
    grants = (
        user.role_grants.filter(partnership__archived_at__isnull=True)
        .select_related("partnership")
        .order_by("partnership__name", "role")
    )
    organisation = user.organisation
    return MeOut(
        id=user.pk,
        email=user.email,
        full_name=user.full_name,
        organisation=OrganisationRef(id=organisation.pk, name=organisation.name) if organisation else None,
        roles=[
            RoleOut(
                partnership_slug=grant.partnership.slug,
                partnership_name=grant.partnership.name,
                role=grant.role,
                role_label=str(grant.get_role_display()),
            )
            for grant in grants
        ],
        sees_personal_data=sees_personal_data(user),
    )
