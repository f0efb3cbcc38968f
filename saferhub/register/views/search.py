"""Searching the register: people and places the user may see, by name, date of birth or postcode."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from saferhub.register.forms import RegisterSearchForm
from saferhub.register.selectors import SEARCH_LIMIT, search_register
from saferhub.register.views._common import casework_partnerships


def register_search(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not casework_partnerships(user).exists():
        raise Http404
    form = RegisterSearchForm(request.GET if request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["text"].strip() or data["date_of_birth"] or data["postcode"].strip():
            results = search_register(
                user, text=data["text"], date_of_birth=data["date_of_birth"], postcode=data["postcode"]
            )
        else:
            form.add_error("text", _("Enter a name or address, a date of birth or a postcode"))
    return render(
        request,
        "register/search.html",
        {
            "form": form,
            "results": results,
            "limit": SEARCH_LIMIT,
            "can_add": getattr(user, "organisation_id", None) is not None,
        },
    )
