from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerDataConfig(AppConfig):
    name = "saferhub.partnerdata"
    label = "partnerdata"
    verbose_name = _("Partner data")

    def ready(self) -> None:
        # Policies register themselves on import.
        from saferhub import navigation
        from saferhub.partnerdata import access

        navigation.ITEMS.append(
            navigation.NavItem(
                _("Partner data"),
                "partnerdata:datasets",
                shown_to=navigation.has_any_role(*access.ANALYSIS_ROLES),
                order=62,
            )
        )
