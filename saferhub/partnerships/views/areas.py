"""Areas and their local authorities: reference data everyone may read and the system administrator keeps."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub.lib.forms import posted
from saferhub.partnerships import access, services
from saferhub.partnerships.forms import AreaForm, LocalAuthorityForm
from saferhub.partnerships.views._common import detached
from saferhub.policy import is_system_administrator


def area_list(request: HttpRequest) -> HttpResponse:
    areas = access.areas.visible(request.user, "view").annotate(authority_count=Count("local_authorities"))
    return render(
        request,
        "partnerships/area_list.html",
        {"areas": areas, "can_add": is_system_administrator(request.user)},
    )


def area_detail(request: HttpRequest, area_slug: str) -> HttpResponse:
    user = request.user
    area = access.areas.get_for_user(user, "view", slug=area_slug)
    authorities = access.local_authorities.visible(user, "view").filter(area=area)
    partnerships = access.partnerships.visible(user, "view").filter(area=area).prefetch_related("local_authorities")
    return render(
        request,
        "partnerships/area_detail.html",
        {
            "area": area,
            "authorities": authorities,
            "partnerships": partnerships,
            "can_change": access.areas.can(user, "change", area),
            "can_add_partnership": is_system_administrator(user),
        },
    )


def area_add(request: HttpRequest) -> HttpResponse:
    if not is_system_administrator(request.user):
        raise Http404
    form = AreaForm(posted(request))
    if request.method == "POST" and form.is_valid():
        area = services.area_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s area added") % {"name": area.name})
        return redirect("partnerships:area", area_slug=area.slug)
    return render(request, "partnerships/area_form.html", {"form": form})


def area_edit(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = access.areas.get_for_user(request.user, "change", slug=area_slug)
    form = AreaForm(posted(request), instance=detached(area))
    if request.method == "POST" and form.is_valid():
        area = services.area_update(area=area, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s area updated") % {"name": area.name})
        return redirect("partnerships:area", area_slug=area.slug)
    return render(request, "partnerships/area_form.html", {"form": form, "area": area})


def local_authority_add(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = access.areas.get_for_user(request.user, "change", slug=area_slug)
    form = LocalAuthorityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        authority = services.local_authority_create(area=area, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s added to %(area)s") % {"name": authority, "area": area.name})
        return redirect("partnerships:area", area_slug=area.slug)
    return render(request, "partnerships/local_authority_form.html", {"form": form, "area": area})


def local_authority_edit(request: HttpRequest, area_slug: str, authority_pk: int) -> HttpResponse:
    area = access.areas.get_for_user(request.user, "view", slug=area_slug)
    authority = access.local_authorities.get_for_user(request.user, "change", pk=authority_pk, area=area)
    form = LocalAuthorityForm(posted(request), instance=detached(authority))
    if request.method == "POST" and form.is_valid():
        authority = services.local_authority_update(authority=authority, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s updated") % {"name": authority})
        return redirect("partnerships:area", area_slug=area.slug)
    return render(
        request,
        "partnerships/local_authority_form.html",
        {"form": form, "area": area, "authority": authority},
    )
