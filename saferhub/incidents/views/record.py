"""Recording an incident: short question pages, a draft in the session, check your answers, record."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from saferhub.incidents import access, screening, services
from saferhub.incidents.forms import (
    DuplicateChoiceForm,
    ExistingPersonForm,
    NewPersonForm,
    NewPlaceForm,
    PartnershipChoiceForm,
    PersonSearchForm,
    PlaceChoiceForm,
    ScreeningForm,
    TypeForm,
    WhatForm,
    WhenForm,
)
from saferhub.incidents.models import Category, Channel
from saferhub.incidents.views import draft as drafts
from saferhub.incidents.views.alerts import alert_message
from saferhub.lib.forms import posted
from saferhub.register import selectors
from saferhub.register import services as register
from saferhub.register.models import LocationKind, SubjectKind
from saferhub.register.normalise import format_postcode, is_outward_code

# Which question page fixes each field a service may name.
STEP_OF_FIELD = {
    "behaviour_from": "incidents:record-when",
    "behaviour_to": "incidents:record-when",
    "reported_on": "incidents:record-when",
    "channel": "incidents:record-when",
    "agency_reference": "incidents:record-when",
    "category": "incidents:record-what",
    "description": "incidents:record-what",
    "incident_type": "incidents:record-type",
    "crime_type": "incidents:record-type",
    "location": "incidents:record-where",
    "involvements": "incidents:record-who",
    "screening": "incidents:record-screening",
    "organisation": "incidents:record-start",
}
PLACE_FIELDS = ("kind", "name", "address_line_1", "postcode", "description")


def _from_check(request: HttpRequest) -> bool:
    return request.GET.get("from") == "check"


def _next(request: HttpRequest, draft: dict[str, Any], default: str) -> HttpResponse:
    """The next question; after a change from the check page, the next unanswered one or the check page."""
    if _from_check(request):
        missing = drafts.first_missing_step(draft)
        return redirect(f"{reverse(missing)}?from=check" if missing else reverse("incidents:record-check"))
    return redirect(default)


def _back(request: HttpRequest, default: str) -> str:
    return reverse("incidents:record-check") if _from_check(request) else reverse(default)


def _step(request: HttpRequest, form: Any, title: str, back: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "back_url": _back(request, back), **extra}
    return render(request, "incidents/record_step.html", context)


def record_start(request: HttpRequest) -> HttpResponse:
    """Start (or carry on with) a draft; with casework roles in several partnerships, ask which first."""
    choices = drafts.recording_partnerships(request.user)
    if not choices.exists():
        raise Http404
    current = request.session.get(drafts.SESSION_KEY)
    current_pk = current.get("partnership") if isinstance(current, dict) else None
    if choices.count() == 1 and request.method != "POST":
        only = choices.get()
        if current_pk != only.pk:
            drafts.save(request, {"partnership": only.pk})
        return redirect("incidents:record-when")
    form = PartnershipChoiceForm(posted(request), initial={"partnership": current_pk}, partnerships=choices)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["partnership"]
        if chosen != current_pk:
            # People and places belong to one partnership's register: a new partnership starts afresh.
            drafts.save(request, {"partnership": chosen})
        return redirect("incidents:record-when")
    return _step(request, form, _("Which partnership is this incident for?"), "incidents:list")


def record_when(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    saved = draft.get("when") or {}
    initial = {
        **saved,
        **{name: drafts.from_iso(saved.get(name)) for name in ("behaviour_from", "behaviour_to", "reported_on")},
    }
    form = WhenForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        for name in ("behaviour_from", "behaviour_to", "reported_on"):
            values[name] = drafts.to_iso(values[name])
        draft["when"] = values
        drafts.save(request, draft)
        return _next(request, draft, "incidents:record-what")
    back = "incidents:record-start" if drafts.recording_partnerships(request.user).count() > 1 else "incidents:list"
    return _step(request, form, _("When did it happen, and how was it reported?"), back)


def record_what(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    saved = draft.get("what") or {}
    form = WhatForm(posted(request), initial=saved)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        if values["category"] != saved.get("category"):
            values["incident_type"] = None
        else:
            values["incident_type"] = saved.get("incident_type")
        draft["what"] = values
        drafts.save(request, draft)
        return _next(request, draft, "incidents:record-type")
    return _step(request, form, _("What happened?"), "incidents:record-when")


def record_type(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    what = draft.get("what") or {}
    if not what.get("category"):
        return redirect("incidents:record-what")
    is_crime = what["category"] == Category.CRIME
    types = drafts.types_for(request.user, what["category"])
    form = TypeForm(
        posted(request), initial={"incident_type": what.get("incident_type")}, types=types, is_crime=is_crime
    )
    if request.method == "POST" and form.is_valid():
        what["incident_type"] = form.cleaned_data["incident_type"]
        draft["what"] = what
        drafts.save(request, draft)
        return _next(request, draft, "incidents:record-where")
    title = _("What type of crime was it?") if is_crime else _("What type of anti-social behaviour was it?")
    caption = str(Category(what["category"]).label)
    return _step(request, form, title, "incidents:record-what", caption=caption)


def _places_found(user: Any, partnership_pk: int, text: str) -> list[Any]:
    """Places the user may pick in the partnership, by postcode when the text looks like one, else by text."""
    text = text.strip()
    if not text:
        return []
    looks_like_postcode = is_outward_code(text)
    try:
        format_postcode(text)
        looks_like_postcode = True
    except ValueError:
        pass
    found = selectors.search_register(user, postcode=text).locations if looks_like_postcode else []
    if not found:
        found = selectors.search_register(user, text=text).locations
    return [place for place in found if place.partnership_id == partnership_pk][:20]


def record_where(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    saved = draft.get("where") or {}
    query = request.GET.get("q", "")
    places = _places_found(request.user, draft["partnership"], query)
    chosen = drafts.location_of(request.user, draft)
    if chosen is not None and chosen not in places:
        places.insert(0, chosen)
    initial = {
        "place": {"existing": str(saved.get("location")), "new": "new", "none": "none"}.get(saved.get("choice", ""))
    }
    form = PlaceChoiceForm(posted(request), initial=initial, places=places)
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["place"]
        if place == "new":
            draft["where_pending_new"] = True
            drafts.save(request, draft)
            target = reverse("incidents:record-where-new")
            return redirect(f"{target}?from=check" if _from_check(request) else target)
        if place == "none":
            draft["where"] = {"choice": "none"}
        else:
            draft["where"] = {"choice": "existing", "location": int(place)}
        drafts.save(request, draft)
        return _next(request, draft, "incidents:record-who")
    return render(
        request,
        "incidents/record_where.html",
        {
            "form": form,
            "query": query,
            "searched": bool(query.strip()),
            "back_url": _back(request, "incidents:record-type"),
            "from_check": _from_check(request),
        },
    )


def record_where_new(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    saved = (draft.get("where") or {}).get("new") or {}
    form = NewPlaceForm(posted(request), initial=saved)
    if request.method == "POST" and form.is_valid():
        draft["where"] = {"choice": "new", "new": {name: form.cleaned_data[name] for name in PLACE_FIELDS}}
        draft.pop("where_pending_new", None)
        drafts.save(request, draft)
        return _next(request, draft, "incidents:record-who")
    return _step(request, form, _("Describe the place"), "incidents:record-where")


def record_who(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    error = ""
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                index = int(request.POST["remove"])
                del draft["people"][index]
            except (ValueError, IndexError, KeyError):
                pass
            draft.pop("who_done", None)
            drafts.save(request, draft)
            return redirect(request.get_full_path())
        if draft.get("people") or (draft.get("where") or {}).get("choice") in ("existing", "new"):
            draft["who_done"] = True
            if not drafts.has_victim(draft):
                draft.pop("screening", None)
            drafts.save(request, draft)
            default = "incidents:record-screening" if drafts.has_victim(draft) else "incidents:record-check"
            return _next(request, draft, default)
        error = _("Add at least one person, or go back and enter where it happened")
    return render(
        request,
        "incidents/record_who.html",
        {
            "people": drafts.people_of(request.user, draft),
            "error": error,
            "back_url": _back(request, "incidents:record-where"),
            "suffix": "?from=check" if _from_check(request) else "",
        },
    )


def _add_person(request: HttpRequest, draft: dict[str, Any], entry: dict[str, Any]) -> HttpResponse:
    people = draft.setdefault("people", [])
    if entry not in people:
        people.append(entry)
    draft.pop("who_done", None)
    drafts.save(request, draft)
    target = reverse("incidents:record-who")
    return redirect(f"{target}?from=check" if _from_check(request) else target)


def record_who_find(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    search = PersonSearchForm(request.GET if "name" in request.GET else None)
    people: list[Any] = []
    if search.is_bound and search.is_valid():
        found = selectors.search_register(
            request.user, text=search.cleaned_data["name"], date_of_birth=search.cleaned_data["date_of_birth"]
        ).people
        people = [p for p in found if p.partnership_id == draft["partnership"]][:20]
    form = ExistingPersonForm(posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        return _add_person(request, draft, {"person": form.cleaned_data["person"], "role": form.cleaned_data["role"]})
    return render(
        request,
        "incidents/record_who_find.html",
        {
            "search": search,
            "form": form,
            "people": people,
            "back_url": reverse("incidents:record-who"),
        },
    )


def record_who_new(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    form = NewPersonForm(posted(request))
    choice = None
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        duplicates = selectors.possible_duplicate_people(
            request.user,
            partnership=drafts.partnership_of(request, draft),
            given_name=values["given_name"],
            family_name=values["family_name"],
            date_of_birth=values["date_of_birth"],
        )
        new_entry = {
            "new": {
                "given_name": values["given_name"].strip(),
                "family_name": values["family_name"].strip(),
                "date_of_birth": drafts.to_iso(values["date_of_birth"]),
            },
            "role": values["role"],
        }
        if not duplicates:
            return _add_person(request, draft, new_entry)
        # The first post shows the possible matches; the officer then picks one or confirms a new person.
        choice = DuplicateChoiceForm(request.POST if "duplicate" in request.POST else None, duplicates=duplicates)
        if choice.is_bound and choice.is_valid():
            picked = choice.cleaned_data["duplicate"]
            if picked == "new":
                return _add_person(request, draft, new_entry)
            return _add_person(request, draft, {"person": int(picked), "role": values["role"]})
    return render(
        request,
        "incidents/record_who_new.html",
        {"form": form, "choice": choice, "back_url": reverse("incidents:record-who")},
    )


def record_screening(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    if not drafts.has_victim(draft):
        return redirect("incidents:record-check")
    form = ScreeningForm(posted(request), initial={"answers": draft.get("screening", [])})
    if request.method == "POST" and form.is_valid():
        draft["screening"] = list(form.cleaned_data["answers"])
        drafts.save(request, draft)
        return _next(request, draft, "incidents:record-check")
    return _step(
        request,
        form,
        _("Victim screening"),
        "incidents:record-who",
        lead=_("Ask the victim these questions. The answers set the risk level."),
    )


def _summary(request: HttpRequest, draft: dict[str, Any]) -> dict[str, Any]:
    user = request.user
    when = draft["when"]
    what = draft["what"]
    where = draft.get("where") or {}
    place = drafts.location_of(user, draft)
    new_place = where.get("new") if where.get("choice") == "new" else None
    answers = set(draft.get("screening", []))
    return {
        "partnership": drafts.partnership_of(request, draft),
        "behaviour_from": drafts.from_iso(when["behaviour_from"]),
        "behaviour_to": drafts.from_iso(when.get("behaviour_to")),
        "reported_on": drafts.from_iso(when["reported_on"]),
        "channel": Channel(when["channel"]).label,
        "agency_reference": when.get("agency_reference", ""),
        "category": Category(what["category"]).label,
        "incident_type": drafts.incident_type_of(user, draft),
        "description": what["description"],
        "place": place,
        "new_place": new_place,
        "new_place_kind": LocationKind(new_place["kind"]).label if new_place else "",
        "no_place": where.get("choice") == "none",
        "people": drafts.people_of(user, draft),
        "asks_screening": drafts.has_victim(draft),
        "screening_yes": [q.text for q in screening.QUESTIONS if q.code in answers],
        "risk": screening.risk_level({code: True for code in answers}).label if drafts.has_victim(draft) else "",
        "show_partnership": drafts.recording_partnerships(user).count() > 1,
    }


def _record(request: HttpRequest, draft: dict[str, Any]) -> Any:
    """Create the new place and people, then the incident, all or nothing."""
    user: Any = request.user
    partnership = drafts.partnership_of(request, draft)
    organisation = user.organisation
    when, what, where = draft["when"], draft["what"], draft.get("where") or {}
    with transaction.atomic():
        location = drafts.location_of(user, draft)
        if where.get("choice") == "existing" and location is None:
            raise ValidationError({"location": _("Select the place again: it is no longer on the register")})
        if where.get("choice") == "new":
            try:
                location = register.location_create(
                    partnership=partnership, organisation=organisation, by=user, **where["new"]
                )
            except ValidationError as error:
                raise ValidationError({"location": " ".join(error.messages)}) from None
        involvements = []
        people = drafts.people_of(user, draft)
        if len(people) != len(draft.get("people", [])):
            raise ValidationError({"involvements": _("Someone you added is no longer on the register: add them again")})
        for entry in people:
            person = entry.person
            if person is None:
                try:
                    person = register.person_create(
                        partnership=partnership,
                        organisation=organisation,
                        by=user,
                        kind=SubjectKind.PERSON,
                        given_name=entry.new.get("given_name", ""),
                        family_name=entry.new.get("family_name", ""),
                        date_of_birth=entry.date_of_birth,
                    )
                except ValidationError as error:
                    raise ValidationError({"involvements": f"{entry.name}: {' '.join(error.messages)}"}) from None
            involvements.append((person, entry.role))
        incident_type = drafts.incident_type_of(user, draft)
        return services.incident_record(
            partnership=partnership,
            by=user,
            organisation=organisation,
            behaviour_from=drafts.date_of(when["behaviour_from"]),
            behaviour_to=drafts.from_iso(when.get("behaviour_to")),
            reported_on=drafts.date_of(when["reported_on"]),
            channel=when["channel"],
            agency_reference=when.get("agency_reference", ""),
            category=what["category"],
            incident_type=incident_type,
            crime_type=incident_type.name if incident_type and what["category"] == Category.CRIME else "",
            description=what["description"],
            location=location,
            screening={code: True for code in draft.get("screening", [])} if drafts.has_victim(draft) else None,
            involvements=involvements,
        )


def record_check(request: HttpRequest) -> HttpResponse:
    draft = drafts.load(request)
    missing = drafts.first_missing_step(draft)
    if missing:
        return redirect(missing)
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        try:
            incident = _record(request, draft)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                step = STEP_OF_FIELD.get(name, "incidents:record-check")
                errors.append({"text": " ".join(messages), "href": f"{reverse(step)}?from=check"})
        else:
            drafts.clear(request)
            return redirect("incidents:record-done", incident_pk=incident.pk)
    context = _summary(request, draft)
    context.update({"errors": errors, "back_url": reverse("incidents:record-who")})
    if context["asks_screening"]:
        context["back_url"] = reverse("incidents:record-screening")
    return render(request, "incidents/record_check.html", context)


def record_done(request: HttpRequest, incident_pk: int) -> HttpResponse:
    incident = access.incidents.get_for_user(request.user, "view", pk=incident_pk)
    alerts = (
        access.victim_alerts.visible(request.user, "view")
        .filter(incident=incident, resolved_at__isnull=True)
        .select_related("person")
    )
    return render(
        request,
        "incidents/record_done.html",
        {"incident": incident, "alerts": [(alert, alert_message(alert)) for alert in alerts]},
    )
