from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "saferhub.accounts"
    verbose_name = _("People who sign in")
