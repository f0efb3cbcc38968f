"""Demo ASB Case Review applications: in each demo partnership, applications across this financial year
and the last at every stage (received, acknowledged, duplicate, threshold not met, met, reviewed,
closed), made through the services by the partnership's demo staff, so the published figures and the
county comparison have something to show.

Each application is looked up by (partnership, victim's name, applicant's name): every plan names a
different victim, except a duplicate, which names the earlier application's victim with another
applicant. So a second run adds nothing. Which names, places and problems each plan gets comes from a
``random.Random`` seeded per partnership over fixed lists: every run plans the same applications.
Names are plainly fictional ("Ada Samplewood"); streets are the register's invented ones; phone
numbers are in Ofcom's drama range; e-mail addresses are at example.com.

Dates are placed in the two financial years counted back from the day of loading. The services date
each step today unless told the day it was done (``on=``, as for work recorded from paper); so that an
application received last May was also acknowledged, decided and reviewed last May and June (rather
than all today, which would make every step look late), each step is given the day it happened. Every
rule of the services holds, and no step is dated after the day of loading.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from saferhub.accounts.models import User
from saferhub.casereview import review_services, services
from saferhub.casereview.models import ApplicantRole, Application, Channel, ContactMethod, Status, VictimKind
from saferhub.demo import data
from saferhub.demo.loader import DemoLoad, step
from saferhub.lib.periods import financial_year_start
from saferhub.lib.workingdays import add_working_days
from saferhub.partnerships.models import Organisation, Partnership
from saferhub.register.demo_data import STREETS, TOWNS, officer_email

RECEIVED, ACKNOWLEDGED, DUPLICATE = Status.RECEIVED, Status.ACKNOWLEDGED, Status.DUPLICATE
NOT_MET, MET, REVIEWED, CLOSED = Status.NOT_MET, Status.MET, Status.REVIEWED, Status.CLOSED
DONE, OPEN, OVERDUE = "done", "open", "overdue"


@dataclass(frozen=True)
class Plan:
    """One application: how far it got, and when in its financial year it was received (0 its first
    day, 1 the last day there is room for its later steps)."""

    stage: str
    years_back: int  # 0: this financial year; 1: the one before
    position: float
    complaints: str = "met"  # a key of COMPLAINTS
    inadequate: tuple[str, ...] = ()  # agencies (keys of AGENCIES) whose response the review found not adequate
    recommendations: tuple[tuple[str, str], ...] = ()  # (agency, DONE | OPEN | OVERDUE)
    discretion: bool = False  # met below the automatic number, on the discretionary criteria
    reconsidered: bool = False  # the applicant asked the PFCC's office to look again
    duplicate_of: int | None = None  # the index of the earlier plan it duplicates
    kind: str = VictimKind.PERSON


PLANS: dict[str, tuple[Plan, ...]] = {
    "braintree": (
        Plan(CLOSED, 1, 0.06, inadequate=("council",), recommendations=(("council", DONE), ("police", DONE))),
        Plan(NOT_MET, 1, 0.12, complaints="one", reconsidered=True),
        Plan(CLOSED, 1, 0.25, inadequate=("housing",), recommendations=(("housing", OVERDUE), ("council", DONE))),
        Plan(DUPLICATE, 1, 0.31, duplicate_of=2),
        Plan(CLOSED, 1, 0.45, kind=VictimKind.BUSINESS),
        Plan(NOT_MET, 1, 0.58, complaints="late"),
        Plan(
            CLOSED,
            1,
            0.70,
            complaints="two",
            discretion=True,
            inadequate=("police",),
            recommendations=(("police", DONE),),
        ),
        Plan(NOT_MET, 1, 0.86, complaints="one"),
        Plan(
            CLOSED, 0, 0.05, inadequate=("council", "housing"), recommendations=(("council", DONE), ("housing", OPEN))
        ),
        Plan(NOT_MET, 0, 0.20, complaints="late"),
        Plan(CLOSED, 0, 0.35, recommendations=(("police", OPEN),), kind=VictimKind.GROUP),
        Plan(DUPLICATE, 0, 0.40, duplicate_of=10),
        Plan(NOT_MET, 0, 0.60, complaints="one"),
        Plan(REVIEWED, 0, 1.0, inadequate=("council",), recommendations=(("council", OPEN),)),
        Plan(MET, 0, 1.0, complaints="two", discretion=True),
        Plan(ACKNOWLEDGED, 0, 0.85),
        Plan(ACKNOWLEDGED, 0, 1.0, kind=VictimKind.BUSINESS),
        Plan(RECEIVED, 0, 1.0),
    ),
    "castle-point-rochford": (
        Plan(CLOSED, 1, 0.15, inadequate=("police",), recommendations=(("police", OVERDUE),)),
        Plan(NOT_MET, 1, 0.35, complaints="one"),
        Plan(NOT_MET, 1, 0.55, complaints="late"),
        Plan(CLOSED, 1, 0.80, recommendations=(("council", DONE),)),
        Plan(NOT_MET, 0, 0.10, complaints="one"),
        Plan(CLOSED, 0, 0.30),
        Plan(DUPLICATE, 0, 0.50, duplicate_of=5),
        Plan(MET, 0, 1.0),
        Plan(ACKNOWLEDGED, 0, 0.90),
        Plan(RECEIVED, 0, 1.0),
    ),
    "colchester": (
        Plan(CLOSED, 1, 0.10, inadequate=("housing",), recommendations=(("council", DONE), ("housing", DONE))),
        Plan(DUPLICATE, 1, 0.16, duplicate_of=0),
        Plan(NOT_MET, 1, 0.30, complaints="late"),
        Plan(
            CLOSED,
            1,
            0.50,
            inadequate=("council", "police"),
            recommendations=(("council", OVERDUE), ("police", DONE)),
        ),
        Plan(CLOSED, 1, 0.70, complaints="two", discretion=True, kind=VictimKind.GROUP),
        Plan(NOT_MET, 1, 0.90, complaints="one"),
        Plan(CLOSED, 0, 0.15, inadequate=("council",), recommendations=(("health", OPEN),)),
        Plan(NOT_MET, 0, 0.35, complaints="one"),
        Plan(REVIEWED, 0, 1.0, recommendations=(("police", OPEN),)),
        Plan(CLOSED, 0, 0.50),
        Plan(ACKNOWLEDGED, 0, 1.0),
        Plan(MET, 0, 0.90),
    ),
}

# Each partnership's agencies, by the keys the plans use.
AGENCIES: dict[str, dict[str, data.OrganisationData]] = {
    "braintree": {
        "council": data.BRAINTREE_COUNCIL,
        "police": data.POLICE,
        "housing": data.EASTLIGHT,
        "health": data.MID_SOUTH_ICB,
    },
    "castle-point-rochford": {
        "council": data.CASTLE_POINT_COUNCIL,
        "police": data.POLICE,
        "housing": data.SANCTUARY,
        "health": data.MID_SOUTH_ICB,
    },
    "colchester": {
        "council": data.COLCHESTER_COUNCIL,
        "police": data.POLICE,
        "housing": data.SANCTUARY,
        "health": data.NORTH_EAST_ICB,
    },
}

# Reports as the applicant lists them: (days before the application it was reported, days the report
# came after the behaviour, agency). "met": four qualify, above the automatic number; "two": two
# qualify; "one": one report; "late": three, but one was reported six weeks after the behaviour and
# one more than six months before the application, so only one qualifies.
COMPLAINTS = {
    "met": ((120, 2, "council"), (75, 1, "police"), (30, 0, "housing"), (8, 3, "police")),
    "two": ((60, 1, "police"), (21, 4, "council")),
    "one": ((14, 2, "council"),),
    "late": ((200, 3, "police"), (95, 45, "council"), (12, 1, "housing")),
}
# Working days after receipt (or after the review, or the decision) each step was done, and how many
# calendar days a stage needs after receipt (so that, in this financial year, an application is received
# early enough for its steps to have happened by today).
ACKNOWLEDGE, DECIDE, HOLD, OUTCOME, COMPLETE, DUE, RECONSIDER, FINDING = 1, 10, 24, 4, 20, 30, 8, 18
SPAN: dict[str, int] = {RECEIVED: 0, ACKNOWLEDGED: 4, DUPLICATE: 21, NOT_MET: 18, MET: 18, REVIEWED: 40, CLOSED: 45}

GIVEN_NAMES = (
    "Ada", "Bernard", "Cecily", "Desmond", "Edna", "Fergus", "Gwen", "Harold", "Ivy", "Jasper", "Kezia",
    "Lionel", "Mabel", "Norris", "Opal", "Percy", "Queenie", "Rufus", "Sybil", "Tobias", "Una", "Wilfred",
)  # fmt: skip
SURNAMES = (
    "Samplewood", "Testwell", "Mockridge", "Placeholt", "Fauxley", "Exampleby", "Notaname", "Dummerton",
    "Pretendham", "Loremfield", "Madeupworth", "Fictionby", "Specimenhall", "Trialford",
)  # fmt: skip
PROBLEMS = (
    "Loud music and shouting from the flat next door most nights until the early hours; they bang on the "
    "shared wall when asked to stop.",
    "A group of young people gathers outside the house, kicks footballs at the windows and swears at the "
    "family whenever they go out.",
    "Motorbikes ridden fast across the green and along the footpath behind the houses, several evenings a week.",
    "A neighbour's visitors leave needles and cans in the shared stairwell and threaten residents who complain.",
    "Abuse shouted in the street about the victim's disability, and eggs thrown at the front door.",
    "Rubbish thrown over the fence into the garden and the fence panels broken, again and again.",
)
BUSINESS_PROBLEM = (
    "Cars revved and raced round the car park outside the shop every evening; staff sworn at and customers "
    "put off coming in."
)
GROUP_PROBLEM = (
    "Members locking up the hall after evening meetings are followed, sworn at and have had stones thrown at them."
)
IMPACTS = (
    "I no longer sleep more than a few hours a night and I am frightened to go out after dark.",
    "My children sleep downstairs in the back room because of the noise, and their school work is suffering.",
    "We have stopped using the garden and I have been signed off work with anxiety.",
)
ADEQUATE = {
    "council": "Each report was logged and the victim called back within the service standard; an officer visited.",
    "police": "Officers attended the reports they were called to and recorded each against the same address.",
    "housing": "The landlord interviewed its tenant and gave a written warning about the behaviour.",
}
INADEQUATE = {
    "council": "The reports were closed one at a time, so nobody saw the pattern, and the victim was not told "
    "what would happen next.",
    "police": "Two calls were graded as not needing attendance, and nobody asked whether the victim was vulnerable.",
    "housing": "The landlord did not act on the tenancy breaches reported to it, or tell the council what it knew.",
}
RECOMMENDATIONS = {
    "council": "Open one ASB case linking every report, with a named officer who calls the victim every fortnight.",
    "police": "Flag the address so that calls are attended, and assess the victim's vulnerability with them.",
    "housing": "Take enforcement action under the tenancy if the behaviour continues, and share the tenancy file "
    "with the ASB case officer.",
    "health": "Offer the victim, with their agreement, a referral to the community mental health team.",
}
COMPLETED = {
    "council": "Case opened and officer named; the victim has been called every fortnight since.",
    "police": "Address flagged on the command and control system; vulnerability assessment done with the victim.",
    "housing": "Notice served on the tenant; the tenancy file shared with the case officer.",
    "health": "Referral made with the victim's agreement; first appointment held.",
}


@dataclass(frozen=True)
class Planned:
    """A plan with its names, place and dates filled in."""

    plan: Plan
    victim: str
    applicant: str
    role: str
    channel: str
    contact: str
    place: str
    postcode: str
    problem: str
    received_on: datetime.date


def _postcode(rng: random.Random, district: str) -> str:
    # The letters of an inward code never include C, I, K, M, O or V.
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def _when(plan: Plan, today: datetime.date) -> datetime.date:
    first = datetime.date(financial_year_start(today).year - plan.years_back, 4, 1)
    last = min(datetime.date(first.year + 1, 3, 31), today - datetime.timedelta(days=SPAN[plan.stage]))
    return first + datetime.timedelta(days=round(plan.position * max((last - first).days, 0)))


def plan(slug: str, today: datetime.date) -> list[Planned]:
    """The partnership's demo applications, the same on every run; dates count back from ``today``."""
    rng = random.Random(f"casereview-{slug}")  # noqa: S311 (repeatable demo data, not a secret)
    towns = next(t.towns for t in TOWNS if t.slug == slug)
    names = rng.sample([f"{g} {s}" for g in GIVEN_NAMES for s in SURNAMES], 2 * len(PLANS[slug]))
    planned: list[Planned] = []
    for index, wanted in enumerate(PLANS[slug]):
        town = rng.choice(towns)
        street = rng.choice(STREETS)
        postcode = _postcode(rng, rng.choice(town.districts))
        applicant = names[2 * index + 1]
        if wanted.duplicate_of is not None:
            earlier = planned[wanted.duplicate_of]
            victim, place, postcode, problem = earlier.victim, earlier.place, earlier.postcode, earlier.problem
            role = rng.choice([ApplicantRole.COUNCILLOR, ApplicantRole.MP, ApplicantRole.FAMILY])
            applicant = f"Cllr {applicant}" if role == ApplicantRole.COUNCILLOR else applicant
            received = min(earlier.received_on + datetime.timedelta(days=21), today)
        else:
            if wanted.kind == VictimKind.BUSINESS:
                victim = f"{street.split()[0]} Parade Stores"
                place, problem = f"{street} shops, {town.name}", BUSINESS_PROBLEM
                role = ApplicantRole.VICTIM
            elif wanted.kind == VictimKind.GROUP:
                victim = f"{street} Residents' Association"
                place, problem = f"{street} community hall, {town.name}", GROUP_PROBLEM
                role = ApplicantRole.OTHER
            else:
                victim = names[2 * index]
                place, problem = f"{rng.randint(1, 90)} {street}, {town.name}", rng.choice(PROBLEMS)
                role = rng.choice([ApplicantRole.VICTIM] * 4 + [ApplicantRole.FAMILY, ApplicantRole.SUPPORT_WORKER])
                applicant = victim if role == ApplicantRole.VICTIM else applicant
            received = _when(wanted, today)
        # An application not yet acknowledged came by phone or post: online and e-mail ones are acknowledged at once.
        channel = (
            rng.choice([Channel.PHONE, Channel.LETTER])
            if wanted.stage == RECEIVED
            else rng.choice([Channel.ONLINE, Channel.ONLINE, Channel.PHONE, Channel.LETTER, Channel.EMAIL])
        )
        contact = {Channel.PHONE: ContactMethod.PHONE, Channel.LETTER: ContactMethod.POST}.get(
            channel, ContactMethod.EMAIL
        )
        planned.append(Planned(wanted, victim, applicant, role, channel, contact, place, postcode, problem, received))
    return planned


class _Days:
    """The days of an application's steps, each on or after the one before, none after today."""

    def __init__(self, received: datetime.date, today: datetime.date) -> None:
        self.received, self.today, self.last = received, today, received

    def after(self, days: int, since: datetime.date | None = None) -> datetime.date:
        day = add_working_days(since or self.received, days)
        self.last = max(self.last, min(day, self.today))
        return self.last


def _submit(wanted: Planned, partnership: Partnership, officer: User, agencies: dict[str, str]) -> Application:
    online = wanted.channel == Channel.ONLINE
    local = "".join(c for c in wanted.applicant.lower().replace(" ", ".") if c.isalnum() or c == ".")
    email = f"{local}@example.com"
    digits = sum(map(ord, wanted.applicant)) % 1000
    complaints = [
        services.ComplaintGiven(
            behaviour_on=wanted.received_on - datetime.timedelta(days=before + late),
            reported_on=wanted.received_on - datetime.timedelta(days=before),
            agency=agencies[agency],
        )
        for before, late, agency in COMPLAINTS[wanted.plan.complaints]
    ]
    return services.application_submit(
        partnership=partnership,
        by=None if online else officer,
        channel=wanted.channel,
        received_on=wanted.received_on,
        on=wanted.received_on,
        applicant_role=wanted.role,
        applicant_name=wanted.applicant,
        applicant_email=email if wanted.contact == ContactMethod.EMAIL else "",
        applicant_phone=f"07700 900{digits:03d}",
        applicant_address=f"{wanted.place}\n{wanted.postcode}" if wanted.contact == ContactMethod.POST else "",
        contact_method=wanted.contact,
        victim_consents=wanted.role != ApplicantRole.VICTIM,
        victim_kind=wanted.plan.kind,
        victim_name=wanted.victim,
        problem_postcode=wanted.postcode,
        problem_place=wanted.place,
        problem=wanted.problem,
        problem_since=wanted.received_on - datetime.timedelta(days=150 + digits % 200),
        impact_description=IMPACTS[digits % len(IMPACTS)],
        complaints=complaints,
    )


def _take_forward(
    run: DemoLoad,
    application: Application,
    wanted: Planned,
    staff: dict[str, User],
    organisations: dict[str, Organisation],
) -> None:
    """Every step of the plan after the application itself, each on its own day."""
    plan_, stage = wanted.plan, wanted.plan.stage
    days = _Days(wanted.received_on, run.today)
    manager = staff["manager"]
    if stage != RECEIVED and application.acknowledged_on is None:
        services.application_acknowledge(application=application, by=staff["officer"], on=days.after(ACKNOWLEDGE))
    if stage in (RECEIVED, DUPLICATE):
        return
    services.application_assign(application=application, single_point_of_contact=staff["officer"], by=manager)
    if stage == ACKNOWLEDGED:
        return
    met = stage != NOT_MET
    decided_on = days.after(DECIDE)
    services.application_decide(
        application=application,
        by=manager,
        on=decided_on,
        met=met,
        reasons=(
            "The reports you listed show behaviour that has gone on for months and is causing real harm: "
            "the agencies will now review their response together."
            if met
            else "Fewer complaints qualify than the number the area requires, and the reports describe "
            "one-off incidents that each agency dealt with at the time."
        ),
        persistence="Reported to three agencies over two months, and still going on." if plan_.discretion else "",
        harm="The victim lives alone and says they are afraid to leave home." if plan_.discretion else "",
    )
    if plan_.reconsidered:
        asked = days.after(RECONSIDER, decided_on)
        answered = add_working_days(asked, FINDING)
        review_services.reconsideration_record(
            application=application,
            by=manager,
            requested_on=asked,
            result="The decision was properly made on the complaints listed; the office asked the council to "
            "explain the process to the applicant again, which it has done."
            if answered <= run.today
            else "",
            decided_on=answered if answered <= run.today else None,
        )
    if stage in (NOT_MET, MET):
        return
    held_on = days.after(HOLD)
    # The police's and the housing provider's officers take part in the review, named on it.
    services.application_name_officers(
        application=application, officers=[staff["police"], staff["housing"]], by=manager
    )
    findings = [
        review_services.ResponseFinding(
            organisations[agency],
            agency not in plan_.inadequate,
            INADEQUATE[agency] if agency in plan_.inadequate else ADEQUATE[agency],
        )
        for agency in ("council", "police", "housing")
    ]
    review_services.review_record(
        application=application,
        by=manager,
        held_on=held_on,
        victim_invited=True,
        impact_statement=IMPACTS[len(wanted.victim) % len(IMPACTS)],
        summary="The agencies each dealt with the reports on their own; together they agreed what each will do next."
        if plan_.recommendations
        else "The agencies' responses were found adequate; the behaviour has stopped since the last report.",
        findings=findings,
    )
    added = []
    for agency, state in plan_.recommendations:
        due = add_working_days(held_on, DUE)
        if state == OPEN:  # not due yet
            due = max(held_on + datetime.timedelta(days=60), run.today + datetime.timedelta(days=28))
        added.append(
            (
                review_services.recommendation_add(
                    application=application,
                    by=manager,
                    on=held_on,
                    text=RECOMMENDATIONS[agency],
                    owner=organisations[agency],
                    due_on=due,
                ),
                agency,
                state,
            )
        )
        run.created(added[-1][0])
    if stage == CLOSED:
        review_services.outcome_send(application=application, by=manager, on=days.after(OUTCOME, held_on))
    for recommendation, agency, state in added:
        if state == DONE:
            review_services.recommendation_complete(
                recommendation=recommendation, by=manager, note=COMPLETED[agency], on=days.after(COMPLETE, held_on)
            )


@step
def case_review_applications(run: DemoLoad) -> None:
    """Each partnership's demo applications, by (partnership, victim, applicant), earliest received first."""
    for slug in PLANS:
        partnership = run.partnership(slug)
        existing = set(Application.objects.filter(partnership=partnership).values_list("victim_name", "applicant_name"))
        missing = [p for p in plan(slug, run.today) if (p.victim, p.applicant) not in existing]
        if not missing:
            continue
        organisations = {key: run.organisation(o.name) for key, o in AGENCIES[slug].items()}
        staff = {
            "manager": run.user(officer_email(slug, "manager")),
            "officer": run.user(officer_email(slug, "council.officer")),
            "police": run.user(officer_email(slug, "police.officer")),
            "housing": run.user(officer_email(slug, "housing.officer")),
        }
        agencies = {key: o.name for key, o in organisations.items()}
        for wanted in sorted(missing, key=lambda p: p.received_on):
            application = _submit(wanted, partnership, staff["officer"], agencies)
            run.created(application)
            _take_forward(run, application, wanted, staff, organisations)
