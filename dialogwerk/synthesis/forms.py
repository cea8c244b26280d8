from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from dialogwerk.core import uploads
from dialogwerk.core.markup import escape
from dialogwerk.dialogues.forms import DateInput
from dialogwerk.dialogues.selectors import themes_of
from dialogwerk.tenancy.models import User

from .models import CardKind, Cluster, Decision, Outcome, WorkingGroup


def _html_attrs(attrs: dict) -> str:
    """Attributes as Django's widgets/attrs.html writes them (True: bare name; False: left out)."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class ManyOptionsSelect(forms.Select):
    """A Select that writes its options in Python: the same markup as Django's select templates, without
    a template per option (the decisions page offers hundreds of subjects; the board's filter and cluster
    forms rendered their few selects in more time than all the board's cards)."""

    option_languages: dict[str, str] = {}  # value → language of its label, where not the page's

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        selected = set(self.format_value(value))
        has_selected = False
        parts = [f'<select name="{escape(name)}"{_html_attrs(self.build_attrs(self.attrs, attrs))}>']
        for group_value, group_label in self.choices:
            grouped = isinstance(group_label, (list, tuple))
            if grouped:
                parts.append(f'\n  <optgroup label="{escape(group_value)}">')
            for option_value, option_label in group_label if grouped else [(group_value, group_label)]:
                option_value = "" if option_value is None else str(option_value)
                is_selected = not has_selected and option_value in selected  # as Django: only the first match
                has_selected |= is_selected
                language = self.option_languages.get(option_value)
                parts.append(
                    f'\n  <option value="{escape(option_value)}"{" selected" if is_selected else ""}'
                    f"{f' lang={chr(34)}{escape(language)}{chr(34)}' if language else ''}>"
                    f"{escape(option_label)}</option>\n"
                )
            if grouped:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class InputInPython:
    """An input widget written in Python: the markup of Django's input.html and attrs.html, without two
    templates per field (the decision form's fields took a fifth of the decisions page's time)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        value = self.format_value(value)
        shown = "" if value is None else f' value="{escape(str(value))}"'
        attributes = _html_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<input type="{escape(self.input_type)}" name="{escape(name)}"{shown}{attributes}>')


class TextInputInPython(InputInPython, forms.TextInput):
    pass


class DateInputInPython(InputInPython, DateInput):
    pass


class TextareaInPython(forms.Textarea):
    """Django's Textarea with the markup of its template written in Python (see InputInPython)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        value = self.format_value(value)
        attributes = _html_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<textarea name="{escape(name)}"{attributes}>\n{escape(value) if value else ""}</textarea>')


class ListedChoiceIterator(ModelChoiceIterator):
    """The options read with one plain query: Django's iterator reads them through `.iterator()`, which on
    PostgreSQL opens a server-side cursor (three round trips) every time the select is drawn. Where the
    field was given its objects already read (`listed`), no query at all."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset if self.field.listed is None else self.field.listed:
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for a few options (themes, events, working groups of one dialogue).

    `listed`: the queryset's objects, read once by the view for several forms; a submitted value is still
    checked against the queryset."""

    iterator = ListedChoiceIterator
    listed = None


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["title", "theme", "kind"]
        field_classes = {"theme": ListedModelChoiceField}
        widgets = {"title": TextInputInPython, "theme": ManyOptionsSelect, "kind": ManyOptionsSelect}
        error_messages = {"title": {"required": _("Please give the cluster a title.")}}

    def __init__(self, *args, dialogue, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_of(dialogue=dialogue)
        self.fields["theme"].listed = themes


class RenameForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Please give the cluster a title.")}
    )


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the new cluster"),
        max_length=200,
        error_messages={"required": _("Please give the cluster a title.")},
    )
    cards = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cards"].queryset = cards


class BoardFilterForm(forms.Form):
    session = ListedModelChoiceField(
        label=_("Event"), queryset=None, required=False, empty_label=_("All events"), widget=ManyOptionsSelect
    )
    theme = ListedModelChoiceField(
        label=_("Theme"), queryset=None, required=False, empty_label=_("All themes"), widget=ManyOptionsSelect
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *CardKind.choices], widget=ManyOptionsSelect
    )

    def __init__(self, *args, dialogue, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = dialogue.sessions.order_by("-created_at")
        self.fields["theme"].queryset = themes_of(dialogue=dialogue)
        self.fields["theme"].listed = themes


class DecisionForm(forms.Form):
    subject = forms.ChoiceField(
        label=_("What is decided"), widget=ManyOptionsSelect, error_messages={"required": _("Choose what is decided.")}
    )
    title = forms.CharField(
        label=_("Decision in one line"),
        max_length=200,
        required=False,
        widget=TextInputInPython,
        help_text=_("Left empty, the title of the cluster, card or proposal is used."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        widget=TextareaInPython(attrs={"rows": 3}),
        help_text=_("Required when rejected."),
    )
    working_group = ListedModelChoiceField(
        label=_("Delegate to the working group"),
        queryset=None,
        required=False,
        empty_label=_("– a new working group –"),
        widget=ManyOptionsSelect,
    )
    new_group_name = forms.CharField(
        label=_("Name of a new working group"), max_length=200, required=False, widget=TextInputInPython
    )
    new_group_mandate = forms.CharField(
        label=_("Its mandate"), required=False, widget=TextareaInPython(attrs={"rows": 2})
    )
    new_group_due = forms.DateField(label=_("Deadline for its proposal"), required=False, widget=DateInputInPython())
    body = forms.CharField(
        label=_("Decided by which body (optional)"),
        max_length=200,
        required=False,
        widget=TextInputInPython,
        help_text=_("For example: “Gemeinderat, Sitzung vom 12. März 2027, TOP 7”."),
    )
    body_decided_on = forms.DateField(
        label=_("Date of the resolution (optional)"), required=False, widget=DateInputInPython()
    )

    def __init__(self, *args, dialogue, subjects, subject_languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "–"), *subjects]
        self.fields["subject"].widget.option_languages = subject_languages or {}
        self.fields["working_group"].queryset = dialogue.working_groups.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.DELEGATED and not cleaned.get("working_group"):
            if not (cleaned.get("new_group_name") or "").strip():
                self.add_error("new_group_name", _("Choose a working group or name a new one."))
            if not (cleaned.get("new_group_mandate") or "").strip():
                self.add_error("new_group_mandate", _("Give the new working group its mandate."))
            if not cleaned.get("new_group_due"):
                self.add_error("new_group_due", _("Give the new working group a deadline."))
        return cleaned


class DecisionCorrectionForm(forms.ModelForm):
    """What a correction may change: the words, the reason and the deciding body; and why it is corrected."""

    note = forms.CharField(
        label=_("Why is it corrected?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the decision is corrected: the history shows it.")},
    )

    class Meta:
        model = Decision
        fields = ["title", "reason", "body", "body_decided_on", "document"]
        # A plain file field: Django's clearable one links to the file's URL, and stored files have none.
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "body_decided_on": DateInput(),
            "document": forms.FileInput,
        }

    remove_document = forms.BooleanField(label=_("Remove the resolution document"), required=False)

    def clean_document(self):
        """A new file is checked by its content (core/uploads.py)."""
        document = self.cleaned_data.get("document")
        return uploads.attachment(document) if isinstance(document, UploadedFile) else document

    def clean(self):
        cleaned = super().clean()
        if cleaned.pop("remove_document", False) and not isinstance(cleaned.get("document"), UploadedFile):
            cleaned["document"] = ""
        return cleaned


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "mandate", "member_users", "member_names", "convenor", "convenor_name", "proposal_due_on"]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 3}),
            "member_names": forms.Textarea(attrs={"rows": 3}),
            "member_users": forms.CheckboxSelectMultiple,
            "proposal_due_on": DateInput(),
        }

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.filter(memberships__municipality=dialogue.municipality).order_by("last_name", "email")
        self.fields["member_users"].queryset = users
        self.fields["convenor"].queryset = users


class ReportForm(forms.Form):
    reported_on = forms.DateField(label=_("Reported on"), widget=DateInput())
    report = forms.CharField(label=_("What the group found"), widget=forms.Textarea(attrs={"rows": 4}))
    proposals = forms.CharField(
        label=_("Its proposals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One proposal per line; each then goes through the decision step."),
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(
        label=_("Held on"), widget=DateInput(), error_messages={"required": _("Please give the day of the meeting.")}
    )
    attendees = forms.CharField(label=_("Who took part"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.CharField(
        label=_("Minutes of the meeting"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please write down what the meeting discussed and agreed.")},
    )


class ConvenorReportForm(forms.Form):
    """The group's report through its convenor's link: what it found, and its proposals (dated today)."""

    report = forms.CharField(
        label=_("What the group found"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write what the group found.")},
    )
    proposals = forms.CharField(
        label=_("Its proposals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One proposal per line; each then goes through the decision step."),
    )
