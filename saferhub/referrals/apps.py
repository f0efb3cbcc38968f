from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "saferhub.referrals"
    verbose_name = _("Referrals and triage")

    def ready(self) -> None:
        # Policies register themselves, and their links into the register's and incidents' policies, on import.
        from saferhub import navigation
        from saferhub.home import PANELS, Panel
        from saferhub.referrals import access
        from saferhub.referrals.views.pages import home_panel
        from saferhub.referrals.views.timeline import location_entries, person_entries
        from saferhub.register.views import _common as register_pages

        navigation.ITEMS.append(
            navigation.NavItem(
                _("Referrals"), "referrals:list", shown_to=navigation.has_any_role(*access.CASEWORK_ROLES), order=35
            )
        )
        PANELS.append(Panel("referrals/panel_home.html", home_panel))
        register_pages.PERSON_TIMELINE.append(person_entries)
        register_pages.LOCATION_TIMELINE.append(location_entries)
