from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrimeDataConfig(AppConfig):
    name = "saferhub.crimedata"
    label = "crimedata"
    verbose_name = _("Crime data")

    def ready(self) -> None:
        # Policies register themselves on import.
        from saferhub import navigation
        from saferhub.crimedata import access

        navigation.ITEMS.append(
            navigation.NavItem(_("Crime data"), "crimedata:analysis", shown_to=access.reads_crime_data, order=60)
        )
