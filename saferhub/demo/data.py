"""The demonstration data: the Essex area, three of its Community Safety Partnerships, their agencies and people.

Places, ONS codes and agencies are real (taken from the partnerships' own published
reports, see ``shared/seeds``); every person is fictional and every e-mail address ends in
``demo.saferhub.test`` (``.test`` is reserved: it can never reach a real mailbox).
Plain data only: ``saferhub.demo.loader`` turns it into records through the services.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from saferhub.accounts.models import Role
from saferhub.partnerships.models import DataCategory, OrganisationKind, SharingPurpose

DEFAULT_PASSWORD = "saferhub-demo-2026"
PASSWORD_ENV = "SAFERHUB_DEMO_PASSWORD"
EMAIL_DOMAIN = "demo.saferhub.test"


@dataclass(frozen=True)
class AreaData:
    name: str
    slug: str
    police_force: str
    # (ONS code, name): the county's 12 districts and boroughs, then its two unitaries.
    local_authorities: tuple[tuple[str, str], ...]


ESSEX = AreaData(
    name="Essex",
    slug="essex",
    police_force="Essex Police",
    local_authorities=(
        ("E07000066", "Basildon"),
        ("E07000067", "Braintree"),
        ("E07000068", "Brentwood"),
        ("E07000069", "Castle Point"),
        ("E07000070", "Chelmsford"),
        ("E07000071", "Colchester"),
        ("E07000072", "Epping Forest"),
        ("E07000073", "Harlow"),
        ("E07000074", "Maldon"),
        ("E07000075", "Rochford"),
        ("E07000076", "Tendring"),
        ("E07000077", "Uttlesford"),
        ("E06000033", "Southend-on-Sea"),
        ("E06000034", "Thurrock"),
    ),
)


@dataclass(frozen=True)
class OrganisationData:
    name: str
    kind: str


# Agencies named in the partnerships' reports, under their current names: the National
# Probation Service is now the Probation Service; Mid Essex CCG became part of NHS Mid and
# South Essex ICB in 2022 (Colchester is served by the Suffolk and North East Essex ICB).
BRAINTREE_COUNCIL = OrganisationData("Braintree District Council", OrganisationKind.COUNCIL)
CASTLE_POINT_COUNCIL = OrganisationData("Castle Point Borough Council", OrganisationKind.COUNCIL)
ROCHFORD_COUNCIL = OrganisationData("Rochford District Council", OrganisationKind.COUNCIL)
COLCHESTER_COUNCIL = OrganisationData("Colchester City Council", OrganisationKind.COUNCIL)
ESSEX_COUNTY_COUNCIL = OrganisationData("Essex County Council", OrganisationKind.COUNCIL)
POLICE = OrganisationData("Essex Police", OrganisationKind.POLICE)
FIRE = OrganisationData("Essex County Fire & Rescue Service", OrganisationKind.FIRE)
PROBATION = OrganisationData("Probation Service", OrganisationKind.PROBATION)
MID_SOUTH_ICB = OrganisationData("NHS Mid and South Essex Integrated Care Board", OrganisationKind.ICB)
NORTH_EAST_ICB = OrganisationData("NHS Suffolk and North East Essex Integrated Care Board", OrganisationKind.ICB)
YOUTH_SERVICE = OrganisationData("Essex Youth Service", OrganisationKind.CO_OPERATING)
PFCC = OrganisationData("Office of the Police, Fire and Crime Commissioner for Essex", OrganisationKind.OTHER)
EASTLIGHT = OrganisationData("Eastlight Community Homes", OrganisationKind.SOCIAL_LANDLORD)
SANCTUARY = OrganisationData("Sanctuary Housing", OrganisationKind.SOCIAL_LANDLORD)
COMMUNITY_360 = OrganisationData("Community360", OrganisationKind.VOLUNTARY)
BAR_N_BUS = OrganisationData("Bar 'N' Bus", OrganisationKind.VOLUNTARY)
SAFER_PLACES = OrganisationData("Safer Places", OrganisationKind.VOLUNTARY)


@dataclass(frozen=True)
class AgreementData:
    title: str
    parties: tuple[OrganisationData, ...]
    purposes: tuple[str, ...]
    data_categories: tuple[str, ...]
    signed_on: datetime.date
    # A fixed date is in the past for ever (so the overdue warning shows); None means
    # "two years after the day the demo is loaded", so the agreement stays current.
    review_due_on: datetime.date | None
    lawful_basis: str = ""


@dataclass(frozen=True)
class PersonData:
    """A demo user: ``local`` is the part of the e-mail address before the @."""

    local: str
    full_name: str
    organisation: OrganisationData | None
    roles: tuple[str, ...]
    job_title: str = ""


@dataclass(frozen=True)
class PartnershipData:
    name: str
    slug: str
    local_authorities: tuple[str, ...]  # ONS codes
    members: tuple[OrganisationData, ...]
    agreements: tuple[AgreementData, ...]
    people: tuple[PersonData, ...] = field(default=())

    @property
    def email_domain(self) -> str:
        return f"{self.slug}.{EMAIL_DOMAIN}"

    def email(self, person: PersonData) -> str:
        return f"{person.local}@{self.email_domain}"


CRIME_AND_DISORDER_BASIS = (
    "Section 115 of the Crime and Disorder Act 1998 (disclosure to relevant authorities for the "
    "purposes of the Act); UK GDPR Article 6(1)(e) public task; for criminal offence data, "
    "Data Protection Act 2018 Schedule 1 paragraphs 6 and 10."
)
ASB_BASIS = (
    "Anti-social Behaviour, Crime and Policing Act 2014, sections 104 and 105 and Schedule 4 "
    "(ASB Case Reviews); UK GDPR Article 6(1)(e) public task."
)


def _people(
    *,
    first_names: tuple[str, str, str, str, str, str, str, str, str],
    council: OrganisationData,
    officer_council: OrganisationData,
    housing: OrganisationData,
) -> tuple[PersonData, ...]:
    """One demo user for every role (and an officer from each of council, police and housing)."""
    manager, council_officer, police_officer, housing_officer, analyst, chair, scrutiny, county, admin = first_names
    return (
        PersonData("manager", f"{manager} Manager", council, (Role.MANAGER,), "Community Safety Manager"),
        PersonData(
            "council.officer",
            f"{council_officer} Council-Officer",
            officer_council,
            (Role.OFFICER,),
            "Community Safety Officer",
        ),
        PersonData("police.officer", f"{police_officer} Police-Officer", POLICE, (Role.OFFICER,), "Police Constable"),
        PersonData(
            "housing.officer", f"{housing_officer} Housing-Officer", housing, (Role.OFFICER,), "Tenancy Officer"
        ),
        PersonData("analyst", f"{analyst} Analyst", council, (Role.ANALYST,), "Community Safety Analyst"),
        PersonData("panel.chair", f"{chair} Panel-Chair", POLICE, (Role.PANEL_CHAIR,), "Inspector"),
        PersonData("scrutiny", f"Cllr {scrutiny} Scrutiny", council, (Role.SCRUTINY,), "Councillor"),
        PersonData("county.viewer", f"{county} County-Viewer", PFCC, (Role.COUNTY_VIEWER,), "Policy Officer"),
        PersonData("administrator", f"{admin} Administrator", council, (Role.ADMINISTRATOR,), "Systems Administrator"),
    )


PARTNERSHIPS: tuple[PartnershipData, ...] = (
    PartnershipData(
        name="Braintree District Community Safety Partnership",
        slug="braintree",
        local_authorities=("E07000067",),
        members=(
            BRAINTREE_COUNCIL,
            POLICE,
            FIRE,
            PROBATION,
            MID_SOUTH_ICB,
            EASTLIGHT,
            ESSEX_COUNTY_COUNCIL,
            YOUTH_SERVICE,
            COMMUNITY_360,
            SAFER_PLACES,
            PFCC,
        ),
        agreements=(
            AgreementData(
                title="Braintree District Community Safety Hub information sharing agreement",
                parties=(BRAINTREE_COUNCIL, POLICE, FIRE, PROBATION, MID_SOUTH_ICB, EASTLIGHT, ESSEX_COUNTY_COUNCIL),
                purposes=(SharingPurpose.CASEWORK, SharingPurpose.ASB_CASE_REVIEW, SharingPurpose.SAFEGUARDING),
                data_categories=(
                    DataCategory.PERSONAL,
                    DataCategory.CRIMINAL,
                    DataCategory.VICTIM,
                    DataCategory.SAFEGUARDING,
                    DataCategory.HOUSING,
                    DataCategory.LOCATION,
                ),
                signed_on=datetime.date(2024, 4, 1),
                review_due_on=None,
                lawful_basis=CRIME_AND_DISORDER_BASIS,
            ),
            AgreementData(
                title="Braintree strategic assessment data sharing protocol",
                parties=(BRAINTREE_COUNCIL, POLICE, FIRE, MID_SOUTH_ICB, ESSEX_COUNTY_COUNCIL),
                purposes=(SharingPurpose.STRATEGIC_ASSESSMENT,),
                data_categories=(DataCategory.LOCATION, DataCategory.AGGREGATE),
                signed_on=datetime.date(2022, 6, 1),
                review_due_on=datetime.date(2025, 5, 31),
                lawful_basis=CRIME_AND_DISORDER_BASIS,
            ),
        ),
        people=_people(
            first_names=("Bea", "Bram", "Bryony", "Barnaby", "Bel", "Bertie", "Blythe", "Briar", "Basil"),
            council=BRAINTREE_COUNCIL,
            officer_council=BRAINTREE_COUNCIL,
            housing=EASTLIGHT,
        ),
    ),
    PartnershipData(
        name="Castle Point and Rochford Community Safety Partnership",
        slug="castle-point-rochford",
        local_authorities=("E07000069", "E07000075"),
        members=(
            CASTLE_POINT_COUNCIL,
            ROCHFORD_COUNCIL,
            POLICE,
            FIRE,
            PROBATION,
            MID_SOUTH_ICB,
            ESSEX_COUNTY_COUNCIL,
            SANCTUARY,
            BAR_N_BUS,
            PFCC,
        ),
        agreements=(
            AgreementData(
                title="Castle Point and Rochford tactical group information sharing agreement",
                parties=(CASTLE_POINT_COUNCIL, ROCHFORD_COUNCIL, POLICE, FIRE, PROBATION, MID_SOUTH_ICB, SANCTUARY),
                purposes=(SharingPurpose.CASEWORK, SharingPurpose.ASB_CASE_REVIEW),
                data_categories=(
                    DataCategory.PERSONAL,
                    DataCategory.CRIMINAL,
                    DataCategory.VICTIM,
                    DataCategory.HOUSING,
                    DataCategory.LOCATION,
                ),
                signed_on=datetime.date(2021, 9, 1),
                review_due_on=datetime.date(2024, 8, 31),
                lawful_basis=CRIME_AND_DISORDER_BASIS + " " + ASB_BASIS,
            ),
        ),
        people=_people(
            first_names=("Cass", "Rory", "Cleo", "Corin", "Carys", "Conrad", "Rosalind", "Cato", "Roswitha"),
            council=CASTLE_POINT_COUNCIL,
            officer_council=ROCHFORD_COUNCIL,
            housing=SANCTUARY,
        ),
    ),
    PartnershipData(
        name="Colchester Community Safety Partnership",
        slug="colchester",
        local_authorities=("E07000071",),
        members=(
            COLCHESTER_COUNCIL,
            POLICE,
            FIRE,
            PROBATION,
            NORTH_EAST_ICB,
            ESSEX_COUNTY_COUNCIL,
            YOUTH_SERVICE,
            SANCTUARY,
            COMMUNITY_360,
            PFCC,
        ),
        agreements=(
            AgreementData(
                title="Colchester Community Safety Hub information sharing agreement",
                parties=(COLCHESTER_COUNCIL, POLICE, FIRE, PROBATION, NORTH_EAST_ICB, SANCTUARY),
                purposes=(SharingPurpose.CASEWORK, SharingPurpose.SAFEGUARDING),
                data_categories=(
                    DataCategory.PERSONAL,
                    DataCategory.CRIMINAL,
                    DataCategory.SAFEGUARDING,
                    DataCategory.HOUSING,
                ),
                signed_on=datetime.date(2025, 1, 15),
                review_due_on=None,
                lawful_basis=CRIME_AND_DISORDER_BASIS,
            ),
            AgreementData(
                title="Colchester ASB Case Review information sharing agreement",
                parties=(COLCHESTER_COUNCIL, POLICE, SANCTUARY),
                purposes=(SharingPurpose.ASB_CASE_REVIEW,),
                data_categories=(DataCategory.PERSONAL, DataCategory.VICTIM, DataCategory.LOCATION),
                signed_on=datetime.date(2022, 3, 1),
                review_due_on=datetime.date(2025, 2, 28),
                lawful_basis=ASB_BASIS,
            ),
        ),
        people=_people(
            first_names=("Cora", "Colm", "Cyrus", "Coral", "Cosmo", "Clem", "Celandine", "Calla", "Cuthbert"),
            council=COLCHESTER_COUNCIL,
            officer_council=COLCHESTER_COUNCIL,
            housing=SANCTUARY,
        ),
    ),
)

# Runs the installation: areas, partnerships, organisations, every audit row. No partnership role.
SYSTEM_ADMINISTRATOR = PersonData("system.administrator", "Sid System-Administrator", None, (), "System administrator")
SYSTEM_ADMINISTRATOR_EMAIL = f"{SYSTEM_ADMINISTRATOR.local}@{EMAIL_DOMAIN}"


def organisations() -> list[OrganisationData]:
    """Every organisation the partnerships name, once each, in first-mention order."""
    seen: dict[str, OrganisationData] = {}
    for partnership in PARTNERSHIPS:
        for organisation in partnership.members:
            seen.setdefault(organisation.name, organisation)
    return list(seen.values())
