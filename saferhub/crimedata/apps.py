from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrimeDataConfig(AppConfig):
    name = "saferhub.crimedata"
    label = "crimedata"
    verbose_name = _("Crime data")

    def ready(self) -> None:
        # Policies register themselves on import.
        from saferhub.crimedata import access  # noqa: F401
