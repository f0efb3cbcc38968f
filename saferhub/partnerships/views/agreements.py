"""Information sharing agreements: the list with review status, one agreement, adding, editing, archiving."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from saferhub.lib.forms import posted
from saferhub.partnerships import access, services
from saferhub.partnerships.forms import AgreementEditForm, AgreementFilterForm, AgreementForm, PartnershipChoiceForm
from saferhub.partnerships.models import InformationSharingAgreement
from saferhub.partnerships.views._common import current_members, detached

# As on the home page panel: an agreement is "due soon" within this many days of its review date.
DUE_SOON_DAYS = 30


def review_status(agreement: InformationSharingAgreement, today: datetime.date) -> str:
    """archived, overdue, due_soon or current."""
    if agreement.archived_at is not None:
        return "archived"
    if agreement.review_due_on < today:
        return "overdue"
    if agreement.review_due_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "current"


@dataclass(frozen=True)
class Row:
    agreement: InformationSharingAgreement
    status: str


def agreement_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = access.agreements.visible(user, "view")
    filters = AgreementFilterForm(
        request.GET,
        partnerships=access.partnerships.visible(user, "view").filter(pk__in=visible.values("partnership")),
    )
    filters.is_valid()  # a filter that is not one of the choices is ignored, and says so
    chosen = filters.cleaned_data.get("partnership")
    agreements = visible.select_related("partnership").order_by("partnership__name", "review_due_on", "title")
    if chosen is not None:
        agreements = agreements.filter(partnership=chosen)
    if not filters.cleaned_data.get("include_archived"):
        agreements = agreements.filter(archived_at__isnull=True)
    today = timezone.localdate()
    return render(
        request,
        "partnerships/agreement_list.html",
        {
            "filters": filters,
            "rows": [Row(a, review_status(a, today)) for a in agreements],
            "chosen": chosen,
            "can_add": access.partnerships.visible(user, "change").exists(),
        },
    )


def agreement_detail(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    user = request.user
    agreement = access.agreements.get_for_user(user, "view", pk=agreement_pk)
    return render(
        request,
        "partnerships/agreement_detail.html",
        {
            "agreement": agreement,
            "partnership": agreement.partnership,
            "parties": agreement.parties.order_by("name"),
            "status": review_status(agreement, timezone.localdate()),
            "can_change": agreement.archived_at is None and access.agreements.can(user, "change", agreement),
        },
    )


def agreement_add(request: HttpRequest) -> HttpResponse:
    user = request.user
    choices = access.partnerships.visible(user, "change").filter(archived_at__isnull=True)
    if not choices.exists():
        raise Http404
    initial = {}
    if request.method != "POST":
        # The parties offered are the members of the partnership, so it is asked for first (no JavaScript).
        chooser = PartnershipChoiceForm(request.GET if "partnership" in request.GET else None, partnerships=choices)
        if chooser.is_valid():
            initial["partnership"] = chooser.cleaned_data["partnership"]
        elif choices.count() == 1:
            initial["partnership"] = choices.get()
        else:
            return render(request, "partnerships/agreement_choose_partnership.html", {"form": chooser})
    form = AgreementForm(
        posted(request),
        initial=initial,
        partnerships=choices,
        members_of=lambda partnership: current_members(user, partnership),
        organisations=access.organisations.visible(user, "view"),
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        agreement = services.agreement_create(
            partnership=values.pop("partnership"), parties=list(values.pop("parties")), by=user, **values
        )
        messages.success(request, _("Sharing agreement ‘%(title)s’ added") % {"title": agreement.title})
        return redirect("partnerships:agreement", agreement_pk=agreement.pk)
    return render(request, "partnerships/agreement_form.html", {"form": form, "partnership": form.partnership})


def agreement_edit(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    user = request.user
    agreement = access.agreements.get_for_user(user, "change", pk=agreement_pk, archived_at__isnull=True)
    form = AgreementEditForm(
        posted(request),
        instance=detached(agreement),
        members=current_members(user, agreement.partnership),
        organisations=access.organisations.visible(user, "view"),
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        agreement = services.agreement_update(
            agreement=agreement, parties=list(values.pop("parties")), by=user, **values
        )
        messages.success(request, _("Sharing agreement ‘%(title)s’ updated") % {"title": agreement.title})
        return redirect("partnerships:agreement", agreement_pk=agreement.pk)
    return render(
        request,
        "partnerships/agreement_form.html",
        {"form": form, "agreement": agreement, "partnership": agreement.partnership},
    )


def agreement_archive(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    user = request.user
    agreement = access.agreements.get_for_user(user, "change", pk=agreement_pk, archived_at__isnull=True)
    if request.method == "POST":
        services.agreement_archive(agreement=agreement, by=user)
        messages.success(request, _("Sharing agreement ‘%(title)s’ archived") % {"title": agreement.title})
        return redirect("partnerships:agreement", agreement_pk=agreement.pk)
    return render(request, "partnerships/agreement_archive.html", {"agreement": agreement})
