"""The matrix list, starting a matrix, the matrix page (its period and dimensions), scoring it from data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from saferhub.assessment import access, forms, selectors, services
from saferhub.assessment.views._common import dimension_for, done, matrix_for
from saferhub.lib.forms import posted
from saferhub.lib.periods import financial_year_start
from saferhub.partnerships.models import Partnership
from saferhub.policy import partnership_ids
from saferhub.register.views._common import show_service_errors


def _working_partnerships(user: Any) -> list[Partnership]:
    """Partnerships in which the user works on matrices."""
    return list(
        Partnership.objects.filter(
            pk__in=partnership_ids(user, access.MATRIX_ROLES), archived_at__isnull=True
        ).order_by("name")
    )


def matrix_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnerships = _working_partnerships(user)
    if not partnerships:
        raise Http404
    matrices = (
        access.matrices.visible(user, "view").select_related("partnership").order_by("-year", "partnership__name")
    )
    return render(
        request,
        "assessment/matrix_list.html",
        {"matrices": matrices, "partnerships": partnerships, "today": timezone.localdate()},
    )


def _years() -> list[int]:
    current = financial_year_start(timezone.localdate()).year
    return [current - 1, current, current + 1]


def matrix_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    partnerships = _working_partnerships(user)
    if not partnerships:
        raise Http404
    first, last = selectors.default_period(timezone.localdate())
    years = _years()
    form = forms.MatrixCreateForm(
        posted(request),
        partnerships=partnerships,
        years=years,
        initial={"year": years[-1], "first_month": first, "last_month": last},
    )
    if request.method == "POST" and form.is_valid():
        partnership = next(p for p in partnerships if str(p.pk) == form.cleaned_data["partnership"])
        try:
            matrix = services.matrix_create(
                partnership=partnership,
                year=form.cleaned_data["year"],
                first_month=form.cleaned_data["first_month"].strip(),
                last_month=form.cleaned_data["last_month"].strip(),
                by=user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            services.matrix_score_from_data(matrix=matrix, by=user)
            return done(
                request,
                _("The %(year)s scoring matrix is started from the default dimensions") % {"year": matrix.year_label},
                "assessment:matrix",
                matrix_pk=matrix.pk,
            )
    return render(request, "assessment/matrix_create.html", {"form": form, "latest": selectors.latest_data_month()})


def matrix_detail(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "view")
    results = selectors.matrix_results(matrix)
    weights = sum((d.weight for d in results.dimensions), Decimal(0))
    dimensions = [
        (d, (d.weight / weights * 100).quantize(Decimal("0.1")) if weights else 0) for d in results.dimensions
    ]
    return render(
        request,
        "assessment/matrix_detail.html",
        {
            "matrix": matrix,
            "dimensions": dimensions,
            "issues": len(results.rows),
            "ranked": len(results.ranking.ranked),
            "can_change": access.matrices.can(user, "change", matrix),
            "can_adopt": access.matrices.can(user, "adopt", matrix),
            "refresh_form": forms.ConfirmForm(),
        },
    )


def matrix_period(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    form = forms.PeriodForm(
        posted(request), initial={"first_month": matrix.first_month, "last_month": matrix.last_month}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.matrix_change_period(
                matrix=matrix,
                first_month=form.cleaned_data["first_month"].strip(),
                last_month=form.cleaned_data["last_month"].strip(),
                by=user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            services.matrix_score_from_data(matrix=matrix, by=user)
            return done(
                request,
                _("The period is changed and the data dimensions scored again"),
                "assessment:matrix",
                matrix_pk=matrix.pk,
            )
    return render(request, "assessment/matrix_period.html", {"matrix": matrix, "form": form})


def matrix_refresh(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    """Score the data dimensions again (after an import, say): a button on the matrix page; GET asks first."""
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    form = forms.ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.matrix_score_from_data(matrix=matrix, by=user)
        return done(
            request,
            _("The data dimensions are scored again from the crime data; the analysts' scores are kept"),
            "assessment:matrix",
            matrix_pk=matrix.pk,
        )
    return render(request, "assessment/matrix_refresh.html", {"matrix": matrix, "form": form})


def _dimension_values(form: forms.DimensionForm, *, scored_by: str, computation: str) -> services.DimensionValues:
    data = form.cleaned_data
    return services.DimensionValues(
        name=data["name"],
        description=data["description"],
        scale_labels=form.labels(),
        weight=form.weight_value(),
        source_note=data.get("source_note", ""),
        scored_by=scored_by,
        computation=computation,
    )


def dimension_add(request: HttpRequest, matrix_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    form = forms.DimensionForm(posted(request), initial={"scored_by": "analyst", "weight": "1"})
    if request.method == "POST" and form.is_valid():
        values = _dimension_values(
            form, scored_by=form.cleaned_data["scored_by"], computation=form.cleaned_data.get("computation", "")
        )
        try:
            dimension = services.dimension_add(matrix=matrix, values=values, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return done(
                request, _("%(name)s is added") % {"name": dimension.name}, "assessment:matrix", matrix_pk=matrix.pk
            )
    return render(request, "assessment/dimension_form.html", {"matrix": matrix, "form": form, "dimension": None})


def dimension_edit(request: HttpRequest, matrix_pk: int, dimension_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    dimension = dimension_for(user, matrix, dimension_pk, "change")
    form = forms.DimensionForm(posted(request), editing=dimension)
    if request.method == "POST" and form.is_valid():
        values = _dimension_values(
            form, scored_by=dimension.scored_by, computation=form.cleaned_data.get("computation", "")
        )
        try:
            services.dimension_update(dimension=dimension, values=values, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return done(
                request, _("%(name)s is saved") % {"name": dimension.name}, "assessment:matrix", matrix_pk=matrix.pk
            )
    return render(request, "assessment/dimension_form.html", {"matrix": matrix, "form": form, "dimension": dimension})


def dimension_remove(request: HttpRequest, matrix_pk: int, dimension_pk: int) -> HttpResponse:
    user = request.user
    matrix = matrix_for(user, matrix_pk, "change")
    dimension = dimension_for(user, matrix, dimension_pk, "change")
    form = forms.ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.dimension_archive(dimension=dimension, by=user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return done(
                request,
                _("%(name)s is taken out of the matrix") % {"name": dimension.name},
                "assessment:matrix",
                matrix_pk=matrix.pk,
            )
    return render(request, "assessment/dimension_remove.html", {"matrix": matrix, "form": form, "dimension": dimension})
