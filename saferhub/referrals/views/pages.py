"""Referral pages: the lists, making a referral, one referral, triage, withdrawal, and the home panel."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from saferhub import audit
from saferhub.cases import access as case_access
from saferhub.cases.models import Case, CaseStatus
from saferhub.cases.services import current_members
from saferhub.incidents import access as incident_access
from saferhub.incidents.models import Incident
from saferhub.lib.forms import posted
from saferhub.policy import partnership_ids
from saferhub.referrals import access, services
from saferhub.referrals.forms import NEW_CASE, ReferralForm, TriageForm, WithdrawForm
from saferhub.referrals.models import Referral, ReferralStatus, ReferralSubject
from saferhub.register import access as register_access
from saferhub.register.models import Location, Person
from saferhub.register.views._common import incident_title, show_service_errors

PER_PAGE = 50
PANEL_SHOWN = 5
# Decisions on the agency's referrals stay on the home page this long.
RECENT_DECISIONS = datetime.timedelta(days=14)
INCIDENTS_OFFERED = 20


def _listed(queryset: models.QuerySet[Referral]) -> models.QuerySet[Referral]:
    return queryset.select_related("panel", "referred_by_organisation", "location").prefetch_related("people")


def with_names(user: Any, referrals: Any) -> list[Referral]:
    """The referrals, each given ``named`` (the names of its people the user may see now),
    ``unnamed`` (how many they may no longer see) and ``place_named`` (whether its place may be
    shown): a declined or withdrawn referral no longer shows what it stopped sharing."""
    referrals = list(referrals)
    person_ids = {p.pk for r in referrals for p in r.people.all()}
    place_ids = {r.location_id for r in referrals if r.location_id}
    people = set(register_access.people.visible(user, "view").filter(pk__in=person_ids).values_list("pk", flat=True))
    places = set(register_access.locations.visible(user, "view").filter(pk__in=place_ids).values_list("pk", flat=True))
    for referral in referrals:
        everyone = list(referral.people.all())
        referral.named = [p.display_name for p in everyone if p.pk in people]  # type: ignore[attr-defined]
        referral.unnamed = len(everyone) - len(referral.named)  # type: ignore[attr-defined]
        referral.place_named = referral.location_id in places  # type: ignore[attr-defined]
    return referrals


def awaiting_triage(user: Any) -> models.QuerySet[Referral]:
    """Pending referrals the user may triage, oldest first (the longest waiting at the top)."""
    return _listed(access.referrals.visible(user, "triage")).order_by("referred_at", "pk")


def agency_referrals(user: Any) -> models.QuerySet[Referral]:
    """Referrals made by the user's organisation, newest first."""
    organisation_id = getattr(user, "organisation_id", None)
    return _listed(access.referrals.visible(user, "view").filter(referred_by_organisation_id=organisation_id)).order_by(
        "-referred_at", "-pk"
    )


def referral_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    page = Paginator(agency_referrals(user), PER_PAGE).get_page(request.GET.get("page"))
    triages = bool(partnership_ids(user, access.TRIAGE_ROLES))
    return render(
        request,
        "referrals/referral_list.html",
        {
            "awaiting": with_names(user, awaiting_triage(user)) if triages else None,
            "page": page,
            "referrals": with_names(user, page.object_list),
        },
    )


@dataclass
class Start:
    """What a new referral starts from (a person, a place or an incident) and what it can name."""

    partnership: Any
    back_url: str
    subjects: Sequence[str]
    people: list[Person] = field(default_factory=list)
    location: Location | None = None
    incidents: list[Incident] = field(default_factory=list)
    chosen_people: list[int] = field(default_factory=list)
    chosen_incidents: list[int] = field(default_factory=list)


def _household(user: Any, home: Location | None) -> list[Person]:
    if home is None:
        return []
    return list(register_access.people.visible(user, "view").filter(home=home, merged_into__isnull=True).order_by("pk"))


def _start(user: Any, person_pk: int | None, location_pk: int | None, incident_pk: int | None) -> Start:
    """What the referral starts from; 404 unless the user may see that record."""
    people = register_access.people.visible(user, "view")
    places = register_access.locations.visible(user, "view")
    try:
        if person_pk is not None:
            person = people.get(pk=person_pk, merged_into__isnull=True)
            home = places.filter(residents=person, merged_into__isnull=True).first()
            household = [person, *[p for p in _household(user, home) if p.pk != person.pk]]
            return Start(
                person.partnership,
                reverse("register:person", args=[person.pk]),
                [ReferralSubject.PERSON, ReferralSubject.HOUSEHOLD],
                household,
                home,
                chosen_people=[person.pk],
            )
        if location_pk is not None:
            place = places.get(pk=location_pk, merged_into__isnull=True)
            residents = _household(user, place)
            subjects = [ReferralSubject.PLACE] + ([ReferralSubject.HOUSEHOLD] if residents else [])
            return Start(place.partnership, reverse("register:place", args=[place.pk]), subjects, residents, place)
        if incident_pk is not None:
            incident = incident_access.incidents.visible(user, "view").get(pk=incident_pk)
            involved = list(
                people.filter(involvements__incident=incident, merged_into__isnull=True).distinct().order_by("pk")
            )
            where = places.filter(incidents=incident, merged_into__isnull=True).first()
            subjects = [ReferralSubject.PERSON, ReferralSubject.HOUSEHOLD] if involved else []
            if where is not None:
                subjects.append(ReferralSubject.PLACE)
            if not subjects:
                raise Http404
            return Start(
                incident.partnership,
                reverse("incidents:incident", args=[incident.pk]),
                subjects,
                involved,
                where,
                # The victims are whom a report is usually referred for.
                chosen_people=list(
                    incident.involvements.filter(role="victim", person__in=involved).values_list("person_id", flat=True)
                ),
                chosen_incidents=[incident.pk],
            )
    except (Person.DoesNotExist, Location.DoesNotExist, Incident.DoesNotExist):
        raise Http404 from None
    raise Http404


def _incidents_offered(user: Any, start: Start) -> list[Incident]:
    """Recent incidents the user may see that involve the people offered or happened at the place."""
    near = models.Q(involvements__person__in=[p.pk for p in start.people])
    if start.location is not None:
        near |= models.Q(location=start.location)
    ids = incident_access.incidents.visible(user, "view").filter(near).values("pk")
    chosen = set(start.chosen_incidents)
    offered = list(
        Incident.objects.filter(pk__in=ids)
        .select_related("incident_type")
        .order_by("-reported_on", "-pk")[:INCIDENTS_OFFERED]
    )
    missing = chosen - {i.pk for i in offered}
    return offered + list(Incident.objects.filter(pk__in=missing).select_related("incident_type"))


def _person_label(person: Person) -> str:
    if person.date_of_birth:
        return _("%(name)s, born %(date)s") % {"name": person.display_name, "date": f"{person.date_of_birth:%-d %B %Y}"}
    return person.display_name


def referral_make(
    request: HttpRequest, person_pk: int | None = None, location_pk: int | None = None, incident_pk: int | None = None
) -> HttpResponse:
    user: Any = request.user
    start = _start(user, person_pk, location_pk, incident_pk)
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        raise Http404
    panels = list(
        case_access.panels.visible(user, "view")
        .filter(partnership=start.partnership, archived_at__isnull=True)
        .order_by("name")
    )
    start.incidents = _incidents_offered(user, start)
    form = ReferralForm(
        posted(request),
        initial={
            "people": start.chosen_people,
            "incidents": start.chosen_incidents,
            "subject": start.subjects[0],
            "panel": panels[0].pk if len(panels) == 1 else None,
        },
        panels=[(p.pk, p.name) for p in panels],
        subjects=[str(s) for s in start.subjects],
        people=[(p.pk, _person_label(p)) for p in start.people],
        incidents=[(i.pk, f"{incident_title(i)}, {i.reported_on:%-d %B %Y}") for i in start.incidents],
    )
    if request.method == "POST" and panels and form.is_valid():
        data = form.cleaned_data
        subject = data["subject"]
        chosen = set(data.get("people") or [])
        named = [p for p in start.people if p.pk in chosen] if subject != ReferralSubject.PLACE else []
        linked = set(data.get("incidents") or [])
        try:
            referral = services.referral_make(
                panel=next(p for p in panels if p.pk == data["panel"]),
                by=user,
                organisation=organisation,
                subject=subject,
                people=named,
                location=start.location if subject != ReferralSubject.PERSON else None,
                incidents=[i for i in start.incidents if i.pk in linked],
                reason=data["reason"],
                risk_level=data["risk_level"],
                consent=data["consent"],
                lawful_basis=data["lawful_basis"] if data["consent"] != "given" or data["lawful_basis"] else "",
                consent_notes=data["consent_notes"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Referral %(reference)s sent to %(panel)s")
                % {"reference": referral.reference, "panel": referral.panel},
            )
            return redirect("referrals:referral", referral_pk=referral.pk)
    return render(
        request,
        "referrals/referral_form.html",
        {"form": form, "start": start, "panels": panels},
    )


def referral_detail(request: HttpRequest, referral_pk: int) -> HttpResponse:
    user = request.user
    referral = access.referrals.get_for_user(user, "view", pk=referral_pk)
    audit.record_view(actor=user, target=referral, partnership=referral.partnership)
    visible_people = set(
        register_access.people.visible(user, "view").filter(referrals=referral).values_list("pk", flat=True)
    )
    people = [(p, p.pk in visible_people) for p in referral.people.order_by("pk")]
    place_visible = (
        referral.location_id is not None
        and register_access.locations.visible(user, "view").filter(pk=referral.location_id).exists()
    )
    incidents = (
        incident_access.incidents.visible(user, "view")
        .filter(referrals=referral)
        .select_related("incident_type")
        .order_by("-reported_on")
    )
    case = case_access.cases.visible(user, "view").filter(pk=referral.case_id).first() if referral.case_id else None
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "people": people,
            "place_visible": place_visible,
            "incidents": [(i, incident_title(i)) for i in incidents],
            "case": case,
            "can_triage": access.referrals.can(user, "triage", referral),
            "can_withdraw": access.referrals.can(user, "withdraw", referral),
        },
    )


def _open_cases(user: Any, referral: Referral) -> models.QuerySet[Case]:
    return (
        case_access.cases.visible(user, "view")
        .filter(partnership_id=referral.partnership_id, status=CaseStatus.OPEN)
        .select_related("panel")
        .order_by("title")
    )


def _default_title(referral: Referral) -> str:
    # No name: the title stays in sight of every agency on the case even after a referral is withdrawn.
    return _("%(subject)s referred in %(reference)s") % {
        "subject": referral.get_subject_display(),
        "reference": referral.reference,
    }


def referral_triage(request: HttpRequest, referral_pk: int) -> HttpResponse:
    user = request.user
    referral = access.referrals.get_for_user(user, "triage", pk=referral_pk)
    open_cases = list(_open_cases(user, referral))
    members = list(current_members(referral.partnership))
    form = TriageForm(
        posted(request),
        initial={"case": NEW_CASE, "new_case_title": _default_title(referral)},
        cases=[(str(c.pk), f"{c.title} ({c.reference}, {c.panel.name})") for c in open_cases],
        organisations=[(o.pk, o.name) for o in members],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen_case = next((c for c in open_cases if str(c.pk) == data.get("case")), None)
        lead = next((o for o in members if o.pk == data.get("lead_organisation")), None)
        agencies = [o for o in members if o.pk in set(data.get("agencies") or [])]
        try:
            services.referral_triage(
                referral=referral,
                by=user,
                decision=data["decision"],
                reason=data["reason"],
                signposted_to=data["signposted_to"],
                case=chosen_case,
                new_case_title=data["new_case_title"],
                lead_organisation=lead,
                agencies=agencies,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            referral.refresh_from_db()
            messages.success(request, _decision_message(referral))
            return redirect("referrals:referral", referral_pk=referral.pk)
    return render(
        request, "referrals/referral_triage.html", {"form": form, "referral": with_names(user, [referral])[0]}
    )


def _decision_message(referral: Referral) -> str:
    words = {"reference": referral.reference, "to": referral.signposted_to}
    if referral.decision == "accept" and referral.case is not None:
        words["case"] = f"{referral.case.title} ({referral.case.reference})"
        return _("Referral %(reference)s accepted into the case %(case)s") % words
    if referral.decision == "signpost":
        return _("Referral %(reference)s signposted to %(to)s") % words
    return _("Referral %(reference)s declined") % words


def referral_withdraw(request: HttpRequest, referral_pk: int) -> HttpResponse:
    user = request.user
    referral = access.referrals.get_for_user(user, "withdraw", pk=referral_pk)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_withdraw(referral=referral, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Referral %(reference)s withdrawn") % {"reference": referral.reference})
            return redirect("referrals:referral", referral_pk=referral.pk)
    return render(request, "referrals/referral_withdraw.html", {"form": form, "referral": referral})


def home_panel(user: Any) -> dict[str, Any] | None:
    """Referrals awaiting the user's triage, and recent decisions on their agency's referrals."""
    awaiting = list(awaiting_triage(user)[: PANEL_SHOWN + 1])
    since = timezone.now() - RECENT_DECISIONS
    decided = list(
        agency_referrals(user)
        .filter(decided_at__gte=since)
        .exclude(status=ReferralStatus.PENDING)
        .order_by("-decided_at")[:PANEL_SHOWN]
    )
    if not awaiting and not decided:
        return None
    return {
        "awaiting": with_names(user, awaiting[:PANEL_SHOWN]),
        "more_awaiting": len(awaiting) > PANEL_SHOWN,
        "decided": with_names(user, decided),
    }
