"""The partnerships API: areas, partnerships, organisations and sharing agreements, person by person."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from saferhub.audit.models import AuditEvent
from saferhub.partnerships import services as partnerships
from saferhub.partnerships.models import InformationSharingAgreement, OrganisationKind
from saferhub.testing.world import HOME_CAST

NOT_FOUND = {"detail": "Not found"}
FIGURES_ONLY = ["scrutiny", "county_viewer"]


def _items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


def _other_markers(world):
    other = world.other
    return [other.partnership.slug, other.council.name, other.agreement.title, "Castle Point Borough Council"]


# Areas


@pytest.mark.parametrize("persona", ["council_officer", "scrutiny", "outsider", "no_roles"])
def test_areas_are_reference_data_every_signed_in_user_may_read(api_as, world, persona):
    caller = api_as(getattr(world, persona))
    assert [a["slug"] for a in _items(caller.get("/areas"))] == ["essex", "kent"]
    essex = caller.get("/areas/essex").json()
    assert essex["police_force"] == "Essex Police"
    assert {la["ons_code"] for la in essex["local_authorities"]} == {"E07000067", "E07000069", "E07000075"}


def test_an_unknown_area_is_404(api_as, world):
    response = api_as(world.manager).get("/areas/narnia")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


# Partnerships


def test_a_user_lists_only_the_partnerships_they_hold_a_role_in(api_as, world):
    assert [p["slug"] for p in _items(api_as(world.manager).get("/partnerships"))] == ["braintree"]
    assert [p["slug"] for p in _items(api_as(world.outsider).get("/partnerships"))] == ["castle-point-rochford"]
    assert _items(api_as(world.no_roles).get("/partnerships")) == []
    everything = _items(api_as(world.system_admin).get("/partnerships"))
    assert {p["slug"] for p in everything} == {"braintree", "castle-point-rochford", "dartford"}


def test_a_partnership_shows_its_area_authorities_and_current_members(api_as, world):
    partnerships.membership_end(
        membership=world.home.partnership.memberships.get(organisation=world.housing), by=world.manager
    )
    body = api_as(world.council_officer).get("/partnerships/braintree").json()
    assert body["name"] == "Braintree District Community Safety Partnership"
    assert body["area"] == {"slug": "essex", "name": "Essex"}
    assert body["local_authorities"] == [{"ons_code": "E07000067", "name": "Braintree"}]
    assert {m["name"] for m in body["members"]} == {
        "Braintree District Council",
        "Essex Police",
        "Essex County Fire & Rescue Service",
    }
    council = next(m for m in body["members"] if m["id"] == world.home.council.pk)
    assert council["kind"] == OrganisationKind.COUNCIL


def test_a_figures_only_user_sees_their_partnership(api_as, world):
    assert api_as(world.scrutiny).get("/partnerships/braintree").status_code == 200


# Organisations


def test_organisations_are_those_of_the_users_partnerships(api_as, world):
    names = {o["name"] for o in _items(api_as(world.council_officer).get("/organisations"))}
    assert names == {
        "Braintree District Council",
        "Essex Police",
        "Essex County Fire & Rescue Service",
        "Eastlight Community Homes",
    }


def test_an_organisation_in_two_partnerships_shows_each_user_only_their_own(api_as, world):
    police = f"/organisations/{world.police.pk}"
    assert [p["slug"] for p in api_as(world.manager).get(police).json()["partnerships"]] == ["braintree"]
    assert [p["slug"] for p in api_as(world.outsider).get(police).json()["partnerships"]] == ["castle-point-rochford"]


# Agreements


def test_an_agreement_shows_its_parties_purposes_categories_and_dates(api_as, world):
    agreement = world.home.agreement
    body = api_as(world.council_officer).get(f"/agreements/{agreement.pk}").json()
    assert body["title"] == "Braintree District Community Safety Partnership casework sharing agreement"
    assert body["partnership"] == {"slug": "braintree", "name": "Braintree District Community Safety Partnership"}
    assert {p["name"] for p in body["parties"]} == {
        "Braintree District Council",
        "Essex Police",
        "Essex County Fire & Rescue Service",
        "Eastlight Community Homes",
    }
    assert body["purposes"] == ["casework"]
    assert body["data_categories"] == ["personal", "criminal"]
    assert body["signed_on"] == "2024-04-01"
    assert body["review_due_on"] == "2027-03-31"
    assert body["review_overdue"] is (timezone.localdate() > datetime.date(2027, 3, 31))


def test_an_agreement_past_its_review_date_is_overdue(api_as, world):
    partnerships.agreement_update(
        agreement=world.home.agreement, review_due_on=timezone.localdate() - datetime.timedelta(days=1), by=None
    )
    body = api_as(world.manager).get(f"/agreements/{world.home.agreement.pk}").json()
    assert body["review_overdue"] is True


def test_agreements_can_be_filtered_by_partnership(api_as, world):
    admin = api_as(world.system_admin)
    assert {a["partnership"]["slug"] for a in _items(admin.get("/agreements"))} == {
        "braintree",
        "castle-point-rochford",
        "dartford",
    }
    only = _items(admin.get("/agreements", partnership="braintree"))
    assert [a["id"] for a in only] == [world.home.agreement.pk]
    assert _items(api_as(world.manager).get("/agreements", partnership="castle-point-rochford")) == []


@pytest.mark.parametrize("persona", FIGURES_ONLY)
def test_figures_only_users_never_see_agreements(api_as, world, persona):
    caller = api_as(getattr(world, persona))
    assert _items(caller.get("/agreements")) == []
    response = caller.get(f"/agreements/{world.home.agreement.pk}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


# Lists and pages


def test_lists_are_paged_with_a_count(api_as, world):
    response = api_as(world.system_admin).get("/partnerships", limit=1, offset=1)
    body = response.json()
    assert body["count"] == 3
    assert [p["slug"] for p in body["items"]] == ["castle-point-rochford"]


def test_a_page_larger_than_500_is_refused_naming_the_limit(api_as, world):
    response = api_as(world.manager).get("/organisations", limit=501)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", "limit"]
    assert error["msg"] == "limit must be at most 500"


def test_the_agreement_list_takes_a_fixed_number_of_queries(api_as, world, django_assert_num_queries):
    for n in range(5):
        partnerships.agreement_create(
            partnership=world.home.partnership,
            title=f"Extra agreement {n}",
            parties=[world.home.council, world.police],
            purposes=["casework"],
            data_categories=["personal"],
            review_due_on=datetime.date(2027, 1, 1),
            by=None,
        )
    caller = api_as(world.manager)
    # token, last-used stamp, roles, count, agreements, parties
    with django_assert_num_queries(6):
        assert len(_items(caller.get("/agreements"))) == 6


# Nobody sees another partnership's records


def _home_record_paths(world):
    return [
        "/partnerships/braintree",
        f"/organisations/{world.home.council.pk}",
        f"/agreements/{world.home.agreement.pk}",
    ]


@pytest.mark.parametrize("persona", ["outsider", "outside_manager"])
def test_another_partnerships_people_get_404_for_every_home_record(api_as, world, persona):
    caller = api_as(getattr(world, persona))
    for path in _home_record_paths(world):
        response = caller.get(path)
        assert response.status_code == 404, path
        assert response.json() == NOT_FOUND


@pytest.mark.parametrize("persona", HOME_CAST)
def test_home_people_get_404_for_every_other_record(api_as, world, persona):
    caller = api_as(getattr(world, persona))
    other = world.other
    for path in (
        f"/partnerships/{other.partnership.slug}",
        f"/organisations/{other.council.pk}",
        f"/agreements/{other.agreement.pk}",
    ):
        response = caller.get(path)
        assert response.status_code == 404, f"{path} for {persona}"
        assert response.json() == NOT_FOUND


def test_a_forbidden_record_answers_exactly_like_a_missing_one(api_as, world):
    caller = api_as(world.outsider)
    for forbidden, missing in (
        (f"/organisations/{world.home.council.pk}", "/organisations/999999"),
        (f"/agreements/{world.home.agreement.pk}", "/agreements/999999"),
        ("/partnerships/braintree", "/partnerships/no-such-partnership"),
    ):
        one, two = caller.get(forbidden), caller.get(missing)
        assert (one.status_code, one.content) == (two.status_code, two.content)


@pytest.mark.parametrize("persona", HOME_CAST)
def test_lists_contain_no_other_partnerships_record(api_as, world, persona):
    caller = api_as(getattr(world, persona))
    for path in ("/partnerships", "/organisations", "/agreements"):
        body = caller.get(path).content.decode()
        leaked = [marker for marker in _other_markers(world) if marker in body]
        assert not leaked, f"{path} shows {persona} {leaked}"


# Recording an agreement


def _agreement(world, **changes):
    body = {
        "partnership": "braintree",
        "title": "Youth diversion sharing agreement",
        "parties": [world.home.council.pk, world.police.pk],
        "purposes": ["casework", "safeguarding"],
        "data_categories": ["personal", "safeguarding"],
        "signed_on": "2025-06-01",
        "review_due_on": "2026-06-01",
        "lawful_basis": "Crime and Disorder Act 1998 s115",
    }
    body.update(changes)
    return body


@pytest.mark.parametrize("persona", ["manager", "administrator", "system_admin"])
def test_the_partnerships_runners_record_an_agreement(api_as, world, persona):
    user = getattr(world, persona)
    response = api_as(user).post("/agreements", _agreement(world))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Youth diversion sharing agreement"
    assert {p["id"] for p in body["parties"]} == {world.home.council.pk, world.police.pk}
    assert body["purposes"] == ["casework", "safeguarding"]
    assert body["review_due_on"] == "2026-06-01"
    agreement = InformationSharingAgreement.objects.get(pk=body["id"])
    assert agreement.partnership == world.home.partnership
    assert agreement.lawful_basis == "Crime and Disorder Act 1998 s115"
    assert AuditEvent.objects.filter(verb="agreement.created", actor_id=user.pk, target_id=str(agreement.pk)).exists()


def test_a_signed_in_manager_records_an_agreement_from_the_browser(client_for, world):
    response = client_for(world.manager).post(
        "/api/v1/agreements", json.dumps(_agreement(world)), content_type="application/json"
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "persona", ["council_officer", "analyst", "scrutiny", "county_viewer", "no_roles", "outsider", "outside_manager"]
)
def test_anyone_else_gets_404_for_the_partnership(api_as, world, persona):
    response = api_as(getattr(world, persona)).post("/agreements", _agreement(world))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert not InformationSharingAgreement.objects.filter(title="Youth diversion sharing agreement").exists()


def test_an_unknown_partnership_is_404(api_as, world):
    response = api_as(world.manager).post("/agreements", _agreement(world, partnership="nowhere"))
    assert response.status_code == 404


def test_a_party_that_is_not_a_member_is_named(api_as, world):
    body = _agreement(world, parties=[world.home.council.pk, world.other.council.pk])
    response = api_as(world.manager).post("/agreements", body)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "payload", "parties", 1]
    assert error["msg"].startswith(f"parties[1]: organisation {world.other.council.pk} is not a current member")
    assert "/api/v1/partnerships/braintree" in error["msg"]
    # The other partnership's council is not named, so nothing about it is revealed.
    assert world.other.council.name not in error["msg"]


def test_an_unknown_party_reads_exactly_like_a_non_member(api_as, world):
    response = api_as(world.manager).post("/agreements", _agreement(world, parties=[999999]))
    assert response.status_code == 422
    assert "organisation 999999 is not a current member" in response.json()["detail"][0]["msg"]


def test_an_organisation_that_has_left_cannot_be_a_party(api_as, world):
    partnerships.membership_end(
        membership=world.home.partnership.memberships.get(organisation=world.housing), by=world.manager
    )
    response = api_as(world.manager).post("/agreements", _agreement(world, parties=[world.housing.pk]))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "parties", 0]


def test_a_review_date_before_the_signing_date_is_refused_naming_the_field(api_as, world):
    response = api_as(world.manager).post(
        "/agreements", _agreement(world, signed_on="2025-06-01", review_due_on="2025-05-31")
    )
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "payload", "review_due_on"]
    assert error["msg"].startswith("review_due_on (2025-05-31) is before signed_on (2025-06-01)")


def test_a_review_date_on_the_signing_date_is_fine(api_as, world):
    body = _agreement(world, signed_on="2025-06-01", review_due_on="2025-06-01")
    assert api_as(world.manager).post("/agreements", body).status_code == 201


def test_an_agreement_need_not_be_signed_yet(api_as, world):
    response = api_as(world.manager).post("/agreements", _agreement(world, signed_on=None))
    assert response.status_code == 201
    assert response.json()["signed_on"] is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "title must not be empty"),
        ({"title": None}, "title", "title must be text"),
        ({"parties": []}, "parties", "parties needs at least 1 item(s)"),
        ({"parties": ["council"]}, "parties", "parties[0] must be a whole number"),
        ({"purposes": ["gossip"]}, "purposes", "purposes[0] must be one of 'casework'"),
        ({"data_categories": []}, "data_categories", "data_categories needs at least 1 item(s)"),
        ({"review_due_on": "31/03/2027"}, "review_due_on", "review_due_on must be a date written YYYY-MM-DD"),
    ],
)
def test_a_bad_field_is_named_with_what_to_fix(api_as, world, changes, field, message):
    response = api_as(world.manager).post("/agreements", _agreement(world, **changes))
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert any(e["loc"][2] == field and e["msg"].startswith(message) for e in errors), errors


def test_missing_fields_are_each_named(api_as, world):
    response = api_as(world.manager).post("/agreements", {"partnership": "braintree"})
    assert response.status_code == 422
    messages = {e["msg"] for e in response.json()["detail"]}
    assert messages == {
        f"{field} is required: add it to the request"
        for field in ("title", "parties", "purposes", "data_categories", "review_due_on")
    }


def test_a_body_that_is_not_json_says_what_to_send(api_as, world):
    caller = api_as(world.manager)
    response = caller.client.post(
        "/api/v1/agreements", "{not json", content_type="application/json", headers=caller.headers
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Cannot parse request body: send one JSON object, with Content-Type: application/json"
    }
