from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "saferhub.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from saferhub.audit import access  # noqa: F401 - registers the audit policy
        from saferhub.manage import SECTIONS, Section, administers_a_partnership

        SECTIONS.append(
            Section(
                title=_("Audit log"),
                description=_("Who did what, when and from where, in the partnerships you administer."),
                url_name="audit:log",
                shown_to=administers_a_partnership,
                order=90,
            )
        )
