"""What an invited person reads on the RSVP page (preparation/rsvp.html). Kept apart from the staff forms:
every string here must exist in all participant languages (tests/test_translations.py)."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from dialogwerk.dialogues.perspectives import FORM_CHOICES

from .models import RSVP

UNKNOWN_CODE_MESSAGE = _("We do not know this code. Please check it against your letter and try again.")
SAVED_MESSAGE = _("Thank you! Your answer was saved. You can change it with this link until the event.")


class RSVPForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Will you come?"),
        choices=[
            (RSVP.ACCEPTED, _("Yes, I will come")),
            (RSVP.MAYBE, _("Maybe")),
            (RSVP.DECLINED, _("No, I cannot come")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose whether you will come.")},
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: vegetarian, wheelchair access, sign language, childcare."),
    )
    language = forms.ChoiceField(label=_("Preferred language at the event"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—")] + [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]


class ShortCodeForm(forms.Form):
    """The code printed on a paper invitation, typed in to reach the answer page."""

    code = forms.CharField(
        label=_("Your code from the letter"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false", "dir": "ltr"}
        ),
        help_text=_("Eight letters and digits, e.g. K7PM-3XC9."),
        error_messages={"required": _("Please enter the code from your letter.")},
    )


class RegistrationForm(forms.Form):
    """Anyone's sign-up on the public event page. Only the name is needed; an e-mail address only for a
    confirmation and the link to cancel."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={
            "required": _("Please enter your name."),
            "max_length": _("Please use at most %(limit_value)d characters for your name."),
        },
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_(
            "Only for the confirmation and the link to cancel. Without it, tell us in person if you cannot come."
        ),
        error_messages={"invalid": _("Please enter a valid e-mail address, e.g. name@example.org.")},
    )
    perspective = forms.ChoiceField(
        label=_("From which perspective do you take part? (optional)"), choices=FORM_CHOICES, required=False
    )
    language = forms.ChoiceField(label=_("Preferred language at the event"))
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: vegetarian, wheelchair access, sign language, childcare."),
    )
    consent = forms.BooleanField(
        label=_("I have read the notice and agree."),
        error_messages={"required": _("Please agree to the notice to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "dir": "auto"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "dir": "ltr"})
        self.fields["needs"].widget.attrs.update({"dir": "auto"})
