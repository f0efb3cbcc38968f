"""Who reads which audit events: administrators their partnerships', the system administrator all."""

from saferhub.audit.access import events, log_partnerships, reads_the_log
from saferhub.audit.models import AuditEvent
from saferhub.manage import sections_for


def _partnerships_seen(user):
    return set(events.visible(user, "view").values_list("partnership_id", flat=True))


def test_an_administrator_reads_only_their_partnerships_events(world):
    assert _partnerships_seen(world.administrator) == {world.home.partnership.pk}


def test_another_partnerships_administrator_reads_only_theirs(world):
    assert _partnerships_seen(world.outside_manager) == {world.other.partnership.pk}


def test_events_of_no_partnership_are_for_the_system_administrator_only(world):
    everything = AuditEvent.objects.count()
    assert events.visible(world.system_admin, "view").count() == everything
    assert None in _partnerships_seen(world.system_admin)
    assert None not in _partnerships_seen(world.administrator)


def test_nobody_else_reads_any_event(world):
    for key in ("manager", "council_officer", "analyst", "panel_chair", "scrutiny", "county_viewer", "no_roles"):
        user = getattr(world, key)
        assert not events.visible(user, "view").exists(), key
        assert not reads_the_log(user), key


def test_nobody_may_change_an_event(world):
    assert not events.visible(world.system_admin, "change").exists()
    assert not events.visible(world.administrator, "change").exists()


def test_the_partnership_filter_offers_only_the_partnerships_read(world):
    assert list(log_partnerships(world.administrator)) == [world.home.partnership]
    assert set(log_partnerships(world.system_admin)) == {
        world.home.partnership,
        world.other.partnership,
        world.far.partnership,
    }


def test_the_manage_page_offers_the_audit_log_to_administrators_only(world):
    def offered(user):
        return "/manage/audit/" in [section["href"] for section in sections_for(user)]

    assert offered(world.administrator)
    assert offered(world.outside_manager)
    assert offered(world.system_admin)
    assert not offered(world.manager)
    assert not offered(world.council_officer)
