from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "saferhub.incidents"
    verbose_name = _("Incidents and complaints")

    def ready(self) -> None:
        # Policies register themselves, and their links into other apps' policies, on import.
        from saferhub.home import PANELS, Panel
        from saferhub.incidents import access  # noqa: F401
        from saferhub.incidents.views.alerts import home_panel
        from saferhub.navigation import ITEMS, NavItem, has_any_role

        ITEMS.append(NavItem(_("Incidents"), "incidents:list", shown_to=has_any_role(*access.CASEWORK_ROLES), order=30))
        PANELS.append(Panel("incidents/panel_alerts.html", home_panel))
