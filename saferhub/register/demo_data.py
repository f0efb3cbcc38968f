"""Demo register: plainly fictional people and invented addresses in each demo partnership's towns.

Everything is generated from a ``random.Random(2026)`` over fixed lists, so every run plans the
same records; the steps look each one up by its natural key and create only what is missing:

- a place by (partnership, postcode, first line of the address or the place's name);
- a person by (partnership, first name, last name, date of birth).

Surnames are words like "Example" and "Testington", so no full name can be a real person's.
Streets are invented, with postcodes in the real districts of each town (CM7 for Braintree...).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from saferhub.accounts.models import User
from saferhub.demo import data
from saferhub.demo.loader import DemoLoad, step
from saferhub.partnerships.models import LocalAuthority, Organisation
from saferhub.register import services
from saferhub.register.models import ContactMethod, Location, LocationKind, Person, SafetyFlag, SubjectKind

SEED = 2026
PEOPLE_PER_PARTNERSHIP = 100

FIRST_NAMES = (
    "Alex", "Sam", "Jo", "Charlie", "Robin", "Jamie", "Casey", "Morgan", "Taylor", "Jordan", "Riley", "Frankie",
    "Kit", "Ash", "Billie", "Drew", "Eden", "Finley", "Harper", "Lee", "Nico", "Quinn", "Rowan", "Sky",
)  # fmt: skip
SURNAMES = (
    "Example", "Sample", "Placeholder", "Testington", "Demo", "Mockington", "Fictional", "Madeup", "Notreal",
    "Invented", "Specimen", "Prototype", "Pretendly", "Samplesby", "Exampleworth", "Testcase", "Dummyfield",
    "Loremson", "Ipsumley", "Fauxbury",
)  # fmt: skip
ALIAS_NICKNAMES = ("Ace", "Bunny", "Chip", "Dot", "Fizz", "Pip", "Scout", "Ziggy")
# Invented street names (a house number and one of these never makes a real address with the postcode).
STREETS = (
    "Quillon Road", "Tansy Walk", "Larkspur Mews", "Ottery Close", "Brindle Lane", "Marrowfield Way",
    "Copperbeech Drive", "Fenwick Gardens", "Harebell Rise", "Samphire Court", "Weatherall Street",
    "Kestrel Row", "Pennywort Avenue", "Thimble Crescent", "Juniper Yard", "Wrenfold Place",
)  # fmt: skip
# Open spaces and premises, by invented name.
PLACES = (
    (LocationKind.OPEN_SPACE, "Example Recreation Ground"),
    (LocationKind.OPEN_SPACE, "Sample Street car park"),
    (LocationKind.PREMISES, "The Placeholder Arms"),
    (LocationKind.PREMISES, "Demo Parade convenience store"),
    (LocationKind.OPEN_SPACE, "Testington skate park"),
)
# Postcode letters of the inward code never include C, I, K, M, O or V.
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Town:
    name: str
    districts: tuple[str, ...]  # outward codes of the town
    ons_code: str  # its local authority


@dataclass(frozen=True)
class PartnershipTowns:
    slug: str
    towns: tuple[Town, ...]
    # Local parts of the demo users whose agencies record the register (see saferhub.demo.data).
    officers: tuple[str, ...] = ("council.officer", "police.officer", "housing.officer")


TOWNS = (
    PartnershipTowns(
        "braintree",
        (
            Town("Braintree", ("CM7",), "E07000067"),
            Town("Witham", ("CM8",), "E07000067"),
            Town("Halstead", ("CO9",), "E07000067"),
        ),
    ),
    PartnershipTowns(
        "castle-point-rochford",
        (
            Town("Canvey Island", ("SS8",), "E07000069"),
            Town("South Benfleet", ("SS7",), "E07000069"),
            Town("Rayleigh", ("SS6",), "E07000075"),
            Town("Rochford", ("SS4",), "E07000075"),
        ),
    ),
    PartnershipTowns(
        "colchester",
        (Town("Colchester", ("CO1", "CO2", "CO3", "CO4"), "E07000071"),),
    ),
)


@dataclass(frozen=True)
class PlacePlan:
    partnership: str
    kind: str
    name: str
    address_line_1: str
    town: str
    postcode: str
    ons_code: str
    officer: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.postcode, self.address_line_1 or self.name)


@dataclass(frozen=True)
class PersonPlan:
    partnership: str
    given_name: str
    family_name: str
    date_of_birth: datetime.date | None
    approximate_age: int | None
    phone: str
    email: str
    preferred_contact: str
    safety_flags: tuple[str, ...]
    alias: str
    home: tuple[str, str] | None  # the key of a PlacePlan
    officer: str

    @property
    def key(self) -> tuple[str, str, datetime.date | None]:
        return (self.given_name, self.family_name, self.date_of_birth)


def _postcode(rng: random.Random, district: str) -> str:
    return f"{district} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def plan() -> tuple[list[PlacePlan], list[PersonPlan]]:
    """Every demo place and person, the same on every run (a fresh seeded generator each time)."""
    rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not a secret)
    places: list[PlacePlan] = []
    people: list[PersonPlan] = []
    for where in TOWNS:
        homes: list[PlacePlan] = []
        keys: set[tuple[str, str]] = set()
        for town in where.towns:
            for street in rng.sample(STREETS, 8):
                district = rng.choice(town.districts)
                place = PlacePlan(
                    where.slug,
                    LocationKind.ADDRESS,
                    "",
                    f"{rng.randint(1, 120)} {street}",
                    town.name,
                    _postcode(rng, district),
                    town.ons_code,
                    rng.choice(where.officers),
                )
                if place.key not in keys:
                    keys.add(place.key)
                    homes.append(place)
            for kind, name in PLACES:
                place = PlacePlan(
                    where.slug,
                    kind,
                    f"{name}, {town.name}",
                    "",
                    town.name,
                    _postcode(rng, town.districts[0]),
                    town.ons_code,
                    rng.choice(where.officers),
                )
                if place.key not in keys:
                    keys.add(place.key)
                    places.append(place)
        places.extend(homes)
        seen: set[tuple[str, str, datetime.date | None]] = set()
        while len(seen) < PEOPLE_PER_PARTNERSHIP:
            given, family = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            known_dob = rng.random() < 0.85
            dob = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 24000)) if known_dob else None
            person = PersonPlan(
                where.slug,
                given,
                family,
                dob,
                None if known_dob else rng.randint(18, 80),
                f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.6 else "",  # Ofcom's drama range
                f"{given}.{family}@example.com".lower() if rng.random() < 0.3 else "",
                rng.choice(["", *ContactMethod.values]),
                tuple(rng.sample(SafetyFlag.values, 1)) if rng.random() < 0.1 else (),
                rng.choice(ALIAS_NICKNAMES) if rng.random() < 0.08 else "",
                rng.choice(homes).key if rng.random() < 0.8 else None,
                rng.choice(where.officers),
            )
            if person.key not in seen:
                seen.add(person.key)
                people.append(person)
    return places, people


def officer_email(slug: str, local: str) -> str:
    """The e-mail of a demo user of a partnership, e.g. council.officer@braintree.demo.saferhub.test."""
    wanted = next(p for p in data.PARTNERSHIPS if p.slug == slug)
    return wanted.email(next(person for person in wanted.people if person.local == local))


@step
def register_places_and_people(run: DemoLoad) -> None:
    """Places (by partnership, postcode and first line or name), then people (by partnership, names and
    date of birth), each recorded by one of the partnership's council, police or housing officers."""
    places, people = plan()
    authorities = {la.ons_code: la for la in LocalAuthority.objects.all()}
    officers: dict[tuple[str, str], User] = {}

    def officer(slug: str, local: str) -> User:
        if (slug, local) not in officers:
            officers[(slug, local)] = run.user(officer_email(slug, local))
        return officers[(slug, local)]

    def organisation(user: User) -> Organisation:
        if user.organisation is None:
            raise LookupError(f"demo user {user.email} has no organisation")
        return user.organisation

    by_slug = {p.slug: run.partnership(p.slug) for p in TOWNS}
    found: dict[tuple[str, tuple[str, str]], Location] = {}
    for slug, partnership in by_slug.items():
        for location in Location.objects.filter(partnership=partnership, merged_into__isnull=True):
            found.setdefault((slug, (location.postcode, location.address_line_1 or location.name)), location)
    for place in places:
        if (place.partnership, place.key) in found:
            continue
        user = officer(place.partnership, place.officer)
        location = services.location_create(
            partnership=by_slug[place.partnership],
            organisation=organisation(user),
            by=user,
            kind=place.kind,
            name=place.name,
            address_line_1=place.address_line_1,
            town=place.town,
            postcode=place.postcode,
            local_authority=authorities.get(place.ons_code),
        )
        found[(place.partnership, place.key)] = location
        run.created(location)

    existing = {
        (slug, (given, family, dob))
        for slug, partnership in by_slug.items()
        for given, family, dob in Person.objects.filter(partnership=partnership).values_list(
            "given_name", "family_name", "date_of_birth"
        )
    }
    for wanted in people:
        if (wanted.partnership, wanted.key) in existing:
            continue
        user = officer(wanted.partnership, wanted.officer)
        person = services.person_create(
            partnership=by_slug[wanted.partnership],
            organisation=organisation(user),
            by=user,
            kind=SubjectKind.PERSON,
            given_name=wanted.given_name,
            family_name=wanted.family_name,
            date_of_birth=wanted.date_of_birth,
            approximate_age=wanted.approximate_age,
            phone=wanted.phone,
            email=wanted.email,
            home=found.get((wanted.partnership, wanted.home)) if wanted.home else None,
            preferred_contact=wanted.preferred_contact,
            safety_flags=wanted.safety_flags,
        )
        existing.add((wanted.partnership, wanted.key))
        run.created(person)
        if wanted.alias:
            run.created(services.person_add_alias(person=person, name=wanted.alias, by=user))
