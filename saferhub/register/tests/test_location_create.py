import pytest
from django.core.exceptions import ValidationError

from saferhub.audit.models import AuditEvent
from saferhub.audit.verbs import Verb
from saferhub.register.models import LocationKind
from saferhub.register.tests.records import address


def test_creating_an_address_formats_the_postcode_and_is_audited(world):
    home = address(world, address_line_1="12, High St.", postcode="cm73yg")
    assert home.postcode == "CM7 3YG"
    assert home.search_address == "12 high st CM73YG"
    event = AuditEvent.objects.get(verb=Verb.LOCATION_CREATED, target_id=str(home.pk))
    assert event.actor_id == world.council_officer.pk
    assert event.partnership_id == world.home.partnership.pk


def test_an_address_needs_its_first_line_and_postcode(world):
    with pytest.raises(ValidationError) as caught:
        address(world, address_line_1="", postcode="")
    assert caught.value.message_dict == {
        "address_line_1": ["Enter address line 1, typically the building and street"],
        "postcode": ["Enter a postcode"],
    }


def test_a_uprn_is_enough_for_an_address(world):
    home = address(world, address_line_1="", postcode="", uprn="100091234567")
    assert home.uprn == "100091234567"


def test_a_bad_postcode_is_refused_with_what_is_wrong(world):
    with pytest.raises(ValidationError) as caught:
        address(world, postcode="CM7")
    assert caught.value.message_dict == {"postcode": ["Enter a full UK postcode, like CM7 3YG (it is too short)"]}


def test_a_bad_uprn_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        address(world, uprn="12A")
    assert "uprn" in caught.value.message_dict


def test_a_described_place_needs_a_name_or_description(world):
    with pytest.raises(ValidationError) as caught:
        address(world, kind=LocationKind.OPEN_SPACE, address_line_1="", postcode="")
    assert caught.value.message_dict == {"name": ["Enter the name of the place or describe where it is"]}
    park = address(
        world, kind=LocationKind.OPEN_SPACE, address_line_1="", postcode="", description="The skate park by the river"
    )
    assert park.pk is not None
