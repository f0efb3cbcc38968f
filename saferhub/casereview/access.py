"""Who may see and work on ASB Case Review applications.

An application holds the victim's and applicant's personal data, so it is seen by few: the
partnership's managers (who run the Case Review), the single point of contact named for the victim,
the officer who entered it from a call or letter, and the officers of the relevant bodies named on
the review (no one else at their agencies). Managers and the single point of contact change it; a
named officer of the agency that owns a recommendation records that it was carried out.
Scrutiny and county viewers see the published figures, never an application.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from saferhub.accounts.models import Role
from saferhub.casereview.models import (
    AgencyResponse,
    Application,
    CaseReviewTimescales,
    Complaint,
    Letter,
    Recommendation,
)
from saferhub.incidents.access import RepeatVictimRulesPolicy
from saferhub.policy import PartnershipPolicy, partnership_ids, register

CASEWORK_ROLES = (Role.OFFICER, Role.PANEL_CHAIR, Role.MANAGER)


def _reach(user: Any, action: str) -> Q:
    """A Q over Application: every one where the user manages; elsewhere those they are the single
    point of contact for, and (to view) those they entered or are named on as an officer of a
    relevant body."""
    managing = partnership_ids(user, [Role.MANAGER])
    scope = Q(partnership_id__in=managing) | Q(single_point_of_contact_id=user.pk)
    if action == "view":
        # The officer who entered an application from a call or letter can open what they entered.
        scope |= Q(entered_by_id=user.pk)
        scope |= Q(pk__in=Application.review_officers.through.objects.filter(user_id=user.pk).values("application_id"))
    return scope


class ApplicationPolicy(PartnershipPolicy[Application]):
    """An application is seen by the partnership's managers, by the single point of contact named for
    the victim, by the officer who entered it from a call or letter, and by the relevant bodies'
    officers named on the review.
    Managers and the single point of contact change it. Scrutiny, county viewers, analysts and
    administrators see none (they read the published figures)."""

    model = Application
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Application]) -> models.QuerySet[Application]:
        return queryset.filter(_reach(user, action))


class _PartOfApplication(PartnershipPolicy[Any]):
    partnership_path = "application__partnership"
    roles = {"view": CASEWORK_ROLES, "change": CASEWORK_ROLES}

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset.filter(application__in=applications.visible(user, action).values("pk"))


class ComplaintPolicy(_PartOfApplication):
    """A complaint listed on an application is seen and changed exactly as the application is."""

    model = Complaint


class AgencyResponsePolicy(_PartOfApplication):
    """A review's finding on an agency's response is seen and changed exactly as the application is."""

    model = AgencyResponse


class LetterPolicy(_PartOfApplication):
    """A letter to the applicant is seen and sent exactly as the application is seen and changed."""

    model = Letter


class RecommendationPolicy(_PartOfApplication):
    """A recommendation is seen as its application is; it is changed (marked carried out) by those who
    may change the application, and by an officer named on the review who works for the agency that
    owns it."""

    model = Recommendation

    def narrow(self, user: Any, action: str, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        allowed = Q(application__in=applications.visible(user, action).values("pk"))
        organisation_id = getattr(user, "organisation_id", None)
        if action == "change" and organisation_id is not None:
            named = Application.review_officers.through.objects.filter(user_id=user.pk).values("application_id")
            allowed |= Q(owner_id=organisation_id, application__in=named)
        return queryset.filter(allowed)


class CaseReviewTimescalesPolicy(RepeatVictimRulesPolicy):
    """An area's Case Review timescales are reference data: any signed-in user holding a role anywhere
    may view every area's; only the system administrator may change them."""

    model = CaseReviewTimescales  # type: ignore[assignment]


applications = register(ApplicationPolicy())
complaints = register(ComplaintPolicy())
agency_responses = register(AgencyResponsePolicy())
letters = register(LetterPolicy())
recommendations = register(RecommendationPolicy())
timescales = register(CaseReviewTimescalesPolicy())
