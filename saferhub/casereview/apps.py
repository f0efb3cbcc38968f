from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseReviewConfig(AppConfig):
    name = "saferhub.casereview"
    label = "casereview"
    verbose_name = _("ASB Case Review")

    def ready(self) -> None:
        # Policies register themselves on import.
        from saferhub import navigation
        from saferhub.casereview import access
        from saferhub.casereview.views.staff import home_panel
        from saferhub.casereview.views_figures import county_panel
        from saferhub.home import PANELS, Panel

        navigation.ITEMS.append(
            navigation.NavItem(
                _("Case Reviews"),
                "casereview:dashboard",
                shown_to=navigation.has_any_role(*access.CASEWORK_ROLES),
                order=45,
            )
        )
        # The single point of contact's late and due steps; the county viewers' link to the comparison.
        PANELS.append(Panel("casereview/staff/panel_home.html", home_panel))
        PANELS.append(Panel("casereview/figures/panel_county.html", county_panel))
