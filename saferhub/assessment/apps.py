from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "saferhub.assessment"
    label = "assessment"
    verbose_name = _("Strategic assessment")

    def ready(self) -> None:
        # Policies register themselves on import.
        from saferhub import navigation
        from saferhub.assessment import access

        navigation.ITEMS.append(
            navigation.NavItem(
                _("Strategic assessment"),
                "assessment:index",
                shown_to=navigation.has_any_role(*access.MATRIX_ROLES),
                order=60,
            )
        )
        # Scrutiny councillors and county viewers read the adopted priorities, and nothing else here.
        navigation.ITEMS.append(
            navigation.NavItem(
                _("Priorities"), "assessment:priorities", shown_to=access.reads_priorities_only, order=61
            )
        )
