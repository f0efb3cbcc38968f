"""Demo panels: each demo partnership's Community Safety Hub and its sub-groups, set up by its manager.

A panel is looked up by (partnership, name), whatever its case, so a second run adds nothing.
Braintree also runs an Integrated Offender Management cohort. Steps run in ``INSTALLED_APPS`` order, so these come after
the register's and the incidents' and before the referrals' that send to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from saferhub.cases.models import Panel, PanelKind
from saferhub.cases.services import panel_create
from saferhub.demo.loader import DemoLoad, step
from saferhub.register.demo_data import officer_email


@dataclass(frozen=True)
class PanelPlan:
    name: str
    kind: str
    description: str


DOMESTIC_ABUSE = PanelPlan(
    "Domestic Abuse Sub-group",
    PanelKind.DOMESTIC_ABUSE,
    "Victims of domestic abuse at standard or medium risk, below the MARAC threshold, who need more than one "
    "agency's help to stay safe; and perpetrators whose behaviour needs a joint response.",
)
EXPLOITATION = PanelPlan(
    "Local Exploitation Group",
    PanelKind.EXPLOITATION,
    "Young people and vulnerable adults at risk of criminal or sexual exploitation, including county lines and "
    "cuckooing, and the places where it happens.",
)
OFFENDER_COHORT = PanelPlan(
    "Integrated Offender Management cohort",
    PanelKind.OFFENDER_COHORT,
    "Adults who commit the most neighbourhood crime, managed jointly by the police and the Probation Service "
    "with the council's housing and treatment partners.",
)


def _hub(district: str) -> PanelPlan:
    return PanelPlan(
        f"{district} Community Safety Hub",
        PanelKind.HUB,
        "Persistent anti-social behaviour, repeat and vulnerable victims, and problem places that one agency "
        "alone has not resolved. Meets fortnightly.",
    )


PANELS: dict[str, tuple[PanelPlan, ...]] = {
    "braintree": (_hub("Braintree District"), DOMESTIC_ABUSE, EXPLOITATION, OFFENDER_COHORT),
    "castle-point-rochford": (_hub("Castle Point and Rochford"), DOMESTIC_ABUSE, EXPLOITATION),
    "colchester": (_hub("Colchester"), DOMESTIC_ABUSE, EXPLOITATION),
}


def panel_name(slug: str, kind: str) -> str:
    """The demo name of a partnership's panel of one kind, e.g. ("colchester", "hub") -> "Colchester Community
    Safety Hub"."""
    return next(p.name for p in PANELS[slug] if p.kind == kind)


@step
def panels(run: DemoLoad) -> None:
    """Each partnership's panels, by (partnership, name), created by its demo manager."""
    for slug, wanted in PANELS.items():
        partnership = run.partnership(slug)
        existing = {
            name.lower() for name in Panel.objects.filter(partnership=partnership).values_list("name", flat=True)
        }
        missing = [p for p in wanted if p.name.lower() not in existing]
        if not missing:
            continue
        manager = run.user(officer_email(slug, "manager"))
        for plan in missing:
            run.created(
                panel_create(
                    partnership=partnership, name=plan.name, kind=plan.kind, description=plan.description, by=manager
                )
            )
