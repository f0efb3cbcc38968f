from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "saferhub.register"
    verbose_name = _("Register of people and places")

    def ready(self) -> None:
        # Policies register themselves, and their links into other apps' policies, on import.
        from saferhub.register import access  # noqa: F401
