"""Loads the demonstration data through the services, step by step, creating only what is missing.

Each step is a function that takes the ``DemoLoad`` in progress. It looks every record up
by its natural key (a slug, an ONS code, a name, an e-mail address) and calls a service only
for what is not there yet, so a second run changes nothing and writes no audit event.

Other apps add their own demo data by registering steps in a ``demo_data`` module of
their own, which ``load`` imports from every installed app before it runs::

    # saferhub/casework/demo_data.py
    from saferhub.demo.loader import DemoLoad, step

    @step
    def demo_cases(run: DemoLoad) -> None:
        braintree = run.partnership("braintree")
        if not Case.objects.filter(partnership=braintree, reference="BDC-0001").exists():
            run.created(case_open(..., by=None))

Steps run in the order they were registered: this module's own first (areas, organisations,
partnerships, agreements, people), then each app's in ``INSTALLED_APPS`` order.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import check_password
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from saferhub.accounts import services as accounts
from saferhub.accounts.models import RoleGrant, User
from saferhub.demo import data
from saferhub.partnerships import services as partnerships
from saferhub.partnerships.models import (
    Area,
    InformationSharingAgreement,
    LocalAuthority,
    Membership,
    Organisation,
    Partnership,
)


def demo_password() -> str:
    """The one password every demo user gets: ``SAFERHUB_DEMO_PASSWORD`` or the published default."""
    return os.environ.get(data.PASSWORD_ENV) or data.DEFAULT_PASSWORD


@dataclass
class DemoLoad:
    """One run of the loader: what it has created so far, and lookups for the steps that follow."""

    password: str
    today: datetime.date = field(default_factory=timezone.localdate)
    counts: Counter[type[models.Model]] = field(default_factory=Counter)

    def created(self, record: models.Model, count: int = 1) -> None:
        """Count a record a step has just created (for the summary)."""
        self.counts[type(record)] += count

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> list[str]:
        """``["1 area", "14 local authorities", ...]`` in the order things were created."""
        lines = []
        for model, count in self.counts.items():
            meta = model._meta
            lines.append(f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}")
        return lines

    def area(self, slug: str) -> Area:
        return Area.objects.get(slug=slug)

    def partnership(self, slug: str) -> Partnership:
        return Partnership.objects.get(slug=slug)

    def organisation(self, name: str) -> Organisation:
        return Organisation.objects.get(name=name)

    def user(self, email: str) -> User:
        return User.objects.get(email=email.lower())


Step = Callable[[DemoLoad], None]
STEPS: list[Step] = []


def step(function: Step) -> Step:
    """Register a loader step (a decorator). A step must create only what is missing."""
    if function not in STEPS:
        STEPS.append(function)
    return function


def discover() -> None:
    """Import ``demo_data`` from every installed app, so their steps are registered."""
    autodiscover_modules("demo_data")


def load(*, password: str | None = None) -> DemoLoad:
    """Run every step in one transaction: all the demo data or none of it."""
    discover()
    run = DemoLoad(password=password or demo_password())
    with transaction.atomic():
        for each in STEPS:
            each(run)
    return run


# --- the demo app's own steps -------------------------------------------------------------


@step
def area_and_local_authorities(run: DemoLoad) -> None:
    """Essex and its 14 local authorities, by slug and ONS code."""
    area = Area.objects.filter(Q(slug=data.ESSEX.slug) | Q(name=data.ESSEX.name)).first()
    if area is None:
        area = partnerships.area_create(
            name=data.ESSEX.name, slug=data.ESSEX.slug, police_force=data.ESSEX.police_force, by=None
        )
        run.created(area)
    existing = set(LocalAuthority.objects.values_list("ons_code", flat=True))
    for ons_code, name in data.ESSEX.local_authorities:
        if ons_code not in existing:
            run.created(partnerships.local_authority_create(area=area, ons_code=ons_code, name=name, by=None))


@step
def organisations(run: DemoLoad) -> None:
    """Every agency the partnerships name, by name."""
    existing = set(Organisation.objects.values_list("name", flat=True))
    for organisation in data.organisations():
        if organisation.name not in existing:
            run.created(partnerships.organisation_create(name=organisation.name, kind=organisation.kind, by=None))


@step
def partnerships_and_members(run: DemoLoad) -> None:
    """The three partnerships (by slug) and their member organisations."""
    area = Area.objects.get(Q(slug=data.ESSEX.slug) | Q(name=data.ESSEX.name))
    for wanted in data.PARTNERSHIPS:
        partnership = Partnership.objects.filter(Q(slug=wanted.slug) | Q(name=wanted.name)).first()
        if partnership is None:
            partnership = partnerships.partnership_create(
                name=wanted.name,
                slug=wanted.slug,
                area=area,
                local_authorities=list(LocalAuthority.objects.filter(ons_code__in=wanted.local_authorities)),
                contact_email=f"community.safety@{wanted.email_domain}",
                by=None,
            )
            run.created(partnership)
        members = set(Membership.objects.filter(partnership=partnership).values_list("organisation__name", flat=True))
        for organisation in wanted.members:
            if organisation.name not in members:
                run.created(
                    partnerships.membership_add(
                        partnership=partnership,
                        organisation=run.organisation(organisation.name),
                        joined_on=datetime.date(2024, 4, 1),
                        by=None,
                    )
                )


def _partnership(wanted: data.PartnershipData) -> Partnership:
    # By slug or by name: a partnership someone set up by hand keeps the slug they gave it.
    return Partnership.objects.get(Q(slug=wanted.slug) | Q(name=wanted.name))


@step
def sharing_agreements(run: DemoLoad) -> None:
    """Each partnership's information sharing agreements, by title; at least one is overdue for review."""
    for wanted in data.PARTNERSHIPS:
        partnership = _partnership(wanted)
        titles = set(
            InformationSharingAgreement.objects.filter(partnership=partnership).values_list("title", flat=True)
        )
        for agreement in wanted.agreements:
            if agreement.title in titles:
                continue
            review_due_on = agreement.review_due_on or run.today.replace(year=run.today.year + 2, day=1)
            run.created(
                partnerships.agreement_create(
                    partnership=partnership,
                    title=agreement.title,
                    parties=[run.organisation(o.name) for o in agreement.parties],
                    purposes=list(agreement.purposes),
                    data_categories=list(agreement.data_categories),
                    signed_on=agreement.signed_on,
                    review_due_on=review_due_on,
                    lawful_basis=agreement.lawful_basis,
                    by=None,
                )
            )


def _person(run: DemoLoad, email: str, person: data.PersonData, *, is_superuser: bool = False) -> User:
    # An existing demo user is left as it is: never reset a password someone may have changed.
    user = User.objects.filter(email=email).first()
    if user is None:
        user = accounts.user_create(
            email=email,
            full_name=person.full_name,
            job_title=person.job_title,
            organisation=run.organisation(person.organisation.name) if person.organisation else None,
            password=run.password,
            is_superuser=is_superuser,
            by=None,
        )
        run.created(user)
    return user


@step
def people(run: DemoLoad) -> None:
    """A user for every role in every partnership, and one system administrator."""
    for wanted in data.PARTNERSHIPS:
        partnership = _partnership(wanted)
        for person in wanted.people:
            user = _person(run, wanted.email(person), person)
            held = set(RoleGrant.objects.filter(user=user, partnership=partnership).values_list("role", flat=True))
            for role in person.roles:
                if role not in held:
                    run.created(accounts.role_grant(user=user, partnership=partnership, role=role, by=None))
    _person(run, data.SYSTEM_ADMINISTRATOR_EMAIL, data.SYSTEM_ADMINISTRATOR, is_superuser=True)


# --- listing the demo users (read-only) ---------------------------------------------------


def _listing_order() -> dict[str, int]:
    emails = [p.email(person) for p in data.PARTNERSHIPS for person in p.people]
    emails.append(data.SYSTEM_ADMINISTRATOR_EMAIL)
    return {email: index for index, email in enumerate(emails)}


@dataclass(frozen=True)
class DemoUser:
    email: str
    password: str | None
    partnership: str | None
    partnership_slug: str | None
    organisation: str | None
    roles: list[str]
    is_system_administrator: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "password": self.password,
            "partnership": self.partnership,
            "partnership_slug": self.partnership_slug,
            "organisation": self.organisation,
            "roles": self.roles,
        }


def demo_users(*, password: str | None = None) -> list[DemoUser]:
    """Every demo user in the database (their e-mail ends in the demo domain); reads only.

    ``password`` is the demo password where it still opens the account (checked without
    upgrading the stored hash, so nothing is written), else None. A user is listed with
    their first partnership (by name) and the roles they hold there.
    """
    password = password or demo_password()
    users = (
        User.objects.filter(Q(email__endswith=f"@{data.EMAIL_DOMAIN}") | Q(email__endswith=f".{data.EMAIL_DOMAIN}"))
        .select_related("organisation")
        .prefetch_related("role_grants__partnership")
    )
    order = _listing_order()
    listed = []
    for user in sorted(users, key=lambda u: (order.get(u.email, len(order)), u.email)):
        grants = sorted(user.role_grants.all(), key=lambda g: (g.partnership.name, g.role))
        partnership = grants[0].partnership if grants else None
        listed.append(
            DemoUser(
                email=user.email,
                password=password if check_password(password, user.password) else None,
                partnership=partnership.name if partnership else None,
                partnership_slug=partnership.slug if partnership else None,
                organisation=user.organisation.name if user.organisation else None,
                roles=sorted({g.role for g in grants if g.partnership == partnership}),
                is_system_administrator=user.is_superuser,
            )
        )
    return listed
