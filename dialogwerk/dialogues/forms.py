from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Dialogue, Phase, Theme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DialogueForm(forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = ["title", "purpose", "starts_on", "ends_on", "expected_participants"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Please give the dialogue a title.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_participants"].widget.attrs.update({"min": 1, "inputmode": "numeric"})


class DeleteDialogueForm(forms.Form):
    confirm_title = forms.CharField(
        label=_("Type the dialogue's title to confirm"),
        max_length=200,
        error_messages={"required": _("Type the dialogue's title exactly to confirm.")},
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "key_question"]
        widgets = {"key_question": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": _("Please name the theme.")}}


class LanguagesForm(forms.Form):
    """The dialogue's languages as checkboxes; German is shown ticked and fixed, and kept by the service."""

    SECTION = "languages"  # the value of the hidden "section" field that sends a post to this form

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the offered languages."),
            "invalid_list": _("Choose the languages from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = list(settings.LANGUAGES)
