from django import forms
from django.utils.translation import gettext_lazy as _

from dialogwerk.core import uploads
from dialogwerk.dialogues.forms import DateInput
from dialogwerk.dialogues.models import DEFAULT_THEMES
from dialogwerk.tenancy.models import Municipality

from .models import VIDEO_MAX_BYTES, AccessibilityFeedback


class WizardForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        help_text=_("The municipality the dialogue belongs to. Everyone who works for it will see the dialogue."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: “Zusammenleben in Musterstadt”. Participants see it when they join."),
        error_messages={"required": _("Please give the dialogue a title.")},
    )
    starts_on = forms.DateField(
        label=_("Date of the event"),
        widget=DateInput(),
        help_text=_(
            "The project plan is counted back from this date: the needs analysis eight weeks before, invitations four weeks before."
        ),
        error_messages={"required": _("Please enter the date of the event: the project plan is counted from it.")},
    )
    expected_participants = forms.IntegerField(
        label=_("How many people do you expect?"),
        min_value=1,
        max_value=5000,
        help_text=_(
            "Most dialogues have 60 to 70 participants. The number helps to choose the method and plan the tables."
        ),
        error_messages={"required": _("Please estimate how many people will come.")},
    )
    purpose = forms.CharField(
        label=_("Why this dialogue? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "In two or three sentences: why the dialogue takes place and what will happen to its results. Participants read this when they join."
        ),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(name, name) for name, _question in DEFAULT_THEMES],
        initial=[name for name, _question in DEFAULT_THEMES],
        help_text=_("The five usual themes are chosen. Untick those that do not fit your town."),
    )
    extra_themes = forms.CharField(
        label=_("Further themes (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One theme per line, for example “Gesundheit & Pflege”."),
    )

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = (
            municipalities if municipalities is not None else Municipality.objects.none()
        )
        self.fields["expected_participants"].widget.attrs.update({"inputmode": "numeric"})

    def clean_extra_themes(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["extra_themes"].splitlines() if line.strip()]
        too_long = [name for name in names if len(name) > 120]
        if too_long:
            raise forms.ValidationError(_("A theme name can have at most 120 characters."))
        return list(dict.fromkeys(names))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("themes") and not cleaned.get("extra_themes") and "extra_themes" not in self.errors:
            self.add_error("themes", _("Choose at least one theme, or add one of your own."))
        return cleaned


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["municipality", "message", "page_url", "contact"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "municipality": _("Your message goes to the administrators of this municipality."),
            "message": _("Describe what you tried to do and what stopped you."),
            "page_url": _("The address of the page, if you know it."),
            "contact": _("An e-mail address or telephone number, if you want an answer."),
        }
        error_messages = {"message": {"required": _("Please describe the barrier.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["municipality"].empty_label = _("Please choose")
        self.fields["municipality"].error_messages["required"] = _("Please choose the municipality.")


class SignLanguageVideoForm(forms.Form):
    file = forms.FileField(
        label=_("Video file (MP4 or WebM, at most 200 MB)"),
        error_messages={"required": _("Please choose a video file.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > VIDEO_MAX_BYTES:
            raise forms.ValidationError(_("The video is larger than 200 MB. Please shorten or compress it."))
        upload.sniffed_type = uploads.video(upload)
        return upload
