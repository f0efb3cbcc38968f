"""An area's Case Review rules on one page: the threshold's numbers and the timescales (system administrator)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saferhub.casereview.models import CaseReviewTimescales
from saferhub.casereview.timescales import TIMESCALE_FIELDS, timescales_for, timescales_set
from saferhub.incidents import services as incident_services
from saferhub.incidents.models import RepeatVictimRules
from saferhub.incidents.rules import RULE_FIELDS, rules_for
from saferhub.lib.forms import GovukForm, posted
from saferhub.partnerships.models import Area
from saferhub.policy import is_system_administrator
from saferhub.register.views._common import show_service_errors


def _number(model: Any, name: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=model._meta.get_field(name).verbose_name.capitalize(),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": gettext_lazy("Enter a whole number of 1 or more"),
            "invalid": gettext_lazy("Enter a whole number of 1 or more"),
            "min_value": gettext_lazy("Enter a whole number of 1 or more"),
        },
    )


class RulesForm(GovukForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in RULE_FIELDS:
            self.fields[name] = _number(RepeatVictimRules, name)
        self.fields["threshold_complaints"].help_text = gettext_lazy(
            "At most 3, the number in the Act; an area may set a lower number"
        )
        for name in TIMESCALE_FIELDS:
            self.fields[name] = _number(CaseReviewTimescales, name)


def rules_edit(request: HttpRequest, area_slug: str) -> HttpResponse:
    user = request.user
    if not is_system_administrator(user):
        raise Http404
    area = Area.objects.filter(slug=area_slug).first()
    if area is None:
        raise Http404
    rules, timescales = rules_for(area), timescales_for(area)
    initial = {name: getattr(rules, name) for name in RULE_FIELDS}
    initial.update({name: getattr(timescales, name) for name in TIMESCALE_FIELDS})
    form = RulesForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                incident_services.repeat_victim_rules_set(
                    area=area, by=user, **{name: data[name] for name in RULE_FIELDS}
                )
                timescales_set(area=area, by=user, **{name: data[name] for name in TIMESCALE_FIELDS})
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The Case Review rules of %(area)s are saved") % {"area": area.name})
            return redirect("partnerships:area", area_slug=area.slug)
    return render(
        request,
        "casereview/rules_form.html",
        {
            "area": area,
            "form": form,
            "rule_fields": [form[name] for name in RULE_FIELDS],
            "timescale_fields": [form[name] for name in TIMESCALE_FIELDS],
            "national": rules.pk is None and timescales.pk is None,
        },
    )
