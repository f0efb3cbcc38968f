"""Police.uk outcome categories, grouped for the outcome profile. A table, not code paths.

The vocabulary changes over the years (court outcomes appear in 2018 street files and not in 2024
ones; outcomes files say "Suspect charged"), so every category string seen in the real files (street
``Last outcome category`` of 2018 and 2024, outcomes ``Outcome type``) and in police.uk's published
list is mapped here to one group. A category not in the table falls in "Other" and is listed by
``unknown`` so that an analyst sees it and the table can be extended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

UNDER_INVESTIGATION = "Under investigation"
NO_SUSPECT = "No suspect identified"
UNABLE_TO_PROSECUTE = "Unable to prosecute"
CHARGED = "Charged/summonsed"
COURT = "Court outcome"
OUT_OF_COURT = "Out of court"
OTHER = "Other"
NOT_RECORDED = "No outcome recorded"

# In the order the profile shows them: still open, then closed without a suspect or a prosecution,
# then the justice outcomes, then the rest.
GROUPS: tuple[str, ...] = (
    UNDER_INVESTIGATION,
    NO_SUSPECT,
    UNABLE_TO_PROSECUTE,
    CHARGED,
    COURT,
    OUT_OF_COURT,
    OTHER,
    NOT_RECORDED,
)

# Each category as police.uk spells it -> its group.
OUTCOME_GROUPS: dict[str, str] = {
    "Under investigation": UNDER_INVESTIGATION,
    "Investigation complete; no suspect identified": NO_SUSPECT,
    "Unable to prosecute suspect": UNABLE_TO_PROSECUTE,
    "Formal action is not in the public interest": UNABLE_TO_PROSECUTE,
    "Further action is not in the public interest": UNABLE_TO_PROSECUTE,
    "Further investigation is not in the public interest": UNABLE_TO_PROSECUTE,
    "Awaiting court outcome": CHARGED,
    "Suspect charged": CHARGED,
    "Suspect charged as part of another case": CHARGED,
    "Defendant sent to Crown Court": CHARGED,
    "Offender sent to prison": COURT,
    "Offender given suspended prison sentence": COURT,
    "Offender given community sentence": COURT,
    "Offender fined": COURT,
    "Offender given conditional discharge": COURT,
    "Offender given absolute discharge": COURT,
    "Offender ordered to pay compensation": COURT,
    "Offender deprived of property": COURT,
    "Offender otherwise dealt with": COURT,
    "Defendant found not guilty": COURT,
    "Court case unable to proceed": COURT,
    "Court result unavailable": COURT,
    "Local resolution": OUT_OF_COURT,
    "Offender given a caution": OUT_OF_COURT,
    "Offender given a drugs possession warning": OUT_OF_COURT,
    "Offender given penalty notice": OUT_OF_COURT,
    "Offender given a penalty notice": OUT_OF_COURT,
    "Action to be taken by another organisation": OTHER,
    "Status update unavailable": OTHER,
}


def _key(category: str) -> str:
    return re.sub(r"\s+", " ", category).strip().casefold()


_BY_KEY = {_key(category): group for category, group in OUTCOME_GROUPS.items()}


def group_of(category: str | None) -> str:
    """The group of an outcome category (case and spacing do not matter); blank is "No outcome recorded",
    and a category not in the table is "Other"."""
    if category is None or not category.strip():
        return NOT_RECORDED
    return _BY_KEY.get(_key(category), OTHER)


def is_known(category: str | None) -> bool:
    """Whether the table knows the category (a blank one counts as known: it means no outcome yet)."""
    return category is None or not category.strip() or _key(category) in _BY_KEY


def unknown(categories: Iterable[str | None]) -> list[str]:
    """The categories the table does not know, sorted, each once: they were counted as "Other"."""
    return sorted({c.strip() for c in categories if c is not None and not is_known(c)})
