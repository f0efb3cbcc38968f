"""Repeat-victim alerts: the open ones the user may see, resolving one, and the home page panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from saferhub.incidents import access, services
from saferhub.incidents.forms import ResolveForm
from saferhub.incidents.models import AlertKind, VictimAlert
from saferhub.lib.forms import posted

PANEL_SHOWN = 10


def _ordinal(number: int) -> str:
    words = {
        2: _("second"),
        3: _("third"),
        4: _("fourth"),
        5: _("fifth"),
        6: _("sixth"),
        7: _("seventh"),
        8: _("eighth"),
        9: _("ninth"),
    }
    return words.get(number, _("%(number)sth") % {"number": number})


def alert_message(alert: VictimAlert) -> str:
    """What the alert asks of the officer, in words, with the numbers of the rule that raised it."""
    detail = alert.detail or {}
    rules = detail.get("rules", {})
    count = len(detail.get("incidents", []))
    name = alert.person.display_name
    if alert.kind == AlertKind.EXPLAIN_CASE_REVIEW:
        return _("This is %(name)s's %(ordinal)s report in %(months)s months: explain the ASB Case Review to them") % {
            "name": name,
            "ordinal": _ordinal(count),
            "months": rules.get("explain_window_months", 6),
        }
    return _(
        "%(name)s has made %(count)s complaints that count towards the ASB Case Review: "
        "the threshold is likely met, so review the case"
    ) % {"name": name, "count": count}


def open_alerts(user: Any) -> models.QuerySet[VictimAlert]:
    """Open alerts the user may see, newest first."""
    return (
        access.victim_alerts.visible(user, "view")
        .filter(resolved_at__isnull=True)
        .select_related("person", "incident", "partnership")
        .order_by("-raised_at", "-pk")
    )


def alert_list(request: HttpRequest) -> HttpResponse:
    alerts = open_alerts(request.user)
    return render(
        request,
        "incidents/alert_list.html",
        {"alerts": [(alert, alert_message(alert)) for alert in alerts]},
    )


def alert_resolve(request: HttpRequest, alert_pk: int) -> HttpResponse:
    alert = access.victim_alerts.get_for_user(request.user, "change", pk=alert_pk)
    form = ResolveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.alert_resolve(alert=alert, by=request.user, resolution=form.cleaned_data["resolution"])
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error("resolution" if name not in form.fields else name, errors)
        else:
            messages.success(request, _("Recorded what was done about the alert"))
            return redirect("incidents:alerts")
    return render(
        request,
        "incidents/alert_resolve.html",
        {"alert": alert, "message": alert_message(alert), "form": form},
    )


def home_panel(user: Any) -> dict[str, Any] | None:
    """Open alerts for the home page: managers see the partnership's, officers their agency's."""
    alerts = list(open_alerts(user)[: PANEL_SHOWN + 1])
    if not alerts:
        return None
    shown = alerts[:PANEL_SHOWN]
    return {
        "alerts": [(alert, alert_message(alert)) for alert in shown],
        "more": len(alerts) > PANEL_SHOWN,
    }
