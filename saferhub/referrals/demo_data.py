"""Demo referrals: officers of the council, the police and the housing providers refer people, households
and places to their partnership's panels; some are triaged, one is withdrawn.

Each referral is looked up by (panel, referring organisation, reason): the reasons are fixed and no two
are alike, so a second run adds nothing. Who or what is referred is picked when the referral is first
made, from what the referring officer may see: the repeat victims of the demo incidents, the people
most often involved in the officer's agency's incidents, a home where several of them live, or the
open space or premises with most of the agency's reports. The steps run in ``INSTALLED_APPS`` order,
so the register, the incidents and the panels are there already.

Every reason is invented, in the words an officer would use; no real case is described.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from saferhub.accounts.models import User
from saferhub.cases.demo_data import panel_name
from saferhub.cases.models import CaseStatus, Panel
from saferhub.demo.loader import DemoLoad, step
from saferhub.incidents import access as incident_access
from saferhub.incidents.demo_data import REPEAT_VICTIMS_PER_PARTNERSHIP
from saferhub.incidents.models import Incident, Involvement
from saferhub.partnerships.models import Organisation, Partnership
from saferhub.referrals.demo_plans import (
    ACCEPT,
    ALLEGED_PERPETRATOR,
    HOUSEHOLD,
    LINKED_INCIDENTS,
    PENDING,
    PLANS,
    REPEAT_VICTIM_1,
    REPEAT_VICTIM_2,
    SIGNPOST,
    VICTIM,
    WITHDRAW,
    ReferralPlan,
)
from saferhub.referrals.models import Decision, Referral, ReferralSubject
from saferhub.referrals.services import referral_make, referral_triage, referral_withdraw
from saferhub.register import access as register_access
from saferhub.register.demo_data import PersonPlan, officer_email
from saferhub.register.demo_data import plan as register_plan
from saferhub.register.models import Location, LocationKind, Person


@dataclass
class Picking:
    """What the referrals made in this run already name in one partnership, so no two name the same."""

    people: set[int]
    places: set[int]


@cache
def _repeat_victims_planned() -> dict[str, list[PersonPlan]]:
    """Each partnership's repeat victims as the incidents demo plans them: the first people of its register."""
    _, planned = register_plan()
    victims: dict[str, list[PersonPlan]] = {}
    for person in planned:
        own = victims.setdefault(person.partnership, [])
        if len(own) < REPEAT_VICTIMS_PER_PARTNERSHIP:
            own.append(person)
    return victims


def _repeat_victim(partnership: Partnership, user: User, index: int) -> Person | None:
    """The partnership's ``index``-th repeat victim, if the user may see them."""
    own = _repeat_victims_planned().get(partnership.slug, [])
    if index >= len(own):
        return None
    wanted = own[index]
    return (
        register_access.people.visible(user, "view")
        .filter(
            partnership=partnership,
            given_name=wanted.given_name,
            family_name=wanted.family_name,
            date_of_birth=wanted.date_of_birth,
            merged_into__isnull=True,
        )
        .first()
    )


def _incidents(user: User, partnership: Partnership) -> QuerySet[Incident]:
    return incident_access.incidents.visible(user, "view").filter(partnership=partnership)


def _most_involved(user: User, partnership: Partnership, role: str, picking: Picking) -> Person | None:
    """Of the people the user may see, the one most often in ``role`` in the incidents they may see."""
    people = (
        register_access.people.visible(user, "view")
        .filter(partnership=partnership, merged_into__isnull=True)
        .exclude(pk__in=picking.people)
    )
    row = (
        Involvement.objects.filter(incident__in=_incidents(user, partnership), role=role, person__in=people)
        .values("person")
        .annotate(reports=Count("pk"))
        .order_by("-reports", "person")
        .first()
    )
    return Person.objects.get(pk=row["person"]) if row else None


def _household(user: User, partnership: Partnership, picking: Picking) -> tuple[list[Person], Location] | None:
    """The home where most of the people the user may see live (two at least), and those people."""
    people = (
        register_access.people.visible(user, "view")
        .filter(partnership=partnership, merged_into__isnull=True, home__isnull=False)
        .exclude(pk__in=picking.people)
        .exclude(home__in=picking.places)
    )
    row = people.values("home").annotate(residents=Count("pk")).filter(residents__gte=2).order_by("-residents", "home")
    first = row.first()
    if first is None:
        return None
    home = register_access.locations.visible(user, "view").filter(pk=first["home"]).first()
    if home is None:
        return None
    return list(people.filter(home=home).order_by("pk")), home


def _place(user: User, partnership: Partnership, picking: Picking) -> Location | None:
    """The open space or premises with most of the incidents the user may see."""
    places = (
        register_access.locations.visible(user, "view")
        .filter(
            partnership=partnership,
            merged_into__isnull=True,
            kind__in=[LocationKind.OPEN_SPACE, LocationKind.PREMISES],
        )
        .exclude(pk__in=picking.places)
    )
    row = (
        Incident.objects.filter(pk__in=_incidents(user, partnership).values("pk"), location__in=places)
        .values("location")
        .annotate(reports=Count("pk"))
        .order_by("-reports", "location")
        .first()
    )
    return Location.objects.get(pk=row["location"]) if row else None


def _pick(
    plan: ReferralPlan, partnership: Partnership, user: User, picking: Picking
) -> tuple[list[Person], Location | None] | None:
    """Who or what the plan refers, among what the referring officer may see; None if there is nothing."""
    if plan.who in (REPEAT_VICTIM_1, REPEAT_VICTIM_2):
        person = _repeat_victim(partnership, user, 0 if plan.who == REPEAT_VICTIM_1 else 1)
        return ([person], None) if person is not None else None
    if plan.who in (VICTIM, ALLEGED_PERPETRATOR):
        person = _most_involved(user, partnership, plan.who, picking)
        return ([person], None) if person is not None else None
    if plan.who == HOUSEHOLD:
        return _household(user, partnership, picking)
    place = _place(user, partnership, picking)
    return ([], place) if place is not None else None


def _linked_incidents(
    user: User, partnership: Partnership, people: list[Person], place: Location | None
) -> list[Incident]:
    """The latest incidents the user may see that involve the people referred or happened at the place."""
    near = Q(involvements__person__in=[p.pk for p in people])
    if place is not None:
        near |= Q(location=place)
    ids = _incidents(user, partnership).filter(near).values("pk")
    return list(Incident.objects.filter(pk__in=ids).order_by("-reported_on", "-pk")[:LINKED_INCIDENTS])


def _named(people: list[Person], place: Location | None, subject: str) -> str:
    if subject == ReferralSubject.HOUSEHOLD and people:
        return f"household of {people[0].display_name}"
    if people:
        return people[0].display_name
    return (place.name or str(place)) if place is not None else ""


def _organisation(user: User) -> Organisation:
    if user.organisation is None:
        raise LookupError(f"demo user {user.email} has no organisation")
    return user.organisation


def _accept(run: DemoLoad, plan: ReferralPlan, referral: Referral, by: User, subject_name: str) -> None:
    def organisation(local: str) -> Organisation:
        return _organisation(run.user(officer_email(plan.partnership, local)))

    case = None
    if plan.joins:
        earlier = (
            Referral.objects.filter(partnership=referral.partnership, reason=plan.joins, case__status=CaseStatus.OPEN)
            .select_related("case")
            .first()
        )
        case = earlier.case if earlier is not None else None
    decided = referral_triage(
        referral=referral,
        by=by,
        decision=Decision.ACCEPT,
        reason=plan.decision_reason,
        case=case,
        new_case_title=plan.case_title.format(subject=subject_name),
        lead_organisation=organisation(plan.lead) if case is None else None,
        agencies=[organisation(local) for local in plan.agencies] if case is None else [],
    )
    if case is None and decided.case is not None:
        run.created(decided.case)


def _follow_up(run: DemoLoad, plan: ReferralPlan, referral: Referral, referrer: User, subject_name: str) -> None:
    """What happened to the referral after it was made: the panel's decision, or its withdrawal."""
    if plan.outcome == WITHDRAW:
        referral_withdraw(referral=referral, by=referrer, reason=plan.withdrawal_reason)
        return
    if plan.outcome == PENDING:
        return
    by = run.user(officer_email(plan.partnership, plan.decided_by))
    if plan.outcome == ACCEPT:
        _accept(run, plan, referral, by, subject_name)
    elif plan.outcome == SIGNPOST:
        referral_triage(
            referral=referral,
            by=by,
            decision=Decision.SIGNPOST,
            reason=plan.decision_reason,
            signposted_to=plan.signposted_to,
        )
    else:
        referral_triage(referral=referral, by=by, decision=Decision.DECLINE, reason=plan.decision_reason)


@step
def referrals(run: DemoLoad) -> None:
    """The demo referrals, by (panel, referring organisation, reason), each with what became of it."""
    slugs = {plan.partnership for plan in PLANS}
    partnerships = {slug: run.partnership(slug) for slug in slugs}
    existing = set(
        Referral.objects.filter(partnership__in=partnerships.values()).values_list(
            "panel_id", "referred_by_organisation_id", "reason"
        )
    )
    picking = {slug: Picking(set(), set()) for slug in slugs}
    for slug, partnership in partnerships.items():
        # The repeat victims are referred by name; the other pickers leave them alone.
        for index in range(REPEAT_VICTIMS_PER_PARTNERSHIP):
            victim = _repeat_victim(partnership, run.user(officer_email(slug, "manager")), index)
            if victim is not None:
                picking[slug].people.add(victim.pk)
    for plan in PLANS:
        partnership = partnerships[plan.partnership]
        panel = Panel.objects.filter(
            partnership=partnership, name__iexact=panel_name(plan.partnership, plan.panel)
        ).first()
        referrer = run.user(officer_email(plan.partnership, plan.referrer))
        organisation = _organisation(referrer)
        if panel is None or (panel.pk, organisation.pk, plan.reason) in existing:
            continue
        picked = _pick(plan, partnership, referrer, picking[plan.partnership])
        if picked is None:
            continue  # nothing on the register fits: someone has changed the demo records
        people, place = picked
        try:
            referral = referral_make(
                panel=panel,
                by=referrer,
                organisation=organisation,
                subject=plan.subject,
                people=people,
                location=place,
                incidents=_linked_incidents(referrer, partnership, people, place),
                reason=plan.reason,
                risk_level=plan.risk_level,
                consent=plan.consent,
                lawful_basis=plan.lawful_basis,
                consent_notes=plan.consent_notes,
            )
        except ValidationError:
            continue  # e.g. someone has already referred that person to the panel and it awaits triage
        run.created(referral)
        existing.add((panel.pk, organisation.pk, plan.reason))
        picking[plan.partnership].people.update(p.pk for p in people)
        if place is not None:
            picking[plan.partnership].places.add(place.pk)
        _follow_up(run, plan, referral, referrer, _named(people, place, plan.subject))
