"""Adding a person: their details, a first role, and an invitation to set their password."""

from django.urls import reverse

from saferhub.accounts.models import Role, RoleGrant, User
from saferhub.audit.models import AuditEvent


def _form(world, **changes):
    data = {
        "email": "Nina.New@Example.test",
        "full_name": "Nina New",
        "job_title": "Community safety officer",
        "organisation": world.home.council.pk,
        "partnership": world.home.partnership.pk,
        "role": Role.OFFICER,
    }
    data.update(changes)
    return data


def test_administrator_adds_a_person_with_a_first_role_and_sends_an_invitation(world, client_for, mailoutbox):
    response = client_for(world.administrator).post(reverse("users:add"), _form(world))
    person = User.objects.get(email="nina.new@example.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("users:detail", kwargs={"user_pk": person.pk})
    assert person.full_name == "Nina New"
    assert person.organisation == world.home.council
    assert not person.has_usable_password()
    assert RoleGrant.objects.filter(user=person, partnership=world.home.partnership, role=Role.OFFICER).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nina.new@example.test"]
    assert "/accounts/password-set/" in mailoutbox[0].body


def test_adding_a_person_leaves_its_audit_events(world, client_for, mailoutbox):
    client_for(world.administrator).post(reverse("users:add"), _form(world))
    person = User.objects.get(email="nina.new@example.test")
    events = AuditEvent.objects.filter(target_type="accounts.user", target_id=str(person.pk))
    assert events.filter(verb="user.created", actor_id=world.administrator.pk).exists()
    granted = events.get(verb="user.role_granted")
    assert granted.actor_id == world.administrator.pk
    assert granted.partnership_id == world.home.partnership.pk
    assert granted.detail == {"role": "officer"}
    assert events.filter(verb="account.password_reset_requested").exists()


def test_the_role_choices_explain_that_figures_only_roles_never_see_personal_data(world, client_for):
    body = client_for(world.administrator).get(reverse("users:add")).content.decode()
    assert body.count("Never sees personal data") == 2
    assert 'aria-describedby="id_role_4-hint"' in body
    assert world.home.council.name in body
    assert world.police.name in body
    assert world.other.council.name not in body


def test_an_email_address_already_in_use_is_refused_with_a_clear_error(world, client_for, mailoutbox):
    response = client_for(world.administrator).post(
        reverse("users:add"), _form(world, email=world.council_officer.email.upper())
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is already an account with this email address: find the person in the list" in body
    assert 'href="#id_email"' in body
    assert User.objects.filter(email__iexact=world.council_officer.email).count() == 1
    assert mailoutbox == []


def test_an_email_address_of_someone_in_another_partnership_says_whom_to_ask(world, client_for):
    body = (
        client_for(world.administrator)
        .post(reverse("users:add"), _form(world, email=world.outsider.email))
        .content.decode()
    )
    assert "in another partnership. Ask the system administrator" in body
    assert world.outsider.full_name not in body


def test_bad_input_keeps_the_typed_values_and_names_each_field(world, client_for):
    response = client_for(world.administrator).post(
        reverse("users:add"), _form(world, email="not-an-email", full_name="", role="")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="not-an-email"' in body
    assert 'value="Community safety officer"' in body
    assert "Enter a valid email address" in body
    assert "Enter full name" in body
    assert "Select role" in body
    assert 'href="#id_role_0"' in body
    assert "Error:" in body
    assert not User.objects.filter(full_name="Nina New").exists()


def test_organisation_and_partnership_must_be_among_the_administrators_own(world, client_for):
    client = client_for(world.administrator)
    body = client.post(
        reverse("users:add"),
        _form(world, organisation=world.other.council.pk, partnership=world.other.partnership.pk),
    ).content.decode()
    assert 'href="#id_organisation">Select a valid choice' in body
    assert 'href="#id_partnership">Select a valid choice' in body
    assert not User.objects.filter(email="nina.new@example.test").exists()


def test_the_system_administrator_can_add_a_person_to_any_partnership(world, client_for, mailoutbox):
    response = client_for(world.system_admin).post(
        reverse("users:add"),
        _form(world, organisation=world.other.council.pk, partnership=world.other.partnership.pk),
    )
    assert response.status_code == 302
    person = User.objects.get(email="nina.new@example.test")
    assert person.role_grants.get().partnership == world.other.partnership
