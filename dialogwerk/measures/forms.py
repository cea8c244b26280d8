import uuid

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dialogwerk.core import uploads
from dialogwerk.dialogues.forms import DateInput
from dialogwerk.tenancy.models import User

from .models import Measure, Priority, ProgressUpdate, ResultSummary, Statement, Status, SteeringGroup, SteeringMember

SORT_CHOICES = [
    ("due", _("Due date, earliest first")),
    ("-due", _("Due date, latest first")),
    ("title", _("Title")),
    ("theme", _("Theme")),
    ("owner", _("Responsible")),
    ("status", _("Status")),
    ("-progress", _("Progress, most first")),
    ("progress", _("Progress, least first")),
    ("priority", _("Priority")),
]
DUE_CHOICES = [
    ("", _("Any due date")),
    ("overdue", _("Overdue")),
    ("30", _("Due in the next 30 days")),
    ("none", _("No due date")),
]


def _limit_to_dialogue(form: forms.Form, dialogue) -> None:
    if "theme" in form.fields:
        form.fields["theme"].queryset = dialogue.themes.order_by("position", "id")
    if "working_group" in form.fields:
        form.fields["working_group"].queryset = dialogue.working_groups.all()


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "theme",
            "goal",
            "indicator",
            "responsible_person",
            "responsible_email",
            "responsible_organisation",
            "working_group",
            "starts_on",
            "due_on",
            "cost_estimate",
            "funding_source",
            "priority",
            "status",
            "progress",
            "public",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DateInput(),
            "due_on": DateInput(),
        }
        error_messages = {"title": {"required": _("Please give the measure a title.")}}

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_dialogue(self, dialogue)
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100, "inputmode": "numeric"})


class FilterForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("All themes"))
    owner = forms.CharField(label=_("Responsible"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices])
    due = forms.ChoiceField(label=_("Due"), required=False, choices=DUE_CHOICES)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_dialogue(self, dialogue)


KEEP = ""
YES_NO_KEEP = [(KEEP, _("leave as it is")), ("yes", _("yes")), ("no", _("no"))]


class BulkEditForm(forms.Form):
    measures = forms.ModelMultipleChoiceField(
        label=_("Measures"),
        queryset=None,
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Select at least one measure.")},
    )
    status = forms.ChoiceField(
        label=_("Set status"), required=False, choices=[(KEEP, _("leave as it is")), *Status.choices]
    )
    priority = forms.ChoiceField(
        label=_("Set priority"), required=False, choices=[(KEEP, _("leave as it is")), *Priority.choices]
    )
    public = forms.ChoiceField(label=_("Show on the public status page"), required=False, choices=YES_NO_KEEP)
    responsible_person = forms.CharField(label=_("Set responsible person"), required=False)
    due_on = forms.DateField(label=_("Set due date"), required=False, widget=DateInput())

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = dialogue.measures.all()

    def changes(self) -> dict:
        data = self.cleaned_data
        changes = {}
        for name in ("status", "priority"):
            if data[name]:
                changes[name] = data[name]
        if data["public"]:
            changes["public"] = data["public"] == "yes"
        if data["responsible_person"].strip():
            changes["responsible_person"] = data["responsible_person"].strip()
        if data["due_on"]:
            changes["due_on"] = data["due_on"]
        return changes

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError(_("Choose at least one change."))
        return cleaned


class ProgressUpdateForm(forms.ModelForm):
    attachment = forms.FileField(label=_("Attachment (optional)"), required=False)

    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "text", "status", "progress"]
        widgets = {"reported_on": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Please say briefly what happened.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100, "inputmode": "numeric"})

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return uploads.attachment(upload) if upload else upload


class OwnerReportForm(forms.Form):
    """The owner's report through the personal link, in plain words."""

    status = forms.ChoiceField(
        label=_("Where does it stand?"),
        choices=Status.choices,
        error_messages={
            "required": _("Please choose where the measure stands."),
            "invalid_choice": _("Please choose where the measure stands."),
        },
    )
    progress = forms.IntegerField(
        label=_("How far along is it, in percent?"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": _("Please enter a number from 0 to 100."),
            "invalid": _("Please enter a number from 0 to 100."),
            "min_value": _("Please enter a number from 0 to 100."),
            "max_value": _("Please enter a number from 0 to 100."),
        },
    )
    text = forms.CharField(
        label=_("What happened since the last report?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please say briefly what happened.")},
    )
    attachment = forms.FileField(label=_("Attachment (optional)"), required=False)
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)  # sent twice, kept once

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].widget.attrs.update({"inputmode": "numeric"})
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return uploads.attachment(upload) if upload else upload


class SteeringGroupForm(forms.ModelForm):
    class Meta:
        model = SteeringGroup
        fields = ["name", "reminders_enabled", "remind_days_before_due", "stale_after_days", "check_back_after_days"]


class SteeringMemberForm(forms.ModelForm):
    class Meta:
        model = SteeringMember
        fields = ["user", "name", "email", "organisation", "role"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(memberships__municipality=municipality).order_by(
            "last_name", "email"
        )
        self.fields["user"].required = False
        self.fields["name"].required = False
        self.fields["user"].help_text = _("If the person has an account here; else give the name.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("user") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Give a name or choose an account."))
        return cleaned


class StatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["speaker", "text", "published"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        labels = {"published": _("Publish on the status page")}
        error_messages = {"text": {"required": _("Please write the response.")}}


class SummaryForm(forms.ModelForm):
    class Meta:
        model = ResultSummary
        fields = ["language", "text", "translator"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = list(settings.LANGUAGES)
        self.fields["text"].required = False
        self.fields["text"].help_text = _("Leave empty to remove the summary in this language.")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalogue file (.xlsx or .csv)"),
        help_text=_("Our own export or Decidim's results CSV. You will see a preview before anything changes."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        kind, _content = uploads.spreadsheet(upload)
        upload.name = uploads.safe_name(upload.name, kind)
        return upload
