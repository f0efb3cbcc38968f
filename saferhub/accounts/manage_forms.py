"""Forms of the manage-users pages, and the pickers they offer (always from the access policies)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.accounts.access import RUNNERS, users
from saferhub.accounts.models import Role, RoleGrant, User
from saferhub.lib.forms import GovukForm
from saferhub.partnerships.access import organisations, partnerships
from saferhub.partnerships.models import Membership, Organisation, Partnership
from saferhub.policy import is_system_administrator, partnership_ids

# What each role may do, shown under its radio button so administrators choose knowingly.
ROLE_HINTS: dict[str, Any] = {
    Role.MANAGER: _(
        "Runs the partnership: its members, sharing agreements and records. Can see the list of people "
        "but cannot change their roles. Sees personal data."
    ),
    Role.OFFICER: _("Works on the partnership's cases for their organisation. Sees personal data."),
    Role.ANALYST: _("Prepares the partnership's figures and assessments. Sees personal data."),
    Role.PANEL_CHAIR: _("Chairs the partnership's panels and reviews. Sees personal data."),
    Role.SCRUTINY: _(
        "For councillors on a scrutiny committee: reads figures and published documents only. "
        "Never sees personal data, and needs no authenticator app."
    ),
    Role.COUNTY_VIEWER: _(
        "For county bodies such as the Police, Fire and Crime Commissioner's office: reads figures for "
        "every partnership of this partnership's area. Never sees personal data."
    ),
    Role.ADMINISTRATOR: _(
        "Manages the people who sign in: adds them, gives and removes roles, disables leavers and "
        "creates API tokens. Sees personal data."
    ),
}


def administered_partnerships(user: Any) -> QuerySet[Partnership]:
    """Partnerships in which ``user`` may give and remove roles: those they administer (all, for the
    system administrator). Archived partnerships take no new roles."""
    queryset = partnerships.visible(user, "view").filter(archived_at__isnull=True)
    if is_system_administrator(user):
        return queryset
    return queryset.filter(pk__in=partnership_ids(user, [Role.ADMINISTRATOR]))


def run_partnerships(user: Any) -> QuerySet[Partnership]:
    """Partnerships whose people ``user`` may list: those they manage or administer (all, for the
    system administrator)."""
    queryset = partnerships.visible(user, "view")
    if is_system_administrator(user):
        return queryset
    return queryset.filter(pk__in=partnership_ids(user, RUNNERS))


def member_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations a new user of ``user``'s partnerships may belong to: current members of the
    partnerships ``user`` administers (every organisation, for the system administrator)."""
    today = timezone.localdate()
    current = Membership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today), partnership__in=administered_partnerships(user)
    )
    return organisations.visible(user, "view").filter(archived_at__isnull=True, pk__in=current.values("organisation"))


def role_field(label: Any) -> forms.ChoiceField:
    """Radio buttons for a role; pages render them with each role's hint (``_role_radios.html``)."""
    return forms.ChoiceField(label=label, choices=Role.choices, widget=forms.RadioSelect)


def role_options(field: forms.BoundField) -> list[dict[str, Any]]:
    """Each radio of a bound role field with its hint, for the template."""
    return [{"radio": radio, "hint": ROLE_HINTS.get(radio.data["value"], "")} for radio in field.subwidgets]


STATUS_CHOICES = [
    ("active", _("Active")),
    ("disabled", _("Disabled")),
    ("all", _("Active and disabled")),
]


class UserFilterForm(GovukForm):
    """Search and filters of the list of users (sent by GET, every field optional)."""

    q = forms.CharField(label=_("Name or email address"), required=False, max_length=150)
    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Partnership.objects.none(), required=False, empty_label=_("All partnerships")
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = run_partnerships(viewer)  # type: ignore[attr-defined]


def _email_taken_error(email: str, viewer: Any) -> forms.ValidationError:
    if users.visible(viewer, "view").filter(email=email).exists():
        return forms.ValidationError(
            _("There is already an account with this email address: find the person in the list and give them a role")
        )
    return forms.ValidationError(
        _(
            "There is already an account with this email address, in another partnership. Ask the system "
            "administrator to give the person a role in yours"
        )
    )


class UserDetailsForm(GovukForm):
    """The details of a person: e-mail, name, job title and organisation."""

    email = forms.EmailField(label=_("Email address"), max_length=254, help_text=_("Their work email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    job_title = forms.CharField(label=_("Job title (optional)"), max_length=150, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=_("Choose an organisation")
    )

    def __init__(self, *args: Any, viewer: Any, instance: User | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "email": instance.email,
                    "full_name": instance.full_name,
                    "job_title": instance.job_title,
                    "organisation": instance.organisation_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.instance = instance
        choices = member_organisations(viewer)
        if instance is not None and instance.organisation_id is not None:
            # Editing someone keeps their present organisation on offer even if it is not a member.
            choices = Organisation.objects.filter(Q(pk__in=choices.values("pk")) | Q(pk=instance.organisation_id))
        self.fields["organisation"].queryset = choices  # type: ignore[attr-defined]

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).strip().lower()
        taken = User.objects.filter(email__iexact=email)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise _email_taken_error(email, self.viewer)
        return email


class UserAddForm(UserDetailsForm):
    """A new person and the first role they hold."""

    partnership = forms.ModelChoiceField(
        label=_("Partnership"),
        queryset=Partnership.objects.none(),
        empty_label=_("Choose a partnership"),
        help_text=_("The partnership in which they get their first role"),
    )
    role = role_field(_("Role"))

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, viewer=viewer, **kwargs)
        choices = administered_partnerships(viewer)
        self.fields["partnership"].queryset = choices  # type: ignore[attr-defined]
        only = list(choices.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            self.fields["partnership"].initial = only[0]


class RoleGrantForm(GovukForm):
    """Give a person a role in a partnership the administrator administers."""

    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Partnership.objects.none(), empty_label=_("Choose a partnership")
    )
    role = role_field(_("Role"))

    def __init__(self, *args: Any, viewer: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        choices = administered_partnerships(viewer)
        self.fields["partnership"].queryset = choices  # type: ignore[attr-defined]
        only = list(choices.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            self.fields["partnership"].initial = only[0]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        partnership, role = cleaned.get("partnership"), cleaned.get("role")
        if (
            partnership
            and role
            and RoleGrant.objects.filter(user=self.person, partnership=partnership, role=role).exists()
        ):
            self.add_error(
                "role",
                _("%(name)s already holds this role in this partnership: choose another role")
                % {"name": self.person.full_name or self.person.email},
            )
        return cleaned


class DisableForm(GovukForm):
    """Why a person is disabled (optional), kept in the audit trail."""

    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: left the council on 31 March. Do not include personal details."),
    )


class TokenCreateForm(GovukForm):
    """The name of a new API token: which partner system uses it."""

    name = forms.CharField(
        label=_("Name of the token"),
        max_length=120,
        help_text=_("Say which system will use it, for example: Police records system nightly import"),
    )
