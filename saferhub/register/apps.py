from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "saferhub.register"
    verbose_name = _("Register of people and places")

    def ready(self) -> None:
        # Policies register themselves, and their links into other apps' policies, on import.
        from saferhub import navigation
        from saferhub.register import access

        if not any(item.url_name == "register:search" for item in navigation.ITEMS):
            navigation.ITEMS.append(
                navigation.NavItem(
                    _("Register"),
                    "register:search",
                    shown_to=navigation.has_any_role(*access.CASEWORK_ROLES),
                    order=20,
                )
            )
