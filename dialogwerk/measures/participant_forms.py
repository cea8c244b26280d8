"""The measures' one form a participant fills in (on the phone, in their language): every string of this
module is translated into all participant languages (tests/test_translations.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ResultsSubscriptionForm(forms.Form):
    """On a participant's phone, in their language: an address and a consent of its own (not the event's)."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the municipality stores my e-mail address to tell me about the results of this "
            "dialogue. I can stop it at any time with the link in every e-mail; my address is then deleted."
        ),
        error_messages={"required": _("Please tick the box to agree, or leave the page.")},
    )
