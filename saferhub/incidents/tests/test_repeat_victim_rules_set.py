"""An area's own numbers for the repeat-victim alerts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from saferhub.audit import Verb
from saferhub.incidents import services
from saferhub.incidents.models import RepeatVictimRules
from saferhub.incidents.tests.helpers import events


def test_setting_the_numbers_saves_the_areas_row_and_audits_it(world) -> None:
    rules = services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, threshold_complaints=2)
    assert RepeatVictimRules.objects.get(area=world.essex).threshold_complaints == 2
    assert rules.explain_after_reports == 2
    event = events(Verb.REPEAT_VICTIM_RULES_CHANGED, rules).get()
    assert event.actor_id == world.system_admin.pk
    assert event.detail["changed"] == {"threshold_complaints": {"from": 3, "to": 2}}


def test_setting_the_numbers_again_updates_the_same_row(world) -> None:
    services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, threshold_complaints=2)
    services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, explain_window_months=12)
    row = RepeatVictimRules.objects.get(area=world.essex)
    assert (row.threshold_complaints, row.explain_window_months) == (2, 12)


@pytest.mark.parametrize("value", [0, -1, "3", 1.5, True])
def test_each_number_must_be_a_whole_number_of_one_or_more(world, value) -> None:
    with pytest.raises(ValidationError) as caught:
        services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, threshold_complaints=value)
    assert list(caught.value.message_dict) == ["threshold_complaints"]
    assert not RepeatVictimRules.objects.exists()


def test_unknown_numbers_are_refused(world) -> None:
    with pytest.raises(TypeError):
        services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, area_id=3)


def test_an_area_may_lower_the_threshold_but_never_raise_it(world) -> None:
    with pytest.raises(ValidationError) as caught:
        services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, threshold_complaints=4)
    assert "at most 3 complaints" in caught.value.message_dict["threshold_complaints"][0]
    assert services.repeat_victim_rules_set(area=world.essex, by=world.system_admin, threshold_complaints=1).pk
