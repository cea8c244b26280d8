"""What a participant reads on their own data page (privacy/my_participant_data.html). Kept apart from the
staff forms: every string here must exist in all participant languages (tests/test_translations.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

ERASED_MESSAGE = _(
    "Your name, language and perspective were erased. Your cards and dots stay in the results, without your name."
)


class SelfEraseForm(forms.Form):
    """A participant erases their own data from the phone: one box to tick, so a stray tap does nothing."""

    confirm = forms.BooleanField(
        label=_("Yes, erase my name, language and perspective now."),
        required=True,
        error_messages={"required": _("Please tick the box to confirm.")},
    )
