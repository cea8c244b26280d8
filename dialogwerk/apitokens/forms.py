import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Evaluation script”.")
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=Scope.choices,
        initial=Scope.READ,
        help_text=_("Read only is enough for reports and evaluations."),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a token without expiry. The token stops working at the end of this day."),
    )

    def clean_expires_on(self) -> datetime.date | None:
        value = self.cleaned_data["expires_on"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return value

    def expires_at(self) -> datetime.datetime | None:
        value = self.cleaned_data["expires_on"]
        if value is None:
            return None
        end_of_day = datetime.datetime.combine(value + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(end_of_day)
