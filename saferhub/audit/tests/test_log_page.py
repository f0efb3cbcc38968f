"""The audit log page: scoped to the partnerships the user administers, filtered, paginated."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from saferhub import audit
from saferhub.audit import Verb
from saferhub.audit.context import RequestContext, current

LOG = reverse("audit:log")


def _page(client, **params):
    response = client.get(LOG, params)
    assert response.status_code == 200
    return response.content.decode()


def _event_links(body):
    return len(re.findall(r'href="/manage/audit/\d+"', body))


def _table(body):
    return body[body.index("<tbody") : body.index("</tbody>")] if "<tbody" in body else ""


def test_an_administrator_sees_their_partnerships_events(world, client_for):
    body = _page(client_for(world.administrator))
    assert world.home.agreement.title in body
    assert "Partnership: created" in body
    assert str(world.home.partnership.name) in body


def test_an_administrator_does_not_see_another_partnerships_events(world, client_for):
    body = _page(client_for(world.administrator))
    assert world.other.partnership.name not in body
    assert world.other.agreement.title not in body
    assert world.outsider.email not in body


def test_an_administrator_does_not_see_sign_ins_or_other_installation_wide_events(world, client_for):
    body = _page(client_for(world.administrator), verb=Verb.USER_CREATED)
    assert world.manager.email not in body
    assert "0 events" in body


def test_another_partnerships_administrator_does_not_see_home_events(world, client_for):
    body = _page(client_for(world.outside_manager))
    assert world.other.agreement.title in body
    assert world.home.agreement.title not in body
    assert world.home.partnership.name not in body


def test_the_system_administrator_sees_every_partnership_and_installation_wide_events(world, client_for):
    body = _page(client_for(world.system_admin))
    assert world.home.agreement.title in body
    assert world.other.agreement.title in body
    assert "User: created" in body


@pytest.mark.parametrize("persona", ["scrutiny", "manager", "council_officer", "county_viewer", "no_roles"])
def test_people_who_administer_no_partnership_get_404(world, client_for, persona):
    client = client_for(getattr(world, persona))
    assert client.get(LOG).status_code == 404
    assert client.get(reverse("audit:export")).status_code == 404


def test_events_are_listed_newest_first_with_uk_times(world, client_for):
    newest = audit.record(actor=world.administrator, verb=Verb.VIEWED, target=world.home.agreement)
    body = _page(client_for(world.administrator))
    first_link = body.index('href="/manage/audit/', body.index("<tbody"))
    assert body[first_link:].startswith(f'href="/manage/audit/{newest.pk}"')
    assert timezone.localtime(newest.occurred_at).strftime("%H:%M:%S") in body


def test_the_verb_filter_keeps_only_that_verb(world, client_for):
    body = _page(client_for(world.administrator), verb=Verb.ROLE_GRANTED)
    assert "User: role granted" in _table(body)
    assert world.home.agreement.title not in _table(body)


def test_the_who_filter_matches_part_of_the_email(world, client_for):
    audit.record(actor=world.manager, verb=Verb.VIEWED, target=world.home.agreement)
    audit.record(actor=world.analyst, verb=Verb.VIEWED, target=world.home.partnership)
    body = _page(client_for(world.administrator), who="MANAGER@example")
    assert world.manager.email in body
    assert world.analyst.email not in body
    assert "1 event" in body


def test_the_target_filters_find_one_records_history(world, client_for):
    agreement = world.home.agreement
    body = _page(
        client_for(world.administrator), target_type="partnerships.informationsharingagreement", target_id=agreement.pk
    )
    assert agreement.title in _table(body)
    assert "Membership: added" not in _table(body)


def test_the_request_id_filter_finds_one_requests_events(world, client_for):
    token = current.set(RequestContext(request_id="req-abc", ip_address="192.0.2.4"))
    try:
        event = audit.record(actor=world.manager, verb=Verb.VIEWED, target=world.home.agreement)
    finally:
        current.reset(token)
    client = client_for(world.administrator)
    body = _page(client, request_id="req-abc")
    assert "1 event" in body
    # The list stays narrow; the address and request id are on the event's own page.
    detail = client.get(reverse("audit:event", args=[event.pk])).content.decode()
    assert "192.0.2.4" in detail and "req-abc" in detail


def test_the_partnership_filter_offers_and_keeps_to_one_partnership(world, client_for):
    client = client_for(world.system_admin)
    body = _page(client, partnership=world.other.partnership.pk)
    assert world.other.agreement.title in body
    assert world.home.agreement.title not in body


def test_an_administrator_cannot_filter_on_another_partnership(world, client_for):
    body = _page(client_for(world.administrator), partnership=world.other.partnership.pk)
    assert "govuk-error-summary" in body
    assert world.other.agreement.title not in body
    assert "<tbody" not in body


def test_the_date_filters_take_uk_days(world, client_for):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    client = client_for(world.administrator)

    def dates(start, end):
        return {
            "from_date_0": start.day,
            "from_date_1": start.month,
            "from_date_2": start.year,
            "to_date_0": end.day,
            "to_date_1": end.month,
            "to_date_2": end.year,
        }

    assert world.home.agreement.title in _page(client, **dates(today, today))
    assert "0 events" in _page(client, **dates(yesterday, yesterday))


def test_a_date_that_is_not_real_gives_an_error_and_keeps_what_was_typed(world, client_for):
    body = _page(client_for(world.administrator), from_date_0="31", from_date_1="2", from_date_2="2026", who="adam")
    assert "govuk-error-summary" in body
    assert "From date must be a real date" in body
    assert 'href="#id_from_date_0"' in body
    assert 'value="31"' in body and 'value="2026"' in body
    assert 'value="adam"' in body
    assert "<tbody" not in body


def test_a_partly_typed_date_says_what_is_missing(world, client_for):
    body = _page(client_for(world.administrator), to_date_0="4")
    assert "To date must include a month and year" in body
    assert 'href="#id_to_date_0"' in body
    assert 'value="4"' in body


def test_a_to_date_before_the_from_date_gives_an_error(world, client_for):
    body = _page(
        client_for(world.administrator),
        from_date_0="2",
        from_date_1="3",
        from_date_2="2026",
        to_date_0="1",
        to_date_1="3",
        to_date_2="2026",
    )
    assert "To date must be the same as or after the from date" in body


def _many_events(world, count):
    for _ in range(count):
        audit.record(actor=world.manager, verb=Verb.VIEWED, target=world.home.agreement)


def test_results_are_paginated_100_a_page_keeping_the_filters(world, client_for):
    _many_events(world, 150)
    client = client_for(world.administrator)
    first = _page(client, verb=Verb.VIEWED)
    assert "150 events" in first
    assert _event_links(first) == 100
    assert "govuk-pagination" in first
    assert "?verb=viewed&amp;page=2" in first
    second = _page(client, verb=Verb.VIEWED, page=2)
    assert _event_links(second) == 50
    assert 'aria-current="page"' in second


def test_the_page_makes_the_same_number_of_queries_however_many_events(world, client_for, django_assert_num_queries):
    client = client_for(world.administrator)
    client.get(LOG)  # settle the session
    with django_assert_num_queries(QUERIES):
        client.get(LOG)
    _many_events(world, 250)
    with django_assert_num_queries(QUERIES):
        client.get(LOG, {"page": 2})


# Session, user, authenticator device, the user's roles, the user's organisation (page header) and the
# session's save (savepoint, update, release); then the page's own: the count, the page of events, the
# partnership names and the partnership filter's options.
QUERIES = 12
