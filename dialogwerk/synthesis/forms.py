from django import forms
from django.utils.translation import gettext_lazy as _

from dialogwerk.dialogues.forms import DateInput
from dialogwerk.tenancy.models import User

from .models import CardKind, Cluster, Outcome, WorkingGroup


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["title", "theme", "kind"]
        error_messages = {"title": {"required": _("Please give the cluster a title.")}}

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = dialogue.themes.order_by("position", "id")


class RenameForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, error_messages={"required": _("Please give the cluster a title.")})


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("Title of the new cluster"), max_length=200, error_messages={"required": _("Please give the cluster a title.")})
    cards = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cards"].queryset = cards


class BoardFilterForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False, empty_label=_("All events"))
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("All themes"))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *CardKind.choices])

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = dialogue.sessions.order_by("-created_at")
        self.fields["theme"].queryset = dialogue.themes.order_by("position", "id")


class DecisionForm(forms.Form):
    subject = forms.ChoiceField(label=_("What is decided"), error_messages={"required": _("Choose what is decided.")})
    title = forms.CharField(
        label=_("Decision in one line"), max_length=200, required=False,
        help_text=_("Left empty, the title of the cluster, card or proposal is used."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejected."),
    )
    working_group = forms.ModelChoiceField(
        label=_("Delegate to the working group"), queryset=None, required=False, empty_label=_("– a new working group –")
    )
    new_group_name = forms.CharField(label=_("Name of a new working group"), max_length=200, required=False)
    new_group_mandate = forms.CharField(label=_("Its mandate"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    new_group_due = forms.DateField(label=_("Deadline for its proposal"), required=False, widget=DateInput())

    def __init__(self, *args, dialogue, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "–"), *subjects]
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
        label=_("Its proposals"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One proposal per line; each then goes through the decision step."),
    )
