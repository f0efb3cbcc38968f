"""Demo incidents: a year of reports to the council, the police and the housing provider of each
demo partnership, recorded through ``incident_record`` by each agency's demo officer.

The plan comes from a ``random.Random(2026)`` over fixed lists, so every run plans the same
reports; each has a reference of its agency (``BDC-ASB-0042``) and is looked up by (recording
organisation, reference), so only missing ones are recorded. Dates count back from the day of
loading. Two victims in each partnership report repeatedly to several agencies, so their reports
raise both repeat-victim alerts (explain the Case Review, then threshold likely met); some victims
answer the screening questions, so risk levels vary.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from saferhub.accounts.models import User
from saferhub.demo.loader import DemoLoad, step
from saferhub.incidents import screening, services
from saferhub.incidents.models import Category, Channel, Incident, IncidentType, InvolvementRole, VictimAlert
from saferhub.partnerships.models import Organisation
from saferhub.register.demo_data import PersonPlan, PlacePlan, officer_email
from saferhub.register.demo_data import plan as register_plan
from saferhub.register.models import Location, Person

SEED = 2026
INCIDENTS_PER_PARTNERSHIP = 110
REPEAT_VICTIMS_PER_PARTNERSHIP = 2

# Each partnership's agencies that record: (demo user's local part, reference prefix).
AGENCIES = {
    "braintree": (("council.officer", "BDC"), ("police.officer", "EP-BT"), ("housing.officer", "ECH")),
    "castle-point-rochford": (("council.officer", "RDC"), ("police.officer", "EP-CPR"), ("housing.officer", "SH-CPR")),
    "colchester": (("council.officer", "CCC"), ("police.officer", "EP-COL"), ("housing.officer", "SH-COL")),
}
CATEGORIES = (
    (Category.ASB_PERSONAL, 30),
    (Category.ASB_NUISANCE, 30),
    (Category.ASB_ENVIRONMENTAL, 20),
    (Category.CRIME, 20),
)
TYPES = {
    Category.ASB_PERSONAL: ("asb-intimidation-harassment", "asb-threatening-behaviour", "asb-neighbour-dispute"),
    Category.ASB_NUISANCE: ("asb-noise", "asb-rowdy-inconsiderate", "asb-vehicle-nuisance", "asb-nuisance-youths"),
    Category.ASB_ENVIRONMENTAL: ("asb-fly-tipping", "asb-graffiti", "asb-litter", "asb-abandoned-vehicle"),
    Category.CRIME: ("crime-criminal-damage-arson", "crime-burglary", "crime-vehicle-crime", "crime-public-order"),
}
DESCRIPTIONS = {
    Category.ASB_PERSONAL: (
        "Neighbour shouting abuse over the fence and banging on the door late at night.",
        "A group waits outside the house and follows the resident to the shops.",
        "Threatening messages pushed through the letterbox.",
    ),
    Category.ASB_NUISANCE: (
        "Loud music from the flat above until three in the morning, most nights this week.",
        "Youths riding off-road bikes across the green and the footpath.",
        "Group gathering in the stairwell, drinking and leaving the door propped open.",
    ),
    Category.ASB_ENVIRONMENTAL: (
        "Bags of household waste and a mattress dumped behind the garages.",
        "Graffiti sprayed on the bus shelter and the side of the community hall.",
        "Car with no plates left on the verge for three weeks.",
    ),
    Category.CRIME: (
        "Car windows smashed overnight; nothing taken.",
        "Shed broken into and tools taken.",
        "Fight outside the pub at closing time; one man hurt.",
    ),
}
CHANNELS = tuple(Channel.values)


@dataclass(frozen=True)
class IncidentPlan:
    partnership: str
    officer: str  # the demo user's local part
    reference: str
    days_ago: int  # reported this many days before the day of loading
    behaviour_days_earlier: int
    behaviour_lasted_days: int | None
    channel: str
    category: str
    incident_type: str
    description: str
    place: tuple[str, str] | None  # a PlacePlan key
    people: tuple[tuple[PersonKey, str], ...]  # (PersonPlan key, role)
    screening: dict[str, bool] | None = field(default=None, hash=False)


PersonKey = tuple[str, str, datetime.date | None]


@dataclass(frozen=True)
class _Draft:
    """An incident before its reference is known (references follow the order of reporting)."""

    officer: str
    days_ago: int
    behaviour_days_earlier: int
    behaviour_lasted_days: int | None
    category: str
    place: tuple[str, str] | None
    people: tuple[tuple[PersonKey, str], ...]
    screening: dict[str, bool] | None = field(default=None, hash=False)


def _screening(rng: random.Random, heavy: bool) -> dict[str, bool]:
    chance = 0.6 if heavy else 0.25
    return {question.code: rng.random() < chance for question in screening.QUESTIONS}


def _weighted_category(rng: random.Random) -> str:
    return str(rng.choices([c for c, _ in CATEGORIES], weights=[w for _, w in CATEGORIES])[0])


def plan() -> list[IncidentPlan]:
    """Every demo incident, the same on every run; within each agency the references follow report order."""
    places, people = register_plan()
    rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not a secret)
    planned: list[IncidentPlan] = []
    for slug, agencies in AGENCIES.items():
        own_people: list[PersonPlan] = [p for p in people if p.partnership == slug]
        own_places: list[PlacePlan] = [p for p in places if p.partnership == slug]
        repeat, others = own_people[:REPEAT_VICTIMS_PER_PARTNERSHIP], own_people[REPEAT_VICTIMS_PER_PARTNERSHIP:]
        drafts: list[_Draft] = []
        for victim in repeat:
            # Four ASB reports to three agencies over about three months, each within days of the
            # behaviour: the second prompts the officer to explain the Case Review, the third meets
            # the threshold.
            first = rng.randint(100, 160)
            home = victim.home or rng.choice(own_places).key
            for number, officer in enumerate(
                ("council.officer", "police.officer", "housing.officer", "council.officer")
            ):
                drafts.append(
                    _Draft(
                        officer=officer,
                        days_ago=first - 25 * number,
                        behaviour_days_earlier=rng.randint(0, 5),
                        behaviour_lasted_days=None,
                        category=Category.ASB_PERSONAL,
                        place=home,
                        people=((victim.key, InvolvementRole.VICTIM),),
                        screening=_screening(rng, heavy=True),
                    )
                )
        while len(drafts) < INCIDENTS_PER_PARTNERSHIP:
            category = _weighted_category(rng)
            involved: list[tuple[PersonKey, str]] = []
            chosen = rng.sample(others, 3)
            if category != Category.ASB_ENVIRONMENTAL or rng.random() < 0.3:
                if rng.random() < 0.8:
                    involved.append((chosen[0].key, InvolvementRole.VICTIM))
                if rng.random() < 0.45:
                    involved.append((chosen[1].key, InvolvementRole.ALLEGED_PERPETRATOR))
                if rng.random() < 0.15:
                    involved.append((chosen[2].key, InvolvementRole.WITNESS))
            place = rng.choice(own_places).key if rng.random() < 0.85 or not involved else None
            has_victim = any(role == InvolvementRole.VICTIM for _, role in involved)
            late = rng.random() < 0.1  # reported long after the behaviour: does not count as a complaint
            drafts.append(
                _Draft(
                    officer=rng.choice(agencies)[0],
                    days_ago=rng.randint(0, 364),
                    behaviour_days_earlier=rng.randint(40, 60) if late else rng.randint(0, 6),
                    behaviour_lasted_days=rng.randint(1, 20) if rng.random() < 0.2 else None,
                    category=category,
                    place=place,
                    people=tuple(involved),
                    screening=_screening(rng, heavy=False) if has_victim and rng.random() < 0.5 else None,
                )
            )
        prefixes = dict(agencies)
        counters: dict[str, int] = {}
        # Earliest report first, so each victim's alerts are raised in the order the reports came in.
        for draft in sorted(drafts, key=lambda d: -d.days_ago):
            prefix = prefixes[draft.officer]
            counters[prefix] = counters.get(prefix, 0) + 1
            kind = "CRM" if draft.category == Category.CRIME else "ASB"
            category = Category(draft.category)
            planned.append(
                IncidentPlan(
                    partnership=slug,
                    officer=draft.officer,
                    reference=f"{prefix}-{kind}-{counters[prefix]:04d}",
                    days_ago=draft.days_ago,
                    behaviour_days_earlier=draft.behaviour_days_earlier,
                    behaviour_lasted_days=draft.behaviour_lasted_days,
                    channel=rng.choice(CHANNELS),
                    category=draft.category,
                    incident_type=rng.choice(TYPES[category]),
                    description=rng.choice(DESCRIPTIONS[category]),
                    place=draft.place,
                    people=draft.people,
                    screening=draft.screening,
                )
            )
    return planned


def _organisation(user: User) -> Organisation:
    if user.organisation is None:
        raise LookupError(f"demo user {user.email} has no organisation")
    return user.organisation


@step
def incidents(run: DemoLoad) -> None:
    """The demo incidents, by (recording organisation, agency reference), in the order they were reported."""
    planned = plan()
    officers = {
        (slug, local): run.user(officer_email(slug, local))
        for slug, agencies in AGENCIES.items()
        for local, _ in agencies
    }
    existing = set(
        Incident.objects.filter(agency_reference__in={p.reference for p in planned}).values_list(
            "recorded_by_organisation_id", "agency_reference"
        )
    )
    missing = [
        p for p in planned if (officers[(p.partnership, p.officer)].organisation_id, p.reference) not in existing
    ]
    if not missing:
        return
    types = {t.code: t for t in IncidentType.objects.filter(archived_at__isnull=True)}
    partnerships = {slug: run.partnership(slug) for slug in AGENCIES}
    people = {
        (p.partnership.slug, (p.given_name, p.family_name, p.date_of_birth)): p
        for p in Person.objects.filter(partnership__in=partnerships.values(), merged_into__isnull=True).select_related(
            "partnership"
        )
    }
    places = {
        (loc.partnership.slug, (loc.postcode, loc.address_line_1 or loc.name)): loc
        for loc in Location.objects.filter(
            partnership__in=partnerships.values(), merged_into__isnull=True
        ).select_related("partnership")
    }
    for wanted in missing:
        user = officers[(wanted.partnership, wanted.officer)]
        involvements = [
            (people[(wanted.partnership, key)], role)
            for key, role in wanted.people
            if (wanted.partnership, key) in people
        ]
        location = places.get((wanted.partnership, wanted.place)) if wanted.place else None
        if location is None and not involvements:
            continue  # someone removed what it was about: nothing to record
        reported_on = run.today - datetime.timedelta(days=wanted.days_ago)
        behaviour_from = reported_on - datetime.timedelta(days=wanted.behaviour_days_earlier)
        behaviour_to = None
        if wanted.behaviour_lasted_days is not None:
            behaviour_to = min(behaviour_from + datetime.timedelta(days=wanted.behaviour_lasted_days), reported_on)
        incident = services.incident_record(
            partnership=partnerships[wanted.partnership],
            by=user,
            organisation=_organisation(user),
            behaviour_from=behaviour_from,
            behaviour_to=behaviour_to,
            reported_on=reported_on,
            channel=wanted.channel,
            category=wanted.category,
            description=wanted.description,
            agency_reference=wanted.reference,
            location=location,
            incident_type=types.get(wanted.incident_type),
            crime_type="" if wanted.incident_type in types else "Other crime",
            screening=wanted.screening,
            involvements=involvements,
        )
        run.created(incident)
        alerts = VictimAlert.objects.filter(incident=incident).count()
        if alerts:
            run.created(VictimAlert(), alerts)
