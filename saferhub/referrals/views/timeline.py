"""Referrals on a person's or a place's timeline: only those the viewer may see."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from saferhub.referrals import access
from saferhub.referrals.models import Referral
from saferhub.register.models import Location, Person
from saferhub.register.views._common import TimelineEntry


def _entry(referral: Referral) -> TimelineEntry:
    description = _("%(subject)s referred to %(panel)s. Status: %(status)s") % {
        "subject": referral.get_subject_display(),
        "panel": referral.panel.name,
        "status": referral.get_status_display(),
    }
    return TimelineEntry(
        when=referral.referred_at.date(),
        title=_("Referral %(reference)s") % {"reference": referral.reference},
        byline=_("Referred by %(agency)s") % {"agency": referral.referred_by_organisation.name},
        description=description,
        url=reverse("referrals:referral", args=[referral.pk]),
        link_text=_("View referral"),
    )


def _visible(user: Any) -> Any:
    return access.referrals.visible(user, "view").select_related("panel", "referred_by_organisation")


def person_entries(user: Any, person: Person) -> list[TimelineEntry]:
    return [_entry(r) for r in _visible(user).filter(people=person)]


def location_entries(user: Any, location: Location) -> list[TimelineEntry]:
    return [_entry(r) for r in _visible(user).filter(location=location)]
