from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "saferhub.incidents"
    verbose_name = _("Incidents and complaints")

    def ready(self) -> None:
        # Policies register themselves, and their links into other apps' policies, on import.
        from saferhub.incidents import access  # noqa: F401
