from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from saferhub.accounts.models import Role, RoleGrant, User
from saferhub.audit import Verb
from saferhub.audit.models import AuditEvent
from saferhub.demo import data
from saferhub.partnerships.models import (
    Area,
    InformationSharingAgreement,
    LocalAuthority,
    Membership,
    Organisation,
    OrganisationKind,
    Partnership,
)

ESSEX_AUTHORITIES = {
    "E07000066": "Basildon",
    "E07000067": "Braintree",
    "E07000068": "Brentwood",
    "E07000069": "Castle Point",
    "E07000070": "Chelmsford",
    "E07000071": "Colchester",
    "E07000072": "Epping Forest",
    "E07000073": "Harlow",
    "E07000074": "Maldon",
    "E07000075": "Rochford",
    "E07000076": "Tendring",
    "E07000077": "Uttlesford",
    "E06000033": "Southend-on-Sea",
    "E06000034": "Thurrock",
}


def _demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models(include_auto_created=True)}


def test_loads_essex_with_its_fourteen_local_authorities(db):
    output = _demo()
    essex = Area.objects.get(slug="essex")
    assert essex.police_force == "Essex Police"
    assert dict(LocalAuthority.objects.filter(area=essex).values_list("ons_code", "name")) == ESSEX_AUTHORITIES
    assert "created" in output and "14 local authorities" in output


def test_loads_three_partnerships_with_their_authorities_members_and_agreements(db):
    _demo()
    partnerships = {p.slug: p for p in Partnership.objects.all()}
    assert {"braintree", "castle-point-rochford", "colchester"} <= set(partnerships)
    codes = {slug: set(p.local_authorities.values_list("ons_code", flat=True)) for slug, p in partnerships.items()}
    assert codes["braintree"] == {"E07000067"}
    assert codes["castle-point-rochford"] == {"E07000069", "E07000075"}
    assert codes["colchester"] == {"E07000071"}
    for partnership in partnerships.values():
        kinds = set(Membership.objects.filter(partnership=partnership).values_list("organisation__kind", flat=True))
        # Every responsible authority sits on every partnership, with at least one landlord and one charity.
        assert {
            OrganisationKind.COUNCIL,
            OrganisationKind.POLICE,
            OrganisationKind.FIRE,
            OrganisationKind.PROBATION,
            OrganisationKind.ICB,
            OrganisationKind.SOCIAL_LANDLORD,
            OrganisationKind.VOLUNTARY,
        } <= kinds
        assert 1 <= InformationSharingAgreement.objects.filter(partnership=partnership).count() <= 2
    assert any(a.review_overdue for a in InformationSharingAgreement.objects.all())
    assert InformationSharingAgreement.objects.filter(review_due_on__gt=timezone.localdate()).exists()


def test_organisations_have_the_kind_of_agency_they_are(db):
    _demo()
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Essex Police"] == OrganisationKind.POLICE
    assert kinds["Essex County Fire & Rescue Service"] == OrganisationKind.FIRE
    assert kinds["Probation Service"] == OrganisationKind.PROBATION
    assert kinds["NHS Mid and South Essex Integrated Care Board"] == OrganisationKind.ICB
    assert kinds["Eastlight Community Homes"] == OrganisationKind.SOCIAL_LANDLORD
    assert kinds["Essex County Council"] == OrganisationKind.COUNCIL
    assert kinds["Bar 'N' Bus"] == OrganisationKind.VOLUNTARY


def test_every_role_has_a_demo_user_in_every_partnership_and_there_is_a_system_administrator(db):
    _demo()
    for partnership in data.PARTNERSHIPS:
        roles = set(RoleGrant.objects.filter(partnership__slug=partnership.slug).values_list("role", flat=True))
        assert roles == set(Role.values)
    admin = User.objects.get(email=data.SYSTEM_ADMINISTRATOR_EMAIL)
    assert admin.is_superuser and not admin.role_grants.exists()
    assert not User.objects.exclude(email__endswith=data.EMAIL_DOMAIN).exists()


def test_loading_writes_audit_events(db):
    _demo()
    assert AuditEvent.objects.filter(verb=Verb.USER_CREATED).count() == User.objects.count()


def test_a_second_run_changes_nothing_and_writes_no_audit_event(db):
    _demo()
    before = _row_counts()
    last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    output = _demo()
    assert output.strip() == "demo data already loaded; nothing changed"
    assert _row_counts() == before
    assert AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() == last_event


def test_a_second_run_keeps_a_password_the_user_changed(db):
    _demo()
    manager = User.objects.get(email="manager@braintree.demo.saferhub.test")
    manager.set_password("my-own-new-password-1")
    manager.save()
    _demo()
    manager.refresh_from_db()
    assert manager.check_password("my-own-new-password-1")


def test_a_second_run_adds_back_only_what_is_missing(db):
    _demo()
    grant = RoleGrant.objects.get(user__email="analyst@colchester.demo.saferhub.test")
    grant.delete()
    events = AuditEvent.objects.count()
    output = _demo()
    assert "created 1 demo records: 1 role grant" in output
    assert RoleGrant.objects.filter(user__email="analyst@colchester.demo.saferhub.test", role=Role.ANALYST).exists()
    assert AuditEvent.objects.count() == events + 1


def test_the_password_comes_from_the_environment_when_set(db, monkeypatch):
    monkeypatch.setenv("SAFERHUB_DEMO_PASSWORD", "another-demo-password-7")
    _demo()
    assert User.objects.get(email="analyst@braintree.demo.saferhub.test").check_password("another-demo-password-7")


def test_loads_alongside_records_that_already_exist_without_duplicating_them(world):
    # The cast already holds Essex, the Braintree and Castle Point and Rochford partnerships,
    # Essex Police, Eastlight and two of the councils.
    _demo()
    assert Area.objects.filter(name="Essex").count() == 1
    assert Organisation.objects.filter(name="Essex Police").count() == 1
    braintree = Partnership.objects.get(slug="braintree")
    assert braintree == world.home.partnership
    assert Membership.objects.filter(partnership=braintree, organisation=world.police).count() == 1
    assert LocalAuthority.objects.filter(area=world.essex).count() == 14
    before = _row_counts()
    assert _demo().strip() == "demo data already loaded; nothing changed"
    assert _row_counts() == before
