"""Managing the people who sign in: their details, roles, second factor, leaving, and API tokens.

Every page fetches through the access policies: a person, role or token the viewer may not
see or change answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub import audit
from saferhub.accounts import services
from saferhub.accounts.access import RUNNERS, api_tokens, role_grants, users
from saferhub.accounts.manage_forms import (
    DisableForm,
    RoleGrantForm,
    TokenCreateForm,
    UserAddForm,
    UserDetailsForm,
    UserFilterForm,
    role_options,
)
from saferhub.accounts.mfa import signed_in_user
from saferhub.accounts.models import Role, RoleGrant, User
from saferhub.accounts.views import send_password_link
from saferhub.lib.forms import posted
from saferhub.manage import administers_a_partnership, runs_a_partnership
from saferhub.policy import forget_grants, is_system_administrator, partnership_ids

PAGE_SIZE = 50


def _name(person: User) -> str:
    return person.full_name or person.email


def _to_person(person: User) -> HttpResponse:
    return redirect("users:detail", user_pk=person.pk)


def user_list(request: HttpRequest) -> HttpResponse:
    """The people of the partnerships the viewer runs, searched and filtered, 50 a page."""
    viewer = request.user
    if not runs_a_partnership(viewer):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = UserFilterForm(request.GET, viewer=viewer)
    people = users.visible(viewer, "view")
    status = "active"
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            people = people.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
        if form.cleaned_data["partnership"] is not None:
            holders = RoleGrant.objects.filter(partnership=form.cleaned_data["partnership"]).values("user")
            people = people.filter(pk__in=holders)
        status = form.cleaned_data["status"] or "active"
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "disabled":
        people = people.filter(is_active=False)
    # Only the roles the viewer may see: a person's roles in other partnerships stay hidden.
    shown_grants = role_grants.visible(viewer, "view").select_related("partnership").order_by("partnership__name")
    people = (
        people.select_related("organisation")
        .prefetch_related(Prefetch("role_grants", queryset=shown_grants, to_attr="shown_grants"))
        .order_by("full_name", "email", "pk")
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/manage/list.html",
        {
            "form": form,
            "page": page,
            "can_add": administers_a_partnership(viewer),
            # Name the partnership beside each role only when there is more than one to tell apart.
            "several_partnerships": is_system_administrator(viewer) or len(partnership_ids(viewer, RUNNERS)) > 1,
        },
    )


def user_add(request: HttpRequest) -> HttpResponse:
    """Add a person with their first role, then e-mail them a link to set their password."""
    viewer = request.user
    if not administers_a_partnership(viewer):
        raise Http404
    form = UserAddForm(posted(request), viewer=viewer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person = services.user_create(
                    email=data["email"],
                    full_name=data["full_name"],
                    job_title=data["job_title"],
                    organisation=data["organisation"],
                    by=viewer,
                )
                services.role_grant(user=person, partnership=data["partnership"], role=data["role"], by=viewer)
        except IntegrityError:
            # Someone added the same address between the check and the save.
            form.add_error("email", _("There is already an account with this email address"))
        else:
            send_password_link(request, person, by=signed_in_user(request))
            messages.success(
                request,
                _("%(name)s has been added. We have emailed them a link to set their password.")
                % {"name": _name(person)},
            )
            return _to_person(person)
    return render(request, "accounts/manage/add.html", {"form": form, "role_options": role_options(form["role"])})


def user_detail(request: HttpRequest, user_pk: int) -> HttpResponse:
    """A person's details, the roles the viewer may see, their API tokens and their status."""
    viewer = request.user
    person = users.get_for_user(viewer, "view", pk=user_pk)
    audit.record_view(actor=viewer, target=person)
    can_change = users.can(viewer, "change", person)
    grants = role_grants.visible(viewer, "view").filter(user=person).select_related("partnership")
    removable = set(role_grants.visible(viewer, "change").filter(user=person).values_list("pk", flat=True))
    tokens = api_tokens.visible(viewer, "view").filter(user=person).order_by("-created_at") if can_change else None
    return render(
        request,
        "accounts/manage/detail.html",
        {
            "person": person,
            "can_change": can_change,
            "grants": [(grant, grant.pk in removable) for grant in grants.order_by("partnership__name", "role")],
            "tokens": tokens,
            "has_device": TOTPDevice.objects.filter(user=person, confirmed=True).exists(),
            "is_self": person.pk == viewer.pk,
        },
    )


def user_edit(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Change a person's e-mail, name, job title or organisation."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    form = UserDetailsForm(posted(request), viewer=viewer, instance=person)
    if request.method == "POST" and form.is_valid():
        services.user_update(user=person, by=viewer, **form.cleaned_data)
        messages.success(request, _("%(name)s's details have been saved.") % {"name": _name(person)})
        return _to_person(person)
    return render(request, "accounts/manage/edit.html", {"form": form, "person": person})


def role_add(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Give a person a role in a partnership the viewer administers."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    form = RoleGrantForm(posted(request), viewer=viewer, person=person)
    if request.method == "POST" and form.is_valid():
        grant = services.role_grant(
            user=person, partnership=form.cleaned_data["partnership"], role=form.cleaned_data["role"], by=viewer
        )
        messages.success(
            request,
            _("%(name)s is now %(role)s in %(partnership)s.")
            % {"name": _name(person), "role": grant.get_role_display(), "partnership": grant.partnership.name},
        )
        return _to_person(person)
    return render(
        request,
        "accounts/manage/role_add.html",
        {"form": form, "person": person, "role_options": role_options(form["role"])},
    )


def _own_last_administrator_role(viewer: Any, grant: RoleGrant) -> bool:
    """Removing it would leave the viewer unable to administer anything (and nobody to undo it)."""
    if grant.user_id != viewer.pk or grant.role != Role.ADMINISTRATOR or is_system_administrator(viewer):
        return False
    others = RoleGrant.objects.filter(
        user_id=viewer.pk, role=Role.ADMINISTRATOR, partnership__archived_at__isnull=True
    ).exclude(pk=grant.pk)
    return not others.exists()


def _partnerships_last_administrator(viewer: Any, grant: RoleGrant) -> bool:
    """Removing it would leave the partnership with no active administrator (the system administrator may)."""
    if grant.role != Role.ADMINISTRATOR or is_system_administrator(viewer):
        return False
    others = RoleGrant.objects.filter(
        partnership_id=grant.partnership_id, role=Role.ADMINISTRATOR, user__is_active=True
    ).exclude(pk=grant.pk)
    return not others.exists()


def role_remove(request: HttpRequest, user_pk: int, grant_pk: int) -> HttpResponse:
    """Confirm, then take a role away. An administrator keeps their own last administrator role, and a
    partnership keeps at least one administrator."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    grant = role_grants.get_for_user(viewer, "change", pk=grant_pk, user_id=person.pk)
    if _own_last_administrator_role(viewer, grant):
        blocked = "own_last"
    elif _partnerships_last_administrator(viewer, grant):
        blocked = "partnership_last"
    else:
        blocked = ""
    if request.method == "POST" and not blocked:
        role, partnership = grant.get_role_display(), grant.partnership.name
        services.role_revoke(grant=grant, by=viewer)
        forget_grants(viewer)
        messages.success(
            request,
            _("%(name)s is no longer %(role)s in %(partnership)s.")
            % {"name": _name(person), "role": role, "partnership": partnership},
        )
        if users.can(viewer, "view", person):
            return _to_person(person)
        messages.info(request, _("They hold no other role in a partnership you run, so they are no longer listed."))
        return redirect("users:list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/manage/role_remove.html",
        {"person": person, "grant": grant, "blocked": blocked},
        status=status,
    )


def user_disable(request: HttpRequest, user_pk: int) -> HttpResponse:
    """A leaver: confirm with an optional reason. They cannot sign in; their tokens stop; history stays."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    is_self = person.pk == viewer.pk
    form = DisableForm(posted(request))
    if request.method == "POST" and not person.is_active:
        return _to_person(person)
    if request.method == "POST" and not is_self and form.is_valid():
        services.user_disable(user=person, by=viewer, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("%(name)s can no longer sign in and their API tokens have stopped working. Their records are kept.")
            % {"name": _name(person)},
        )
        return _to_person(person)
    status = 400 if request.method == "POST" and is_self else 200
    return render(
        request, "accounts/manage/disable.html", {"form": form, "person": person, "is_self": is_self}, status=status
    )


def user_enable(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Confirm, then let a disabled person sign in again."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    if request.method == "POST":
        if not person.is_active:
            services.user_enable(user=person, by=viewer)
            messages.success(
                request,
                _("%(name)s can sign in again. Their old API tokens stay revoked.") % {"name": _name(person)},
            )
        return _to_person(person)
    return render(request, "accounts/manage/enable.html", {"person": person})


def second_factor_reset(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Confirm, then remove a person's authenticator app (a lost phone); they set up a new one."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    if request.method == "POST":
        services.second_factor_reset(user=person, by=viewer)
        messages.success(
            request,
            _("%(name)s's authenticator app has been removed. They will set up a new one when they next sign in.")
            % {"name": _name(person)},
        )
        return _to_person(person)
    return render(request, "accounts/manage/second_factor_reset.html", {"person": person})


def password_link(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Confirm, then e-mail a person a one-use link to set a new password."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    if request.method == "POST" and person.is_active:
        send_password_link(request, person, by=signed_in_user(request))
        messages.success(
            request,
            _("We have emailed %(email)s a link to set a password. It works once, for %(hours)s hours.")
            % {"email": person.email, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        )
        return _to_person(person)
    return render(request, "accounts/manage/password_link.html", {"person": person})


@never_cache
def token_add(request: HttpRequest, user_pk: int) -> HttpResponse:
    """Name a new API token; the next page shows the token once, and it is never stored or shown again."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    form = TokenCreateForm(posted(request))
    if request.method == "POST" and person.is_active and form.is_valid():
        token, raw = services.token_create(user=person, name=form.cleaned_data["name"], by=viewer)
        # Rendered straight from the POST, never redirected: the token goes into no session or URL.
        return render(request, "accounts/manage/token_created.html", {"person": person, "token": token, "raw": raw})
    return render(request, "accounts/manage/token_add.html", {"form": form, "person": person})


def token_revoke(request: HttpRequest, user_pk: int, token_pk: int) -> HttpResponse:
    """Confirm, then stop an API token working at once."""
    viewer = request.user
    person = users.get_for_user(viewer, "change", pk=user_pk)
    token = api_tokens.get_for_user(viewer, "change", pk=token_pk, user_id=person.pk)
    if request.method == "POST":
        if token.is_active:
            services.token_revoke(token=token, by=viewer)
            messages.success(
                request, _("The API token %(name)s has been revoked. It no longer works.") % {"name": token.name}
            )
        return _to_person(person)
    return render(request, "accounts/manage/token_revoke.html", {"person": person, "token": token})
