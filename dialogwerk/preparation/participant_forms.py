"""What an invited person reads on the RSVP page (preparation/rsvp.html). Kept apart from the staff forms:
every string here must exist in all participant languages (tests/test_translations.py)."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import RSVP

UNKNOWN_CODE_MESSAGE = _("We do not know this code. Please check it against your letter and try again.")
SAVED_MESSAGE = _("Thank you! Your answer was saved. You can change it with this link until the event.")


class RSVPForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Will you come?"),
        choices=[(RSVP.ACCEPTED, _("Yes, I will come")), (RSVP.MAYBE, _("Maybe")), (RSVP.DECLINED, _("No, I cannot come"))],
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
        label=_("Your code from the letter"), max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false", "dir": "ltr"}),
        help_text=_("Eight letters and digits, e.g. K7PM-3XC9."),
        error_messages={"required": _("Please enter the code from your letter.")},
    )
