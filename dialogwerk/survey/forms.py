from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH

SCALE_CHOICES = [
    ("1", _("1 – not at all")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – very much")),
]
CHOOSE = {
    "required": _("Please choose a number from 1 to 5."),
    "invalid_choice": _("Please choose a number from 1 to 5."),
}


def _question(label):
    return forms.ChoiceField(label=label, choices=SCALE_CHOICES, widget=forms.RadioSelect, error_messages=CHOOSE)


class AnswerForm(forms.Form):
    process = _question(_("How satisfied are you with how the event went?"))
    results = _question(_("How satisfied are you with the results?"))
    again = _question(_("Would you take part in an event like this again?"))
    comment = forms.CharField(
        label=_("Anything else you would like to tell us? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Please write at most %(limit_value)d characters.")},
    )
