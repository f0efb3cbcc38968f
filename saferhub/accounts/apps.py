from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "saferhub.accounts"
    verbose_name = _("People who sign in")

    def ready(self) -> None:
        from saferhub.accounts import access  # noqa: F401 - policies register themselves on import
        from saferhub.manage import SECTIONS, Section, runs_a_partnership

        if not any(section.url_name == "users:list" for section in SECTIONS):
            SECTIONS.append(
                Section(
                    title=_("Users and API tokens"),
                    description=_(
                        "The people who sign in to your partnerships: add them, give and remove roles, disable "
                        "leavers, and create API tokens for partner systems."
                    ),
                    url_name="users:list",
                    order=40,
                    shown_to=runs_a_partnership,
                )
            )
