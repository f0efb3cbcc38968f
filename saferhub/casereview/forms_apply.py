"""The question pages of an ASB Case Review application, one short form each.

The public and staff journeys ask the same questions; ``staff=True`` words them about "the
applicant" rather than "you". Each form checks what the service would refuse, so the applicant
is told on the page where they typed it. A service error found later (for example a report
dated after the date received) comes back to its page as ``pending``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferhub.casereview.models import ApplicantRole, Channel, ContactMethod, VictimKind
from saferhub.lib.forms import GovukDateField, GovukForm
from saferhub.register.normalise import format_postcode

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# A width class is given with "govuk-input" itself: GovukFormMixin adds "govuk-input" only when the
# class text does not already contain it, and "govuk-input--width-10" does.
PHONE_CHARACTERS = re.compile(r"^[0-9+()\-\s]+$")
# Enough reports to show a pattern; more belong in a phone call, not a session.
MAX_REPORTS = 30


@dataclass(frozen=True)
class ImpactQuestion:
    code: str
    text: StrOrPromise  # about "the victim"
    text_self: StrOrPromise  # to a victim applying for themselves
    error: StrOrPromise
    error_self: StrOrPromise


# Harm and vulnerability, after the Home Office guidance's factors for the threshold below the
# automatic number (harm or potential harm) and the ASB risk assessments of English CSPs.
IMPACT_QUESTIONS: tuple[ImpactQuestion, ...] = (
    ImpactQuestion(
        "harmed",
        _("Has the victim been hurt, or threatened with harm?"),
        _("Have you been hurt, or threatened with harm?"),
        _("Select yes if the victim has been hurt or threatened with harm"),
        _("Select yes if you have been hurt or threatened with harm"),
    ),
    ImpactQuestion(
        "unsafe_at_home",
        _("Does the victim feel unsafe in their home, or at their business or group's premises?"),
        _("Do you feel unsafe in your home, or at your business or group's premises?"),
        _("Select yes if the victim feels unsafe in their home or premises"),
        _("Select yes if you feel unsafe in your home or premises"),
    ),
    ImpactQuestion(
        "health_affected",
        _("Has the victim's physical or mental health been affected?"),
        _("Has your physical or mental health been affected?"),
        _("Select yes if the victim's physical or mental health has been affected"),
        _("Select yes if your physical or mental health has been affected"),
    ),
    ImpactQuestion(
        "disability",
        _("Does the victim have a disability or long-term illness?"),
        _("Do you have a disability or long-term illness?"),
        _("Select yes if the victim has a disability or long-term illness"),
        _("Select yes if you have a disability or long-term illness"),
    ),
    ImpactQuestion(
        "targeted",
        _(
            "Does the victim think they are targeted because of who they are (for example their race, "
            "religion, disability, sexuality or gender identity)?"
        ),
        _(
            "Do you think you are targeted because of who you are (for example your race, religion, "
            "disability, sexuality or gender identity)?"
        ),
        _("Select yes if the victim thinks they are targeted because of who they are"),
        _("Select yes if you think you are targeted because of who you are"),
    ),
    ImpactQuestion(
        "children_affected",
        _("Are children in the victim's household affected?"),
        _("Are children in your household affected?"),
        _("Select yes if children in the victim's household are affected"),
        _("Select yes if children in your household are affected"),
    ),
)


class QuestionForm(GovukForm):
    """A question page. ``pending`` carries errors the service found after check your answers:
    they are shown on the fields named, as if just typed."""

    def __init__(self, *args: Any, pending: dict[str, str] | None = None, **kwargs: Any) -> None:
        self._pending = dict(pending or {})
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, message in self._pending.items():
            self.add_error(name if name in self.fields else None, message)
        return data


class HowForm(QuestionForm):
    channel = forms.ChoiceField(
        label=_("The application was made by"),
        choices=[(value, label) for value, label in Channel.choices if value != Channel.ONLINE],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the application was made")},
    )


class ReceivedForm(QuestionForm):
    received_on = GovukDateField(
        label=_("Date received"),
        help_text=_("The date of the phone call, or the date the letter or email arrived. For example, 27 3 2026"),
        error_messages={"required": _("Enter the date the application was received")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        received = data.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", _("Date received must be today or in the past"))
        return data


class PartnershipForm(QuestionForm):
    partnership = forms.TypedChoiceField(
        label=_("Which partnership covers the place where the problem happens?"),
        help_text=_(
            "We cannot yet find the partnership from a postcode, so choose it from the list. A partnership "
            "is usually named after the district or borough council."
        ),
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={"required": _("Select the partnership that covers the place where the problem happens")},
    )
    problem_postcode = forms.CharField(
        label=_("Postcode of where the problem happens (optional)"),
        help_text=_("If the problem happens somewhere without a postcode, such as a park, leave this empty"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input govuk-input--width-10"}),
    )

    def __init__(self, *args: Any, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p.pk, p.name) for p in partnerships]
        if len(choices) == 1:
            # Staff of one partnership: nothing to choose.
            self.only = choices[0][0]
            del self.fields["partnership"]
        else:
            self.only = None
            self.fields["partnership"].choices = choices  # type: ignore[attr-defined]

    def clean_problem_postcode(self) -> str:
        text = self.cleaned_data.get("problem_postcode", "").strip()
        if not text:
            return ""
        try:
            return format_postcode(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.only is not None:
            data["partnership"] = self.only
        return data


class WhoForm(QuestionForm):
    applicant_role = forms.ChoiceField(
        label=_("The person applying is"),
        help_text=_("You can apply for yourself, or for someone else if they agree"),
        choices=ApplicantRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who is applying")},
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["applicant_role"].help_text = _("The victim, or someone applying for them with their agreement")


class ConsentForm(QuestionForm):
    victim_consents = forms.BooleanField(
        label=_("I confirm that the victim agrees to me applying for an ASB Case Review for them"),
        error_messages={"required": _("Confirm that the victim agrees to you applying for them")},
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff:
            field = self.fields["victim_consents"]
            field.label = _("The applicant confirmed that the victim agrees to them applying for an ASB Case Review")
            field.error_messages["required"] = _("Confirm that the victim agrees to the applicant applying for them")


class VictimForm(QuestionForm):
    victim_kind = forms.ChoiceField(
        label=_("Is the victim a person, a business or a community group?"),
        choices=VictimKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the victim is a person, a business or a community group")},
    )
    victim_name = forms.CharField(
        label=_("Name of the victim"),
        help_text=_("The person's full name, or the name of the business or group"),
        max_length=200,
        error_messages={"required": _("Enter the name of the victim")},
    )
    victim_email = forms.EmailField(
        label=_("The victim's email address (optional)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter the victim's email address in the correct format, like name@example.com")},
    )
    victim_phone = forms.CharField(label=_("The victim's phone number (optional)"), max_length=40, required=False)

    def __init__(self, *args: Any, applies_for_self: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if applies_for_self:
            # The applicant is the victim: their own contact details come on the next page.
            del self.fields["victim_email"]
            del self.fields["victim_phone"]
            self.fields["victim_kind"].label = _("Are you applying as a person, a business or a community group?")
            self.fields["victim_kind"].error_messages["required"] = _(
                "Select whether you are applying as a person, a business or a community group"
            )
            self.fields["victim_name"].label = _("Your full name, or the name of the business or group")

    def clean_victim_name(self) -> str:
        name = self.cleaned_data.get("victim_name", "").strip()
        if not name:
            raise forms.ValidationError(_("Enter the name of the victim"))
        return name

    def clean_victim_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("victim_phone", ""), _("the victim's phone number"))


def _clean_phone(text: str, what: StrOrPromise) -> str:
    text = text.strip()
    if not text:
        return ""
    digits = sum(ch.isdigit() for ch in text)
    if not PHONE_CHARACTERS.match(text) or not 10 <= digits <= 15:
        raise forms.ValidationError(
            _("Enter %(what)s like 01632 960 001, 07700 900 982 or +44 808 157 0192") % {"what": what}
        )
    return text


class ContactForm(QuestionForm):
    applicant_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name")},
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how we should contact you")},
    )
    applicant_email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send a confirmation to this address if you choose email"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )
    applicant_phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "type": "tel", "class": "govuk-input govuk-input--width-20"}
        ),
    )
    applicant_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = staff
        if staff:
            self.fields["applicant_name"].label = _("The applicant's full name")
            self.fields["applicant_name"].error_messages["required"] = _("Enter the applicant's full name")
            self.fields["contact_method"].label = _("How should we contact the applicant?")
            self.fields["contact_method"].error_messages["required"] = _("Select how we should contact the applicant")
            self.fields["applicant_email"].help_text = _("The acknowledgement is emailed if they choose email")
        self.fields["contact_method"].help_text = _("Give the details for the way you choose; the others are optional")

    def clean_applicant_name(self) -> str:
        name = self.cleaned_data.get("applicant_name", "").strip()
        if not name:
            raise forms.ValidationError(self.fields["applicant_name"].error_messages["required"])
        return name

    def clean_applicant_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("applicant_phone", ""), _("a phone number"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        method = data.get("contact_method")
        needed = {
            ContactMethod.EMAIL: (
                "applicant_email",
                _("Enter an email address, or choose another way to be contacted"),
            ),
            ContactMethod.PHONE: ("applicant_phone", _("Enter a phone number, or choose another way to be contacted")),
            ContactMethod.POST: (
                "applicant_address",
                _("Enter a postal address, or choose another way to be contacted"),
            ),
        }
        if method in needed:
            name, message = needed[ContactMethod(method)]
            # A detail already refused as badly formed has its own message.
            if name not in self.errors and not str(data.get(name) or "").strip():
                self.add_error(name, message)
        return data


class WhereForm(QuestionForm):
    problem_place = forms.CharField(
        label=_("Where does the problem happen?"),
        help_text=_("For example, the street and house number, the block of flats, or the name of the park"),
        max_length=300,
        error_messages={"required": _("Enter where the problem happens")},
    )

    def clean_problem_place(self) -> str:
        place = self.cleaned_data.get("problem_place", "").strip()
        if not place:
            raise forms.ValidationError(_("Enter where the problem happens"))
        return place


class ProblemForm(QuestionForm):
    problem = forms.CharField(
        label=_("What is the problem?"),
        help_text=_("Describe the behaviour, who it affects and how often it happens"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Describe the problem")},
    )
    problem_since = GovukDateField(
        label=_("Date the problem started"),
        help_text=_("An approximate date is fine. For example, 1 6 2025"),
        error_messages={"required": _("Enter when the problem started")},
    )

    def __init__(self, *args: Any, latest: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = latest

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since = data.get("problem_since")
        if since and since > self.latest:
            if self.latest == timezone.localdate():
                self.add_error("problem_since", _("The date the problem started must be today or in the past"))
            else:
                self.add_error(
                    "problem_since",
                    _("The date the problem started must be on or before the date the application was received"),
                )
        return data


class ReportForm(QuestionForm):
    behaviour_on = GovukDateField(
        label=_("Date the behaviour happened"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter when the behaviour happened")},
    )
    reported_on = GovukDateField(
        label=_("Date it was reported"),
        error_messages={"required": _("Enter when it was reported")},
    )
    agency = forms.CharField(
        label=_("Who was it reported to?"),
        help_text=_("For example, the police, the council or a housing association"),
        max_length=200,
        error_messages={"required": _("Enter who it was reported to")},
    )
    reference = forms.CharField(
        label=_("Reference number (optional)"),
        help_text=_("If you were given one, for example a police incident number"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, latest: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = latest

    def clean_agency(self) -> str:
        agency = self.cleaned_data.get("agency", "").strip()
        if not agency:
            raise forms.ValidationError(_("Enter who it was reported to"))
        return agency

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        happened, reported = data.get("behaviour_on"), data.get("reported_on")
        today = self.latest == timezone.localdate()
        if happened and happened > self.latest:
            self.add_error(
                "behaviour_on",
                _("The date the behaviour happened must be today or in the past")
                if today
                else _("The date the behaviour happened must be on or before the date the application was received"),
            )
        if reported and reported > self.latest:
            self.add_error(
                "reported_on",
                _("The date it was reported must be today or in the past")
                if today
                else _("The date it was reported must be on or before the date the application was received"),
            )
        elif happened and reported and reported < happened:
            self.add_error(
                "reported_on",
                _("The date it was reported must be the same as or after the date the behaviour happened"),
            )
        return data


class ImpactForm(QuestionForm):
    impact_description = forms.CharField(
        label=_("How does the problem affect the victim? (optional)"),
        help_text=_("For example, how it affects their sleep, work, health or family, or what they have stopped doing"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, applies_for_self: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        description = self.fields.pop("impact_description")
        for question in IMPACT_QUESTIONS:
            self.fields[f"impact_{question.code}"] = forms.ChoiceField(
                label=question.text_self if applies_for_self else question.text,
                choices=YES_NO,
                widget=forms.RadioSelect(attrs={"inline": True}),
                error_messages={"required": question.error_self if applies_for_self else question.error},
            )
        if applies_for_self:
            description.label = _("How does the problem affect you? (optional)")
        self.fields["impact_description"] = description

    def answers(self) -> dict[str, bool]:
        """{question code: yes?} from the cleaned form."""
        return {q.code: self.cleaned_data[f"impact_{q.code}"] == "yes" for q in IMPACT_QUESTIONS}
