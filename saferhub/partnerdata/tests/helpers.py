"""Building partner datasets for the tests, with the services (so audit rows exist)."""

from __future__ import annotations

from saferhub.partnerdata import services
from saferhub.partnerdata.mapping import ColumnMapping
from saferhub.partnerdata.tests.fire import FIRE_MAPPING


def fire_dataset(world, *, side=None, by=None, name="Deliberate fires"):
    """The fire service's deliberate fires, a dataset of the home partnership (or of ``side``)."""
    side = side or world.home
    if side is not world.home:
        from saferhub.partnerships.services import membership_add

        if not side.partnership.memberships.filter(organisation=world.fire).exists():
            membership_add(partnership=side.partnership, organisation=world.fire, by=None)
    return services.partner_dataset_create(
        partnership=side.partnership,
        organisation=world.fire,
        name=name,
        unit="incidents",
        description="Deliberate primary and secondary fires attended, by LSOA of the incident.",
        by=by,
    )


def upload_and_map(dataset, data, *, by=None, name="fires.csv", mapping=None, accept_rejections=False):
    """Upload a file; when it waits for its mapping, map it with the fire mapping (or ``mapping``)."""
    upload = services.partner_upload_receive(dataset=dataset, file_name=name, data=data, by=by)
    if upload.status == "awaiting_mapping":
        upload = services.partner_dataset_map(
            upload=upload,
            mapping=ColumnMapping(**(mapping or FIRE_MAPPING)),
            by=by,
            accept_rejections=accept_rejections,
        )
    return upload
