"""The Case Review figures a partnership publishes, per financial year (April to March).

The four the statutory guidance requires (applications received, threshold not met, reviews carried
out, reviews resulting in recommendations), plus duplicates and reviews that found an agency's
response not adequate. Counted by the date each application was received, so a year's figures are
final once its applications are decided and reviewed, and every application is in exactly one year.
Duplicates are applications received too: they count in both.

The figures are counts, never a record: they are public, and so is the list of partnerships they
are published for.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from saferhub.casereview.models import AgencyResponse, Application, Recommendation, Status
from saferhub.lib.periods import financial_year_label, financial_year_start
from saferhub.partnerships.models import Partnership

MEASURES = (
    ("received", "Applications received"),
    ("not_met", "Threshold not met"),
    ("reviews", "Reviews carried out"),
    ("with_recommendations", "Reviews resulting in recommendations"),
    ("duplicate_applications", "Duplicate applications"),
    ("inadequate", "Reviews finding a response not adequate"),
)

# The ASB Case Review began on 20 October 2014 (s104 Anti-social Behaviour, Crime and Policing Act
# 2014): no partnership has figures for a year before 2014-15.
FIRST_YEAR = 2014


def financial_year(start_year: int) -> tuple[datetime.date, datetime.date]:
    """(1 April, 31 March) of the financial year beginning in April ``start_year``."""
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def current_financial_year_start(today: datetime.date) -> int:
    return financial_year_start(today).year


def label(start_year: int) -> str:
    """The financial year as partnerships write it: 2025 gives "2025-26"."""
    return financial_year_label(datetime.date(start_year, 4, 1))


def published_partnerships() -> QuerySet[Partnership]:
    """The partnerships whose figures are published: every one not archived, in an area not archived."""
    return Partnership.objects.filter(archived_at__isnull=True, area__archived_at__isnull=True)


def years_with_applications(partnership_ids: Iterable[int]) -> list[int]:
    """The financial years (by the year each begins) in which any of the partnerships received an
    application, latest first."""
    months = Application.objects.filter(partnership_id__in=list(partnership_ids)).dates("received_on", "month")
    return sorted({financial_year_start(month).year for month in months}, reverse=True)


def figures(partnership_ids: list[int], start_year: int) -> dict[int, dict[str, int]]:
    """{partnership id: {measure: count}} for the financial year beginning in April ``start_year``;
    every partnership asked about is in it, with noughts when it received nothing."""
    first, last = financial_year(start_year)
    reviewed = Q(review_held_on__isnull=False)
    rows = (
        Application.objects.filter(partnership_id__in=partnership_ids, received_on__range=(first, last))
        .annotate(
            has_recommendation=Exists(Recommendation.objects.filter(application=OuterRef("pk"))),
            has_inadequate=Exists(AgencyResponse.objects.filter(application=OuterRef("pk"), adequate=False)),
        )
        .order_by()
        .values("partnership_id")
        .annotate(
            received=Count("pk"),
            not_met=Count("pk", filter=Q(status=Status.NOT_MET) | Q(threshold_met=False)),
            reviews=Count("pk", filter=reviewed),
            with_recommendations=Count("pk", filter=reviewed & Q(has_recommendation=True)),
            duplicate_applications=Count("pk", filter=Q(status=Status.DUPLICATE)),
            inadequate=Count("pk", filter=reviewed & Q(has_inadequate=True)),
        )
    )
    found = {pid: dict.fromkeys((name for name, _ in MEASURES), 0) for pid in partnership_ids}
    for row in rows:
        found[row["partnership_id"]] = {name: int(row[name]) for name, _ in MEASURES}
    return found


def total(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Each measure added up over several partnerships' figures."""
    summed = dict.fromkeys((name for name, _ in MEASURES), 0)
    for each in counts:
        for name in summed:
            summed[name] += each[name]
    return summed
