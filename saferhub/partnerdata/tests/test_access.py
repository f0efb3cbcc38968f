"""Who sees partner datasets: the partnership's analysts, managers and administrators, and no one else;
everyone else gets a 404 from every page, as if the dataset did not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from saferhub.partnerdata import access
from saferhub.partnerdata.tests.fire import fire_csv, fires
from saferhub.partnerdata.tests.helpers import fire_dataset, upload_and_map

pytestmark = pytest.mark.django_db

ALLOWED = ("analyst", "manager", "administrator")
REFUSED = (
    "council_officer",
    "police_officer",
    "housing_officer",
    "panel_chair",
    "scrutiny",
    "county_viewer",
    "outsider",
    "outside_manager",
    "system_admin",
    "no_roles",
)


def _imported_with_a_report(world):
    dataset = fire_dataset(world)
    data = fire_csv(fires(["2024-01"], per_month=5), bom=False).replace(b"/01/2024", b"/13/2024", 1)
    upload = upload_and_map(dataset, data, accept_rejections=True)
    assert upload.rows_rejected == 1
    return dataset, upload


def test_the_partnerships_analysts_managers_and_administrators_see_and_change_its_datasets(world):
    dataset, upload = _imported_with_a_report(world)
    for who in ALLOWED:
        user = getattr(world, who)
        for action in ("view", "change"):
            assert access.datasets.can(user, action, dataset), (who, action)
            assert access.uploads.can(user, action, upload), (who, action)


def test_no_one_else_sees_them(world):
    dataset, upload = _imported_with_a_report(world)
    for who in REFUSED:
        user = getattr(world, who)
        assert not access.datasets.can(user, "view", dataset), who
        assert not access.uploads.can(user, "view", upload), who


def _pages(dataset, upload):
    return [
        reverse("partnerdata:dataset", args=[dataset.pk]),
        reverse("partnerdata:upload", args=[dataset.pk]),
        reverse("partnerdata:mapping", args=[dataset.pk, upload.pk]),
        reverse("partnerdata:report", args=[dataset.pk, upload.pk]),
    ]


@pytest.mark.parametrize("who", ["outsider", "outside_manager", "scrutiny", "county_viewer", "council_officer"])
def test_an_outsider_and_the_scrutiny_role_get_404_from_every_page(world, client_for, who):
    dataset, upload = _imported_with_a_report(world)
    client = client_for(getattr(world, who))
    for url in _pages(dataset, upload):
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code == 404, (who, method, url)
    listed = client.get(reverse("partnerdata:datasets"))
    if who == "outside_manager":  # a manager of their own partnership: its list, without ours
        assert listed.status_code == 200 and dataset.name not in listed.content.decode()
    else:
        assert listed.status_code == 404
        assert client.get(reverse("partnerdata:dataset-new")).status_code == 404


def test_the_analyst_opens_every_page(world, client_for):
    dataset, upload = _imported_with_a_report(world)
    client = client_for(world.analyst)
    for url in _pages(dataset, upload):
        assert client.get(url).status_code == 200, url


def test_an_upload_is_found_only_under_its_own_dataset(world, client_for):
    dataset, upload = _imported_with_a_report(world)
    other = fire_dataset(world, name="Deliberate vehicle fires")
    client = client_for(world.analyst)
    assert client.get(reverse("partnerdata:mapping", args=[other.pk, upload.pk])).status_code == 404
    assert client.get(reverse("partnerdata:report", args=[other.pk, upload.pk])).status_code == 404


def test_another_partnerships_dataset_is_404_even_to_its_analyst_role_here(world, client_for):
    theirs = fire_dataset(world, side=world.other, name="Castle Point fires")
    client = client_for(world.analyst)
    assert client.get(reverse("partnerdata:dataset", args=[theirs.pk])).status_code == 404
    assert "Castle Point fires" not in client.get(reverse("partnerdata:datasets")).content.decode()
