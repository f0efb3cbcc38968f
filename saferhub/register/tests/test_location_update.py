import pytest
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.register import services
from saferhub.register.tests.records import address


def test_updating_an_address_formats_the_postcode_recomputes_the_key_and_is_audited(world):
    home = address(world)
    services.location_update(location=home, by=world.manager, postcode="cm7 1aa", address_line_1="14 High Street")
    home.refresh_from_db()
    assert home.postcode == "CM7 1AA"
    assert home.search_address == "14 high street CM71AA"
    event = AuditEvent.objects.get(verb=Verb.LOCATION_UPDATED, target_id=str(home.pk))
    assert event.detail == {"changed": ["address_line_1", "postcode"]}


def test_a_bad_postcode_is_refused_on_the_field(world):
    with pytest.raises(ValidationError) as caught:
        services.location_update(location=address(world), by=world.manager, postcode="not a postcode")
    assert "postcode" in caught.value.message_dict


def test_removing_the_postcode_of_an_address_without_uprn_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.location_update(location=address(world), by=world.manager, postcode="")
    assert caught.value.message_dict == {"postcode": ["Enter a postcode"]}
