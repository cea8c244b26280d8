from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dialogwerk.core import uploads
from dialogwerk.dialogues import languages
from dialogwerk.dialogues.forms import DateInput, TimeInput

from .models import (
    RSVP,
    Actor,
    AnsweredVia,
    Channel,
    EventDetails,
    ExistingMeasure,
    KeyFigure,
    NeedsAnalysis,
    Perspective,
    ProjectTask,
)
from .selectors import actors_not_invited


class AnalysisForm(forms.ModelForm):
    class Meta:
        model = NeedsAnalysis
        fields = list(NeedsAnalysis.ANSWER_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in NeedsAnalysis.ANSWER_FIELDS}
        help_texts = {
            "situation": _("The situation in a few sentences; add the key figures below."),
            "measures_summary": _("What already exists; list the measures one by one below."),
            "themes_summary": _("Why these themes; edit the themes and their key questions on the themes page."),
            "actors_summary": _("Who must take part, including sceptical voices; details in the actor register."),
            "design_summary": _("Format, method and time frame; the method advice and agenda help with this."),
        }


class KeyFigureForm(forms.ModelForm):
    class Meta:
        model = KeyFigure
        fields = ["indicator", "value", "as_of", "source"]
        widgets = {"as_of": DateInput(), "indicator": forms.TextInput(attrs={"list": "indicator-suggestions"})}
        error_messages = {
            "indicator": {"required": _("Please name the key figure, e.g. “refugees housed”.")},
            "value": {
                "required": _("Please enter a number."),
                "invalid": _("Please enter a number, e.g. 180 or 12,5."),
            },
            "as_of": {
                "required": _("Please enter the date the number refers to."),
                "invalid": _("Please enter a valid date."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].localize = True
        self.fields["value"].widget = forms.TextInput(attrs={"inputmode": "decimal"})


class ComparisonForm(forms.Form):
    first = forms.DateField(label=_("Compare the state on"), widget=DateInput())
    second = forms.DateField(label=_("with the state on"), widget=DateInput())


class ExistingMeasureForm(forms.ModelForm):
    class Meta:
        model = ExistingMeasure
        fields = ["title", "theme", "owner", "since", "status"]
        widgets = {"since": DateInput()}
        error_messages = {"title": {"required": _("Please give the measure a title.")}}

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = dialogue.themes.order_by("position", "id")


class PerspectiveForm(forms.ModelForm):
    class Meta:
        model = Perspective
        fields = ["name"]
        error_messages = {"name": {"required": _("Please name the perspective.")}}


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = [
            "name",
            "kind",
            "perspective",
            "contact_name",
            "email",
            "phone",
            "consent",
            "themes",
            "influence",
            "interest",
            "stance",
            "notes",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "influence": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "interest": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }
        error_messages = {
            "name": {"required": _("Please enter the name of the organisation or person.")},
            "perspective": {"required": _("Please choose the perspective this actor brings in.")},
            "email": {"invalid": _("Please enter a valid e-mail address, e.g. name@example.org.")},
        }

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspective"].queryset = dialogue.perspectives.order_by("position", "id")
        self.fields["themes"].queryset = dialogue.themes.order_by("position", "id")
        for name in ("influence", "interest"):
            self.fields[name].error_messages.update(
                min_value=_("Please choose a value from 1 to 5."), max_value=_("Please choose a value from 1 to 5.")
            )
        self.fields["consent"].help_text = _(
            "Tick this only when the person agreed to be contacted after seeing the municipality's privacy notice; "
            "which notice and when is recorded. E-mail address and phone are only stored with this consent (GDPR)."
        )

    def clean(self):
        data = super().clean()
        if data.get("consent") and not data.get("email") and not data.get("phone"):
            self.add_error(
                "email", _("Consent was given, but there is no contact detail. Add an e-mail address or phone number.")
            )
        if not data.get("consent") and (data.get("email") or data.get("phone")):
            from .services import contact_consent_message

            self.add_error("consent", contact_consent_message())
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        error_messages={"required": _("Please choose a CSV or XLSX file."), "empty": _("The file is empty.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The content decides (an HTML page or a ZIP renamed to .xlsx is refused); the reader goes by the
        # name, so the name is set to what the content is.
        kind, _content = uploads.spreadsheet(upload)
        upload.name = uploads.safe_name(upload.name, kind)
        return upload


def _offer_actors(field, actors) -> None:
    field.queryset = actors
    field.label_from_instance = lambda actor: f"{actor.name} ({actor.perspective.name})"


class InviteForm(forms.Form):
    actors = forms.ModelMultipleChoiceField(
        label=_("Actors to invite"),
        queryset=Actor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one actor to invite.")},
    )

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_actors(
            self.fields["actors"], actors_not_invited(dialogue=dialogue).filter(consent=True).exclude(email="")
        )


class InviteOtherwiseForm(forms.Form):
    """Actors who cannot be invited by e-mail: a printed letter, or in person / by phone."""

    actors = forms.ModelMultipleChoiceField(
        label=_("Actors to invite"),
        queryset=Actor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Please choose at least one actor to invite."),
            "invalid_choice": _("Choose actors who cannot be invited by e-mail and are not invited yet."),
        },
    )
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[
            (Channel.LETTER, _("printed letter (with a QR code and a short code for the answer)")),
            (Channel.PERSONAL, _("in person or by phone")),
        ],
        widget=forms.RadioSelect,
        initial=Channel.LETTER,
        error_messages={
            "required": _("Choose how the invitation reaches them."),
            "invalid_choice": _("Choose how the invitation reaches them."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the letter"),
        required=False,
        choices=list(settings.LANGUAGES),
        help_text=_("The letter is printed in this language; the dialogue's texts where they are translated."),
        error_messages={"invalid_choice": _("Choose one of the offered languages.")},
    )

    def __init__(self, *args, dialogue, **kwargs):
        # Shares the page with the e-mail form: ids of its own, so that each label ticks its own box.
        super().__init__(*args, auto_id="otherwise_%s", **kwargs)
        _offer_actors(self.fields["actors"], actors_not_invited(dialogue=dialogue).exclude(consent=True, email__gt=""))


class StaffAnswerForm(forms.Form):
    """An answer that reached the staff by phone, letter or in person."""

    status = forms.ChoiceField(
        label=_("Answer"),
        choices=RSVP.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose whether they will come.")},
    )
    answered_via = forms.ChoiceField(
        label=_("The answer came"),
        widget=forms.RadioSelect,
        required=False,
        choices=[(value, label) for value, label in AnsweredVia.choices if value != AnsweredVia.LINK],
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    language = forms.ChoiceField(
        label=_("Preferred language at the event"), required=False, choices=[("", "—"), *settings.LANGUAGES]
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") and cleaned["status"] != RSVP.PENDING and not cleaned.get("answered_via"):
            self.add_error("answered_via", _("Choose how the answer came."))
        return cleaned


class ProjectTaskForm(forms.ModelForm):
    class Meta:
        model = ProjectTask
        fields = ["title", "is_milestone", "owner", "starts_on", "due_on", "status", "depends_on", "notes"]
        widgets = {
            "starts_on": DateInput(),
            "due_on": DateInput(),
            "depends_on": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "title": {"required": _("Please give the task a title.")},
            "due_on": {"required": _("Please enter the due date."), "invalid": _("Please enter a valid date.")},
        }

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        others = dialogue.project_tasks.order_by("due_on", "id")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["depends_on"].queryset = others


class EventDetailsForm(forms.ModelForm):
    """Place, times and what the event offers. The times are the agenda's (one truth), edited here too."""

    starts_at = forms.TimeField(
        label=_("start"),
        widget=TimeInput(),
        error_messages={
            "required": _("Please enter the start time."),
            "invalid": _("Please enter a time, e.g. 16:00."),
        },
    )
    ends_at = forms.TimeField(
        label=_("end"),
        widget=TimeInput(),
        error_messages={"required": _("Please enter the end time."), "invalid": _("Please enter a time, e.g. 21:00.")},
    )
    interpreters = forms.MultipleChoiceField(
        label=_("interpreters for"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, name) for code, name in settings.LANGUAGES if code != languages.WORKING_LANGUAGE],
        error_messages={"invalid_choice": _("Choose one of the offered languages.")},
    )

    class Meta:
        model = EventDetails
        fields = [
            "venue",
            "address",
            "rooms",
            "step_free",
            "accessibility",
            "childcare",
            "childcare_notes",
            "interpreter_other",
            "capacity",
            "registration_open",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "accessibility": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "venue": {"required": _("Please name the venue.")},
            "address": {"required": _("Please enter the address, so that people and navigation apps find it.")},
            "capacity": {"invalid": _("Please enter a whole number."), "min_value": _("Please enter at least 1.")},
        }

    field_order = [
        "venue",
        "address",
        "rooms",
        "starts_at",
        "ends_at",
        "capacity",
        "step_free",
        "accessibility",
        "childcare",
        "childcare_notes",
        "interpreters",
        "interpreter_other",
        "registration_open",
    ]

    def __init__(self, *args, agenda=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agenda is not None:
            self.fields["starts_at"].initial, self.fields["ends_at"].initial = agenda.starts_at, agenda.ends_at
        if self.instance.pk:
            self.fields["interpreters"].initial = self.instance.interpreter_codes

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned
