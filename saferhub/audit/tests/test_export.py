"""The CSV export: the page's filters, every matching row, and a row of its own in the log."""

import csv
import datetime
import io

from django.urls import reverse

from saferhub import audit
from saferhub.audit import Verb
from saferhub.audit.access import events
from saferhub.audit.models import AuditEvent

EXPORT = reverse("audit:export")


def _rows(response):
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="saferhub-audit-log-')
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_export_has_a_header_row_and_every_event_the_administrator_reads(world, client_for):
    expected = events.visible(world.administrator, "view").count()
    assert expected > 0

    rows = _rows(client_for(world.administrator).get(EXPORT))

    assert rows[0][:4] == ["id", "occurred_at", "actor_id", "actor"]
    assert "hash" in rows[0] and "request_id" in rows[0]
    assert len(rows) == 1 + expected
    partnership = rows[0].index("partnership")
    assert {row[partnership] for row in rows[1:]} == {world.home.partnership.name}


def test_the_export_never_holds_another_partnerships_events(world, client_for):
    text = b"".join(client_for(world.administrator).get(EXPORT).streaming_content).decode()
    assert world.other.agreement.title not in text
    assert world.other.partnership.name not in text
    assert world.outsider.email not in text


def test_the_export_gives_iso_8601_times_newest_first(world, client_for):
    rows = _rows(client_for(world.administrator).get(EXPORT))
    times = [datetime.datetime.fromisoformat(row[1]) for row in rows[1:]]
    assert all(t.tzinfo is not None for t in times)
    assert [int(row[0]) for row in rows[1:]] == sorted((int(row[0]) for row in rows[1:]), reverse=True)


def test_the_export_applies_the_filters(world, client_for):
    rows = _rows(client_for(world.administrator).get(EXPORT, {"verb": Verb.ROLE_GRANTED}))
    verb = rows[0].index("verb")
    assert len(rows) > 1
    assert {row[verb] for row in rows[1:]} == {"user.role_granted"}


def test_the_export_is_recorded_with_its_filters_and_row_count(world, client_for):
    rows = _rows(client_for(world.administrator).get(EXPORT, {"verb": Verb.ROLE_GRANTED, "who": "system"}))

    exported = AuditEvent.objects.get(verb=Verb.EXPORTED)
    assert exported.actor_id == world.administrator.pk
    assert exported.detail == {
        "what": "audit log",
        "filters": {"verb": "user.role_granted", "who": "system"},
        "rows": len(rows) - 1,
    }
    # An administrator of one partnership exported only its events, so the row is theirs to see.
    assert exported.partnership_id == world.home.partnership.pk
    assert exported.request_id and exported.ip_address == "127.0.0.1"


def test_the_export_does_not_contain_its_own_row(world, client_for):
    rows = _rows(client_for(world.system_admin).get(EXPORT))
    exported = AuditEvent.objects.get(verb=Verb.EXPORTED)
    assert str(exported.pk) not in [row[0] for row in rows[1:]]
    assert len(rows) - 1 == exported.detail["rows"] == AuditEvent.objects.count() - 1
    assert exported.partnership_id is None


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_defused(world, client_for):
    # Not saved: only the label the audit row takes from it matters here.
    world.home.agreement.title = '=HYPERLINK("http://example.test")'
    audit.record(actor=None, verb=Verb.VIEWED, target=world.home.agreement)
    rows = _rows(client_for(world.administrator).get(EXPORT, {"verb": Verb.VIEWED}))
    target = rows[0].index("target")
    assert rows[1][target] == '\'=HYPERLINK("http://example.test")'


def test_bad_filters_send_the_user_back_to_the_page_to_fix_them(world, client_for):
    response = client_for(world.administrator).get(
        EXPORT, {"from_date_0": "31", "from_date_1": "2", "from_date_2": "2026"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("audit:log") + "?")
    assert "from_date_0=31" in response["Location"]
    assert not AuditEvent.objects.filter(verb=Verb.EXPORTED).exists()


def test_another_partnerships_administrator_exports_only_theirs(world, client_for):
    text = b"".join(client_for(world.outside_manager).get(EXPORT).streaming_content).decode()
    assert world.other.agreement.title in text
    assert world.home.agreement.title not in text
