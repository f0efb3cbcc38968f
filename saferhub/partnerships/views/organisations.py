"""Organisations (agencies): the list, one organisation, adding one to a partnership, editing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub.accounts.models import Role
from saferhub.lib.forms import posted
from saferhub.partnerships import access, services
from saferhub.partnerships.forms import OrganisationEditForm, OrganisationForm
from saferhub.partnerships.models import Partnership
from saferhub.partnerships.views._common import current, detached
from saferhub.policy import is_system_administrator, partnership_ids


def administered(user: Any) -> QuerySet[Partnership]:
    """Partnerships the user may add organisations to: those they administer (every one, for the system
    administrator)."""
    runnable = access.partnerships.visible(user, "change").filter(archived_at__isnull=True)
    if is_system_administrator(user):
        return runnable
    return runnable.filter(pk__in=partnership_ids(user, [Role.ADMINISTRATOR]))


def organisation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    shown_memberships = (
        access.memberships.visible(user, "view")
        .filter(current())
        .select_related("partnership")
        .order_by("partnership__name")
    )
    organisations = access.organisations.visible(user, "view").prefetch_related(
        Prefetch("memberships", queryset=shown_memberships, to_attr="shown_memberships")
    )
    return render(
        request,
        "partnerships/organisation_list.html",
        {"organisations": organisations, "can_add": administered(user).exists()},
    )


def organisation_detail(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    user = request.user
    organisation = access.organisations.get_for_user(user, "view", pk=organisation_pk)
    memberships = (
        access.memberships.visible(user, "view")
        .filter(organisation=organisation)
        .select_related("partnership")
        .order_by("partnership__name")
    )
    return render(
        request,
        "partnerships/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "can_change": access.organisations.can(user, "change", organisation),
        },
    )


def organisation_add(request: HttpRequest) -> HttpResponse:
    user = request.user
    choices = administered(user)
    optional = is_system_administrator(user)
    if not optional and not choices.exists():
        raise Http404
    # Coming from a partnership's "add a member" page: that partnership is chosen, and we go back to it.
    returning_to = choices.filter(slug=request.GET.get("partnership", "")).first()
    form = OrganisationForm(
        posted(request), initial={"partnership": returning_to}, partnerships=choices, optional=optional
    )
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        organisation = services.organisation_create(
            name=values["name"],
            kind=values["kind"],
            email_domain=values["email_domain"],
            partnership=values["partnership"],
            by=user,
        )
        joined = values["partnership"]
        if joined is not None:
            messages.success(
                request,
                _("%(organisation)s added and is now a member of %(partnership)s")
                % {"organisation": organisation.name, "partnership": joined.name},
            )
        else:
            messages.success(request, _("%(organisation)s added") % {"organisation": organisation.name})
        if returning_to is not None and joined == returning_to:
            return redirect("partnerships:partnership", partnership_slug=joined.slug)
        return redirect("partnerships:organisation", organisation_pk=organisation.pk)
    return render(request, "partnerships/organisation_form.html", {"form": form, "returning_to": returning_to})


def organisation_edit(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = access.organisations.get_for_user(request.user, "change", pk=organisation_pk)
    form = OrganisationEditForm(posted(request), instance=detached(organisation))
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_update(organisation=organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(organisation)s updated") % {"organisation": organisation.name})
        return redirect("partnerships:organisation", organisation_pk=organisation.pk)
    return render(request, "partnerships/organisation_form.html", {"form": form, "organisation": organisation})
