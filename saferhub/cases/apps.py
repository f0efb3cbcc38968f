from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "saferhub.cases"
    verbose_name = _("Panels and cases")

    def ready(self) -> None:
        # Policies register themselves on import.
        from saferhub import manage, navigation
        from saferhub.cases import access

        navigation.ITEMS.append(
            navigation.NavItem(
                _("Cases"), "cases:list", shown_to=navigation.has_any_role(*access.CASEWORK_ROLES), order=40
            )
        )
        manage.SECTIONS.append(
            manage.Section(
                _("Panels"),
                _("The Hub, sub-groups and cohorts that take referrals and review cases."),
                "cases:panels",
                manage.runs_a_partnership,
                order=35,
            )
        )
