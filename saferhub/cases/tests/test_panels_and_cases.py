"""Panels (set up by managers and administrators) and the cases an accepted referral opens."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.cases import access, services
from saferhub.cases.models import Panel


@pytest.fixture
def panel(world):
    return services.panel_create(partnership=world.home.partnership, name="Braintree Hub", kind="hub", by=None)


def test_a_panel_name_is_needed_and_unique_in_its_partnership(world, panel):
    with pytest.raises(ValidationError) as excinfo:
        services.panel_create(partnership=world.home.partnership, name=" braintree hub ", kind="hub", by=None)
    assert excinfo.value.message_dict == {"name": ["This partnership already has a panel with that name"]}
    with pytest.raises(ValidationError) as excinfo:
        services.panel_create(partnership=world.home.partnership, name="", kind="nonsense", by=None)
    assert set(excinfo.value.message_dict) == {"name", "kind"}
    # Another partnership may use the same name.
    services.panel_create(partnership=world.other.partnership, name="Braintree Hub", kind="hub", by=None)


def test_archiving_a_panel_is_audited_and_keeps_it(world, panel):
    services.panel_update(panel=panel, by=world.manager, archived=True)
    panel.refresh_from_db()
    assert panel.archived_at is not None
    event = AuditEvent.objects.get(verb=Verb.PANEL_UPDATED, target_id=str(panel.pk))
    assert "archived_at" in event.detail["changed"]


def test_a_case_is_led_by_a_member_agency(world, panel):
    outsider_council = world.other.council
    with pytest.raises(ValidationError) as excinfo:
        services.case_open(panel=panel, title="Oak Road", lead_organisation=outsider_council, by=None)
    assert excinfo.value.message_dict == {
        "lead_organisation": ["Select a lead agency that is a member of the partnership"]
    }
    case = services.case_open(
        panel=panel, title="Oak Road", lead_organisation=world.police, agencies=[world.housing], by=world.manager
    )
    assert set(case.agencies.all()) == {world.police, world.housing}
    assert case.reference == f"C{case.pk:05d}"


def test_who_sees_a_case(world, panel):
    case = services.case_open(panel=panel, title="Oak Road", lead_organisation=world.housing, by=None)
    for who in ("manager", "panel_chair", "housing_officer"):
        assert access.cases.can(getattr(world, who), "view", case), who
    for who in ("council_officer", "police_officer", "analyst", "administrator", "scrutiny", "outsider"):
        assert not access.cases.can(getattr(world, who), "view", case), who


def test_who_sees_and_changes_panels(world, panel):
    for who in ("council_officer", "panel_chair", "manager", "administrator"):
        assert access.panels.can(getattr(world, who), "view", panel), who
    for who in ("manager", "administrator", "system_admin"):
        assert access.panels.can(getattr(world, who), "change", panel), who
    for who in ("council_officer", "panel_chair", "scrutiny", "county_viewer", "outsider", "outside_manager"):
        assert not access.panels.can(getattr(world, who), "change", panel), who


def test_a_manager_adds_and_renames_a_panel_from_the_pages(world, client_for):
    client = client_for(world.manager)
    response = client.post(reverse("cases:panel-add"), {"name": "", "kind": "hub"})
    assert "Enter the panel&#x27;s name" in response.content.decode()
    response = client.post(reverse("cases:panel-add"), {"name": "Domestic Abuse Sub-group", "kind": "domestic_abuse"})
    assert response.status_code == 302
    panel = Panel.objects.get(name="Domestic Abuse Sub-group")
    assert "Domestic Abuse Sub-group" in client.get(reverse("cases:panels")).content.decode()
    edit = reverse("cases:panel-edit", args=[panel.pk])
    page = client.get(edit).content.decode()
    version = page.split('name="record_version" value="')[1].split('"')[0]
    response = client.post(
        edit, {"name": "DA Sub-group", "kind": "domestic_abuse", "description": "", "record_version": version}
    )
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.name == "DA Sub-group"


def test_officers_cannot_set_up_panels(world, client_for, panel):
    client = client_for(world.council_officer)
    assert client.get(reverse("cases:panel-add")).status_code == 404
    assert client.get(reverse("cases:panel-edit", args=[panel.pk])).status_code == 404
