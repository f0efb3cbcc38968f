"""The shared cast of the tests, built with the services so audit rows exist.

Two partnerships of the Essex area, each with its own records, plus one partnership in
another area:

- ``home``: Braintree District CSP, where the cast works
- ``other``: Castle Point and Rochford CSP, whose records the cast must never see
- ``far``: a partnership in another area (Kent), for county-viewer boundaries

People (all of ``home`` unless named otherwise):

- ``council_officer``   Braintree District Council, officer
- ``police_officer``    Essex Police, officer
- ``housing_officer``   Eastlight Community Homes, officer (later issues give them an expired share)
- ``manager``           Braintree District Council, partnership manager
- ``administrator``     Braintree District Council, administrator
- ``analyst``           Braintree District Council, analyst
- ``panel_chair``       Essex Police, panel chair
- ``scrutiny``          a councillor on the scrutiny committee (figures only)
- ``county_viewer``     the PFCC's office (figures for the Essex area)
- ``outsider``          Castle Point Borough Council, officer of ``other``
- ``outside_manager``   Castle Point Borough Council, manager and administrator of ``other``
- ``system_admin``      runs the installation (superuser)
- ``no_roles``          signed in, but holding no role anywhere
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from saferhub.accounts import services as accounts
from saferhub.accounts.models import Role, User
from saferhub.partnerships import services as partnerships
from saferhub.partnerships.models import (
    Area,
    DataCategory,
    InformationSharingAgreement,
    LocalAuthority,
    Membership,
    Organisation,
    OrganisationKind,
    Partnership,
    SharingPurpose,
)

PASSWORD = "correct-horse-battery-staple-42"

# Everyone of the home partnership (and no_roles), whose view of the other partnership tests walk.
HOME_CAST = [
    "council_officer",
    "police_officer",
    "housing_officer",
    "manager",
    "administrator",
    "analyst",
    "panel_chair",
    "scrutiny",
    "county_viewer",
    "no_roles",
]


@dataclass
class PartnershipRecords:
    partnership: Partnership
    council: Organisation
    agreement: InformationSharingAgreement
    membership: Membership
    authorities: list[LocalAuthority] = field(default_factory=list)


@dataclass
class World:
    essex: Area
    kent: Area
    police: Organisation
    fire: Organisation
    housing: Organisation
    pfcc: Organisation
    home: PartnershipRecords
    other: PartnershipRecords
    far: PartnershipRecords
    people: dict[str, User]

    def __getattr__(self, name: str) -> Any:
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        raise AttributeError(name)


def _user(email: str, name: str, organisation: Organisation | None, **extra: Any) -> User:
    return accounts.user_create(
        email=email, full_name=name, organisation=organisation, password=PASSWORD, by=None, **extra
    )


def build_world() -> World:
    essex = partnerships.area_create(name="Essex", slug="essex", police_force="Essex Police", by=None)
    kent = partnerships.area_create(name="Kent", slug="kent", police_force="Kent Police", by=None)
    braintree = partnerships.local_authority_create(area=essex, ons_code="E07000067", name="Braintree", by=None)
    castle_point = partnerships.local_authority_create(area=essex, ons_code="E07000069", name="Castle Point", by=None)
    rochford = partnerships.local_authority_create(area=essex, ons_code="E07000075", name="Rochford", by=None)
    dartford = partnerships.local_authority_create(area=kent, ons_code="E07000107", name="Dartford", by=None)

    police = partnerships.organisation_create(name="Essex Police", kind=OrganisationKind.POLICE, by=None)
    fire = partnerships.organisation_create(
        name="Essex County Fire & Rescue Service", kind=OrganisationKind.FIRE, by=None
    )
    housing = partnerships.organisation_create(
        name="Eastlight Community Homes", kind=OrganisationKind.SOCIAL_LANDLORD, by=None
    )
    pfcc = partnerships.organisation_create(
        name="Office of the Police, Fire and Crime Commissioner for Essex", kind=OrganisationKind.OTHER, by=None
    )

    def partnership(
        name: str,
        slug: str,
        area: Area,
        authorities: list[LocalAuthority],
        council_name: str,
        extra_members: list[Organisation],
    ) -> PartnershipRecords:
        record = partnerships.partnership_create(
            name=name, slug=slug, area=area, local_authorities=authorities, by=None
        )
        council = partnerships.organisation_create(name=council_name, kind=OrganisationKind.COUNCIL, by=None)
        membership = partnerships.membership_add(partnership=record, organisation=council, by=None)
        for member in extra_members:
            partnerships.membership_add(partnership=record, organisation=member, by=None)
        agreement = partnerships.agreement_create(
            partnership=record,
            title=f"{name} casework sharing agreement",
            parties=[council, *extra_members],
            purposes=[SharingPurpose.CASEWORK],
            data_categories=[DataCategory.PERSONAL, DataCategory.CRIMINAL],
            signed_on=datetime.date(2024, 4, 1),
            review_due_on=datetime.date(2027, 3, 31),
            by=None,
        )
        return PartnershipRecords(record, council, agreement, membership, authorities)

    home = partnership(
        "Braintree District Community Safety Partnership",
        "braintree",
        essex,
        [braintree],
        "Braintree District Council",
        [police, fire, housing],
    )
    other = partnership(
        "Castle Point and Rochford Community Safety Partnership",
        "castle-point-rochford",
        essex,
        [castle_point, rochford],
        "Castle Point Borough Council",
        [police],
    )
    far = partnership(
        "Dartford Community Safety Partnership", "dartford", kent, [dartford], "Dartford Borough Council", []
    )

    people: dict[str, User] = {}

    def person(
        key: str, name: str, organisation: Organisation | None, grants: list[tuple[Partnership, str]], **extra: Any
    ) -> None:
        user = _user(f"{key.replace('_', '.')}@example.test", name, organisation, **extra)
        for where, role in grants:
            accounts.role_grant(user=user, partnership=where, role=role, by=None)
        people[key] = user

    p = home.partnership
    person("council_officer", "Colin Council", home.council, [(p, Role.OFFICER)])
    person("police_officer", "Priya Police", police, [(p, Role.OFFICER)])
    person("housing_officer", "Harriet Housing", housing, [(p, Role.OFFICER)])
    person("manager", "Mona Manager", home.council, [(p, Role.MANAGER)])
    person("administrator", "Adam Administrator", home.council, [(p, Role.ADMINISTRATOR)])
    person("analyst", "Ann Analyst", home.council, [(p, Role.ANALYST)])
    person("panel_chair", "Pat Chair", police, [(p, Role.PANEL_CHAIR)])
    person("scrutiny", "Cllr Sam Scrutiny", home.council, [(p, Role.SCRUTINY)])
    person("county_viewer", "Cora County", pfcc, [(p, Role.COUNTY_VIEWER)])
    person("outsider", "Olive Outsider", other.council, [(other.partnership, Role.OFFICER)])
    person(
        "outside_manager",
        "Otto Outside",
        other.council,
        [(other.partnership, Role.MANAGER), (other.partnership, Role.ADMINISTRATOR)],
    )
    person("system_admin", "Sys Admin", None, [], is_superuser=True)
    person("no_roles", "Nora Noroles", home.council, [])

    return World(essex, kent, police, fire, housing, pfcc, home, other, far, people)
