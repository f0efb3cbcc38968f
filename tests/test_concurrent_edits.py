"""Two people editing the same record: the second save is refused, not silently applied."""

import re

from django.urls import reverse

from saferhub.lib.forms import VERSION_FIELD
from saferhub.partnerships import services
from saferhub.partnerships.models import Organisation


def _version(body: str) -> str:
    match = re.search(rf'name="{VERSION_FIELD}" value="([0-9a-f]+)"', body)
    assert match, "the edit form carries the record's version"
    return match.group(1)


def test_a_save_over_someone_elses_change_is_refused_and_keeps_what_was_typed(world, client_for):
    url = reverse("partnerships:organisation-edit", args=[world.housing.pk])
    client = client_for(world.administrator)
    version = _version(client.get(url).content.decode())

    # Meanwhile the system administrator renames the organisation.
    services.organisation_update(organisation=world.housing, name="Eastlight Homes", by=world.system_admin)

    typed = {
        "name": "Eastlight Community Homes Ltd",
        "kind": "social_landlord",
        "email_domain": "",
        VERSION_FIELD: version,
    }
    response = client.post(url, typed)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved changes to this record after you opened this page" in body
    assert 'value="Eastlight Community Homes Ltd"' in body
    assert Organisation.objects.get(pk=world.housing.pk).name == "Eastlight Homes"

    # Saving again from that page, with the other change now in view, goes through.
    again = client.post(url, {**typed, VERSION_FIELD: _version(body)})
    assert again.status_code == 302
    assert Organisation.objects.get(pk=world.housing.pk).name == "Eastlight Community Homes Ltd"


def test_an_unchanged_record_saves_first_time(world, client_for):
    url = reverse("partnerships:agreement-edit", args=[world.home.agreement.pk])
    client = client_for(world.manager)
    body = client.get(url).content.decode()
    assert _version(body)
    agreement = world.home.agreement
    data = {
        "title": "Renamed agreement",
        "parties": [p.pk for p in agreement.parties.all()],
        "purposes": agreement.purposes,
        "data_categories": agreement.data_categories,
        "lawful_basis": "Section 115 of the Crime and Disorder Act 1998",
        "signed_on_0": "1",
        "signed_on_1": "4",
        "signed_on_2": "2024",
        "review_due_on_0": "31",
        "review_due_on_1": "3",
        "review_due_on_2": "2027",
        VERSION_FIELD: _version(body),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_plain_form_given_its_record_is_guarded_too(world, client_for):
    from saferhub.register import services as register
    from saferhub.register.models import Person

    person = register.person_create(
        partnership=world.home.partnership,
        organisation=world.home.council,
        by=None,
        kind="person",
        given_name="Jo",
        family_name="Example",
    )
    url = reverse("register:person-edit", args=[person.pk])
    client = client_for(world.council_officer)
    version = _version(client.get(url).content.decode())
    register.person_update(person=person, family_name="Exemplar", by=world.manager)
    response = client.post(
        url, {"kind": "person", "given_name": "Joanne", "family_name": "Example", VERSION_FIELD: version}
    )
    assert response.status_code == 200
    assert "Someone else saved changes to this record" in response.content.decode()
    assert Person.objects.get(pk=person.pk).given_name == "Jo"
