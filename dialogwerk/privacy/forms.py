from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PrivacySettings


class PrivacySettingsForm(forms.ModelForm):
    class Meta:
        model = PrivacySettings
        fields = [
            "controller_name",
            "controller_address",
            "controller_email",
            "dpo_name",
            "dpo_contact",
            "supervisory_authority",
        ]
        widgets = {"controller_address": forms.Textarea(attrs={"rows": 3})}


class ParticipantSearchForm(forms.Form):
    name = forms.CharField(label=_("Display name"), max_length=40, required=False)
    code = forms.CharField(label=_("Join code"), max_length=12, required=False)


class ActorSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, contact person or e-mail"), max_length=200, required=False)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked that this is the right person. Erase their personal data now."), required=True
    )


class ContactSearchForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), required=False)
