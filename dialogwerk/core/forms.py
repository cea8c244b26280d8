"""Helpers shared by the forms of every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class PersonalLinkForm(forms.Form):
    """Who gets a personal link without an account (a measure's owner, a working group's convenor)."""

    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Please name the person the link is for.")}
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_(
            "The link is sent there. Without an address, hand the link over yourself: it is shown once after saving."
        ),
        error_messages={"invalid": _("Please enter a valid e-mail address, e.g. name@example.org.")},
    )
