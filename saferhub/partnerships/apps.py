from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "saferhub.partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from saferhub.manage import SECTIONS, Section, administers_a_partnership, runs_a_partnership
        from saferhub.partnerships import access  # noqa: F401 - policies register themselves on import

        SECTIONS.extend(
            [
                Section(
                    title=_("Partnerships and areas"),
                    description=_(
                        "The partnerships you run, the local authorities they cover and their member organisations."
                    ),
                    url_name="partnerships:partnerships",
                    order=10,
                    shown_to=runs_a_partnership,
                ),
                Section(
                    title=_("Organisations"),
                    description=_("The agencies that take part in your partnerships: add and correct them."),
                    url_name="partnerships:organisations",
                    order=20,
                    shown_to=administers_a_partnership,
                ),
                Section(
                    title=_("Information sharing agreements"),
                    description=_("Who shares which data for which purposes, and when each agreement is due review."),
                    url_name="partnerships:agreements",
                    order=30,
                    shown_to=runs_a_partnership,
                ),
            ]
        )
