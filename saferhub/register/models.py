"""The one register of people and places of a partnership: every case and incident links to these.

A "person" may also be a business or a community group (they can be victims and subjects too).
Duplicates are merged, not multiplied: a merged record points at the one it was merged into
and is archived; every link moves to the record that stays.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.partnerships.models import LocalAuthority, Organisation, Partnership


class SubjectKind(models.TextChoices):
    PERSON = "person", _("A person")
    BUSINESS = "business", _("A business")
    GROUP = "group", _("A community group")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    POST = "post", _("Post")
    IN_PERSON = "in_person", _("In person")
    THROUGH_SUPPORT_WORKER = "support_worker", _("Through a support worker")


class SafetyFlag(models.TextChoices):
    NO_POST = "no_post", _("Do not contact by post")
    NO_PHONE = "no_phone", _("Do not phone")
    NO_HOME_VISIT = "no_home_visit", _("Do not visit at home")
    LIVES_WITH_PERPETRATOR = "lives_with_perpetrator", _("Lives with the alleged perpetrator")
    RISK_TO_STAFF = "risk_to_staff", _("Risk to staff: visit in pairs")


class Person(models.Model):
    """A person, business or community group known to the partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="people")
    recorded_by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=SubjectKind.choices, default=SubjectKind.PERSON)
    given_name = models.CharField(_("first name"), max_length=100, blank=True)
    family_name = models.CharField(_("last name"), max_length=100, blank=True)
    organisation_name = models.CharField(_("name of the business or group"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(_("approximate age"), null=True, blank=True)
    approximate_age_on = models.DateField(null=True, blank=True, help_text=_("When the age was estimated"))
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    home = models.ForeignKey(
        "register.Location", on_delete=models.SET_NULL, null=True, blank=True, related_name="residents"
    )
    preferred_contact = models.CharField(
        _("preferred way to be contacted"), max_length=20, choices=ContactMethod.choices, blank=True
    )
    language = models.CharField(_("preferred language"), max_length=60, blank=True)
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    safety_flags = models.JSONField(_("safety flags"), default=list, blank=True)
    # Normalised forms for finding duplicates (kept in step by the services).
    search_name = models.CharField(max_length=220, db_index=True, editable=False)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["family_name", "given_name", "organisation_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["partnership", "date_of_birth"], name="person_partnership_dob")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind != SubjectKind.PERSON:
            return self.organisation_name
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class PersonAlias(models.Model):
    """Another name a person is known by (a maiden name, a nickname, a spelling)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("other name"), max_length=200)
    search_name = models.CharField(max_length=220, db_index=True, editable=False)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")

    def __str__(self) -> str:
        return self.name


class LocationKind(models.TextChoices):
    ADDRESS = "address", _("An address")
    STREET = "street", _("A street or stretch of road")
    OPEN_SPACE = "open_space", _("An open space (a park, a car park, woodland)")
    PREMISES = "premises", _("Premises (a shop, a pub, a school)")
    BUSINESS = "business", _("A business")


class Location(models.Model):
    """A place: an address, or a described place such as a park or a stretch of road."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="locations")
    recorded_by_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of place"), max_length=12, choices=LocationKind.choices)
    name = models.CharField(_("name of the place"), max_length=200, blank=True)
    address_line_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, db_index=True)
    description = models.TextField(_("description of the place"), blank=True)
    uprn = models.CharField(_("UPRN"), max_length=12, blank=True, db_index=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    lsoa_code = models.CharField(_("LSOA code"), max_length=9, blank=True)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, null=True, blank=True)
    # Normalised address for finding duplicates (kept in step by the services).
    search_address = models.CharField(max_length=420, db_index=True, editable=False)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["postcode", "address_line_1", "name", "pk"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        parts = [self.name, self.address_line_1, self.town, self.postcode]
        return ", ".join(p for p in parts if p) or self.description[:80]
