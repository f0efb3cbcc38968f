"""Who may see and work on partner datasets: the partnership's analysts, managers and administrators.

Partner data is aggregate figures that an organisation gives one partnership, so it stays in that
partnership. Scrutiny councillors and county viewers read what the partnership publishes from it
(the strategic assessment), never the datasets themselves.
"""

from __future__ import annotations

from saferhub.accounts.models import Role
from saferhub.partnerdata.models import PartnerDataset, PartnerUpload
from saferhub.policy import PartnershipPolicy, register

ANALYSIS_ROLES = (Role.ANALYST, Role.MANAGER, Role.ADMINISTRATOR)


class PartnerDatasetPolicy(PartnershipPolicy[PartnerDataset]):
    """A partner dataset is seen and changed (mapped, uploaded to) by the analysts, managers and
    administrators of its partnership, and by no one else: not its other officers, not scrutiny or
    county viewers, not the system administrator, not another partnership."""

    model = PartnerDataset
    roles = {"view": ANALYSIS_ROLES, "change": ANALYSIS_ROLES}


class PartnerUploadPolicy(PartnershipPolicy[PartnerUpload]):
    """A file uploaded to a partner dataset, its provenance and its rejected-rows report are seen and
    imported exactly as its dataset is seen and changed."""

    model = PartnerUpload
    partnership_path = "dataset__partnership"
    roles = {"view": ANALYSIS_ROLES, "change": ANALYSIS_ROLES}


datasets = register(PartnerDatasetPolicy())
uploads = register(PartnerUploadPolicy())
