import datetime

from django.urls import reverse
from django.utils import timezone

from saferhub.audit import Verb
from saferhub.partnerships import services
from saferhub.partnerships.models import DataCategory, InformationSharingAgreement, SharingPurpose
from saferhub.partnerships.tests.helpers import date_fields, events, shell_queries


def _detail(agreement):
    return reverse("partnerships:agreement", args=[agreement.pk])


def _edit(agreement):
    return reverse("partnerships:agreement-edit", args=[agreement.pk])


def _archive(agreement):
    return reverse("partnerships:agreement-archive", args=[agreement.pk])


def _terms(world, **changes):
    values = {
        "title": "Braintree ASB case review sharing",
        "parties": [world.home.council.pk, world.police.pk],
        "purposes": [SharingPurpose.ASB_CASE_REVIEW],
        "data_categories": [DataCategory.PERSONAL, DataCategory.VICTIM],
        "lawful_basis": "Section 115 Crime and Disorder Act 1998",
        **date_fields("signed_on", 1, 4, 2025),
        **date_fields("review_due_on", 31, 3, 2027),
    }
    values.update(changes)
    return values


def _agreement(world, title, review_due_on, partnership=None):
    return services.agreement_create(
        partnership=partnership or world.home.partnership,
        title=title,
        parties=[world.home.council],
        purposes=[SharingPurpose.CASEWORK],
        data_categories=[DataCategory.PERSONAL],
        review_due_on=review_due_on,
        by=None,
    )


def test_the_list_shows_each_agreements_review_status(world, client_for):
    today = timezone.localdate()
    _agreement(world, "Overdue one", today - datetime.timedelta(days=1))
    _agreement(world, "Due soon one", today + datetime.timedelta(days=10))
    body = client_for(world.council_officer).get(reverse("partnerships:agreements")).content.decode()
    assert "Overdue one" in body and "Review overdue" in body
    assert "Due soon one" in body and "Review due within 30 days" in body
    assert world.home.agreement.title in body and "Current" in body
    assert world.other.agreement.title not in body


def test_the_list_filters_by_partnership_and_hides_archived_agreements(world, client_for):
    services.agreement_archive(agreement=world.home.agreement, by=None)
    client = client_for(world.system_admin)
    url = reverse("partnerships:agreements")
    body = client.get(url, {"partnership": world.other.partnership.slug}).content.decode()
    assert world.other.agreement.title in body
    assert world.far.agreement.title not in body
    assert world.home.agreement.title not in client.get(url).content.decode()
    with_archived = client.get(url, {"include_archived": "true"}).content.decode()
    assert world.home.agreement.title in with_archived and "Archived" in with_archived


def test_the_list_makes_the_same_queries_however_many_agreements(world, client_for, django_assert_num_queries):
    user = world.manager
    client = client_for(user)
    url = reverse("partnerships:agreements")
    client.get(url)
    # The filter's partnerships, the agreements with their partnership, whether the user may add one.
    with django_assert_num_queries(shell_queries(user) + 3):
        client.get(url)
    for n in range(5):
        _agreement(world, f"Agreement {n}", datetime.date(2027, 1, n + 1))
    with django_assert_num_queries(shell_queries(user) + 3):
        body = client.get(url).content.decode()
    assert "Agreement 4" in body


def test_figures_only_roles_see_no_agreements(world, client_for):
    for person in (world.scrutiny, world.county_viewer):
        client = client_for(person)
        assert world.home.agreement.title not in client.get(reverse("partnerships:agreements")).content.decode()
        assert client.get(_detail(world.home.agreement)).status_code == 404


def test_an_officer_reads_an_agreement(world, client_for):
    response = client_for(world.police_officer).get(_detail(world.home.agreement))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Multi-agency casework and problem solving" in body
    assert "Criminal offence data" in body
    assert "Essex Police" in body
    assert "govuk-warning-text" not in body.split('id="main-content"')[1]
    assert _edit(world.home.agreement) not in body


def test_an_overdue_agreement_carries_a_warning(world, client_for):
    overdue = _agreement(world, "Old agreement", datetime.date(2020, 3, 31))
    body = client_for(world.manager).get(_detail(overdue)).content.decode()
    assert "govuk-warning-text" in body
    assert "This agreement was due for review on 31 March 2020" in body


def test_other_partnerships_people_get_404(world, client_for):
    for person in (world.outsider, world.outside_manager, world.no_roles):
        assert client_for(person).get(_detail(world.home.agreement)).status_code == 404
    assert client_for(world.manager).get(reverse("partnerships:agreement", args=[999999])).status_code == 404


def test_the_manager_adds_an_agreement(world, client_for):
    client = client_for(world.manager)
    # One partnership to choose from: the form comes straight away.
    form_page = client.get(reverse("partnerships:agreement-add")).content.decode()
    assert "Eastlight Community Homes" in form_page
    assert world.other.council.name not in form_page
    response = client.post(reverse("partnerships:agreement-add"), _terms(world, partnership=world.home.partnership.pk))
    agreement = InformationSharingAgreement.objects.get(title="Braintree ASB case review sharing")
    assert response.status_code == 302 and response["Location"] == _detail(agreement)
    assert set(agreement.parties.all()) == {world.home.council, world.police}
    assert agreement.purposes == ["asb_case_review"]
    assert agreement.review_due_on == datetime.date(2027, 3, 31)
    assert events(Verb.AGREEMENT_CREATED, agreement).get().actor_id == world.manager.pk


def test_the_system_administrator_chooses_the_partnership_first(world, client_for):
    client = client_for(world.system_admin)
    first = client.get(reverse("partnerships:agreement-add")).content.decode()
    assert "Which partnership is the agreement for?" in first
    second = client.get(reverse("partnerships:agreement-add"), {"partnership": world.far.partnership.slug})
    assert "Dartford Borough Council" in second.content.decode()
    assert "Essex Police" not in second.content.decode()


def test_the_review_date_must_come_after_signing_and_the_values_are_kept(world, client_for):
    response = client_for(world.manager).post(
        reverse("partnerships:agreement-add"),
        _terms(world, partnership=world.home.partnership.pk, **date_fields("review_due_on", 1, 1, 2025)),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The review date must be after the date the agreement was signed" in body
    assert 'href="#id_review_due_on_0"' in body
    assert 'value="Braintree ASB case review sharing"' in body
    assert 'value="asb_case_review" checked' in body
    assert "Section 115 Crime and Disorder Act 1998" in body
    assert not InformationSharingAgreement.objects.filter(title="Braintree ASB case review sharing").exists()


def test_parties_must_be_current_members_of_the_partnership(world, client_for):
    services.membership_end(membership=world.home.membership, by=None)
    response = client_for(world.manager).post(
        reverse("partnerships:agreement-add"), _terms(world, partnership=world.home.partnership.pk)
    )
    body = response.content.decode()
    assert "Braintree District Council is not a member of the partnership: select only its members" in body
    assert 'href="#id_parties_0"' in body


def test_an_empty_form_names_every_field_to_fill(world, client_for):
    body = client_for(world.manager).post(reverse("partnerships:agreement-add"), {}).content.decode()
    for message in (
        "Select the partnership the agreement is for",
        "Enter the title of the agreement",
        "Select at least one purpose of sharing",
        "Select at least one category of data",
        "Enter the lawful basis for sharing",
        "Enter the review date",
    ):
        assert message in body


def test_agreements_are_added_only_for_partnerships_the_user_runs(world, client_for):
    response = client_for(world.manager).post(
        reverse("partnerships:agreement-add"), _terms(world, partnership=world.other.partnership.pk)
    )
    assert "Select a partnership from the list" in response.content.decode()
    for person in (world.council_officer, world.scrutiny, world.no_roles):
        assert client_for(person).get(reverse("partnerships:agreement-add")).status_code == 404


def test_the_manager_changes_an_agreement(world, client_for):
    agreement = world.home.agreement
    client = client_for(world.manager)
    page = client.get(_edit(agreement)).content.decode()
    assert 'value="31"' in page and 'value="2027"' in page
    response = client.post(
        _edit(agreement),
        _terms(
            world,
            title=agreement.title,
            parties=[world.home.council.pk, world.police.pk],
            **date_fields("review_due_on", 31, 3, 2028),
        ),
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.review_due_on == datetime.date(2028, 3, 31)
    event = events(Verb.AGREEMENT_UPDATED, agreement).get()
    assert event.actor_id == world.manager.pk
    assert event.detail["changed"]["review_due_on"] == {"from": "2027-03-31", "to": "2028-03-31"}
    assert event.detail["changed"]["parties"]["to"] == sorted([world.home.council.pk, world.police.pk])


def test_officers_and_outsiders_cannot_change_or_archive_an_agreement(world, client_for):
    agreement = world.home.agreement
    for person in (world.council_officer, world.analyst, world.scrutiny, world.outside_manager):
        client = client_for(person)
        assert client.get(_edit(agreement)).status_code == 404
        assert client.post(_edit(agreement), _terms(world)).status_code == 404
        assert client.post(_archive(agreement)).status_code == 404
    agreement.refresh_from_db()
    assert agreement.archived_at is None and agreement.purposes == ["casework"]


def test_archiving_asks_first_then_keeps_the_agreement_readable(world, client_for):
    agreement = world.home.agreement
    client = client_for(world.administrator)
    confirm = client.get(_archive(agreement))
    assert confirm.status_code == 200 and "Are you sure you want to archive" in confirm.content.decode()
    response = client.post(_archive(agreement))
    assert response.status_code == 302 and response["Location"] == _detail(agreement)
    agreement.refresh_from_db()
    assert agreement.archived_at is not None
    assert events(Verb.AGREEMENT_ARCHIVED, agreement).get().actor_id == world.administrator.pk
    page = client.get(_detail(agreement)).content.decode()
    assert "Archived" in page and _edit(agreement) not in page
    # An archived agreement is no longer changed or archived again.
    assert client.get(_edit(agreement)).status_code == 404
    assert client.post(_archive(agreement)).status_code == 404


def test_posting_an_organisation_the_user_cannot_see_does_not_reveal_its_name(world, client_for):
    response = client_for(world.manager).post(
        reverse("partnerships:agreement-add"),
        _terms(world, partnership=world.home.partnership.pk, parties=[world.other.council.pk]),
    )
    body = response.content.decode()
    assert "Select only organisations listed here" in body
    assert world.other.council.name not in body
