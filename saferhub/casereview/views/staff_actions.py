"""Staff pages of the ASB Case Review that act: each a form that calls one service, shows its errors on
the fields they are about (keeping what was typed), then returns to the application with a banner.

Every page fetches the application (or recommendation) with the access policy first, so a missing
or forbidden record is a 404 for GET and POST alike. Showing a page records a view of the
application in the audit trail, as the application page does.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub import audit
from saferhub.accounts.models import User
from saferhub.casereview import access, forms_staff, review_services, services
from saferhub.casereview.models import Application
from saferhub.casereview.views.staff import application_for, complaints_assessed
from saferhub.cases.services import current_members
from saferhub.lib.forms import posted
from saferhub.register.models import Person
from saferhub.register.selectors import search_register
from saferhub.register.views._common import show_service_errors


def _viewed(request: HttpRequest, application: Application) -> None:
    if request.method == "GET":
        audit.record_view(actor=request.user, target=application, partnership=application.partnership)


def _done(request: HttpRequest, application: Application, message: str) -> HttpResponseRedirect:
    messages.success(request, message)
    return redirect("casereview:application", application_pk=application.pk)


def _show_errors(form: Any, error: ValidationError, *, rename: dict[str, str] | None = None) -> None:
    """``show_service_errors``, with some of the service's keys put on a differently named field."""
    if rename and hasattr(error, "error_dict"):
        error = ValidationError({rename.get(key, key): value for key, value in error.error_dict.items()})
    show_service_errors(form, error)


def _page(request: HttpRequest, template: str, application: Application, **context: Any) -> HttpResponse:
    _viewed(request, application)
    return render(request, f"casereview/staff/{template}", {"application": application, **context})


def application_acknowledge(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    form = forms_staff.ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.application_acknowledge(application=application, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(
                request, application, _("Acknowledgement of %(ref)s recorded") % {"ref": application.reference}
            )
    return _page(request, "acknowledge.html", application, form=form)


def _casework_people(application: Application) -> list[User]:
    # The people who may be named: those with a casework role in the application's partnership (the
    # service's own rule). The user may change this application, so they work with these colleagues.
    return list(
        User.objects.filter(
            is_active=True,
            role_grants__partnership=application.partnership,
            role_grants__role__in=access.CASEWORK_ROLES,
        )
        .select_related("organisation")
        .distinct()
        .order_by("full_name", "pk")
    )


def application_assign(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    people = _casework_people(application)
    form = forms_staff.AssignForm(
        posted(request),
        initial={"single_point_of_contact": application.single_point_of_contact_id},
        people=[(p.pk, f"{p.full_name}, {p.organisation.name}" if p.organisation else p.full_name) for p in people],
    )
    if request.method == "POST" and form.is_valid():
        chosen = next(p for p in people if p.pk == form.cleaned_data["single_point_of_contact"])
        try:
            services.application_assign(application=application, single_point_of_contact=chosen, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(
                request, application, _("%(name)s is the single point of contact") % {"name": chosen.full_name}
            )
    return _page(request, "assign.html", application, form=form)


def application_officers(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    people = _casework_people(application)
    form = forms_staff.OfficersForm(
        posted(request),
        initial={"officers": list(application.review_officers.values_list("pk", flat=True))},
        people=[(p.pk, f"{p.full_name}, {p.organisation.name}" if p.organisation else p.full_name) for p in people],
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["officers"])
        try:
            services.application_name_officers(
                application=application, officers=[p for p in people if p.pk in chosen], by=user
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(request, application, _("The officers on this review are saved"))
    return _page(request, "officers.html", application, form=form)


def _person_label(person: Person) -> str:
    parts = [person.display_name]
    if person.date_of_birth:
        parts.append(_("born %(date)s") % {"date": f"{person.date_of_birth:%-d %B %Y}"})
    if person.home_id:
        parts.append(_("lives at %(home)s") % {"home": person.home})
    return ", ".join(parts)


def application_match_victim(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    search = forms_staff.VictimSearchForm({"text": request.GET.get("text", application.victim_name)})
    found: list[Person] = []
    if search.is_valid():
        results = search_register(user, text=search.cleaned_data["text"])
        found = [p for p in results.people if p.partnership_id == application.partnership_id]
    form = forms_staff.VictimChooseForm(
        posted(request), initial={"victim": application.victim_id}, people=[(p.pk, _person_label(p)) for p in found]
    )
    if request.method == "POST" and form.is_valid():
        person = next(p for p in found if p.pk == form.cleaned_data["victim"])
        try:
            added = services.application_link_victim(application=application, person=person, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(
                request,
                application,
                _("%(name)s matched to the register: %(count)s reports added as complaints")
                % {"name": person.display_name, "count": added},
            )
    return _page(request, "match_victim.html", application, search=search, form=form, found=found)


def application_decide(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    complaints, result = complaints_assessed(application)
    form = forms_staff.DecideForm(posted(request), automatic=bool(result["automatic"]))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        met = form.decision()
        try:
            services.application_decide(
                application=application,
                by=user,
                met=met,
                reasons=data["reasons"],
                persistence=data.get("persistence", ""),
                harm=data.get("harm", ""),
                response=data.get("response", ""),
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            verdict = _("the threshold is met") if met else _("the threshold is not met")
            return _done(
                request,
                application,
                _("Decision on %(ref)s recorded: %(verdict)s. The decision letter is on the application")
                % {"ref": application.reference, "verdict": verdict},
            )
    return _page(request, "decide.html", application, form=form, complaints=complaints, result=result)


def review_record(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    members = list(current_members(application.partnership))
    form = forms_staff.ReviewForm(posted(request), agencies=[(o.pk, o.name) for o in members])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_pk = {o.pk: o for o in members}
        try:
            review_services.review_record(
                application=application,
                by=user,
                held_on=data["held_on"],
                victim_invited=data["victim_invited"] == "yes",
                summary=data["summary"],
                impact_statement=data["impact_statement"],
                findings=[
                    review_services.ResponseFinding(by_pk[pk], adequate, reasons)
                    for pk, adequate, reasons in form.findings()
                ],
            )
        except ValidationError as error:
            # The findings as a whole are asked for by the first agency's question.
            _show_errors(form, error, rename={"findings": f"finding_{members[0].pk}"} if members else None)
        else:
            return _done(request, application, _("Review of %(ref)s recorded") % {"ref": application.reference})
    return _page(request, "review.html", application, form=form)


def recommendation_add(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    members = list(current_members(application.partnership))
    form = forms_staff.RecommendationForm(posted(request), agencies=[(o.pk, o.name) for o in members])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = next(o for o in members if o.pk == data["owner"])
        try:
            review_services.recommendation_add(
                application=application, by=user, text=data["text"], owner=owner, due_on=data["due_on"]
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(request, application, _("Recommendation to %(owner)s added") % {"owner": owner.name})
    return _page(request, "recommendation_add.html", application, form=form)


def recommendation_complete(request: HttpRequest, application_pk: int, recommendation_pk: int) -> HttpResponse:
    user = request.user
    recommendation = access.recommendations.get_for_user(
        user, "change", pk=recommendation_pk, application_id=application_pk
    )
    application = recommendation.application
    form = forms_staff.RecommendationCompleteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            review_services.recommendation_complete(
                recommendation=recommendation, by=user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(request, application, _("Recommendation marked as done"))
    return _page(request, "recommendation_complete.html", application, form=form, recommendation=recommendation)


def outcome_send(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    form = forms_staff.ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            review_services.outcome_send(application=application, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(
                request,
                application,
                _("Outcome of %(ref)s sent: the application is closed") % {"ref": application.reference},
            )
    return _page(
        request,
        "outcome.html",
        application,
        form=form,
        responses=access.agency_responses.visible(user, "view")
        .filter(application=application)
        .select_related("organisation")
        .order_by("organisation__name"),
        recommendations=access.recommendations.visible(user, "view")
        .filter(application=application)
        .select_related("owner"),
    )


def reconsideration_record(request: HttpRequest, application_pk: int) -> HttpResponse:
    user = request.user
    application = application_for(user, application_pk, "change")
    form = forms_staff.ReconsiderationForm(
        posted(request),
        initial={
            "requested_on": application.reconsideration_requested_on,
            "decided_on": application.reconsideration_decided_on,
            "result": application.reconsideration_result,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review_services.reconsideration_record(
                application=application,
                by=user,
                requested_on=data["requested_on"],
                result=data["result"],
                decided_on=data["decided_on"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _done(
                request, application, _("Request to look at %(ref)s again recorded") % {"ref": application.reference}
            )
    return _page(request, "reconsideration.html", application, form=form)
