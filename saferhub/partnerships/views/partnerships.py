"""Partnerships and their members: the list, one partnership, adding and editing, members joining and leaving."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub.accounts.models import Role
from saferhub.lib.forms import posted
from saferhub.partnerships import access, services
from saferhub.partnerships.forms import AreaChoiceForm, MembershipAddForm, PartnershipEditForm, PartnershipForm
from saferhub.partnerships.views._common import current, current_memberships, detached
from saferhub.policy import is_system_administrator, partnership_ids


def partnership_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnerships = (
        access.partnerships.visible(user, "view")
        .select_related("area")
        .prefetch_related("local_authorities")
        .annotate(member_count=Count("memberships", filter=current("memberships__")))
    )
    return render(
        request,
        "partnerships/partnership_list.html",
        {"partnerships": partnerships, "can_add": is_system_administrator(user)},
    )


def partnership_detail(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    user = request.user
    partnership = access.partnerships.get_for_user(user, "view", slug=partnership_slug)
    memberships = list(
        access.memberships.visible(user, "view").filter(partnership=partnership).select_related("organisation")
    )
    agreements = access.agreements.visible(user, "view").filter(partnership=partnership, archived_at__isnull=True)
    can_change = access.partnerships.can(user, "change", partnership)
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "authorities": partnership.local_authorities.all(),
            "current_members": [m for m in memberships if m.is_current],
            "past_members": [m for m in memberships if not m.is_current],
            # Figures-only roles never see agreements, so the section is left out for them entirely.
            "sees_agreements": access.agreements.visible(user, "view").filter(partnership=partnership).exists()
            or can_change,
            "agreements": agreements,
            "can_change": can_change,
        },
    )


def partnership_add(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not is_system_administrator(user):
        raise Http404
    areas = access.areas.visible(user, "view").filter(archived_at__isnull=True)
    initial = {}
    if request.method != "POST":
        # Without JavaScript the local authorities cannot follow the area as it is picked: ask for it first.
        chooser = AreaChoiceForm(request.GET if "area" in request.GET else None, areas=areas)
        if chooser.is_valid():
            initial["area"] = chooser.cleaned_data["area"]
        elif areas.count() == 1:
            initial["area"] = areas.get()
        else:
            return render(request, "partnerships/partnership_choose_area.html", {"form": chooser})
    form = PartnershipForm(posted(request), initial=initial, areas=areas)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        partnership = services.partnership_create(
            name=values["name"],
            slug=values["slug"],
            area=values["area"],
            local_authorities=list(values["local_authorities"]),
            contact_email=values["contact_email"],
            by=user,
        )
        messages.success(request, _("%(name)s added") % {"name": partnership.name})
        return redirect("partnerships:partnership", partnership_slug=partnership.slug)
    return render(request, "partnerships/partnership_form.html", {"form": form, "area": form.area})


def partnership_edit(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    partnership = access.partnerships.get_for_user(request.user, "change", slug=partnership_slug)
    form = PartnershipEditForm(posted(request), instance=detached(partnership))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        authorities = list(values.pop("local_authorities"))
        partnership = services.partnership_update(
            partnership=partnership, local_authorities=authorities, by=request.user, **values
        )
        messages.success(request, _("%(name)s updated") % {"name": partnership.name})
        return redirect("partnerships:partnership", partnership_slug=partnership.slug)
    return render(
        request,
        "partnerships/partnership_form.html",
        {"form": form, "partnership": partnership, "area": partnership.area},
    )


def membership_add(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    user = request.user
    partnership = access.partnerships.get_for_user(user, "change", slug=partnership_slug)
    candidates = (
        access.organisations.visible(user, "pick")
        .filter(archived_at__isnull=True)
        .exclude(pk__in=current_memberships(user, partnership).values("organisation"))
        .order_by("name")
    )
    form = MembershipAddForm(posted(request), organisations=candidates)
    if request.method == "POST" and form.is_valid():
        membership = services.membership_add(
            partnership=partnership,
            organisation=form.cleaned_data["organisation"],
            joined_on=form.cleaned_data["joined_on"],
            by=user,
        )
        messages.success(
            request,
            _("%(organisation)s is now a member of %(partnership)s")
            % {"organisation": membership.organisation.name, "partnership": partnership.name},
        )
        return redirect("partnerships:partnership", partnership_slug=partnership.slug)
    return render(
        request,
        "partnerships/membership_add.html",
        {
            "form": form,
            "partnership": partnership,
            "has_candidates": candidates.exists(),
            "can_add_organisation": is_system_administrator(user)
            or partnership.pk in partnership_ids(user, [Role.ADMINISTRATOR]),
        },
    )


def membership_end(request: HttpRequest, partnership_slug: str, membership_pk: int) -> HttpResponse:
    user = request.user
    partnership = access.partnerships.get_for_user(user, "view", slug=partnership_slug)
    membership = access.memberships.get_for_user(user, "change", pk=membership_pk, partnership=partnership)
    if not membership.is_current:
        raise Http404
    if request.method == "POST":
        services.membership_end(membership=membership, by=user)
        messages.success(
            request,
            _("%(organisation)s has left %(partnership)s")
            % {"organisation": membership.organisation.name, "partnership": partnership.name},
        )
        return redirect("partnerships:partnership", partnership_slug=partnership.slug)
    return render(request, "partnerships/membership_end.html", {"partnership": partnership, "membership": membership})
