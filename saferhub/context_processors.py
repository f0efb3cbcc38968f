"""What every page's shell needs: service name, navigation, banners."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from saferhub import navigation


def shell(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.SAFERHUB_SERVICE_NAME,
        "phase": settings.SAFERHUB_PHASE,
        "navigation": navigation.items_for(request),
        "second_factor_relaxed": settings.RELAX_MFA,
    }
